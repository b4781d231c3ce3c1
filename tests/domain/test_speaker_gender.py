"""A he/she that surely stands for a person whose first name says nothing of their gender
tells the registry that gender: a later pronoun of the other gender is someone else."""

from workbench.domain.detection import detect_quotes

SHELTER = """Animal shelter asks for more foster homes

Jordan Lindqvist, a neighbour of the shelter, told the council on Monday that the barking kept the street awake.

Robin Quint, the director of the shelter on Mill Road, said the number of dogs had doubled since spring.
"We are full to the rafters," she said.

Quint said the shelter would open a second site in the summer. "The council knows where we stand."

"Nobody sleeps on this street any more," he said.
"""


def _said(text: str, words: str):
    quotes = detect_quotes(text)
    return next(q for q in quotes if any(words in s.text_of(text) for s in q.spans))


def test_a_person_a_she_stood_for_is_no_antecedent_of_a_later_he():
    assert _said(SHELTER, "full to the rafters").speaker_name == "Robin Quint"
    assert _said(SHELTER, "Nobody sleeps").speaker_name == "Jordan Lindqvist"


MOSQUE = """Sentencing hearing resumes in Quebec City

Alexandre Bissonnette, 29, pleaded guilty last year to six counts of first-degree murder.

Bissonnette had a history of mental health issues. He told psychologists that he "felt nothing" that night.
"""


def test_a_name_with_an_age_after_it_is_a_persons_for_his_pronouns():
    # 'Alexandre' is on no list of first names: the age says a person, and 'he' may be him
    assert _said(MOSQUE, "felt nothing").speaker_name == "Alexandre Bissonnette"


SHELTER_CREDIT = """Tents go up for the city's homeless

Nadia Jamil, 34, has slept at the shelter on Queen Street since October.

The city will set up three of these tented structures this winter. (Lauren Pelley / CBC News)

"It is warm, but it is not a home," she said.
"""


def test_a_photographer_in_a_photo_credit_and_a_street_are_no_one_a_pronoun_can_stand_for():
    # 'Lauren Pelley' took a photo; 'Queen Street' is no queen called Street
    assert _said(SHELTER_CREDIT, "not a home").speaker_name == "Nadia Jamil"
