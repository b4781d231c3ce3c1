from workbench.domain.model import Speaker, SpeakerKind
from workbench.domain.speaker_suggestions import suggest_speakers

SPEAKERS = [
    Speaker(1, "Antony Blinken", SpeakerKind.PERSON, "Secretary of State", ("Mr Blinken", "the Secretary of State")),
    Speaker(2, "Sergei Lavrov", SpeakerKind.PERSON, "Foreign Minister", ("Mr Lavrov",)),
    Speaker(3, "French presidency", SpeakerKind.ORGANISATION, "", ()),
]


def test_a_misspelt_surname_finds_the_person():
    best = suggest_speakers("Blinkin", SPEAKERS)[0]
    assert best.name == "Antony Blinken"


def test_an_alias_leads_to_the_canonical_name():
    best = suggest_speakers("secretary of state", SPEAKERS)[0]
    assert (best.name, best.matched) == ("Antony Blinken", "the Secretary of State")


def test_each_speaker_is_offered_once_and_nonsense_matches_nothing():
    names = [s.name for s in suggest_speakers("Lavrov", SPEAKERS)]
    assert names.count("Sergei Lavrov") == 1
    assert suggest_speakers("zzzz qqqq", SPEAKERS) == []
    assert suggest_speakers("   ", SPEAKERS) == []
