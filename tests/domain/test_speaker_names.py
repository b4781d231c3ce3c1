"""The names the speaker registry reads in an article, as the analyst sees them in speakers."""

from workbench.domain.detection import detect_quotes


def speakers(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker_name, q.speaker_description) for q in detect_quotes(text)]


def test_honorific_before_a_name_gives_the_pronoun_its_gender():
    text = ("Mrs. Robin Hale met Gov. Terry Marsh in Boston on Monday.\n\n"
            "“We agreed on the budget,” she said.\n")
    assert speakers(text) == [("Robin Hale", "")]


def test_honorific_without_a_full_stop():
    text = ("Mr Robin Hale met Ms Terry Marsh in Boston on Monday.\n\n"
            "“We agreed on the budget,” he said.\n")
    assert speakers(text) == [("Robin Hale", "")]


def test_capital_inside_a_word_does_not_start_a_name():
    text = ("The eBay Terry Marsh founded grew fast, Marsh said on Monday.\n")
    assert speakers(text) == [("Terry Marsh", "")]


def test_role_and_initials_around_a_name():
    text = ("Foreign Minister Anna K. Berg arrived in Oslo on Monday.\n\n"
            "“Talks will go on,” Berg said.\n")
    assert speakers(text) == [("Anna K. Berg", "Foreign Minister")]
