"""Random edits by several analyst processes at once on one team project, against a real server, with two
oracles from the audit log (docs/edit-conflicts.md): no edit that landed overwrote a change its analyst had
not seen (no lost update), and every refused edit met a real change of the same field by someone else.

Scale it up to measure: ``QWB_SOAK_ANALYSTS=10 QWB_SOAK_EDITS=100 pytest tests/team/test_team_conflict_soak.py -s``
prints edits per second, median and 95th-percentile edit latency, and the counts."""

import multiprocessing
import os
import random
import statistics
import time

from workbench.domain.errors import EditConflict
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService

ANALYSTS = int(os.environ.get("QWB_SOAK_ANALYSTS", "4"))
EDITS = int(os.environ.get("QWB_SOAK_EDITS", "40"))
STATUSES = ("verified", "altered", "unverifiable", "misattributed", "out_of_context", "in_progress", "unchecked")


def _analyst(url: str, name: str, seed: int, start, results) -> None:
    """One analyst: read a random quote, change its status or its note as read; record what became of it."""
    rng = random.Random(seed)
    outcomes = []
    with ProjectStore(url) as store:
        service = ProjectService(store, name)
        ids = [q.id for q in store.quotes()]
        start.wait(120)
        for number in range(EDITS):
            quote_id = rng.choice(ids)
            mark = max((e.id for e in store.audit_log(entity="quote", entity_id=quote_id)), default=0)  # before reading
            seen = store.quote(quote_id)
            field = rng.choice(("status", "note"))
            if field == "status":
                shown = seen.status.value
                edit = service.status_edit(quote_id, rng.choice([s for s in STATUSES if s != shown]), seen=seen)
            else:
                shown = seen.note
                edit = service.note_edit(quote_id, f"{name}'s note {number}", seen=seen)
            started = time.perf_counter()
            try:
                service.apply(edit)
                outcome = "landed"
            except EditConflict:
                outcome = "refused"
            took = time.perf_counter() - started
            log = store.audit_log(entity="quote", entity_id=quote_id)
            if outcome == "landed":  # our audit row's old value is what we were shown
                ours = [e for e in log if e.analyst == name and e.field == field][-1]
                wrong = (ours.old_value or "") != (shown or "")
            else:  # someone else changed the field (or its confirmation) after our read
                family = {field, f"{field}_confirmed_by", f"{field}_confirmed_at"}
                wrong = not any(e.id > mark and e.analyst != name and e.field in family for e in log)
            outcomes.append((outcome, took, wrong))
    results.put(outcomes)


def test_random_edits_by_several_analysts_lose_nothing_and_refuse_only_real_conflicts(desk_url, sample_article):
    with ProjectStore.create(desk_url, title="Desk", analyst="Desk") as store:
        ProjectService(store, "Desk").import_source(str(sample_article))
    spawn = multiprocessing.get_context("spawn")
    start, results = spawn.Barrier(ANALYSTS + 1), spawn.Queue()
    processes = [spawn.Process(target=_analyst, args=(desk_url, f"Analyst {i}", i, start, results))
                 for i in range(ANALYSTS)]
    for process in processes:
        process.start()
    start.wait(120)
    began = time.perf_counter()
    outcomes = [o for _ in processes for o in results.get(timeout=60 + EDITS * 3)]
    seconds = time.perf_counter() - began
    for process in processes:
        process.join(60)
        assert process.exitcode == 0
    landed = [o for o in outcomes if o[0] == "landed"]
    refused = [o for o in outcomes if o[0] == "refused"]
    latencies = sorted(o[1] for o in outcomes)
    print(f"\n{ANALYSTS} analysts, {len(outcomes)} edits in {seconds:.1f} s ({len(outcomes) / seconds:.0f}/s), "
          f"median {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {latencies[int(0.95 * len(latencies))] * 1000:.0f} ms;"
          f" {len(landed)} landed, {len(refused)} refused, {sum(o[2] for o in refused)} refused without a real "
          f"conflict, {sum(o[2] for o in landed)} lost updates")
    assert len(outcomes) == ANALYSTS * EDITS
    assert sum(o[2] for o in landed) == 0  # no lost update
    assert sum(o[2] for o in refused) == 0  # every refusal met a real change of the same field
    assert refused  # with this many writers on 15 quotes, conflicts do happen
