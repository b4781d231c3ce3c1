"""bench_detect states its figure on the reference machine's scale, and times a corpus joined
into one text (benchmarks/README.md, "Detection speed")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import bench_detect

_ARTICLE = ("Council approves budget\n\n“We listened, and we changed it,” council leader Maria "
            "Okafor said after the vote.\n\nMr Whitcombe warned that the plan would leave a hole.\n")


def test_a_machine_twice_as_fast_as_the_reference_counts_half_its_speed() -> None:
    assert bench_detect.reference_scale(600.0, [0.07, 0.08]) == pytest.approx(300.0)
    assert bench_detect.reference_scale(300.0, [0.15, 0.15]) == pytest.approx(300.0)


def test_the_run_reports_the_scaled_figure_and_the_joined_text(tmp_path: Path, monkeypatch,
                                                              capsys) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"a{n}.txt").write_text(_ARTICLE, encoding="utf-8")
    monkeypatch.setattr(bench_detect, "time_cold",   # no fresh processes in a unit test
                        lambda chars: {"detect": 0.0, "dates": 0.0, "total": 0.0})
    out = tmp_path / "figures.json"
    assert bench_detect.main([str(corpus), "--repeat", "1", "--big-chars", "3000",
                              "--joined", "2", "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["articles_per_second_median_reference_scale"] == pytest.approx(
        bench_detect.reference_scale(figures["articles_per_second_median"],
                                     figures["machine_probe_seconds"]))
    assert figures["joined_articles"] == 2
    assert figures["joined_characters"] == 2 * len(_ARTICLE) + 2
    printed = capsys.readouterr().out
    assert "scaled to the reference machine (probe 0.15 s): median" in printed
    assert "first 2 articles joined into one text" in printed
