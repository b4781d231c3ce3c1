"""Soak: thousands of random edit / undo / redo / save cycles through the service layer, no Qt.

After every save, and at the end, the project file equals the session's working copy and an
independent model of what the edits should have done; the audit log, replayed from the
start, accounts for every change. 500 cycles by default; QWB_SOAK_CYCLES=10000 for the full
soak (timing in docs/hardening-import.md).
"""

from __future__ import annotations

import os
import random
import time
from collections import defaultdict


from workbench.domain.model import VerificationStatus
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService
from workbench.services.session import ProjectSession

CYCLES = int(os.environ.get("QWB_SOAK_CYCLES", "500"))
NOTES = ["", "checked", "Transcript p. 4 — “verbatim”", "مصدر: الوكالة", "引用を確認", "a\nb", "x" * 300]
DATES = [None, "2022-01-26", "2022-01", "2021", "2023-12-31"]


def _file_state(store: ProjectStore):
    return store.quotes(include_deleted=True), store.evidence()


def _model_of(store: ProjectStore) -> dict[int, dict]:
    return {q.id: {"status": q.status.value, "note": q.note, "date_value": q.date_said.value}
            for q in store.quotes(include_deleted=True)}


def _check_audit(store: ProjectStore, initial: dict[int, dict]) -> int:
    """Replay the audit log over the initial values; it must land on the final values exactly."""
    replayed = {qid: {k: None if v is None else str(v) for k, v in fields.items()} for qid, fields in initial.items()}
    live_evidence: dict[int, set[int]] = defaultdict(set)
    entries = store.audit_log()
    evidence_quote = {e.id: e.quote_id for e in store.evidence()}
    for entry in entries:
        if entry.entity == "quote" and entry.action == "update" and entry.field in ("status", "note", "date_value"):
            current = replayed[entry.entity_id][entry.field]
            assert entry.old_value == current, f"audit entry {entry.id} starts from {entry.old_value!r}, not {current!r}"
            replayed[entry.entity_id][entry.field] = entry.new_value
        elif entry.entity == "evidence":
            if entry.action == "create":
                assert entry.entity_id not in live_evidence["all"]
                live_evidence["all"].add(entry.entity_id)
            elif entry.action == "delete":
                live_evidence["all"].remove(entry.entity_id)
    final = {qid: {k: None if v is None else str(v) for k, v in fields.items()} for qid, fields in _model_of(store).items()}
    assert replayed == final
    assert live_evidence["all"] == set(evidence_quote)
    return len(entries)


def test_random_edit_undo_save_cycles_keep_file_memory_and_audit_in_step(tmp_path, sample_article):
    path = tmp_path / "soak.qwb"
    with ProjectStore.create(path, title="Soak", analyst="Ana") as store:
        ProjectService(store, "Ana").import_source(str(sample_article))
    session = ProjectSession.open(path)
    service = ProjectService(session.store, "Soak")
    initial = _model_of(session.store)
    model = {qid: dict(fields) for qid, fields in initial.items()}
    evidence_model: dict[int, int] = {}  # evidence id -> quote id
    quote_ids = sorted(model)
    undo: list = []  # (inverse edit, what it undoes in the model)
    redo: list = []
    rng = random.Random(16)
    saves = changes = 0
    started = time.perf_counter()

    def apply(edit):
        nonlocal changes
        inverse = service.apply(edit).inverse
        changes += 1
        session.set_unsaved(True)
        return inverse

    def mirror(edit, inverse):
        """Carry an applied edit into the model, by what the edit says it does."""
        kind = type(edit).__name__
        if kind == "QuotePatch":
            values = edit.fields.columns()
            for name in ("status", "note", "date_value"):
                if name in values:
                    model[edit.quote_id][name] = values[name]
        elif kind == "AddEvidence":
            evidence_model[inverse.evidence_id] = edit.evidence.quote_id
        elif kind == "RemoveEvidence":
            del evidence_model[edit.evidence_id]

    for _ in range(CYCLES):
        roll = rng.random()
        if roll < 0.55:
            quote_id = rng.choice(quote_ids)
            choice = rng.randrange(4)
            if choice == 0:
                edit = service.status_edit(quote_id, rng.choice(list(VerificationStatus)))
            elif choice == 1:
                edit = service.note_edit(quote_id, rng.choice(NOTES))
            elif choice == 2:
                edit = service.date_edit(quote_id, rng.choice(DATES))
            else:
                edit = service.evidence_edit(quote_id, url=f"https://example.org/{rng.randrange(10**6)}")
            inverse = apply(edit)
            mirror(edit, inverse)
            undo.append(inverse)
            redo.clear()
        elif roll < 0.8 and undo:
            inverse = undo.pop()
            again = apply(inverse)
            mirror(inverse, again)
            redo.append(again)
        elif roll < 0.9 and redo:
            edit = redo.pop()
            inverse = apply(edit)
            mirror(edit, inverse)
            undo.append(inverse)
        else:
            session.save()
            saves += 1
            assert not session.unsaved
            with ProjectStore(path, read_only=True) as saved:
                assert _file_state(saved) == _file_state(session.store)
    session.save()
    took = time.perf_counter() - started
    with ProjectStore(path, read_only=True) as saved:
        assert _file_state(saved) == _file_state(session.store)
        assert _model_of(saved) == model
        assert {e.id: e.quote_id for e in saved.evidence()} == evidence_model
        audited = _check_audit(saved, initial)
    session.close()
    print(f"\nsoak: {CYCLES} cycles ({changes} changes, {saves + 1} saves, {audited} audit entries) "
          f"in {took:.1f} s")
    assert changes > CYCLES // 2 and saves > CYCLES // 20
