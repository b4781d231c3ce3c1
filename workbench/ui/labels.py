"""Words for people: enum values from the domain turned into labels, colours and keys."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from workbench.domain.model import QuoteKind, VerificationStatus


def tr(text: str) -> str:
    return QCoreApplication.translate("labels", text)


STATUS_LABELS = {
    VerificationStatus.UNCHECKED: "Unchecked",
    VerificationStatus.IN_PROGRESS: "In progress",
    VerificationStatus.VERIFIED: "Verified",
    VerificationStatus.ALTERED: "Altered",
    VerificationStatus.MISATTRIBUTED: "Misattributed",
    VerificationStatus.OUT_OF_CONTEXT: "Out of context",
    VerificationStatus.UNVERIFIABLE: "Unverifiable",
}

STATUS_HELP = {
    VerificationStatus.UNCHECKED: "Not looked at yet",
    VerificationStatus.IN_PROGRESS: "Being checked",
    VerificationStatus.VERIFIED: "Words and speaker confirmed against a primary source",
    VerificationStatus.ALTERED: "Right speaker, wording changed in a way that matters",
    VerificationStatus.MISATTRIBUTED: "Someone else said it",
    VerificationStatus.OUT_OF_CONTEXT: "Accurate words, misleading framing",
    VerificationStatus.UNVERIFIABLE: "No primary source found",
}

# Keys 0–6 set a status on the selected quotes (listed under Help → Keyboard shortcuts).
STATUS_KEYS = {status: str(i) for i, status in enumerate(VerificationStatus)}

# Colour-blind-safe palette (Okabe–Ito); every status also has its own underline style.
STATUS_COLOURS = {
    VerificationStatus.UNCHECKED: QColor("#BBBBBB"),
    VerificationStatus.IN_PROGRESS: QColor("#56B4E9"),
    VerificationStatus.VERIFIED: QColor("#009E73"),
    VerificationStatus.ALTERED: QColor("#E69F00"),
    VerificationStatus.MISATTRIBUTED: QColor("#D55E00"),
    VerificationStatus.OUT_OF_CONTEXT: QColor("#CC79A7"),
    VerificationStatus.UNVERIFIABLE: QColor("#0072B2"),
}

KIND_LABELS = {
    QuoteKind.DIRECT: "Direct",
    QuoteKind.MIXED: "Partial",
    QuoteKind.INDIRECT: "Reported",
}


def status_label(status: VerificationStatus) -> str:
    return tr(STATUS_LABELS[status])


def kind_label(kind: QuoteKind) -> str:
    return tr(KIND_LABELS[kind])
