"""Fourth pass of issue 12: the mention finder's wrong mentions, one made-up sentence per
general pattern (none copied from a corpus)."""

from workbench.domain.detection import detect_quotes
from workbench.domain.model import QuoteCandidate

HEADLINE = "Harbour town weighs a new ferry levy\n\n"


def _detect(sentence: str) -> tuple[str, list[QuoteCandidate]]:
    text = HEADLINE + sentence + "\n"
    return text, detect_quotes(text)


def _cues(text: str, quotes: list[QuoteCandidate]) -> list[str]:
    return [q.cue.text_of(text) for q in quotes if q.cue is not None]


def _mentions(text: str, quotes: list[QuoteCandidate]) -> list[str]:
    return [q.mention.text_of(text) for q in quotes if q.mention is not None]


def test_a_cue_word_followed_by_an_auxiliary_is_a_plural_noun():
    text, quotes = _detect("Tenant rights advocates have complained that the rules are unfair.")
    assert _cues(text, quotes) == ["complained"]
    assert _mentions(text, quotes) == ["Tenant rights advocates"]


def test_a_cue_before_an_auxiliary_stays_a_verb_when_its_object_was_moved_before_it():
    text, quotes = _detect("The toll is a project that the county hopes will pay for itself.")
    assert _cues(text, quotes) == ["hopes"]
    assert _mentions(text, quotes) == ["the county"]


def test_questions_without_an_object_is_the_noun():
    text, quotes = _detect("Both mayors face questions about their budgets this spring.")
    assert quotes == []


def test_questions_with_an_object_is_the_verb():
    text, quotes = _detect("Paul Smith questions the wisdom of the levy.")
    assert _cues(text, quotes) == ["questions"]
    assert quotes[0].speaker_name == "Paul Smith"


def test_a_name_after_a_finite_cue_verb_is_its_object_not_the_speaker_of_the_participle():
    # 'remembers Ms. Ortega saying': Ortega is the object; Mark Ruiz is the one reporting
    text, quotes = _detect("Mark Ruiz remembers Ms. Ortega saying that the flood was the worst.")
    assert _mentions(text, quotes) == ["Mark Ruiz"]
    assert quotes[0].speaker_name == "Mark Ruiz"


def test_an_appositive_subject_before_recalled_keeps_the_words_it_recalls():
    text, quotes = _detect("Mark Ruiz, the mayor's oldest friend, recalled Ms. Ortega talking "
                           "about the flood at length.")
    assert [q.speaker_name for q in quotes] == ["Mark Ruiz"]
    assert "Ms. Ortega talking about the flood" in quotes[0].spans[0].text_of(text)


def test_according_to_a_thing_a_named_person_made_is_that_person():
    text, quotes = _detect("The levy would rise, according to a speech Ms. Ortega delivered at "
                           "the library on Monday.")
    assert _mentions(text, quotes) == ["Ms. Ortega"]


def test_a_cue_word_after_a_possessive_written_with_the_apostrophe_alone_is_a_noun():
    text, quotes = _detect("Harris’ plan would raise the levy, Mark Ruiz declared.")
    assert _cues(text, quotes) == ["declared"]
    assert quotes[0].speaker_name == "Mark Ruiz"


def test_after_a_comma_the_subject_of_the_verb_before_the_participle_speaks():
    text, quotes = _detect("At a loud meeting, Ms. Ortega launched an attack on the council, "
                           "calling it a disgrace.")
    assert _mentions(text, quotes) == ["Ms. Ortega"]
    assert quotes[0].spans[0].text_of(text) == "it a disgrace"


def test_a_thing_sent_out_saying_is_said_by_whoever_sent_it():
    text, quotes = _detect("The harbour board released a statement Wednesday saying the levy "
                           "would rise.")
    assert _mentions(text, quotes) == ["The harbour board"]


def test_the_name_after_with_is_the_subject_of_the_participle():
    text, quotes = _detect("The talk ended with Mark Ruiz asking whether the levy would rise.")
    assert _mentions(text, quotes) == ["Mark Ruiz"]


def test_a_verb_inside_an_appositive_or_a_relative_clause_is_not_the_speakers():
    text, quotes = _detect("Harbour Ferries, a firm founded in 2014 by two sailors, is advising "
                           "the town, saying the levy is fair.")
    assert [q.speaker_name for q in quotes] == ["Harbour Ferries"]
    text, quotes = _detect("There is a lot of talk about Ortega, who is the most popular clerk "
                           "this year, saying that the levy is too high.")
    assert [q.speaker_name for q in quotes] == ["Ortega"]


