"""SHA-256 fingerprints of what a report or a sign-off was made from."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from workbench.persistence.store import ProjectStore


def annotations_fingerprint(store: ProjectStore) -> str:
    """The analysts' annotations: every quote's spans, speaker, date, status, note, and all evidence.

    Review records are left out, so a reviewer's own work never makes a sign-off out of date.
    """
    return _digest(_annotations(store))


def project_fingerprint(store: ProjectStore) -> str:
    """The whole content a report is made from: articles (by text hash) and annotations."""
    return _digest({"articles": store.article_identity_rows(), "annotations": _annotations(store)})


def _annotations(store: ProjectStore) -> dict[str, Any]:
    quotes, evidence = store.annotation_rows()
    return {"quotes": quotes, "evidence": evidence}


def _digest(value: Any) -> str:
    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
