"""Quote detection and attribution: what an analyst sees in the quote table."""

import json
from pathlib import Path

import pytest

from workbench.domain.detection import detect_quotes
from workbench.domain.model import KnownSpeaker, QuoteCandidate, QuoteKind, SpeakerKind
from workbench.domain.progress import Cancelled

SAMPLES = Path(__file__).parents[2] / "resources/samples"
INTRO = "Secretary of State Antony Blinken visited Kyiv on Tuesday.\n\n"


def spans_text(text: str, quote: QuoteCandidate) -> list[str]:
    return [span.text_of(text) for span in quote.spans]


def only_quote(text: str, **kwargs) -> QuoteCandidate:
    quotes = detect_quotes(text, **kwargs)
    assert len(quotes) == 1, [spans_text(text, q) for q in quotes]
    return quotes[0]


def test_split_quote_is_one_candidate_with_two_spans():
    text = INTRO + "“It remains up to Russia to decide,” he added. “We’re ready either way.”"
    quote = only_quote(text)
    assert spans_text(text, quote) == ["“It remains up to Russia to decide,”",
                                       "“We’re ready either way.”"]
    assert quote.kind == QuoteKind.DIRECT
    assert quote.cue.text_of(text) == "added"
    assert quote.speaker_name == "Antony Blinken"


def test_quote_running_over_several_paragraphs_is_one_candidate():
    text = ("“We have prepared for every outcome,” said Olaf Brenner, the mayor.\n\n"
            "“The first paragraph of the plan covers the harbour.\n\n"
            "“The second one covers the roads and the bridges.”\n")
    quote = only_quote(text)
    assert len(quote.spans) == 3
    assert spans_text(text, quote)[2] == "“The second one covers the roads and the bridges.”"
    assert quote.speaker_name == "Olaf Brenner"


def test_colon_introduced_quote():
    text = "Mayor Olaf Brenner said: “The bridge will reopen in May.”"
    quote = only_quote(text)
    assert spans_text(text, quote) == ["“The bridge will reopen in May.”"]
    assert quote.kind == QuoteKind.DIRECT
    assert quote.speaker_name == "Olaf Brenner"
    assert quote.speaker_description == "Mayor"


def test_colon_at_paragraph_end_takes_the_next_paragraph_quote():
    text = "Olaf Brenner continued:\n\n“Nobody in this town will pay more for water next year.”\n"
    quote = only_quote(text)
    assert spans_text(text, quote) == ["“Nobody in this town will pay more for water next year.”"]


@pytest.mark.parametrize("opening, closing, style", [
    ("«", "»", "guillemet"), ('"', '"', "straight"), ("‘", "’", "single")])
def test_other_quotation_marks(opening, closing, style):
    text = f"{opening}The ceasefire must hold,{closing} said Olaf Brenner."
    quote = only_quote(text)
    assert spans_text(text, quote) == [f"{opening}The ceasefire must hold,{closing}"]
    assert quote.kind == QuoteKind.DIRECT
    assert f"{style} marks" in quote.reason


def test_scare_quotes_are_not_reported():
    text = ("The so-called “peace dividend” never arrived. "
            "Critics of the “reform” plan met in a hall near the harbour on Monday.")
    assert detect_quotes(text) == []


def test_partial_quote_inside_reported_speech_is_mixed():
    text = INTRO + "Kozak characterised the talks as “not simple”, officials noted."
    quotes = detect_quotes(text)
    talks = [q for q in quotes if "“not simple”" in spans_text(text, q)[0]]
    assert talks and talks[0].kind == QuoteKind.MIXED


def test_reported_speech_with_according_to():
    text = "The harbour will close for two weeks in March, according to the port authority."
    quote = only_quote(text)
    assert spans_text(text, quote) == ["The harbour will close for two weeks in March"]
    assert quote.kind == QuoteKind.INDIRECT
    assert quote.cue.text_of(text) == "according to"
    assert quote.mention.text_of(text) == "the port authority"


def test_pronoun_resolves_to_the_last_named_speaker():
    text = ("Nato Secretary General Jens Stoltenberg said the alliance was united. "
            "Mr Lavrov arrived late that day.\n\n"
            "He also warned that the talks could take months.")
    quotes = detect_quotes(text)
    warned = [q for q in quotes if q.cue.text_of(text) == "warned"][0]
    assert warned.mention.text_of(text) == "He"
    assert warned.speaker_name == "Jens Stoltenberg"   # the speaker before, not the nearer name
    assert "spoke the previous quote" in warned.reason


def test_role_in_front_of_the_name_becomes_the_description():
    text = "Vice-President Mike Pence said the administration would not back down."
    quote = only_quote(text)
    assert quote.speaker_name == "Mike Pence"
    assert quote.speaker_description == "Vice-President"
    assert quote.speaker_kind == SpeakerKind.PERSON


