"""Edits to a project as values: each one, applied, yields its inverse (for undo)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workbench.domain.model import Evidence


@dataclass(frozen=True)
class QuotePatch:
    """Set some columns of one quote (names as in docs/project-file.md)."""

    quote_id: int
    values: Mapping[str, Any]
    description: str = ""


@dataclass(frozen=True)
class AddEvidence:
    evidence: Evidence
    description: str = "Add evidence"


@dataclass(frozen=True)
class RemoveEvidence:
    evidence_id: int
    description: str = "Remove evidence"


@dataclass(frozen=True)
class EditGroup:
    """Several edits done and undone as one (bulk actions); inverses apply in reverse order."""

    edits: tuple["Edit", ...]
    description: str = ""


Edit = QuotePatch | AddEvidence | RemoveEvidence | EditGroup
