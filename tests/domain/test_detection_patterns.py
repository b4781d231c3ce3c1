"""Attribution patterns beyond 'X said Y': one hand-written sentence (or two) per pattern."""

import pytest

from workbench.domain.detection import detect_quotes
from workbench.domain.model import QuoteCandidate, QuoteKind

HEADLINE = "Council approves transport budget\n\n"


def spans_text(text: str, quote: QuoteCandidate) -> list[str]:
    return [span.text_of(text) for span in quote.spans]


def only_quote(text: str) -> QuoteCandidate:
    quotes = detect_quotes(text)
    assert len(quotes) == 1, [spans_text(text, q) for q in quotes]
    return quotes[0]


def quote_with_cue(text: str, cue: str) -> QuoteCandidate:
    found = [q for q in detect_quotes(text) if q.cue is not None and q.cue.text_of(text) == cue]
    assert len(found) == 1, [(spans_text(text, q), q.cue.text_of(text) if q.cue else None)
                             for q in detect_quotes(text)]
    return found[0]


@pytest.mark.parametrize("tail", ["on Tuesday", "in a statement", "at a rally in the old town",
                                  "during a visit to the port", "when asked about the budget",
                                  "on Tuesday evening"])
def test_inverted_cue_stops_the_speaker_at_a_time_or_occasion(tail):
    text = HEADLINE + f"“We need more time,” said Mayor Ana Lopez {tail}."
    quote = quote_with_cue(text, "said")
    assert spans_text(text, quote) == ["“We need more time,”"]
    assert quote.mention.text_of(text) == "Mayor Ana Lopez"
    assert quote.speaker_name == "Ana Lopez"


def test_subject_followed_by_a_time_adjunct_before_the_verb():
    text = HEADLINE + "Council leader Maria Okafor on Thursday evening said the fares would stay flat."
    quote = only_quote(text)
    assert spans_text(text, quote) == ["the fares would stay flat"]
    assert quote.speaker_name == "Maria Okafor"


def test_long_appositive_with_inner_commas():
    text = HEADLINE + ("Priya Raman, a baker from Springfield, Va., who has run her shop for a decade, "
                       "said the new routes had cut her takings by a third.")
    quote = only_quote(text)
    assert spans_text(text, quote) == ["the new routes had cut her takings by a third"]
    assert quote.speaker_name == "Priya Raman"
    assert quote.mention.text_of(text).startswith("Priya Raman, a baker")


def test_long_appositive_after_a_quotation():
    text = HEADLINE + ("“The numbers do not add up,” Daniel Whitcombe, the opposition spokesman, "
                       "who sits on the audit panel, said.")
    quote = only_quote(text)
    assert spans_text(text, quote) == ["“The numbers do not add up,”"]
    assert quote.speaker_name == "Daniel Whitcombe"


def test_inverted_cue_needs_the_speaker_to_end_the_tag():
    """'…, said the plan would fail' has no speaker after the verb: no inverted reading."""
    text = HEADLINE + "Mr. Whitcombe, whose group asked for the audit, said the plan would fail."
    quote = only_quote(text)
    assert spans_text(text, quote) == ["the plan would fail"]
    assert quote.speaker_name == "Whitcombe"


def test_fronted_said_with_a_colon():
    text = HEADLINE + "Said Daniel Whitcombe: “The figures are built on sand.”"
    quote = only_quote(text)
    assert spans_text(text, quote) == ["“The figures are built on sand.”"]
    assert quote.kind == QuoteKind.DIRECT
    assert quote.speaker_name == "Daniel Whitcombe"


def test_transcript_speaker_label():
    text = HEADLINE + "OKAFOR: We will not apologise for investing in the network and the buses.\n"
    quote = only_quote(text)
    assert spans_text(text, quote) == ["We will not apologise for investing in the network and the buses"]
    assert quote.mention.text_of(text) == "OKAFOR"
    assert quote.cue.text_of(text) == ":"


