"""Second pass of issue 12: who a pronoun, a role in the lead or a bare surname names, on short
made-up articles (the mechanisms, not corpus articles)."""

from workbench.domain.detection import detect_quotes


def names(text: str) -> list[str | None]:
    return [q.speaker_name for q in detect_quotes(text)]


def test_a_pronoun_after_a_sentence_whose_subject_is_a_bare_surname():
    # 'Scott bristles …' is Bobby Scott: the quote after it is his, not that of the
    # political scientist who spoke the quote before
    text = ("Virginian could make history.\n\n"
            "Bobby Scott has served in Congress for decades.\n\n"
            "\"He has not shown ambition,\" said Quentin Kidd, a political scientist.\n\n"
            "Scott bristles at the suggestion he will not be ready. \"I have raised all I needed,\" "
            "he said.\n")
    assert names(text) == ["Quentin Kidd", "Bobby Scott"]


def test_the_subject_is_the_name_after_the_words_that_modify_it():
    # 'Clinton communication director Jennifer Palmieri said …': Palmieri is the subject
    text = ("Candidates vie for votes.\n\n"
            "Hillary Clinton spoke in Ohio on Monday.\n\n"
            "Clinton communication director Jennifer Palmieri said Trump was reduced to taunts. "
            "\"This man is running to be president,\" she said.\n")
    assert names(text)[-1] == "Jennifer Palmieri"


def test_a_long_headline_run_is_split_at_first_names():
    # 'Chris Christie Calls Hillary Clinton' is two people, so 'Clinton' is Hillary Clinton
    text = ("Chris Christie Calls Hillary Clinton A Disgrace Over Police Remarks\n\n"
            "On Tuesday, Clinton criticized the police officer Betty Shelby. "
            "\"This is unbearable,\" she said.\n")
    assert names(text)[-1] == "Hillary Clinton"
