"""The words detection and dates share: months, weekdays, honorifics, titles, and the
abbreviations after which a full stop does not end a sentence.

This is the one place these words are written. The fast look-up tables and regex
alternations the detector and ``dates`` use are generated from the tuples here when
their modules are imported (``alternation`` and the ``lower`` helpers below); do not
keep a copy of a list beside its user. Where two callers need different sets, the
set is named for the reason (see ``DATE_WINDOW_ABBREVIATIONS``).
"""

from __future__ import annotations

from collections.abc import Iterable

# --- calendar ------------------------------------------------------------------------------

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# The first three letters of each month: what identifies it ("Sept." -> "Sep" -> 9).
MONTH_STEMS = tuple(month[:3] for month in MONTHS)
# The abbreviations written next to a day number (AP style: "Sept. 5"). May has none.
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct",
                       "Nov", "Dec")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Days named relative to the article's day.
RELATIVE_DAYS = ("today", "yesterday", "tonight")


def month_number(name: str) -> int:
    """1 to 12 for a month's name or abbreviation, read from its first three letters."""
    return _MONTH_NUMBER[name[:3].lower()]


_MONTH_NUMBER = {stem.lower(): number for number, stem in enumerate(MONTH_STEMS, start=1)}

# --- people: honorifics and titles -----------------------------------------------------------

# Written before a name, often abbreviated with a full stop: "Mr. Obama", "Sen. Warren".
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev",
    "sen", "rep", "gov", "gen", "col", "capt", "lt", "sgt", "pres", "hon", "adm", "maj",
    "st", "messrs", "mme", "m",
})
FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "dame", "lady", "mme"})
MALE_HONORIFICS = frozenset({"mr", "sir", "lord", "messrs", "m"})
# The capitalised honorifics the name finder accepts before one capitalised word
# ("Mr. Obama" is a name, "Obama" alone needs a second word). Order kept: it is a
# regex alternation.
NAME_HONORIFICS = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Prof", "Rev", "Lt", "Col",
                   "Capt", "Sgt", "Adm", "Maj", "St")
# The honorifics that show a label's surname is a person named elsewhere ("Sen. Warren").
PERSON_CHECK_HONORIFICS = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Pres")
# Titles of rank and office written before a name or standing for one ("President Obama",
# "the governor").
OFFICE_TITLES = frozenset({
    "president", "senator", "representative", "governor", "secretary", "judge", "justice",
    "mayor", "councillor", "councilman", "councilwoman", "chancellor", "speaker", "minister",
    "ambassador", "king", "queen", "prince", "princess", "pope", "sheriff", "chief",
    "alderman", "alderwoman", "counsel", "secretary-treasurer", "assemblyman", "assemblywoman",
})
# The titles dropped before two names are compared as forms of one person's name
# (speaker_forms.plain_name: "President Donald Trump" / "Donald J. Trump").
NAME_FORM_TITLES = ("mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "president", "senator")
# Military titles of rank ("Gen. Milley" is written "General Milley" too).
RANK_TITLES = frozenset({"general", "lieutenant", "colonel", "captain", "sergeant", "admiral", "major",
                         "commander"})

# --- abbreviations: a full stop after these does not end a sentence ---------------------------

# Company and other abbreviations (honorifics and months are added below).
_OTHER_ABBREVIATIONS = frozenset({"jr", "sr", "inc", "co", "corp", "ltd", "no", "vs"})
# US states as the AP abbreviates them ("Phoenix, Ariz."), and place abbreviations.
_PLACE_ABBREVIATIONS = frozenset({
    "ft", "mt", "ariz", "calif", "fla", "ill", "mass", "mich", "minn", "ore", "pa", "tenn",
    "tex", "va", "wash", "wis", "conn", "colo", "ky", "la", "md", "mo", "nev", "okla",
})
# US states and the abbreviation news style writes after a politician's party ('R-Ky.'); the
# states written in full there ('R-Texas') have none.
US_STATE_ABBREVIATIONS = {
    "Alabama": "Ala.", "Alaska": "Alaska", "Arizona": "Ariz.", "Arkansas": "Ark.",
    "California": "Calif.", "Colorado": "Colo.", "Connecticut": "Conn.", "Delaware": "Del.",
    "Florida": "Fla.", "Georgia": "Ga.", "Hawaii": "Hawaii", "Idaho": "Idaho", "Illinois": "Ill.",
    "Indiana": "Ind.", "Iowa": "Iowa", "Kansas": "Kan.", "Kentucky": "Ky.", "Louisiana": "La.",
    "Maine": "Maine", "Maryland": "Md.", "Massachusetts": "Mass.", "Michigan": "Mich.",
    "Minnesota": "Minn.", "Mississippi": "Miss.", "Missouri": "Mo.", "Montana": "Mont.",
    "Nebraska": "Neb.", "Nevada": "Nev.", "New Hampshire": "N.H.", "New Jersey": "N.J.",
    "New Mexico": "N.M.", "New York": "N.Y.", "North Carolina": "N.C.", "North Dakota": "N.D.",
    "Ohio": "Ohio", "Oklahoma": "Okla.", "Oregon": "Ore.", "Pennsylvania": "Pa.",
    "Rhode Island": "R.I.", "South Carolina": "S.C.", "South Dakota": "S.D.", "Tennessee": "Tenn.",
    "Texas": "Texas", "Utah": "Utah", "Vermont": "Vt.", "Virginia": "Va.", "Washington": "Wash.",
    "West Virginia": "W.Va.", "Wisconsin": "Wis.", "Wyoming": "Wyo.",
}
# Written with inner full stops; a word-with-dots reader sees "u.s" before the last stop.
_DOTTED_ABBREVIATIONS = frozenset({
    "u.s", "u.k", "u.n", "e.g", "i.e", "d.c", "a.m", "p.m", "n.y", "n.j", "n.c", "s.c", "n.h",
})
_MONTH_ABBREVIATIONS_LOWER = frozenset(a.lower() for a in MONTH_ABBREVIATIONS)
# The honorifics abbreviated with a full stop in news text (not "sir", "lady", "m", ...).
_ABBREVIATED_HONORIFICS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "capt", "lt", "sgt",
    "st", "adm", "maj", "rev", "hon", "pres", "messrs",
})

# The detector's sentence segmenter (detection/segmentation.py): it reads the word
# before a full stop with its inner dots ("U.S.") and takes any single letter as an
# initial, so "r", "d", "i" and "v" ("R-Ariz.", "Smith v. Jones") are listed for the
# cases the single-letter rule misses.
SENTENCE_ABBREVIATIONS = _ABBREVIATED_HONORIFICS | _OTHER_ABBREVIATIONS \
    | _MONTH_ABBREVIATIONS_LOWER | _PLACE_ABBREVIATIONS | _DOTTED_ABBREVIATIONS \
    | frozenset({"v", "r", "d", "i"})
# The sentence window of ``dates`` reads only the letters before a full stop, and has
# always had this shorter list (plus "etc"); kept apart so date resolution does not move.
DATE_WINDOW_ABBREVIATIONS = (_ABBREVIATED_HONORIFICS - {"adm", "maj", "messrs"}) \
    | _OTHER_ABBREVIATIONS | _MONTH_ABBREVIATIONS_LOWER | frozenset({"etc"})


def alternation(words: Iterable[str]) -> str:
    """``a|b|c`` for a regex, in the order given (the order can matter to a regex)."""
    return "|".join(words)


def lower(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(word.lower() for word in words)