def test_transcript_quoted_whole_keeps_the_label_out_of_the_content():
    """'"OKAFOR: …' — a transcript paragraph in quotation marks is one quote, without its label."""
    text = (HEADLINE + "Council leader Maria Okafor answered questions after the vote.\n\n"
            '"OKAFOR: We will not apologise for investing in the network and the buses.\n')
    quote = only_quote(text)
    assert spans_text(text, quote) == ["We will not apologise for investing in the network and the buses"]
    assert quote.mention.text_of(text) == "OKAFOR"


def test_headline_label_is_a_speaker_only_when_the_article_names_that_person():
    named = ("Maria Okafor: The Buses Will Come Back To Town\n\n"
             "Council leader Maria Okafor spoke after the vote.\n")
    quote = only_quote(named)
    assert spans_text(named, quote) == ["The Buses Will Come Back To Town"]
    assert quote.speaker_name == "Maria Okafor"
    topic = "Budget row: council approves new fares for the buses\n\nThe vote was close.\n"
    assert detect_quotes(topic) == []


def test_title_case_headline_with_says():
    text = "Okafor Says The Budget Will Pass On Time\n\nMaria Okafor spoke after the vote.\n"
    quote = only_quote(text)
    assert spans_text(text, quote) == ["The Budget Will Pass On Time"]
    assert quote.speaker_name == "Maria Okafor"


def test_quote_after_a_colon_with_any_verb():
    text = HEADLINE + "Ms. Okafor shrugged: “We listened, and we changed it.”"
    quote = only_quote(text)
    assert spans_text(text, quote) == ["“We listened, and we changed it.”"]
    assert quote.speaker_name == "Okafor"


def test_quote_after_said_and_a_comma():
    text = HEADLINE + "Asked about the delay, Ana Lopez said, “We are nearly there.”"
    quote = quote_with_cue(text, "said")
    assert spans_text(text, quote) == ["“We are nearly there.”"]
    assert quote.speaker_name == "Ana Lopez"


def test_question_after_asked_has_no_speaker_unless_someone_asked():
    text = HEADLINE + "Asked whether fares would rise again, Ana Lopez said no such plan existed."
    question = quote_with_cue(text, "Asked")
    assert spans_text(text, question) == ["whether fares would rise again"]
    assert question.speaker_name is None and question.mention is None
    answer = quote_with_cue(text, "said")
    assert answer.speaker_name == "Ana Lopez"
    by = HEADLINE + "“Absolutely,” Ana Lopez said when asked by a reporter if the plan was safe."
    question = quote_with_cue(by, "asked")
    assert spans_text(by, question) == ["if the plan was safe"]
    assert question.mention.text_of(by) == "a reporter"


def test_impression_with_no_holder_is_the_whole_proposition():
    text = HEADLINE + "The mayor seemed irritated by the question about the budget."
    quote = only_quote(text)
    assert spans_text(text, quote) == ["The mayor seemed irritated by the question about the budget"]
    assert quote.mention is None and quote.speaker_name is None
    assert detect_quotes(HEADLINE + "The mayor appeared on local radio on Sunday.") == []


def test_expected_to_is_an_impression():
    text = HEADLINE + "Most councillors are expected to back the new timetable next week."
    quote = only_quote(text)
    assert spans_text(text, quote) == ["Most councillors are expected to back the new timetable next week"]
    assert quote.speaker_name is None


def test_according_to_a_document_not_a_person():
    text = HEADLINE + "Fares rose by 4 percent last year, according to data released by the council."
    quote = only_quote(text)
    assert spans_text(text, quote) == ["Fares rose by 4 percent last year"]
    assert quote.mention.text_of(text) == "data released by the council"


def test_went_on_to_say_keeps_the_subject():
    text = HEADLINE + "Ana Lopez went on to say that the buses would run all night."
    quote = only_quote(text)
    assert spans_text(text, quote) == ["that the buses would run all night"]
    assert quote.speaker_name == "Ana Lopez"


