"""Fourth pass of issue 12: names joined across the article and descriptions read from the
sentences around them, on short made-up articles (the mechanisms, not corpus articles)."""

import pytest

from workbench.domain.detection import detect_quotes
from workbench.domain.model import NameKind


def name_of(text: str, words: str) -> str | None:
    """The speaker's name of the quote holding ``words``."""
    found = [q for q in detect_quotes(text) if any(words in s.text_of(text) for s in q.spans)]
    assert found, words
    return found[0].speaker_name


def test_a_person_after_a_broadcasters_possessive_is_named_in_full():
    # 'KXTV’s Laura Whitfield': the surname later is Laura Whitfield, not a bare 'Whitfield'
    text = ("Mayor defends the bridge repairs\n\n"
            "Mayor Tom Okafor spoke to KXTV’s Laura Whitfield on Monday about the delays.\n\n"
            "\"Why did the city wait three years?\" Whitfield asked.\n\n"
            "\"We waited for the money,\" Okafor said.\n")
    assert name_of(text, "Why did the city wait") == "Laura Whitfield"
    assert name_of(text, "We waited for the money") == "Tom Okafor"


def test_a_programme_named_after_its_host_names_the_host_in_full():
    # the host is never named in full outside the title of her show
    text = ("Senator says she will not run again\n\n"
            "Appearing on \"The Diane Pruitt Show\" on Thursday, Sen. Carol Haines spoke about "
            "her plans.\n\n"
            "\"Is this your last term?\" Pruitt asked.\n\n"
            "\"It is,\" Haines said.\n")
    assert name_of(text, "Is this your last term") == "Diane Pruitt"
    assert name_of(text, "It is") == "Carol Haines"


def test_a_name_in_an_opening_subordinate_clause_is_not_the_subject():
    # 'When Maria Ruiz pressed …, Okafor turned …': the pronoun after it is Okafor's
    text = ("Council votes on the new budget\n\n"
            "Councillor Linda Okafor and Councillor Maria Ruiz debated the plan on Monday.\n\n"
            "When Maria Ruiz pressed the point again, Okafor turned to the county's figures. "
            "\"The money is already in the reserve,\" she said.\n")
    assert name_of(text, "already in the reserve") == "Linda Okafor"


def test_a_surname_after_a_capitalised_small_word_is_still_a_mention():
    # 'But Ruiz was not convinced.': Ruiz is that sentence's subject, so 'she' after it is Ruiz
    text = ("Council votes on the new budget\n\n"
            "Councillor Maria Ruiz and Councillor Linda Okafor debated the plan on Monday. "
            "Okafor spoke first and Okafor spoke long. But Ruiz was not convinced. \"We cannot pay for it,\" she said.\n")
    assert name_of(text, "We cannot pay for it") == "Maria Ruiz"


def test_a_new_description_opening_a_sentence_is_the_subject_of_the_sentence_before():
    # 'The Ohio senator' was never given as anyone's role: it describes Dale Brenner, the
    # subject just before, not Ruth Callahan, whom the article names most
    text = ("Governor signs the farm bill\n\n"
            "Gov. Ruth Callahan signed the farm bill on Monday. \"This bill keeps farms open,\" "
            "Callahan said. Callahan thanked the legislature.\n\n"
            "Sen. Dale Brenner, who wrote the bill, watched from the front row. "
            "The Ohio senator said the bill \"took four years of work.\"\n")
    assert name_of(text, "took four years of work") == "Dale Brenner"


def test_a_quotation_ending_the_paragraph_before_does_not_move_the_sentence_before():
    # the paragraph after a quotation opens a sentence of its own: the sentence before it is
    # the one holding that quotation, whose subject is Callahan (not Brenner, named most)
    text = ("Governor signs the farm bill\n\n"
            "Sen. Dale Brenner spoke first on Monday. Brenner praised the farmers. "
            "Brenner thanked the staff.\n\n"
            "Ruth Callahan, a Republican, signed the bill and said: \"This keeps farms open.\"\n\n"
            "The Ohio governor said the bill \"took four years of work.\"\n")
    assert name_of(text, "took four years of work") == "Ruth Callahan"


