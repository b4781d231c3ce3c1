"""An organisation quoted by its acronym is named by the full form the article writes,
the fullest name the article gives; an acronym the article never spells out stays as written."""

from workbench.domain.detection import detect_quotes

STRIKE = """Library workers vote to strike

The Canadian Union of Public Employees (CUPE) represents 5,000 library and parks workers in the city.

"We will not accept a contract that cuts hours," CUPE said in a statement on Monday.

The city's negotiator, Dana Whitfield, said talks would resume on Friday.
"""

CRASH = """Two hurt in highway crash

The Royal Canadian Mounted Police closed Highway 16 for six hours after the crash near Hinton.

"The driver of the pickup was taken to hospital with serious injuries," the RCMP said.
"""

UNSPELT = """Party picks new candidate

"This is the candidate who can win the riding," the NDP said on Tuesday.
"""

LONGER_RUN = """Picket lines go up at hospitals

Striking Alberta Union of Provincial Employees (AUPE) members walked off the job at dawn.

"Our members have been pushed too far," the AUPE said.
"""


def _said(text: str, words: str):
    quotes = detect_quotes(text)
    return next(q for q in quotes if any(words in s.text_of(text) for s in q.spans))


def test_an_acronym_takes_the_full_form_written_before_it_in_parentheses():
    said = _said(STRIKE, "cuts hours")
    assert said.speaker_name == "Canadian Union of Public Employees"
    assert "acronym" in said.name_chain


def test_an_acronym_takes_the_full_form_written_anywhere_in_the_article():
    assert _said(CRASH, "serious injuries").speaker_name == "Royal Canadian Mounted Police"


def test_an_acronym_never_spelt_out_stays_as_written():
    assert _said(UNSPELT, "can win the riding").speaker_name == "NDP"


def test_only_the_words_the_letters_spell_are_the_full_form():
    assert _said(LONGER_RUN, "pushed too far").speaker_name == "Alberta Union of Provincial Employees"


ADOPTION = """Family fights for adopted son's citizenship

The couple received a letter this week from Immigration, Refugees and Citizenship Canada about the adoption.

In a statement, IRCC said "a final decision on the application has not yet been made."
"""


def test_a_full_form_with_a_comma_in_it_is_still_the_full_form():
    assert _said(ADOPTION, "final decision").speaker_name == "Immigration, Refugees and Citizenship Canada"


FILING = """Campaign spent more than it raised

The figures come from filings with the Federal Election Commission. The Associated Press’s count is higher.

"The campaign reported $2 million in debts," the FEC said. "We stand by our numbers," the AP said.
"""


def test_a_full_form_ending_a_sentence_or_possessive_loses_the_full_stop_and_the_s():
    assert _said(FILING, "$2 million").speaker_name == "Federal Election Commission"
    assert _said(FILING, "stand by our numbers").speaker_name == "Associated Press"


PLACE = """Donors flock to new group

The group, based in Palo Alto, Calif., raised $4 million in June.

"We are only getting started," the PAC said.
"""


def test_a_place_and_its_state_spell_no_acronym():
    assert _said(PLACE, "only getting started").speaker_name == "PAC"   # never spelt out here


ON_LINKED = """Sedatives and opioids

The National Institute on Drug Abuse said the drugs "are often mixed."

The Council on Foreign Relations said on Wednesday that the talks "will not hold."
"""


def test_an_organisation_named_with_on_keeps_its_whole_name():
    assert _said(ON_LINKED, "often mixed").speaker_name == "National Institute on Drug Abuse"
    assert _said(ON_LINKED, "will not hold").speaker_name == "Council on Foreign Relations"


DOTTED = """Drone rules take effect

The Federal Aviation Administration issued new rules on Monday.

"Drones must stay below 400 feet at all times," the F.A.A. said.
"""


def test_an_acronym_written_with_full_stops_takes_its_full_form_too():
    assert _said(DOTTED, "400 feet").speaker_name == "Federal Aviation Administration"