def test_known_speaker_alias_resolves_mention():
    text = "The Chancellor said the budget would be balanced by 2026."
    known = [KnownSpeaker("Rachel Reeves", aliases=("the Chancellor",), kind=SpeakerKind.PERSON)]
    quote = only_quote(text, known_speakers=known)
    assert quote.speaker_name == "Rachel Reeves"


def test_passive_report_has_no_speaker():
    text = "The harbour is expected to reopen before the summer season begins."
    quotes = detect_quotes(text)
    assert all(q.speaker_name is None and q.mention is None for q in quotes)


def test_cancel_raises():
    with pytest.raises(Cancelled):
        detect_quotes("He said it would rain.\n" * 100, cancelled=lambda: True)


def test_progress_reaches_the_end():
    calls = []
    text = "He said it would rain.\n" * 100
    detect_quotes(text, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (len(text), len(text))


def _gold_attributions(ann: Path) -> dict[str, tuple[int, int]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for line in ann.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and fields[1].startswith("Content"):
            _, start, end = fields[1].split()
            spans[fields[0]] = [(int(start), int(end))]
    envelopes = {}
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("E"):
            eid, args = line.split("\t")
            parts = [spans[a.split(":")[1]][0] for a in args.split() if a.startswith("Content")]
            envelopes[eid] = (parts[0][0], parts[-1][1])
    return envelopes


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def test_sample_article_finds_every_attribution_with_its_canonical_speaker():
    text = (SAMPLES / "bbc-ukraine-blinken.txt").read_text(encoding="utf-8")
    expected = json.loads((SAMPLES / "bbc-ukraine-blinken.expected.json").read_text("utf-8"))
    gold = _gold_attributions(SAMPLES / "bbc-ukraine-blinken.ann")
    quotes = detect_quotes(text)
    for item in expected["attributions"]:
        envelope = gold[item["attribution"]]
        matches = [q for q in quotes
                   if _overlap((q.start, q.end), envelope) * 2 >= envelope[1] - envelope[0]]
        assert matches, f"{item['attribution']} not found"
        assert matches[0].speaker_name == item["speaker"], item["attribution"]
    for quote in quotes:
        assert any(_overlap((quote.start, quote.end), g) for g in gold.values()), \
            f"reported but not an attribution: {spans_text(text, quote)}"


# Sentences that between them give the confidence score each of its features.
EVERY_FEATURE = "\n\n".join([
    "Council approves budget",
    "Sandra Inman, a supporter from Jackson, Miss., attending the rally with her two daughters, "
    "said the plan was fair to everyone.",
    "He said the deal was good and added that talks would go on for weeks.",
    "According to the ministry, the talks failed on Tuesday after a long night.",
    "Clinton seemed irritated by the question from the audience.",
    "The bill is widely expected to pass the senate next week.",
    "Asked whether he would run again, Smith said he had not decided.",
    "Officials warned that the old bridge was unsafe for lorries.",
    "Mr. Smith wrote that the rules were unfair to small farms.",
    "Ms. Lopez called the vote “a disgrace to the whole city”.",
    "The survey showed that most voters backed the plan.",
    "The mayor, who supports the plan, wants the council to vote soon.",
    "Unions oppose the reform, which they call unfair.",
    "“Hold the line,” she said. “We are nearly there.”",
    "In Ms. Lopez’s view, the plan was never going to work.",
    "Voters, who were asked about the plan, said it was fair.",
    "The deal is fragile, analysts said.",
    "The mayor hopes that the council will vote before the summer.",
    "OKAFOR: We will not apologise for investing in the buses and the trains.",
    "“Hold the line.” ― Krystal Correa",
])


@pytest.mark.patches_detector
def test_confidence_is_the_bin_of_the_fitted_score(monkeypatch):
    """confidence_of skips building the feature dict; it must still agree with the fit's view."""
    import bisect
    import math

    from workbench.domain.detection import confidence, engine

    seen = []

    def recording_confidence_of(finding, kind, resolution):
        seen.append((finding, kind, resolution))
        return confidence.confidence_of(finding, kind, resolution)

    monkeypatch.setattr(engine, "confidence_of", recording_confidence_of)
    detect_quotes((SAMPLES / "bbc-ukraine-blinken.txt").read_text(encoding="utf-8"))
    detect_quotes(EVERY_FEATURE)
    assert len(seen) > 10
    present = {name for finding, kind, resolution in seen
               for name in confidence.features(finding, kind, resolution)}
    assert set(confidence._WEIGHTS) <= present, set(confidence._WEIGHTS) - present
    for finding, kind, resolution in seen:
        score = confidence.raw_score(confidence.features(finding, kind, resolution))
        assert confidence.score_of(finding, kind, resolution) == score
        probability = 1.0 / (1.0 + math.exp(-score))
        expected = confidence._BIN_ACCURACY[bisect.bisect_right(confidence._BIN_EDGES, probability)]
        assert confidence.confidence_of(finding, kind, resolution) == expected
