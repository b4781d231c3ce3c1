"""Scoring the detector on brat-annotated folders (workbench.research.evaluation)
and the ``detect --json`` document it scores (workbench.services.detect_json)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.research.brat import list_gold_articles, parse_ann
from workbench.domain.model import DatePrecision, DateSaid, NameKind, QuoteCandidate, QuoteKind, Span
from workbench.domain.progress import Cancelled
from workbench.services.detect_json import detection_document, json_lines_record
from workbench.research.evaluation import (
    evaluate,
    evaluate_documents,
    gold_candidates,
    head_words,
    quoted_segments,
    score_article,
)

REPO = Path(__file__).resolve().parents[2]
REFERENCE_SCORER = REPO.parent / "shared" / "tools" / "score_quotes.py"
SAMPLES = REPO / "resources" / "samples"

ALPHA = ("Talks fail as Russia waits\n\n"
         "“We are ready for anything that comes,” Mr Blinken said on Wednesday.\n\n"
         "Russia denied the claims, officials said.\n")
BETA = ("Budget row\n\n"
        "The mayor said the budget was “a disgrace to the whole city” and promised a vote.\n")


def _at(text: str, phrase: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def _ann(text: str, events: list[dict[str, tuple[str, int]]]) -> str:
    """brat lines for events given as {role: (phrase, nth occurrence)}."""
    lines, t = [], 0
    for e, roles in enumerate(events, 1):
        args = []
        for role, (phrase, nth) in roles.items():
            t += 1
            start, end = _at(text, phrase, nth)
            lines.append(f"T{t}\t{role} {start} {end}\t{phrase}")
            args.append(f"{role}:T{t}")
        t += 1
        cue_start, cue_end = _at(text, *roles["Cue"])
        lines.append(f"T{t}\tAttribution {cue_start} {cue_end}\t{roles['Cue'][0]}")
        lines.append(f"E{e}\tAttribution:T{t} " + " ".join(args))
    return "\n".join(lines) + "\n"


ALPHA_EVENTS = [
    {"Content": ("“We are ready for anything that comes,”", 1), "Source": ("Mr Blinken", 1),
     "Cue": ("said", 1)},
    {"Content": ("Russia denied the claims", 1), "Source": ("officials", 1), "Cue": ("said", 2)},
]
BETA_EVENTS = [
    {"Content": ("the budget was “a disgrace to the whole city”", 1), "Source": ("The mayor", 1),
     "Cue": ("said", 1)},
]


def write_tiny_gold(root: Path, layout: str = "polnear") -> Path:
    """Two annotated articles, one with two annotators, plus a text without annotations."""
    text_dir = root / "text" if layout == "polnear" else root
    ann_dir = root / "attributions" if layout == "polnear" else root
    text_dir.mkdir(parents=True, exist_ok=True)
    ann_dir.mkdir(parents=True, exist_ok=True)
    for name, text in (("alpha", ALPHA), ("beta", BETA), ("gamma", "No annotations here.\n")):
        (text_dir / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
    (ann_dir / "alpha_ab12.ann").write_text(_ann(ALPHA, ALPHA_EVENTS), encoding="utf-8")
    # a second annotator who saw only the first quote: must be ignored ("ab12" < "zz99")
    (ann_dir / "alpha_zz99.ann").write_text(_ann(ALPHA, ALPHA_EVENTS[:1]), encoding="utf-8")
    (ann_dir / "beta.ann").write_text(_ann(BETA, BETA_EVENTS), encoding="utf-8")
    return root


def _candidate(text, phrase, kind, *, mention=None, name=None, confidence=0.5):
    return QuoteCandidate(
        spans=[Span(*_at(text, phrase))], kind=kind, cue=None,
        mention=Span(*_at(text, mention)) if mention else None,
        speaker_name=name, confidence=confidence, reason="test")


def fake_detector(text: str) -> list[QuoteCandidate]:
    """Right on Blinken, wrong speaker on Russia, one false alarm, a long mixed quote."""
    if text == ALPHA:
        return [
            _candidate(text, "“We are ready for anything that comes,”", QuoteKind.DIRECT,
                       mention="Mr Blinken", confidence=0.9),
            # right span, wrong speaker; "mixed" while the gold is indirect
            _candidate(text, "Russia denied the claims", QuoteKind.MIXED, name="Vladimir Putin",
                       confidence=0.6),
            _candidate(text, "Talks fail as Russia waits", QuoteKind.DIRECT, confidence=0.2),
        ]
    if text == BETA:
        return [_candidate(text, "budget was “a disgrace to the whole city” and promised a vote",
                           QuoteKind.MIXED, name="the mayor", confidence=0.7)]
    return []


# ---------------------------------------------------------------------------
# Reading the folder
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("layout", ["polnear", "flat"])
def test_gold_folder_pairs_texts_with_first_annotator(tmp_path, layout):
    articles = list_gold_articles(write_tiny_gold(tmp_path, layout))
    assert [(a.stem, a.ann_path.name) for a in articles] == [("alpha", "alpha_ab12.ann"),
                                                             ("beta", "beta.ann")]
    alpha = parse_ann(articles[0].ann_path)
    assert [ALPHA[s:e] for g in alpha for s, e in g.content] == [
        "“We are ready for anything that comes,”", "Russia denied the claims"]
    assert [ALPHA[s:e] for s, e in alpha[1].sources[0]] == ["officials"]


# ---------------------------------------------------------------------------
# Known numbers on a hand-made folder
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("layout", ["polnear", "flat"])
def test_tiny_folder_known_counts(tmp_path, layout):
    result = evaluate(write_tiny_gold(tmp_path, layout), fake_detector)
    out = result.to_dict()
    assert out["articles"] == 2

    every = out["subsets"]["all"]
    assert {k: every["counts"][k] for k in ("gold", "pred", "tp_pred", "tp_gold", "fp", "fn",
                                            "speaker_correct", "e2e_tp_pred", "pred_ignored")} == {
        "gold": 3, "pred": 4, "tp_pred": 3, "tp_gold": 3, "fp": 1, "fn": 0,
        "speaker_correct": 2, "e2e_tp_pred": 2, "pred_ignored": 0}
    assert every["detection"]["precision"] == pytest.approx(3 / 4)
    assert every["detection"]["recall"] == pytest.approx(1.0)
    assert every["detection"]["f1"] == pytest.approx(6 / 7)
    assert every["speaker_accuracy"] == pytest.approx(2 / 3)
    assert every["end_to_end"]["precision"] == pytest.approx(2 / 4)
    assert every["end_to_end"]["recall"] == pytest.approx(2 / 3)
    # beta: 32 shared significant characters, 35 gold + 48 predicted
    assert every["mean_jaccard"] == pytest.approx((1 + 1 + 32 / 51) / 3)

    direct = out["subsets"]["direct"]
    # direct gold: Blinken's quote and the mayor's "a disgrace..."; the mixed
    # Russia prediction matched indirect gold, so it is neither TP nor FP
    assert {k: direct["counts"][k] for k in ("gold", "pred", "tp_pred", "fp", "pred_ignored")} == {
        "gold": 2, "pred": 4, "tp_pred": 2, "fp": 1, "pred_ignored": 1}
    assert direct["detection"]["precision"] == pytest.approx(2 / 3)
    assert direct["speaker_accuracy"] == pytest.approx(1.0)
    assert direct["mean_jaccard"] == pytest.approx((1 + 32 / 51) / 2)

    assert out["per_article"]["alpha"] == {"ann": "alpha_ab12.ann", "gold": 2, "gold_direct": 1,
                                           "pred": 3, "matched": 2, "speaker_correct": 1}
    table = result.format_table()
    assert "0.750" in table and "0.667" in table


def test_outcomes_say_which_prediction_was_right(tmp_path):
    result = evaluate(write_tiny_gold(tmp_path), fake_detector)
    seen = {(o.article, o.confidence): (o.matched, o.speaker_correct) for o in result.outcomes}
    assert seen == {("alpha", 0.9): (True, True), ("alpha", 0.6): (True, False),
                    ("alpha", 0.2): (False, False), ("beta", 0.7): (True, True)}


def test_gold_as_prediction_scores_one_everywhere(tmp_path):
    gold = write_tiny_gold(tmp_path / "tiny")
    folders = [gold]
    if (SAMPLES / "bbc-ukraine-blinken.ann").exists():
        folders.append(SAMPLES)
    for folder in folders:
        out = evaluate_documents(folder, lambda a, text: detection_document(
            a.stem, text, gold_candidates(text, parse_ann(a.ann_path)))).to_dict()
        assert out["subsets"]["direct"]["counts"]["gold"] > 0
        assert out["anchoring"]["unanchored_total"] == 0
        for name in ("direct", "all"):
            s = out["subsets"][name]
            assert [s["detection"]["precision"], s["detection"]["recall"], s["detection"]["f1"],
                    s["speaker_accuracy"], s["end_to_end"]["precision"], s["end_to_end"]["recall"],
                    s["end_to_end"]["f1"], s["mean_jaccard"]] == pytest.approx([1.0] * 8), (folder, name)


def test_no_predictions_recall_zero(tmp_path):
    out = evaluate(write_tiny_gold(tmp_path), lambda text: []).to_dict()
    for name in ("direct", "all"):
        s = out["subsets"][name]
        assert s["counts"]["gold"] > 0
        assert s["detection"]["recall"] == 0.0
        assert s["end_to_end"]["recall"] == 0.0
        assert s["counts"]["fn"] == s["counts"]["gold"]


def test_progress_and_cancel(tmp_path):
    gold = write_tiny_gold(tmp_path)
    calls = []
    evaluate(gold, fake_detector, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]
    with pytest.raises(Cancelled):
        evaluate(gold, fake_detector, cancelled=lambda: True)


def test_empty_folder_is_a_user_facing_error(tmp_path):
    from workbench.domain.errors import UserFacingError
    with pytest.raises(UserFacingError, match="No annotated articles"):
        evaluate(tmp_path, fake_detector)


# ---------------------------------------------------------------------------
# Definitions in isolation
# ---------------------------------------------------------------------------

def test_re_anchoring_finds_moved_and_reflowed_spans():
    gold = parse_ann_text_for(ALPHA, ALPHA_EVENTS)
    moved = {"quotes": [
        # offsets as if the headline had been dropped, text reflowed with straight quotes
        {"start": 0, "end": 10, "text": '"We are  ready for anything\nthat comes,"', "kind": "direct",
         "speaker": {"name": None, "mention": {"start": 40, "end": 50, "text": "Mr Blinken"}}},
        {"start": 5, "end": 9, "text": "not in the article", "kind": "banana"},
    ]}
    stats = {part: {"exact": 0, "normalised": 0, "unanchored": 0} for part in ("quote", "cue", "mention")}
    result = score_article("alpha", ALPHA, gold, moved, stats)
    first, lost = result.outcomes
    assert (first.matched, first.speaker_correct) == (True, True)
    assert stats["quote"] == {"exact": 0, "normalised": 1, "unanchored": 1}
    assert stats["mention"] == {"exact": 1, "normalised": 0, "unanchored": 0}
    assert result.invalid_kind == 1 and lost.kind is None
    assert result.counts["all"].jaccard_sum == pytest.approx(1.0)  # reflowed text, same characters


def parse_ann_text_for(text, events):
    from workbench.research.brat import parse_ann_text
    return parse_ann_text(_ann(text, events))


@pytest.mark.parametrize(("name", "heads"), [
    ("Mrs. Clinton’s", {"clinton"}),
    ("Donald J. Trump, the nominee", {"trump", "nominee"}),
    ("the senator", {"senator"}),
    ("he", set()),
])
def test_head_words(name, heads):
    assert head_words(name) == heads


def test_quoted_segments_skip_apostrophes():
    text = "Headline.\n\n“We will win this,” he said. Clinton’s aide said ‘no way at all’ today."
    found = [text[s:e] for s, e in quoted_segments(text)]
    assert found == ["We will win this,", "no way at all"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(ALPHA)), st.integers(0, len(ALPHA)),
                          st.sampled_from(["direct", "mixed", "indirect"]),
                          st.sampled_from([None, "Blinken", "he", "officials"])), max_size=8))
def test_any_prediction_scores_within_bounds(raw):
    gold = parse_ann_text_for(ALPHA, ALPHA_EVENTS)
    quotes = [{"start": min(a, b), "end": max(a, b), "text": ALPHA[min(a, b):max(a, b)], "kind": kind,
               "speaker": None if name is None else {"name": name, "mention": None}}
              for a, b, kind, name in raw]
    result = score_article("alpha", ALPHA, gold, {"quotes": quotes})
    for c in result.counts.values():
        assert c.tp_pred + c.fp + c.pred_ignored == c.pred
        assert c.tp_gold + c.fn == c.gold
        assert 0 <= c.speaker_correct <= c.matched_pairs <= c.gold
        assert 0.0 <= c.jaccard_sum <= c.matched_pairs
    assert result.counts["all"].tp_pred == result.counts["all"].tp_gold


# ---------------------------------------------------------------------------
# The detect --json document
# ---------------------------------------------------------------------------

def test_detection_document_explains_the_name():
    text = "Loretta E. Lynch spoke first. “We will act,” she said."
    quote = QuoteCandidate(
        spans=[Span(*_at(text, "“We will act,”"))], kind=QuoteKind.DIRECT, cue=Span(*_at(text, "said")),
        mention=Span(*_at(text, "she")), speaker_name="Loretta E. Lynch", confidence=0.9, reason="cue",
        name_kind=NameKind.PERSON, name_confidence=0.71234, name_candidates=("Jane Roe",),
        name_chain="‘she’ → Loretta E. Lynch: the woman named last",
        name_source=Span(*_at(text, "Loretta E. Lynch")))
    speaker = detection_document("t", text, [quote])["quotes"][0]["speaker"]
    assert speaker["name"] == "Loretta E. Lynch" and speaker["mention"]["text"] == "she"
    assert speaker["kind"] == "person"
    assert speaker["name_confidence"] == 0.712
    assert speaker["candidates"] == ["Jane Roe"]
    assert speaker["chain"].startswith("‘she’ → Loretta E. Lynch")
    assert speaker["source"] == {"start": 0, "end": 16, "text": "Loretta E. Lynch"}


def test_detection_document_contract():
    text = BETA
    split = QuoteCandidate(
        spans=[Span(*_at(text, "the budget was")), Span(*_at(text, "“a disgrace to the whole city”"))],
        kind=QuoteKind.MIXED, cue=Span(*_at(text, "said")), mention=Span(*_at(text, "The mayor")),
        speaker_name="Jane Doe", confidence=1.7, reason="cue verb",
        date_said=DateSaid("2024-05-01", DatePrecision.DAY, "on 1 May"))
    nameless = QuoteCandidate(spans=[Span(*_at(text, "Budget row"))], kind=QuoteKind.INDIRECT,
                              cue=None, mention=None, speaker_name=None, confidence=0.1, reason="weak")
    doc = detection_document("Budget", text, [split, nameless])
    assert doc["article"] == {"title": "Budget", "text": text}
    first, second = doc["quotes"]
    assert (first["id"], second["id"]) == ("q1", "q2")  # document order
    assert second["start"] == _at(text, "the budget was")[0]
    assert second["end"] == _at(text, "“a disgrace to the whole city”")[1]
    assert second["text"] == text[second["start"]:second["end"]]
    assert second["spans"] == [list(s) for s in (_at(text, "the budget was"),
                                                  _at(text, "“a disgrace to the whole city”"))]
    assert second["cue"] == {"start": text.index("said"), "end": text.index("said") + 4, "text": "said"}
    assert second["speaker"] == {"name": "Jane Doe",
                                 "mention": {"start": 12, "end": 21, "text": "The mayor"},
                                 "kind": "unknown", "name_confidence": 0.0, "candidates": [],
                                 "chain": "", "source": None}
    assert second["confidence"] == 1.0
    assert second["date_said"] == {"value": "2024-05-01", "precision": "day", "evidence": "on 1 May"}
    assert first["speaker"] is None and first["cue"] is None and first["kind"] == "indirect"
    assert first["date_said"] == {"value": None, "precision": "unknown", "evidence": ""}
    line = json_lines_record("a/b.txt", doc)
    assert "\n" not in line and json.loads(line)["path"] == "a/b.txt"


def test_detection_document_refuses_offsets_past_the_text():
    bad = QuoteCandidate(spans=[Span(0, len(BETA) + 5)], kind=QuoteKind.DIRECT, cue=None,
                         mention=None, speaker_name=None, confidence=0.5, reason="")
    with pytest.raises(ValueError):
        detection_document("", BETA, [bad])


# ---------------------------------------------------------------------------
# Agreement with the reference scorer
# ---------------------------------------------------------------------------

def _messy_detector(text: str) -> list[QuoteCandidate]:
    """Gold-derived predictions with trimmed spans, pronoun and wrong speakers, false alarms."""
    out = fake_detector(text)
    if not out and "Blinken" in text:  # the bundled BBC sample
        gold = parse_ann(SAMPLES / "bbc-ukraine-blinken.ann")
        for i, c in enumerate(gold_candidates(text, gold)):
            if i % 4 == 3:
                continue
            start, end = c.start, c.end
            if i % 3 == 1:
                start = min(end - 1, start + (end - start) * 2 // 3)
            mention, name = c.mention, c.speaker_name
            if i % 5 == 2:
                mention, name = None, "Sergei Lavrov"
            elif i % 5 == 4:
                he = text.find(" he ", max(0, start - 200))
                mention, name = (Span(he + 1, he + 3), None) if he >= 0 else (None, None)
            kind = [QuoteKind.DIRECT, QuoteKind.MIXED, QuoteKind.INDIRECT][i % 3]
            out.append(QuoteCandidate([Span(start, end)], kind, c.cue, mention, name, 0.5, "messy"))
        said = text.index("said")
        out.append(QuoteCandidate([Span(said, said + 4)], QuoteKind.DIRECT, None, None, None, 0.1, "junk"))
    return out


def test_agrees_with_reference_scorer(tmp_path):
    if not REFERENCE_SCORER.exists():
        pytest.skip(f"reference scorer not found at {REFERENCE_SCORER}")
    gold = write_tiny_gold(tmp_path / "gold", "flat")
    if (SAMPLES / "bbc-ukraine-blinken.ann").exists():
        for suffix in (".txt", ".ann"):
            shutil.copy(SAMPLES / f"bbc-ukraine-blinken{suffix}", gold)
    preds = tmp_path / "pred"
    preds.mkdir()

    def document_for(article, text):
        doc = detection_document(article.stem, text, _messy_detector(text))
        (preds / f"{article.stem}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        return doc

    ours = evaluate_documents(gold, document_for).to_dict()
    report = tmp_path / "reference.json"
    subprocess.run([sys.executable, str(REFERENCE_SCORER), "--gold", str(gold), "--pred", str(preds),
                    "--json", str(report)], check=True, capture_output=True)
    theirs = json.loads(report.read_text(encoding="utf-8"))

    assert ours["articles"] == theirs["articles"]
    assert ours["subsets"]["all"]["counts"]["gold"] >= 3
    for name in ("direct", "all"):
        a, b = ours["subsets"][name], theirs["subsets"][name]
        for group in ("detection", "end_to_end"):
            for metric in ("precision", "recall", "f1"):
                assert round(a[group][metric], 3) == round(b[group][metric], 3), (name, group, metric)
        for metric in ("speaker_accuracy", "mean_jaccard"):
            assert round(a[metric], 3) == round(b[metric], 3), (name, metric)
        counts_a = {k: v for k, v in a["counts"].items() if k != "jaccard_sum"}
        counts_b = {k: v for k, v in b["counts"].items() if k != "jaccard_sum"}
        assert counts_a == counts_b, name
    assert ours["anchoring"] == theirs["anchoring"]
    assert ours["per_article"] == theirs["per_article"]


CANONICAL_SCORER = REPO.parent / "shared" / "tools" / "canonical.py"
CANON_BREAKDOWN = REPO.parent / "shared" / "tools" / "canon_breakdown.py"
POLNEAR_DEV = REPO.parent / "shared" / "corpora" / "polnear" / "dev"
DEV_SPEAKERS = REPO.parent / "shared" / "corpora" / "polnear" / "dev-speakers"


def test_speaker_names_agree_with_canonical_scorer_on_dev(tmp_path):
    if not (CANONICAL_SCORER.exists() and POLNEAR_DEV.is_dir() and DEV_SPEAKERS.is_dir()):
        pytest.skip("canonical.py or PolNeAR dev with its canonical speakers not found")
    preds = tmp_path / "pred"
    preds.mkdir()
    from workbench.domain.detection import detect_quotes

    def document_for(article, text):
        doc = detection_document(article.stem, text, detect_quotes(text))
        (preds / f"{article.stem}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        return doc

    ours = evaluate_documents(POLNEAR_DEV, document_for, speakers_dir=DEV_SPEAKERS).to_dict()["speakers"]
    run = subprocess.run([sys.executable, str(CANONICAL_SCORER), str(POLNEAR_DEV), str(preds), str(DEV_SPEAKERS)],
                         check=True, capture_output=True, text=True)
    theirs = json.loads(run.stdout)
    assert theirs["matched"] > 500
    for key, value in theirs.items():
        assert ours[key] == value, key          # to the last digit, examples included
    breakdown = subprocess.run([sys.executable, str(CANON_BREAKDOWN), str(POLNEAR_DEV), str(preds),
                                str(DEV_SPEAKERS)], check=True, capture_output=True, text=True).stdout
    rows = re.findall(r"^(\S.*?)\s+(\d+) matched, fair right (\d\.\d\d)", breakdown, re.MULTILINE)
    assert len(rows) >= 4
    for kind, matched, accuracy in rows:
        mine = ours["by_mention_kind"][kind.strip()]
        assert mine["matched"] == int(matched), kind
        assert f"{mine['fair_accuracy']:.2f}" == accuracy, kind


def test_evaluate_cli_prints_speaker_names(tmp_path, capsys):
    gold = write_tiny_gold(tmp_path / "gold", "flat")
    names = tmp_path / "names"
    names.mkdir()
    from workbench.cli.main import run
    code = run(["evaluate", str(gold), "--speakers", str(names)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Speaker names (0 of 0 attributions with a canonical name found)" in out
    assert run(["evaluate", str(gold), "--speakers", str(tmp_path / "missing")]) == 1
