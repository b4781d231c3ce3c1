"""benchmarks/bench_desk.py's after-the-fact judgement of concurrent edits: which conflicts really happened
(from row versions) and which successful edits were lost (from the final quote and the audit log).
No server and no timing: the records and the database's answers are built by hand."""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.bench_desk import EditRecord, analyse
from workbench.domain.model import AuditEntry, DateSaid, VerificationStatus


@dataclass
class FinalQuote:
    id: int
    status: VerificationStatus = VerificationStatus.UNCHECKED
    speaker_name: str | None = None
    note: str = ""
    date_said: DateSaid = DateSaid()


class FakeStore:
    def __init__(self, quotes: list[FinalQuote], audit: list[AuditEntry]) -> None:
        self._quotes = {q.id: q for q in quotes}
        self._audit = audit

    def quotes_by_id(self, ids):
        return [self._quotes[i] for i in ids]

    def audit_log(self, *, entity=None, entity_id=None):
        return [a for a in self._audit if entity in (None, a.entity) and entity_id in (None, a.entity_id)]


def edit(analyst, number, field, value, read_version, start, outcome="ok", audit_id=None):
    return EditRecord(analyst, number, 1, field, value, value, read_version, start, start + 1, start + 2,
                      outcome, audit_id=audit_id)


def audit(audit_id, analyst, field, value):
    return AuditEntry(audit_id, "2026-12-03T18:00:00+00:00", analyst, "update", "quote", 1, field, None, value)


def test_an_overwrite_after_a_stale_read_is_a_real_conflict_not_reported_and_a_refusal_over_another_field_a_false_alarm():
    records = [
        edit("A", 0, "status", "verified", 1, 0.0, audit_id=10),     # version 2
        edit("B", 0, "status", "altered", 1, 0.5, audit_id=12),      # read 1, wrote version 3 over A's status
        edit("C", 0, "note", "n", 1, 1.0, outcome="conflict"),        # refused: A and B changed the quote
    ]
    store = FakeStore([FinalQuote(1, status=VerificationStatus.ALTERED)],
                      [audit(10, "A", "status", "verified"), audit(12, "B", "status", "altered")])
    result = analyse(records, {1: 1}, store)
    assert result["conflicts really happened (same field)"] == 1
    assert result["real, not reported (overwritten)"] == 1 and result["overwritten, by field"] == {"status": 1}
    assert result["reported, other field changed"] == 1
    assert result["reported and real"] == 0
    assert result["successful edits over a newer version than read"] == 1
    assert result["lost updates"] == 0


def test_a_successful_edit_whose_value_is_gone_with_no_later_audit_row_is_a_lost_update():
    records = [edit("A", 0, "note", "mine", 1, 0.0, audit_id=10), edit("B", 0, "note", "theirs", 2, 3.0, audit_id=11)]
    audit_rows = [audit(10, "A", "note", "mine"), audit(11, "B", "note", "theirs")]
    kept = analyse(records, {1: 1}, FakeStore([FinalQuote(1, note="theirs")], audit_rows))
    assert kept["lost updates"] == 0  # A's note was replaced by B's, which has its audit row
    lost = analyse(records, {1: 1}, FakeStore([FinalQuote(1, note="mine")], audit_rows))
    assert lost["lost updates"] == 1 and lost["lost examples"] == ["B #0: quote 1 note"]
    assert kept["conflicts really happened (same field)"] == 0  # B read A's version


def test_a_successful_edit_without_its_audit_row_is_counted():
    records = [edit("A", 0, "note", "mine", 1, 0.0, audit_id=10)]
    result = analyse(records, {1: 1}, FakeStore([FinalQuote(1, note="mine")], [audit(10, "A", "note", "other")]))
    assert result["successful edits without their audit row"] == 1


def test_an_edit_to_the_value_another_analyst_had_just_set_needs_no_audit_row_and_is_not_counted_as_unaudited():
    records = [edit("A", 0, "status", "verified", 1, 0.0, audit_id=10), edit("B", 0, "status", "verified", 1, 0.5, audit_id=11)]
    audit_rows = [audit(10, "A", "status", "verified"), audit(11, "B", "status_confirmed_by", "B")]
    result = analyse(records, {1: 1}, FakeStore([FinalQuote(1, status=VerificationStatus.VERIFIED)], audit_rows))
    assert result["successful edits without their audit row"] == 0
    assert result["successful edits whose value another analyst had just set (no audit row needed)"] == 1
    assert result["lost updates"] == 0