def test_a_pronoun_after_as_for_a_name_is_that_person():
    # Ruiz spoke last, but 'As for Okafor, she said …' is about Okafor
    text = ("Council votes on the new budget\n\n"
            "Councillor Linda Okafor and Councillor Maria Ruiz debated the plan on Monday.\n\n"
            "\"We cannot pay for it,\" Ruiz said. \"Not this year.\"\n\n"
            "As for Okafor, she said \"the reserve will cover it.\"\n")
    assert name_of(text, "the reserve will cover it") == "Linda Okafor"


def test_a_party_label_or_neither_before_a_name_is_no_part_of_it():
    text = ("Senate race tightens\n\n"
            "Republican Tom Hale said the race \"is closer than anyone thinks.\"\n\n"
            "Neither Carol Haines nor her staff would comment, but Haines said on Friday that "
            "\"the polls will move.\"\n")
    assert name_of(text, "closer than anyone thinks") == "Tom Hale"
    assert name_of(text, "the polls will move") == "Carol Haines"


def test_a_possessive_apostrophe_after_a_surname_in_s_is_no_part_of_the_name():
    # 'Jess Myers' plan' names Jess Myers, and the bare 'Myers' later is the same person
    text = ("Council weighs the transit plan\n\n"
            "Jess Myers' plan would double the buses.\n\n"
            "\"The riders are already there,\" Myers said.\n")
    assert name_of(text, "The riders are already there") == "Jess Myers"


def test_a_description_in_apposition_after_a_name_is_that_person():
    # 'Gov. Dana Whitlock of Iowa, a Republican who …' is Dana Whitlock, not a speaker 'Republican'
    text = ("Farm state governors split on trade\n\n"
            "Gov. Dana Whitlock of Iowa, a Republican who has not endorsed anyone, said the deal "
            "\"would hurt every farmer in the state.\"\n")
    assert name_of(text, "would hurt every farmer") == "Dana Whitlock"


@pytest.mark.parametrize("text, pronoun", [
    # an unnamed group speaking is an unnamed source: its words, never blank, never a person
    ("Nurses rally at the statehouse\n\n"
     "Hundreds of nurses marched on Tuesday with a letter to the governor.\n\n"
     "We have asked for a meeting for a year, the letter said.\n", "We"),
    # the reader addressed ('If you ride the 14, you …') is no one named either
    ("Buses late again\n\n"
     "Jess Myers runs the depot.\n\n"
     "If you ride the 14, you probably think the timetable is fiction.\n", "you"),
])
def test_a_we_or_you_that_stands_for_no_one_named_is_kept_as_written(text, pronoun):
    found = [q for q in detect_quotes(text) if q.mention is not None
             and q.mention.text_of(text) == pronoun]
    assert found and all(q.speaker_name == pronoun and q.name_kind == NameKind.UNNAMED
                         for q in found)


def test_they_after_a_group_that_names_its_members_is_those_members():
    # 'they' is the two senators named inside 'Critics …, like Senators …', not the officials
    # who spoke before them
    text = ("Visa program faces a deadline\n\n"
            "Federal officials said the program \"needs more oversight.\"\n\n"
            "Critics of the program, like Senators Ann Bly, Republican of Iowa, and Tom Hale, "
            "Democrat of Maine, see the deadline as a chance to fix it. They sent a letter on "
            "Thursday. \"The program has become plagued by fraud,\" they wrote.\n")
    assert name_of(text, "plagued by fraud") == "Ann Bly and Tom Hale"


def test_a_group_that_names_its_members_is_those_members():
    text = ("Mayors back the visa program\n\n"
            "Proponents, including the National League of Cities, say the program \"brings "
            "jobs to towns that need them.\"\n")
    assert name_of(text, "brings jobs to towns") == "National League of Cities"

