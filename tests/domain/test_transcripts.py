"""Transcripts split into speaker turns: each passage knows who said it."""

from hypothesis import given, strategies as st

from workbench.domain.transcripts import parse_transcript, same_speaker

BRIEFING = """Department Press Briefing
MR. PRICE: Good afternoon. We will not comment on that.
QUESTION: Ned, on Iran?
[Cross talk]
SECRETARY BLINKEN: We are ready to talk.
Secretary Blinken: And again.
Q: Thank you.
BLINKEN: You're welcome.
Note: this transcript was edited.
"""


def _said(transcript, turn):
    return transcript.text[turn.start:turn.end].strip()


def test_every_label_style_opens_a_turn_with_its_speaker():
    tr = parse_transcript(BRIEFING)
    assert tr.labelled
    labelled = [(t.label, t.speaker, _said(tr, t)) for t in tr.turns if t.label]
    assert labelled == [
        ("MR. PRICE", "Price", "Good afternoon. We will not comment on that."),
        ("QUESTION", "Question", "Ned, on Iran?"),
        ("SECRETARY BLINKEN", "Blinken", "We are ready to talk."),
        # "Note:" is a heading, not a speaker: it stays in Blinken's turn
        ("Secretary Blinken", "Blinken", "And again."),
        ("Q", "Q", "Thank you."),
        ("BLINKEN", "Blinken", "You're welcome.\nNote: this transcript was edited."),
    ]


def test_text_before_the_first_label_and_cross_talk_have_no_speaker():
    tr = parse_transcript(BRIEFING)
    assert tr.turns[0].label is None and _said(tr, tr.turns[0]) == "Department Press Briefing"
    cross = [t for t in tr.turns if t.cross_talk]
    assert len(cross) == 1 and cross[0].label is None and cross[0].speaker is None


def test_turn_at_an_offset_gives_the_speaker_of_that_passage():
    tr = parse_transcript(BRIEFING)
    assert tr.turn_at(BRIEFING.index("ready to talk")).label == "SECRETARY BLINKEN"
    assert tr.turn_at(BRIEFING.index("not comment")).label == "MR. PRICE"
    assert [t.label for t in tr.turns_between(BRIEFING.index("not comment"), BRIEFING.index("on Iran"))] == [
        "MR. PRICE", "QUESTION"]


def test_text_without_labels_is_one_unlabelled_turn():
    text = "We will not comment on that. Washington is cold: it snowed."
    tr = parse_transcript(text)
    assert not tr.labelled
    assert len(tr.turns) == 1 and tr.turns[0].label is None and (tr.turns[0].start, tr.turns[0].end) == (0, len(text))


def test_a_capitalised_word_before_a_colon_once_is_not_a_speaker():
    tr = parse_transcript("Update: the talks resumed.\nWashington: officials said more.")
    assert not tr.labelled


def test_names_match_labels_by_surname_and_titles_are_ignored():
    tr = parse_transcript(BRIEFING)
    price, question, blinken = (next(t for t in tr.turns if t.label == lab)
                                for lab in ("MR. PRICE", "QUESTION", "SECRETARY BLINKEN"))
    assert same_speaker("Ned Price", price) is True
    assert same_speaker("State Department spokesman Ned Price", price) is True
    assert same_speaker("Secretary of State Antony Blinken", blinken) is True
    assert same_speaker("Antony Blinken", price) is False
    assert same_speaker("Antony Blinken", question) is False  # a questioner is nobody named
    assert same_speaker("Vincent Price", price) is True  # a surname is all a label gives; the analyst confirms


@given(st.text(max_size=300))
def test_turns_stay_inside_the_text_and_in_order(text):
    tr = parse_transcript(text)
    previous = 0
    for turn in tr.turns:
        assert 0 <= turn.label_start <= turn.start <= turn.end <= len(text)
        assert turn.label_start >= previous
        previous = turn.end


def test_labels_with_accented_capitals_are_speakers():
    tr = parse_transcript("GONZÀLEZ: Hola a todos.\nMR. CASTAÑEDA: We should throw monkey wrenches into the works.\n")
    assert [(t.label, t.speaker) for t in tr.turns] == [("GONZÀLEZ", "Gonzàlez"), ("MR. CASTAÑEDA", "Castañeda")]
    assert same_speaker("Jorge Castañeda", tr.turns[1]) is True


def test_a_possessive_name_is_the_name():
    tr = parse_transcript("TRUMP: We will win.\n")
    assert same_speaker("Donald Trump’s", tr.turns[0]) is True


def test_hyphenated_and_apostrophe_labels():
    tr = parse_transcript("AMBASSADOR THOMAS-GREENFIELD: We stand firm.\nMR. O’BRIEN: So do we.\n")
    assert [t.label for t in tr.turns] == ["AMBASSADOR THOMAS-GREENFIELD", "MR. O’BRIEN"]
    assert same_speaker("Linda Thomas-Greenfield", tr.turns[0]) is True