def test_a_cue_word_after_a_and_one_more_word_is_a_noun():
    text, quotes = _detect("During a conference call, the clerk is a determined advocate for "
                           "the poor.")
    assert quotes == []


def test_words_that_name_something_report_nothing():
    text, quotes = _detect("Ms. Ortega, at a firm called Harbour Partners, argues that the levy "
                           "is too high.")
    assert _cues(text, quotes) == ["argues"]
    assert quotes[0].speaker_name == "Ortega"
    text, quotes = _detect("The ferry, known as the Gull, is old, as opposed to the new one.")
    assert quotes == []


def test_he_s_before_a_cue_is_he_is_not_a_possessive():
    text, quotes = _detect("He’s claiming that the levy is “a big, big problem in this town.”")
    assert _cues(text, quotes) == ["claiming"]
    assert _mentions(text, quotes) == ["He"]


def test_a_name_s_relative_or_helper_is_a_speaker():
    text, quotes = _detect("Ms. Ortega’s doctor is calling the mayor “extremely fit.”")
    assert _mentions(text, quotes) == ["Ms. Ortega’s doctor"]


def test_as_reported_by_names_its_source_after_by():
    text, quotes = _detect("As reported by the Harbour Gazette, the levy will rise by ten "
                           "percent next year.")
    assert _mentions(text, quotes) == ["the Harbour Gazette"]
    assert quotes[0].spans[0].text_of(text) == "the levy will rise by ten percent next year"


def test_a_spaced_hyphen_is_a_dash_that_ends_a_phrase():
    text, quotes = _detect("The council passed an aggressive - some say unrealistic - levy.")
    assert _mentions(text, quotes) == ["some"]
    text, quotes = _detect("Polling by the A.F.L.-C.I.O. showed that the levy is popular.")
    assert _mentions(text, quotes) == ["Polling by the A.F.L.-C.I.O."]


def test_words_between_dashes_are_an_appositive_of_the_phrase_before_them():
    text, quotes = _detect("The three clerks -- Ms. Ortega, Mr. Ruiz and Ms. Lee -- agreed that "
                           "the levy is fair.")
    assert [q.speaker_name for q in quotes] == ["The three clerks"]
    text, quotes = _detect("John Dickey, the head of Ora Media -- the ferry firm that owns the "
                           "boats -- told me the levy is fair.")
    assert [q.speaker_name for q in quotes] == ["John Dickey"]


def test_names_listed_before_a_and_pair_belong_to_the_same_list():
    text, quotes = _detect("Russia backs the mayor as the United States, Britain and France "
                           "support the rebels.")
    assert _mentions(text, quotes) == ["the United States, Britain and France"]
    text, quotes = _detect("In Washington, Smith and Jones said the levy is fair.")
    assert _mentions(text, quotes) == ["Smith and Jones"]


def test_who_or_which_after_a_dash_stands_for_the_name_before_it():
    text, quotes = _detect("He answered questions from The Harbour Post - which has been "
                           "seeking his records - on Monday.")
    assert [q.speaker_name for q in quotes] == ["Harbour Post"]


BLUNT = """Doctors worry about sedatives

Dave Martell, a doctor from Lunenburg, treats addiction on the South Shore.

Martell, the addictions doctor on Nova Scotia's South Shore, is more blunt: "With this new monitoring, I think they're going to uncover things that are kind of horrifying."

He says a police drug bust is often followed by a "flood" of people to emergency rooms.
"""


def test_a_quotation_after_a_colon_keeps_its_subject_past_an_appositive():
    quotes = detect_quotes(BLUNT)
    blunt = [q for q in quotes if "uncover things" in q.spans[0].text_of(BLUNT)]
    assert blunt and blunt[0].speaker_name == "Dave Martell"
    flood = [q for q in quotes if "flood" in q.spans[0].text_of(BLUNT)]
    assert flood and flood[0].speaker_name == "Dave Martell"


def test_a_quotations_own_contraction_before_i_think_is_no_speaker():
    # 'That’s I' is the quotation's own words; the quote goes on with the one who spoke before
    text, quotes = _detect("\u201cPeople with those concerns deserve to be spoken to with respect,\u201d "
                           "Mayor Ann Cole said. \u201cThat\u2019s I think a very dangerous thing to do. "
                           "\u201cIt really evokes a negative reaction.\u201d")
    dangerous = [q for q in quotes if "dangerous" in q.spans[0].text_of(text)]
    assert dangerous and dangerous[0].speaker_name == "Ann Cole"
