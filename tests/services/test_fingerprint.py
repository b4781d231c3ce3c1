"""Fingerprints change with the analysts' annotations and only with them."""

from workbench.persistence.store import ProjectStore
from workbench.services.fingerprint import annotations_fingerprint, project_fingerprint
from workbench.services.project import ProjectService


def test_fingerprint_follows_annotations(tmp_path, sample_article):
    with ProjectStore.create(tmp_path / "f.qwb", title="F") as store:
        service = ProjectService(store, "Ana")
        service.import_source(str(sample_article))
        first = annotations_fingerprint(store)
        whole = project_fingerprint(store)
        assert first == annotations_fingerprint(store) and len(first) == 64
        inverse, _ = service.apply(service.status_edit(1, "verified"))
        assert annotations_fingerprint(store) != first
        assert project_fingerprint(store) != whole
        service.apply(inverse)
        assert annotations_fingerprint(store) == first
        service.apply(service.evidence_edit(2, url="https://example.org/transcript"))
        assert annotations_fingerprint(store) != first
