"""Words and colours for people reading a report.

The single source of these words: reports use them as they are (made without
Qt, in the CLI or a worker thread), and ``workbench/ui/labels.py`` passes them
through Qt's translation for the window.
"""

from __future__ import annotations

from workbench.domain.model import QuoteKind, ReviewVerdict, SignOffDecision, VerificationStatus

STATUS_LABELS = {
    VerificationStatus.UNCHECKED: "Unchecked",
    VerificationStatus.IN_PROGRESS: "In progress",
    VerificationStatus.VERIFIED: "Verified",
    VerificationStatus.ALTERED: "Altered",
    VerificationStatus.MISATTRIBUTED: "Misattributed",
    VerificationStatus.OUT_OF_CONTEXT: "Out of context",
    VerificationStatus.UNVERIFIABLE: "Unverifiable",
}

# The same colour-blind-safe palette (Okabe–Ito) as the window.
STATUS_COLOURS = {
    VerificationStatus.UNCHECKED: "#BBBBBB",
    VerificationStatus.IN_PROGRESS: "#56B4E9",
    VerificationStatus.VERIFIED: "#009E73",
    VerificationStatus.ALTERED: "#E69F00",
    VerificationStatus.MISATTRIBUTED: "#D55E00",
    VerificationStatus.OUT_OF_CONTEXT: "#CC79A7",
    VerificationStatus.UNVERIFIABLE: "#0072B2",
}

# Statuses that are a verdict: only these become ClaimReview objects.
VERDICTS = frozenset(VerificationStatus) - {VerificationStatus.UNCHECKED, VerificationStatus.IN_PROGRESS}

KIND_LABELS = {
    QuoteKind.DIRECT: "Direct",
    QuoteKind.MIXED: "Partial",
    QuoteKind.INDIRECT: "Reported",
}

VERDICT_LABELS = {
    ReviewVerdict.APPROVED: "Approved",
    ReviewVerdict.QUERIED: "Queried",
}

DECISION_LABELS = {
    SignOffDecision.APPROVED: "Approved",
    SignOffDecision.CHANGES_REQUESTED: "Changes requested",
}

# A quote's review state, from its latest review (see data.review_state).
REVIEW_STATE_LABELS = {
    "none": "Not reviewed",
    "approved": "Approved",
    "queried": "Queried",
    "answered": "Queried, answered",
    "resolved": "Query resolved",
}


def plural(count: int, one: str, many: str) -> str:
    """``1 quote``, ``2 quotes``: the count with the word that agrees with it."""
    return f"{count} {one if count == 1 else many}"
