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
    articles = [[a.id, a.title, a.published] + [store.article(a.id).content_hash]
                for a in store.article_summaries()]
    return _digest({"articles": articles, "annotations": _annotations(store)})


def _annotations(store: ProjectStore) -> dict[str, Any]:
    quotes = [[q.id, q.article_id, [[s.start, s.end] for s in q.spans], q.kind.value, q.speaker_name,
               q.speaker_confirmation.by, q.date_said.value, q.date_said.precision.value, q.status.value, q.note]
              for q in store.quotes(include_deleted=True)]
    evidence = [[e.quote_id, e.url, e.file_path, e.title, e.excerpt, e.note] for e in store.evidence()]
    return {"quotes": quotes, "evidence": evidence}


def _digest(value: Any) -> str:
    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
