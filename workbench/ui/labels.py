"""Words for people: enum values from the domain turned into labels, colours and keys."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from workbench.domain.errors import Remedy, UserFacingError
from workbench.domain.model import NameKind, QuoteKind, VerificationStatus
from workbench.services.reports.labels import KIND_LABELS, STATUS_LABELS
from workbench.services.reports.labels import STATUS_COLOURS as REPORT_STATUS_COLOURS


def tr(text: str) -> str:
    return QCoreApplication.translate("labels", text)


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

# Colour-blind-safe palette (Okabe–Ito), shared with the reports; each status also has its own underline.
STATUS_COLOURS = {status: QColor(colour) for status, colour in REPORT_STATUS_COLOURS.items()}


def status_label(status: VerificationStatus) -> str:
    return tr(STATUS_LABELS[status])


def kind_label(kind: QuoteKind) -> str:
    return tr(KIND_LABELS[kind])


# What a proposed speaker name stands for; UNKNOWN (quotes from before names had kinds) shows nothing.
_NAME_KIND_LABELS = {
    NameKind.PERSON: "Person",
    NameKind.ORGANISATION: "Organisation",
    NameKind.DOCUMENT_ISSUER: "Issuer of a document",
    NameKind.GROUP: "Group",
    NameKind.UNNAMED: "Unnamed source (the article's own words)",
}


def name_kind_label(kind: NameKind) -> str:
    return tr(_NAME_KIND_LABELS[kind]) if kind in _NAME_KIND_LABELS else ""


def plural(count: int, one: str, many: str) -> str:
    """``1 quote``, ``2 quotes``: the count with the word that agrees with it (both words translated)."""
    return f"{count} {one if count == 1 else many}"


_REMEDIES = {
    Remedy.SAVE_AS: "Use File → Save As to keep your work in a copy, in another folder if need be.",
    Remedy.IMPORT_ARTICLE: "To work on an article, use File → Import articles.",
}


def explain(error: UserFacingError) -> str:
    """An error's sentence for a message box, with what to do next in the window's own words."""
    return f"{error.message} {tr(_REMEDIES[error.remedy])}" if error.remedy else error.message