def test_new_sentence_of_reported_speech_after_a_quotation():
    text = HEADLINE + ("“We need time,” Ana Lopez said. He also said the council would vote again in May.")
    quotes = detect_quotes(text)
    assert [spans_text(text, q) for q in quotes] == [["“We need time,”"],
                                                     ["the council would vote again in May"]]


def test_any_verb_of_saying_after_a_question_is_its_tag():
    text = HEADLINE + ("Councillors Omar Haddad and Rita Vell spoke at the meeting.\n\n"
                       "“Why is the bridge still closed?” Vell demanded.")
    quote = quote_with_cue(text, "demanded")
    assert spans_text(text, quote) == ["“Why is the bridge still closed?”"]
    assert quote.speaker_name == "Rita Vell"


def test_a_verb_going_on_after_a_quotation_starts_a_new_sentence():
    text = HEADLINE + ("He praised “the volunteers.” He pledged to reopen the library in May.")
    quote = quote_with_cue(text, "pledged")
    assert spans_text(text, quote) == ["to reopen the library in May"]


def test_an_adverb_before_a_participle_is_not_its_subject():
    text = HEADLINE + ("After the vote, the mayor’s aides were also pleased, perhaps recognizing "
                       "that the plan would pass.")
    quote = quote_with_cue(text, "recognizing")
    assert quote.mention.text_of(text) == "the mayor’s aides"


def test_a_long_appositive_after_a_long_quotation():
    text = HEADLINE + ('"Quite frankly this is an outrage and a direct slap in the face, towards '
                       'riders, by a council that has already lost the trust of the whole town. '
                       'The families deserve better from the transit board and from the province '
                       'as a whole," a rider, whose name is redacted, wrote on Aug. 29.')
    quote = only_quote(text)
    assert quote.mention.text_of(text) == "a rider, whose name is redacted"


def test_manner_of_speaking_verb():
    text = HEADLINE + "“Go home,” Daniel Whitcombe snapped."
    quote = only_quote(text)
    assert quote.cue.text_of(text) == "snapped"
    assert quote.speaker_name == "Daniel Whitcombe"


def test_signed_quotation_paragraph_without_a_full_stop():
    text = HEADLINE + "The readers wrote in.\n\n“The buses are late again and nobody cares.” ― Priya Raman\n"
    quote = only_quote(text)
    assert spans_text(text, quote) == ["“The buses are late again and nobody cares.”"]
    assert quote.speaker_name == "Priya Raman"


def test_coordinated_verb_after_and_shares_the_subject():
    text = HEADLINE + "Ana Lopez welcomed the vote and added that the plan was fair to everyone."
    quote = quote_with_cue(text, "added")
    assert spans_text(text, quote) == ["that the plan was fair to everyone"]
    assert quote.speaker_name == "Ana Lopez"


def test_sentence_initial_word_is_not_part_of_a_name():
    text = HEADLINE + ("Ana Lopez spoke first. “We will win this.” He added, "
                       "“What I want is a fair vote.”")
    quote = quote_with_cue(text, "added")
    assert quote.speaker_name != "What I"


def test_source_in_a_prepositional_phrase():
    text = HEADLINE + "In Ana Lopez’s view, the old timetable was never going to work."
    quote = only_quote(text)
    assert spans_text(text, quote) == ["the old timetable was never going to work"]
    assert quote.speaker_name == "Ana Lopez"
    survey = HEADLINE + "Okafor leads Whitcombe by six points in the latest survey of council voters."
    quote = only_quote(survey)
    assert spans_text(survey, quote) == ["Okafor leads Whitcombe by six points"]
    assert quote.mention.text_of(survey) == "the latest survey"
    assert detect_quotes(HEADLINE + "She has lived in Springfield for twenty years.") == []
