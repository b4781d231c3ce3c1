"""Who a mention refers to: the article's people and organisations, and coreference.

Before attributions are read, one regex pass collects every proper name in
the article ("Antony Blinken", "Nato Secretary General Jens Stoltenberg");
names sharing a surname merge into one entity when their first names agree
(rapidfuzz), and the role written before a name becomes that entity's
description. Mentions are then resolved in document order: a surname or
honorific to the entity with that surname mentioned most recently, a role
("the secretary of state") to the entity holding it, a pronoun to the last
speaker or sentence-initial name of a compatible gender.
"""

from __future__ import annotations

import bisect
import math
import re
from functools import lru_cache
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz import fuzz, process

from workbench.domain.detection.mentions import (
    PRONOUNS, ARTIFACT_WORDS, DETERMINERS, GROUP_NOUNS, HONORIFICS, ORG_WORDS, ROLE_WORDS,
    SENTENCE_OPENERS, Mention, MentionKind, honorific_gender, proper_name_tokens,
)
from workbench.domain.detection.segmentation import after_abbreviation, turn_at
from workbench.domain.lexicon import (
    MONTHS, NAME_HONORIFICS, OFFICE_TITLES, RELATIVE_DAYS, US_STATE_ABBREVIATIONS, WEEKDAYS,
    lower,
)
from workbench.domain.model import KnownSpeaker, NameKind, Span, SpeakerKind

# Enum members bound once: a class attribute look-up costs ten times a global one here.
_MK_PRONOUN = MentionKind.PRONOUN
_MK_RELATIVE = MentionKind.RELATIVE
_NK_DOCUMENT_ISSUER = NameKind.DOCUMENT_ISSUER
_NK_GROUP = NameKind.GROUP
_NK_ORGANISATION = NameKind.ORGANISATION
_NK_PERSON = NameKind.PERSON
_NK_UNKNOWN = NameKind.UNKNOWN
_NK_UNNAMED = NameKind.UNNAMED
_SK_ORGANISATION = SpeakerKind.ORGANISATION
_SK_PERSON = SpeakerKind.PERSON
_SK_UNKNOWN = SpeakerKind.UNKNOWN
_FIRST_NAME_MATCH = 80       # rapidfuzz ratio above which two first names are one person
_ALIAS_MATCH = 90            # token_set_ratio above which a mention is a known speaker's alias
_ROLE_MATCH = 88             # ratio above which two role phrases are the same role
_PRONOUN_REACH = 6           # sentences a pronoun may reach back

_NAME_HONORIFICS = NAME_HONORIFICS
# A name of two or more capitalised words, perhaps after an honorific. The pattern
# opens with a bare capital so that the regex engine's fast scan skips every other
# character; so the word boundary before it is a look-behind, and an honorific is
# matched from its second letter ("rs" of "Mrs") and checked whole by a look-behind.
# The first word is possessive (`*+`): the space that must follow it is no word
# character, so giving letters back could never help. After an honorific one
# capitalised word is enough ('Mr. Obama'): the conditional group (?(1)…) asks for
# one more word only when no honorific was matched.
_NAME_WORD = r"(?:[ \t]+(?:(?:[A-Z]\.[ \t]*)+|(?:de|van|von|bin|al|da|del|la|le)[ \t]+)?[A-Z][\w’'-]*)"
_NAME_RE = re.compile(
    r"[A-Z](?<!\w[A-Z])"
    r"(?:(" + "|".join(f"{title[1:]}(?<={title})" for title in _NAME_HONORIFICS) + r")"
    r"\.?[ \t]+[A-Z])?[\w’'-]*+"
    r"(?(1)" + _NAME_WORD + "*|" + _NAME_WORD + "+)")
_FEMALE_FIRST_NAMES = frozenset({
    "hillary", "nancy", "elizabeth", "sarah", "kellyanne", "carly", "hope", "kate", "mary",
    "susan", "jennifer", "karen", "michelle", "melania", "ivanka", "chelsea", "huma",
    "debbie", "donna", "jill", "kamala", "angela", "theresa", "marine", "condoleezza",
    "madeleine", "samantha", "valerie", "loretta", "janet", "nikki", "megyn", "katie",
    "diane", "barbara", "laura", "jane", "anne", "ann", "emily", "amy", "lisa", "linda",
    "patricia", "margaret", "catherine", "katherine", "rachel", "maria", "julia", "ruth",
    "heidi", "tulsi", "dianne", "claire", "kirsten", "tammy", "maxine", "sheila", "ursula",
    "liz", "kristen", "rebecca", "stephanie", "jessica", "christine", "helen", "caroline",
    "natalie", "olivia", "sophie", "emma", "victoria", "alexandria", "ilhan", "marsha",
    "abby", "angelique", "ivana", "meghan", "kathleen", "joan", "carol", "deborah", "debra",
    "sandra", "sharon", "cynthia", "kathy", "judy", "judith", "betty", "dorothy", "helen",
    "lauren", "megan", "hannah", "grace", "julie", "heather", "melissa", "amanda", "michele",
    "nicole", "kimberly", "kim", "pamela", "teresa", "gloria", "cheryl", "brenda", "joyce",
    "virginia", "kristin", "erin", "andrea", "wendy", "gina", "tina", "lucy", "alice", "eva",
    "aparna", "aung", "marcia", "ouisa", "gennifer", "nina", "vanessa", "monica", "paula",
    "jan", "roberta", "diana", "margaret", "marianne", "christina", "colleen", "denise",
})
# First names that make a capitalised pair a person ('Quentin Kidd' is a person by speaking).
_MALE_FIRST_NAMES = frozenset({
    "donald", "barack", "bill", "mike", "michael", "john", "james", "robert", "william", "david",
    "richard", "joseph", "joe", "thomas", "charles", "christopher", "chris", "daniel", "dan",
    "matthew", "matt", "anthony", "mark", "paul", "steven", "steve", "andrew", "kenneth", "george",
    "edward", "ed", "brian", "ronald", "kevin", "jason", "jeff", "jeffrey", "ryan", "gary",
    "timothy", "tim", "jose", "larry", "frank", "scott", "eric", "stephen", "jacob", "raymond",
    "patrick", "jack", "dennis", "jerry", "tyler", "aaron", "adam", "henry", "nathan", "douglas",
    "zachary", "peter", "kyle", "walter", "harold", "jeremy", "ethan", "carl", "keith", "roger",
    "gerald", "christian", "terry", "sean", "arthur", "austin", "noah", "lawrence", "jesse", "joe",
    "bryan", "billy", "bruce", "albert", "willie", "gabriel", "alan", "juan", "wayne", "roy",
    "ralph", "randy", "eugene", "vincent", "russell", "louis", "bobby", "philip", "johnny",
    "newt", "ted", "marco", "rand", "jeb", "bernie", "tom", "harry", "ben", "benjamin", "jim",
    "mitt", "mitch", "rudy", "rudolph", "reince", "corey", "kellyanne", "vladimir", "xi", "al",
    "jon", "jonathan", "sam", "samuel", "nick", "nicholas", "tony", "rick", "ron", "reid",
    "lindsey", "chuck", "elijah", "sherrod", "tim", "bob", "hugh", "fred", "pat", "dick",
    "colin", "jay", "ken", "glenn", "howard", "martin", "karl", "francois", "angus", "ban",
    "malcolm", "norman", "craig", "quentin", "abe", "shinzo", "recep", "boris", "emmanuel",
    "justin", "jens", "antony", "sergei", "sergey", "dmitry", "kim", "nigel", "jeremy", "gordon",
    "tony", "david", "hassan", "ali", "mohammed", "muhammad", "ahmed", "omar", "jorge", "carlos",
    "luis", "pedro", "miguel", "jesus", "manuel", "mario", "franklin", "lyndon", "dwight", "gerald",
    "jimmy", "ronald", "lamar", "cory", "kirk", "mitchell", "orrin", "jared", "stephen", "stuart",
    "dean", "doug", "greg", "gregory", "terence", "charlie", "laurence", "kevin", "dana", "rob",
})
_FIRST_NAMES = _FEMALE_FIRST_NAMES | _MALE_FIRST_NAMES
_MONTHS_AND_DAYS = frozenset({*lower(MONTHS), *lower(WEEKDAYS), *RELATIVE_DAYS})
# Capitalised at a sentence start, never the start of a name: 'What I', 'But Trump'.
_NOT_NAME_WORDS = frozenset({
    "what", "i", "we", "he", "she", "it", "they", "you", "the", "this", "that", "these",
    "those", "but", "and", "or", "so", "if", "when", "while", "as", "in", "on", "at", "for",
    "after", "before", "because", "though", "although", "then", "now", "here", "there",
    "why", "how", "who", "where", "my", "our", "his", "her", "their", "its", "your", "a",
    "an", "asked", "said", "says", "like", "with", "from", "by", "to", "of", "yet", "still",
    "added", "adds", "wrote", "writes", "told", "according", "speaking", "reporting",
    "meanwhile", "however", "also", "even", "just", "only", "not", "no", "yes", "all", "neither",
    "either",
    "every", "some", "many", "most", "both", "each", "since", "until", "unless", "once",
    "during", "under", "over", "among", "about", "let", "thank", "dear", "oh", "well",
})
# Lowercase words inside a role written before a name: 'Secretary of State'.
_ROLE_LINKS = frozenset({"of", "the", "for", "and"})
_PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}


_PRONOUN_CHARS = 2500        # how far back (characters) a pronoun looks for its antecedent
_LEAD_CHARS = 800            # the headline and first paragraph end by here at the latest
_LEAD_ROLE_WORDS = frozenset({"doctor", "physician", "lawmaker", "congressman", "congresswoman"})
_SUBJECT_BONUS = 1.0         # bonus of the subject of the sentence before a pronoun's
_SURNAME_AFTER_INITIALS_RE = re.compile(r"[ \t]+[A-Z][\w’'-]+")
_NAMESAKE_NEAR = 300         # characters within which a namesake named in full is meant
_GIVEN_NAME_AFTER_RE = re.compile(r"[A-Z][a-z]+-[a-z]+")   # Ki-moon, Jong-un, Jae-in
# The commonest Chinese family names in pinyin, written first ('Wang Qishan' is Mr. Wang)
_CHINESE_FAMILY_NAMES = frozenset({
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun",
    "zhu", "hu", "guo", "gao", "lin", "luo", "zheng", "liang", "xie", "song", "tang", "feng",
    "deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "du",
    "cheng", "wei", "lu", "ding", "ren", "shen", "yao", "xi", "zhong", "qian", "cui", "kong",
    "mao", "hou", "meng", "qin", "xiong", "jia", "fang", "bo", "hua",
})
_SENTENCE_END_RE = re.compile(r"(?:[.!?][”\"’']?|\n)\s+(?=[“\"‘']?[A-Z])|\n\s*")
_ORG_LINKS = frozenset({"of", "for", "and", "the", "a", "de"})
# Capitalised words joined by 'of', 'for', 'and'…: 'Roper Center for Public Opinion Research'.
_ORG_RUN_RE = re.compile(
    r"[A-Z](?<!\w[A-Z])[\w’'&./-]*(?:[ \t]+(?:(?:of|for|and|the|a|de|bin|al|van|von|da|del|la|le)[ \t]+"
    # 'Council on Foreign Relations', 'Institute on Drug Abuse'; not 'Council on Wednesday'
    r"|(?:(?<=Council )|(?<=Institute )|(?<=Commission )|(?<=Committee )|(?<=Center )|(?<=Centre ))"
    r"on[ \t]+(?!(?:" + "|".join(MONTHS + WEEKDAYS) + r")\b))*"
    r"(?:[A-Z][\w’'&./-]*|[0-9]+(?:st|nd|rd|th)|(?<=Local )[0-9]+\b))*")   # 'UFCW Local 832'
_POSSESSIVE_END_RE = re.compile(r"([A-Z][\w.-]*(?: [A-Z][\w.-]*)*)(?:’s|'s|’|')$")
_GROUP_OPENING_RE = re.compile(
    r"^(?:(?:[Bb]oth|[Tt]he)\s+)?(?:(?:(?:[Rr]epublican|[Dd]emocratic|GOP|[Pp]residential)\s+)?"
    r"(?:[Ss]enators|[Cc]andidates|[Rr]epresentatives|[Gg]overnors|[Ll]awmakers)\s+"
    # 'the owners Tore Sohlberg and Lehla Abreder', "Stella's co-founders A and B"
    r"|(?:[A-Z][\w-]*(?:’s|'s)\s+)?(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*s\s+(?=[A-Z]))?")
# 'Bob Corker, R-Tenn., and Lindsey Graham, R-S.C.': the party and state are no member of a group
_PARTY_STATE_TAG_RE = re.compile(r",[ \t]*[DRI]-[A-Z][A-Za-z.]{1,6}(?=,|$)")
# 'Critics of the program, like Senators A, Republican of Iowa, and B, see …': a plural subject
# and the members it names, up to the comma before the verb.
_MEMBERS_RE = re.compile(
    r"[A-Z][\w-]*s\b[^,.;:“\"\n]{0,60},[ \t]+(?:like|including|such as)[ \t]+"
    r"((?:[^.;:“\"\n]|(?<=\b[A-Z])\.)+?),[ \t]+(?!and\b)(?=[a-z])")
_MEMBERS_AFTER_RE = re.compile(r",?[ \t]+(?:like|including|such as)[ \t]+([^;:“\"\n]+?),?[ \t]*$")
_PARTY_OF_STATE_RE = re.compile(
    r",?[ \t]+(?:a[ \t]+)?(?:Republican|Democrat|Independent)[ \t]+(?:of|from)[ \t]+"
    r"[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)*|[ \t]*\([A-Z]-[^()]{1,20}\)")
_GROUP_SPLIT_RE = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
# 'In its statement …, al-Shabaab said': a sentence opening with 'In', and the subject named
# after that phrase's comma
_IN_OPENING_RE = re.compile(r"[“\"]?In\s+")
_SUBJECT_AFTER_COMMA_RE = re.compile(
    r"\s+(?:the\s+)?((?:al-)?[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*){0,4})\s+(?=[a-z])")
_AGE_EPITHET_RE = re.compile(r"(?:the|this|that)\s+\d{1,3}-year-old\b", re.IGNORECASE)
# Two organisations, not one name with 'and' in it ('Health and Human Services'): the second
# with its own article or an acronym ('The Times and the Gannett chain', 'the campaign and DNC')
_TWO_ORGANISATIONS_RE = re.compile(r"\sand\s+(?:the\s+[A-Z]|[A-Z]{2,}\b)")
_APPOSITIVE_ROLE_RE = re.compile(r",\s+(?:the|a|an)\s+([^,.;:()“\"]{3,70})")
# The capitalised words written right before a short name: 'New York | Post'.
_WORDS_BEFORE_ORG_RE = re.compile(r"(?:[A-Z][\w.&’'-]*[ \t]+(?:(?:of|for|and|the)[ \t]+)*)+$")
_ACRONYM_RE = re.compile(r"[A-Z](?:[A-Z&]{1,7}|\.(?:[A-Z]\.){1,7})")   # 'CUPE', 'AT&T', 'F.A.A.'
# Capitalised words, joined as names of organisations join them, commas included:
# 'Immigration, Refugees and Citizenship Canada'; a full stop ends the run unless a letter follows ('U.S.').
_SPELT_OUT_RE = re.compile(
    r"[A-Z][\w’'&-]*(?:\.\w[\w’'&-]*)*(?:,?[ \t]+(?:(?:of|for|and|the|on|de)[ \t]+)*"
    r"[A-Z][\w’'&-]*(?:\.\w[\w’'&-]*)*)*")
_WORD_RE = re.compile(r"[^\s,]+")
_FORM_END_RE = re.compile(r"[’']s?$")   # a possessive after a full form
_EXTRA_ORG_WORDS = frozenset({
    "conference", "institution", "school", "network", "caucus", "circuit", "center", "centre",
    "nations", "council", "agency", "commission", "department", "bureau", "inc", "llc",
    "foundation", "institute", "university", "college", "court", "fund", "bank", "coalition",
})
# Heads an organisation nearly always has in its name ('the Living Church of God' … 'the
# church'): the one named with the word comes before whichever organisation spoke last.
_NAMING_HEADS = frozenset({"diocese", "church", "club", "charity"})
_ORG_HEADS = _NAMING_HEADS | frozenset({
    "agency", "bank", "network", "company", "court", "council", "department", "committee",
    "campaign", "paper", "newspaper", "organization", "organisation", "firm", "administration",
    "government", "ministry", "panel", "commission", "board", "center", "centre", "institute",
    "group", "party", "office", "bureau", "station", "channel", "outlet", "website", "site",
    "magazine", "publication", "university", "foundation", "union", "team", "coalition",
    "police", "army", "military", "regime", "kremlin", "white", "state",
})
DOCUMENT_WORDS = ARTIFACT_WORDS | frozenset({
    "data", "research", "findings", "figures", "numbers", "polling", "audit", "assessment",
    "estimate", "estimates", "projections", "paper", "book", "page", "records", "returns",
    "policy", "plan", "proposal", "bill", "order", "decision", "verdict", "opinion", "review",
    "summary", "guidance", "notice", "directive", "memos", "reports", "polls", "surveys",
    "studies", "statements", "documents", "emails", "tweets", "column", "commentary",
    "outline", "budget", "account", "submission", "memoir", "testimony", "affidavit",
})
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they"}
_PREPOSITIONS = frozenset({"of", "for", "at", "in", "on", "to", "from", "with", "by", "near",
                           "about", "like", "including", "among", "inside", "within"})
_PROGRAMME_WORDS = frozenset({"show", "hour", "podcast", "program", "programme", "report"})
# a he/she resolved at least this surely gives a person of unknown gender that gender
_LEARN_GENDER_CONFIDENCE = 0.6
_GROUP_WORDS = frozenset({"pair", "couple", "duo", "both", "trio", "two", "three"})
_PLURAL_PEOPLE = frozenset({
    "democrats", "republicans", "americans", "african-americans", "europeans", "russians",
    "conservatives", "liberals", "progressives", "evangelicals", "latinos", "hispanics",
})


@dataclass(slots=True)
class Entity:
    name: str
    kind: SpeakerKind
    description: str = ""
    first: str = ""
    gender: str | None = None
    roles: list[str] = field(default_factory=list)
    person: bool = False            # evidence that this is a person (first name, title, speech)
    gender_sure: bool = False       # from a title or a first name, not a guess
    # the gender of a he/she that surely stood for them: it only rules the other one out
    pronoun_gender: str | None = None
    source: Span | None = None   # where its fullest name is written


class Resolution(NamedTuple):
    """Who a mention names and how (a named tuple: one is made per mention, and a frozen
    dataclass of nine fields costs a call per field to build)."""

    name: str | None
    kind: SpeakerKind
    description: str
    how: str            # for the reason text: "last named speaker two sentences before"
    name_kind: NameKind = _NK_UNKNOWN
    confidence: float = 0.0         # of the name alone
    candidates: tuple[str, ...] = ()
    source: Span | None = None
    chain: str = ""


UNRESOLVED = Resolution(None, _SK_UNKNOWN, "", "")

# Share of names right (identity level) per way of reaching them, measured on the tuning
# outlets of PolNeAR dev by benchmarks/calibrate_names.py (benchmarks/README.md, "Speaker
# names"); a name's confidence is its way's share. "role" and "known" had too few cases to
# measure and are set by hand.
_HOW_CONFIDENCE = {
    "full": 0.91, "surname": 0.94, "label": 0.76, "document": 0.8, "group": 0.9,
    "organisation": 0.72, "role": 0.6, "salient": 0.62, "known": 0.95, "unknown": 0.45,
    "last organisation": 0.45, "last unnamed group": 0.2, "previous speaker": 0.45,
}


class SpeakerRegistry:
    """The people and organisations of one article; resolves mentions to canonical names."""

    def __init__(self, text: str, known_speakers: Sequence[KnownSpeaker] = ()) -> None:
        self._text = text
        self._entities: list[Entity] = []
        self._by_surname: dict[str, list[int]] = {}
        self._positions: list[int] = []          # start offsets of name mentions
        self._position_entity: list[int] = []    # entity index per position
        self._entity_positions: dict[int, list[int]] = {}
        self._known_aliases: dict[str, int] = {}
        self._last_speaker: tuple[int, int] | None = None   # (position, entity index)
        self._last_plural: tuple[int, Resolution] | None = None
        self._last_org: tuple[int, Resolution] | None = None
        self._last_issuer: tuple[int, Resolution] | None = None
        self._headline_lines: dict[int, bool] = {}           # line start -> a headline?
        self._stable: dict[str, Resolution] = {}    # words -> resolution, where position can't matter
        self._fullest: dict[str, str] = {}                  # short organisation name -> fullest
        self._spelt_out: dict[str, dict[str, int]] | None = None   # _spelt_out_forms, when asked
        self._state_ties: dict[tuple[str, str], list[tuple[int, str]]] = {}   # _state_politician's
        self._campaigns_written: dict[str, bool] = {}   # surname -> 'Trump campaign' written?
        self._word_starts: dict[str, list[int]] = {}        # word -> where it is written, in order
        self._vocative_names: dict[str, str] | None = None  # transcript label -> first name
        self._first_named: dict[int, int] | None = None     # entity -> first full mention
        self._namesake_index: tuple[Sequence[int], dict[int, list[int]]] | None = None  # _namesake's
        self._titled_tally: dict[int, list[int]] = {}   # _titled_mention's: entity -> [count, last]
        self._titled_tallied = 0                         # of the positions collected so far
        self._surname_forms: set[str] = set()     # surnames of people named in full, as written
        self._by_first: dict[str, list[int]] | None = None   # first name -> people, read when asked
        for known in known_speakers:
            self._add_known(known)
        self._collect_names(text)
        self._collect_surnames(text)
        self._mark_people()
        # entities are all known by now; the first one of each name, for note_speaker
        self._first_with_name: dict[str, int] = {}
        for index, entity in enumerate(self._entities):
            self._first_with_name.setdefault(entity.name, index)
        for at, index in zip(self._positions, self._position_entity):
            self._entity_positions.setdefault(index, []).append(at)
        # the same mentions as (position, entity), in order: who was named near a pronoun;
        # the speakers noted later are kept apart (inserting them here would move the
        # whole list each time in a long text)
        self._mention_entries = list(zip(self._positions, self._position_entity))
        self._noted_entries: list[tuple[int, int]] = []
        self.lead_end = _lead_end(text)    # the headline and the first paragraph

    # -- building ---------------------------------------------------------------

    def _add_known(self, known: KnownSpeaker) -> None:
        words = known.name.split()
        index = self._new_entity(Entity(known.name, known.kind, known.description,
                                        first=words[0] if len(words) > 1 else "",
                                        person=known.kind == _SK_PERSON))
        for alias in (known.name, *known.aliases):
            self._known_aliases[alias.lower()] = index
        if words:
            self._by_surname.setdefault(_surname_key(words[-1]), []).append(index)
        if known.description:
            _add_role(self._entities[index], _normalise_role(known.description))

    def _new_entity(self, entity: Entity) -> int:
        self._entities.append(entity)
        return len(self._entities) - 1

    def _collect_names(self, text: str) -> None:
        # An article repeats its names: each written form is read once. The entity a
        # form joins does not change later, as entities are only ever appended.
        seen: dict[str, tuple[list[str], list[str], int, str, int] | None] = {}
        titled: dict[str, tuple[str, str, int]] = {}
        positions, position_entity = self._positions, self._position_entity
        # a photo credit names the photographer, who says nothing: '(Lauren Pelley / CBC News)'
        credits = {m.start(1) for m in _PHOTO_CREDIT_RE.finditer(text)} if "/" in text else ()
        for match in _NAME_RE.finditer(text):
            written = match.group()
            if credits and match.start() in credits:
                continue
            again = titled.get(written)
            if again is not None:
                # 'Mr. Obama', 'President Obama': read every time, the person may differ
                self._titled_mention(again[0], again[1], match.start() + again[2])
                continue
            if written in seen:
                reading = seen[written]
                if reading is None:
                    continue
                prefix, name, index, full, offset = reading
            else:
                words, name, split_if_headline, usable, prefix = _name_reading(written)
                in_headline = split_if_headline and self._headline_at(match.start())
                if in_headline:
                    name = _first_person_in(name)   # a headline: Hillary Clinton Goes After …
                    usable = _usable_name(name, words)
                    prefix = words[:len(words) - len(name)]
                if usable and len(words) > len(name) + 1 and name[0] in words \
                        and self._headline_at(match.start()):   # … Donald Trump: the others
                    self._headline_people(written, words[words.index(name[0]) + len(name):],
                                          match.start())
                if not usable:
                    if not in_headline:     # read again where no headline cuts it short
                        seen[written] = None
                    continue
                if len(name) == 1 and prefix and _is_title(prefix[-1]):
                    if name[0].lower() in _PLACE_NOUNS:   # 'Queen Street': a place, no queen
                        seen[written] = None
                        continue
                    titled[written] = (prefix[-1], name[0], written.rfind(name[0]))
                    self._titled_mention(prefix[-1], name[0], match.start() + written.rfind(name[0]))
                    continue
                index = self._entity_for_full_name(name, words, match.start())
                full = " ".join(_clean_name(name))
                offset = written.find(name[0])
                seen[written] = (prefix, name, index, full, offset)
            at = match.start() + offset
            positions.append(at)     # _add_position, inlined: the hottest loop here
            position_entity.append(index)
            entity = self._entities[index]
            if entity.source is None or full == entity.name \
                    and len(full) > entity.source.end - entity.source.start:
                entity.source = Span(at, at + len(full))
            role = _role_before(text, match.start(), prefix, name) or \
                (text[match.end():match.end() + 1] == "," and _appositive_role(text, match.end())) \
                or not prefix and text[match.start() - 2:match.start()] == ", " \
                and _role_before_comma(text, match.start())
            if role:
                entity.person = True
                _add_role(entity, _normalise_role(role))
                if not entity.description:
                    entity.description = role
                gender = _role_gender(role.split()[-1].lower())
                if gender is not None:     # '9/11 widow Terry Strada': the role says she
                    entity.gender, entity.gender_sure = gender, True
            if prefix and honorific_gender(prefix):
                entity.gender, entity.gender_sure, entity.person = honorific_gender(prefix), True, True

    def _collect_surnames(self, text: str) -> None:
        """Every bare surname of a person named in full ('Scott bristles …') is a mention of
        that person too, so that salience and 'the subject of the sentence before' see it. Of
        namesakes, a bare surname is the one named in full most recently before it."""
        by_surname, entities = self._by_surname, self._entities
        merged = sorted(zip(self._positions, self._position_entity))   # headline people came early
        full_positions, full_entities = [at for at, _ in merged], [index for _, index in merged]
        self._positions, self._position_entity = list(full_positions), list(full_entities)
        found: list[tuple[int, int]] = []
        forms = self._surname_forms       # only people named in full gain their bare surnames
        if not forms:
            self._full_positions, self._full_entities = full_positions, full_entities
            return
        for match in _surnames_re(frozenset(forms)).finditer(text):
            start = match.start()
            if start and (text[start - 1].isalnum() or text[start - 1] in "_’'-"):
                continue    # inside a word
            candidates = by_surname.get(_surname_key(match.group()))
            if not candidates:
                continue
            space = text.rfind(" ", max(0, start - 30), start - 1)
            previous = text[space + 1:start].strip() if start > 1 and text[start - 1] in " \t" else ""
            if previous and (previous[:1].isupper() and not previous.endswith((".", ":"))
                             and previous.split()[-1].lower() not in _SURNAME_OPENERS
                             or _is_title(previous)):
                continue    # part of a longer name, or titled (read already)
            index = candidates[0] if len(candidates) == 1 else \
                self._namesake(candidates, start, full_positions, full_entities)
            if entities[index].kind == _SK_PERSON and len(entities[index].name.split()) > 1:
                found.append((start, index))
        if found:
            merged.extend(found)
            merged.sort()
            self._positions = [at for at, _ in merged]
            self._position_entity = [index for _, index in merged]
        self._full_positions, self._full_entities = full_positions, full_entities

    def _mark_people(self) -> None:
        """A name is a person's once the article writes it outside the headline (a headline alone
        may be a misread run: 'Hillary Clinton Goes After …') with a first name that tells a
        gender, with an age or 'who' after it ('Alexandre Bissonnette, 29,'), or as the subject
        a later clause of its sentence calls 'he' or 'she', which gives its gender too."""
        positions = self._positions
        for k, (at, index) in enumerate(zip(positions, self._position_entity)):
            entity = self._entities[index]
            if entity.person or self._headline_at(at):
                continue
            if entity.gender_sure or _AGE_OR_WHO_RE.match(self._text, at):
                entity.person = True
                continue
            # 'Mamadou Dia was on a business trip … when he ended up …': the subject a later
            # clause of its sentence calls 'he' or 'she', no person named between them
            clause = _SUBJECT_THEN_PRONOUN_RE.match(self._text, at)
            if clause is not None and _opens_clause(self._text, _sentence_start(self._text, at), at) \
                    and not self._person_named_between(k + 1, clause.start("pronoun")) \
                    and (" " in clause.group("name").strip()     # a surname alone, if no namesake
                         or len(self._by_surname.get(_surname_key(clause.group("name")), ())) == 1):
                entity.person = True
                if entity.gender is None:
                    entity.gender = "m" if clause.group("pronoun") == "he" else "f"

    def _person_named_between(self, k: int, end: int) -> bool:
        """Whether a name mention from the ``k``-th on, before ``end``, is known to be a person's."""
        positions, entities = self._positions, self._position_entity
        while k < len(positions) and positions[k] < end:
            if self._entities[entities[k]].person:
                return True
            k += 1
        return False

    def _namesake(self, candidates: Sequence[int], at: int, positions: Sequence[int],
                  entities: Sequence[int]) -> int:
        """Of namesakes, the one a bare surname means: the one named in full within the last
        300 characters ('Ivanka Trump said … Trump added'), else the one the article named in
        full first: the others are told apart by first names ('Mixed messages on Trump leave
        plan': Donald Trump, named first, then Ivanka Trump five times)."""
        # the last full mention of one of them before ``at``: looked up in each one's own
        # positions (indexed once), not by walking back over everyone's (quadratic in a
        # long text with many names)
        if self._namesake_index is None or self._namesake_index[0] is not positions:
            own: dict[int, list[int]] = {}
            for position, index in zip(positions, entities):
                own.setdefault(index, []).append(position)
            self._namesake_index = (positions, own)
        last = (-1, -1)   # (position, entity): at one position, the later entity, as before
        for candidate in set(candidates):
            own_positions = self._namesake_index[1].get(candidate, ())
            k = bisect.bisect_left(own_positions, at)
            if k and (own_positions[k - 1], candidate) > last:
                last = (own_positions[k - 1], candidate)
        if last[1] >= 0 and at - last[0] < _NAMESAKE_NEAR:
            return last[1]
        if self._first_named is None:     # read once: where each is first named in full
            first_line = self._text.find("\n")   # (after the headline: it may be misread)
            self._first_named = {}
            for position, index in zip(positions, entities):
                if position > first_line:
                    self._first_named.setdefault(index, position)
        named = [c for c in candidates if c in self._first_named]
        return min(named, key=self._first_named.__getitem__) if named else candidates[0]

    def _headline_people(self, written: str, rest: list[str], start: int) -> None:
        """The people named after the first one in a headline run ('Chris Christie Calls
        Hillary Clinton A …' names Hillary Clinton too)."""
        person = _first_person_in(rest)
        while person:
            offset = written.find(person[0] + " " + person[1])
            if offset >= 0:
                at = start + offset
                index = self._entity_for_full_name(person, person, at)
                self._add_position(at, index)
            rest = rest[rest.index(person[0]) + 2:]
            person = _first_person_in(rest)

    def _headline_at(self, at: int) -> bool:
        """``_headline_line`` for the line holding ``at``, worked out once per line."""
        k = self._text.rfind("\n", 0, at)
        known = self._headline_lines.get(k)
        if known is None:
            known = self._headline_lines[k] = _headline_line(self._text, at)
        return known

    def _titled_mention(self, title: str, surname: str, at: int) -> None:
        title = title.rstrip(".")
        if surname.lower() in _NOT_NAME_WORDS or surname.lower() in _MONTHS_AND_DAYS:
            return
        key = _surname_key(surname)
        gender = _TITLE_GENDER.get(title.lower())
        candidates = self._by_surname.get(key, ())
        if len(candidates) > 1 or gender is not None:
            candidates = [c for c in candidates
                          if gender is None or not self._entities[c].gender_sure
                          or self._entities[c].gender == gender]
        if len(candidates) == 1:
            index = candidates[0]
        elif candidates:
            # namesakes (rare): the one named most so far, then the one named last; the
            # tally of every entity is brought up to date with the mentions appended since
            # the last time, not counted again from the start (quadratic in a long text)
            tally = self._titled_tally
            for k in range(self._titled_tallied, len(self._positions)):
                counted = tally.setdefault(self._position_entity[k], [0, -1])
                counted[0] += 1
                counted[1] = self._positions[k]
            self._titled_tallied = len(self._positions)
            index = max(candidates, key=lambda c: tuple(tally.get(c, (0, -1))))
        else:
            index = self._new_entity(Entity(_clean_name([surname])[0], _SK_PERSON))
            self._by_surname.setdefault(key, []).append(index)
        entity = self._entities[index]
        entity.person = True
        if gender and not (entity.gender_sure and entity.gender != gender):
            entity.gender, entity.gender_sure = gender, True
        if title.lower() not in HONORIFICS:
            _add_role(entity, title.lower())
            if not entity.description:
                entity.description = title
        self._add_position(at, index)

    def _add_position(self, at: int, index: int) -> None:
        """Name mentions arrive in text order, so appending keeps the lists sorted."""
        self._positions.append(at)
        self._position_entity.append(index)

    def _entity_for_full_name(self, name: list[str], words: list[str], at: int) -> int:
        surname = _surname_key(name[-1])
        first = name[0].rstrip(".")
        low_first = first.lower()
        full = " ".join(_clean_name(name))
        first_gender = "f" if low_first in _FEMALE_FIRST_NAMES else \
            "m" if low_first in _MALE_FIRST_NAMES else None
        for index in self._by_surname.get(surname, ()):
            entity = self._entities[index]
            if not entity.first and entity.gender_sure and first_gender \
                    and entity.gender != first_gender:
                continue   # 'Mr. Obama' is not 'Michelle Obama'
            if not entity.first or fuzz.ratio(entity.first.lower(), low_first) >= _FIRST_NAME_MATCH \
                    or entity.name.split()[-len(name):] == name \
                    or entity.first[0] == first[0] and (len(first) == 1 or len(entity.first) == 1):
                if not entity.first or _fuller(full, entity.name):
                    entity.name, entity.first = full, first
                    entity.source = None
                if low_first in _FEMALE_FIRST_NAMES and not entity.gender_sure:
                    entity.gender, entity.gender_sure = "f", True
                if low_first in _FEMALE_FIRST_NAMES or low_first in _MALE_FIRST_NAMES:
                    entity.person = True
                return index
        sure = honorific_gender(words)
        if sure is None and low_first in _FEMALE_FIRST_NAMES:
            sure = "f"
        elif sure is None and low_first in _MALE_FIRST_NAMES:
            sure = "m"
        entity = Entity(full, _SK_PERSON, first=first, gender=sure,
                        gender_sure=sure is not None,
                        person=sure is not None and not self._headline_at(at))
        # (the headline test runs only for a known first name: 'and' stops at a falsy value)
        index = self._new_entity(entity)
        self._by_surname.setdefault(surname, []).append(index)
        written = name[-1].rstrip(".,")
        if len(name) == 2 and (_GIVEN_NAME_AFTER_RE.fullmatch(name[1])
                               or name[0].lower() in _CHINESE_FAMILY_NAMES
                               and name[1].lower() not in _FIRST_NAMES):
            # 'Ban Ki-moon', 'Kim Jong-un', 'Wang Qishan': the family name comes first ('Mr. Ban')
            self._by_surname.setdefault(_surname_key(name[0]), []).append(index)
            written = name[0]
        if written[:1].isupper():
            self._surname_forms.update((written, written.replace("’", "'"),
                                        written.replace("'", "’")))
        return index

    # -- resolving --------------------------------------------------------------

    def resolve(self, mention: Mention, sentence: int) -> Resolution:
        """The canonical speaker of ``mention``, found in ``sentence`` (an index)."""
        phrase = self._text[mention.head_start:mention.head_end]
        if phrase[-2:-1].isupper() and phrase[-1:] == ".":
            # 'Rep. G.K.': the finder stopped at the initials; the surname follows
            surname = _SURNAME_AFTER_INITIALS_RE.match(self._text, mention.head_end)
            if surname is not None:
                end = surname.end()
                mention = Mention(mention.start, max(mention.end, end), mention.kind,
                                  self._text[mention.start:max(mention.end, end)],
                                  mention.head_start, end)
                phrase = self._text[mention.head_start:end]
        if " " in phrase and mention.kind != _MK_PRONOUN:
            trimmed = _without_verb(phrase)
            if trimmed != phrase and trimmed[:1].isupper() and " " not in trimmed \
                    and trimmed.lower() not in _PERSON_PRONOUNS and trimmed.lower() not in PRONOUNS \
                    and _surname_key(trimmed) not in self._by_surname:
                trimmed = phrase   # 'Voting rights': only a known name is cut from its verb
            if trimmed != phrase:   # 'no. He', 'Trump avoids': the subject the finder overran
                start = mention.head_start + phrase.rfind(trimmed)
                kind = _MK_PRONOUN if trimmed.lower() in _PERSON_PRONOUNS or \
                    trimmed.lower() in ("they", "it", "we", "i", "you") else mention.kind
                mention = Mention(start, start + len(trimmed), kind, trimmed, start, start + len(trimmed))
                phrase = trimmed
        known = self._known_alias(phrase)
        if known is not None:
            return self._resolution(known, "a confirmed speaker", phrase, "known")
        if mention.kind == _MK_PRONOUN:
            return self._resolve_pronoun(phrase, mention.head_start)
        if mention.kind == _MK_RELATIVE:
            return UNRESOLVED
        if phrase in ("Q", "A") and self._text[mention.head_end:mention.head_end + 1] == ":":
            return self._resolve_turn(phrase, mention.head_start)
        if phrase in ("all", "both", "All", "Both"):
            listed = self._listed_before(phrase, mention.head_start)
            if listed is not None:
                return listed
        if phrase.startswith(("the ", "a ", "an ")) and mention.kind != _MK_PRONOUN \
                and not any(w.lower() in DOCUMENT_WORDS for w in phrase.split()):
            named = self._copula_subject(phrase, mention.head_start) \
                or self._apposed_subject(phrase, mention.head_start)
            if named is not None:
                return named
        if self._not_a_speaker(phrase):
            return self._previous_speaker(phrase)
        key = mention.text if mention.end > mention.head_end else phrase
        cached = self._stable.get(key)
        if cached is not None:
            return cached
        resolution = self._resolve_mention(mention, phrase)
        if self._is_stable(resolution):
            self._stable[key] = resolution
        return resolution

    def _is_stable(self, resolution: Resolution) -> bool:
        """Whether the same words would resolve the same anywhere in the article: a person
        with no namesake, an organisation or an unnamed source by its own words."""
        if resolution.how in _STABLE_HOWS and not resolution.candidates:
            if resolution.name_kind == _NK_PERSON:
                entity = self._first_with_name.get(resolution.name or "")
                return entity is not None and len(self._by_surname.get(
                    _surname_key(self._entities[entity].name.split()[-1]), ())) == 1
            return resolution.name_kind in (_NK_ORGANISATION, _NK_UNNAMED)
        return False

    def _resolve_mention(self, mention: Mention, phrase: str) -> Resolution:
        if mention.end > mention.head_end and " and " in mention.text \
                and _PARTY_STATE_TAG_RE.search(mention.text.rstrip(", ")):
            # 'Bob Corker, R-Tenn., and Lindsey Graham, R-S.C.': the head stops at the first tag
            group = self._resolve_group(mention.text, mention.text.split(), mention.head_start)
            if group is not None:
                return group
        if mention.end > mention.head_end and _plural_noun(phrase.split()[-1]):
            # 'Proponents, including the United States Conference of Mayors': the members named
            found = _MEMBERS_AFTER_RE.match(self._text, mention.head_end, mention.end)
            if found is not None:
                members = self._members(found.group(1), found.start(1))
                if members is not None and members.name:
                    how = "the members named in the group"
                    return members._replace(how=how, chain=_chain(phrase, members.name, how))
        if mention.end > mention.head_end and _first_name_run(phrase) is None:
            # "The region's chief engineer, Helen O'Connor": the name stands in the appositive
            rest = self._text[mention.head_end:mention.end].lstrip(" ,")
            if " and " in rest and _plural_noun(phrase.split()[-1]):
                # 'His defence attorneys, Charles Glynn and Richard Jones': all the names
                group = self._resolve_group(rest.rstrip(" ,"), rest.split(), mention.end - len(rest))
                if group is not None:
                    return group
            run = _first_name_run(rest)
            if run is not None and run[0] == 0:
                named = self._resolve_run(run[1], mention.end - len(rest), rest)
                if named is not None and named.kind == _SK_PERSON:
                    return Resolution(named.name, named.kind, named.description or _label(phrase),
                                      named.how, named.name_kind, named.confidence,
                                      named.candidates, named.source,
                                      _chain(phrase, named.name or "", "the name after the role"))
        return self._resolve_phrase(phrase, mention.head_start)

    def names_nobody(self, mention: Mention) -> bool:
        """Whether the finder's mention is a word that names nobody ('Recently', 'Tuesday')."""
        return mention.kind not in (_MK_PRONOUN, _MK_RELATIVE) and \
            self._not_a_speaker(self._text[mention.head_start:mention.head_end])

    def _not_a_speaker(self, phrase: str) -> bool:
        """``_not_a_speaker``, except for a surname of someone the article names in full:
        'Kelly', 'Schlafly' and 'Jolly' end like 'Recently' but are people here."""
        return _not_a_speaker(phrase) and not (
            " " not in phrase and phrase[:1].isupper() and phrase.endswith("ly")
            and _surname_key(phrase) in self._by_surname)

    def subject_by_cue(self, mention: Mention, cue_start: int) -> Mention | None:
        """For a mention that names nobody, the pronoun or name that stands right before the
        cue: 'Recently, however, it issued …' → 'it'; '“…,” Senate Majority Leader Mitch
        McConnell, R-Ky., said Tuesday' → 'Senate Majority Leader Mitch McConnell'."""
        text = self._text
        if mention.end <= cue_start:      # 'Recently, however, it …': the subject after it
            found = _LEADING_SUBJECT_RE.match(text, mention.end, cue_start)
            if found is None and " " not in mention.text:   # '… of Republican claims': the subject
                found = _LEADING_SUBJECT_RE.match(text, _sentence_start(text, mention.start),
                                                  mention.start)
                if found is not None and _not_a_speaker(found.group().strip(" ,")):
                    found = _LEADING_SUBJECT_RE.match(text, found.end(), mention.start)
            if found is None:
                return None
            at, end = found.span(1) if found.group(1) else found.span(2)
            if _not_a_speaker(text[at:end]) or text[at:end].lower() in _PREPOSITIONS:
                return None
            kind = _MK_PRONOUN if found.group(1) else MentionKind.FULL_NAME \
                if " " in text[at:end] else MentionKind.NAME
            return Mention(at, end, kind, text[at:end], at, end)
        else:
            start = max(_sentence_start(text, cue_start), text.rfind("\n", 0, cue_start) + 1)
            closing = max(text.rfind("”", start, cue_start), text.rfind("\"", start, cue_start))
            start = max(start, closing + 1)
        region = text[start:cue_start].rstrip()
        if region.endswith(","):          # an appositive before the cue: ', R-Ky.,'
            comma = region.rfind(",", 0, len(region) - 1)
            region = region[:comma] if comma >= 0 else region
        region = region.rstrip(" ,")
        found = _TRAILING_SUBJECT_RE.search(region)
        if found is None or not found.group().strip():
            return None
        word = found.group().strip()
        if word.split()[0].lower() in _SUBORDINATORS or _not_a_speaker(word):
            return None
        at = start + found.start() + (len(found.group()) - len(found.group().lstrip()))
        kind = _MK_PRONOUN if found.group(1) else MentionKind.FULL_NAME if " " in word \
            else MentionKind.NAME
        return Mention(at, at + len(word), kind, word, at, at + len(word))

    def _previous_speaker(self, phrase: str) -> Resolution:
        """A mention that names nobody ('Recently', 'a similar'): the quote most likely
        continues the person who spoke before, offered with a low confidence."""
        if self._last_speaker is None:
            return UNRESOLVED
        entity = self._entities[self._last_speaker[1]]
        how = "no speaker in ‘" + phrase + "’; the person who spoke the previous quote"
        return Resolution(entity.name, entity.kind, entity.description, how, _NK_PERSON,
                          _HOW_CONFIDENCE["previous speaker"], (), entity.source,
                          f"{entity.name}: {how}")

    def _resolve_phrase(self, phrase: str, at: int) -> Resolution:
        words = phrase.split()
        if " and " not in phrase and all(w[:1].isupper() for w in words):
            # the common case, capitalised words only ('Trump', 'Mr. Trump', 'The Post'): no
            # document, group or 'X campaign' reading can apply
            run = _first_name_run(phrase)
            if run is not None and run[0] == 0 or run is not None and phrase[:run[0]].strip() in ("The", "A", "An"):
                named = self._resolve_run(run[1], at + run[0], phrase)
                if named is not None:
                    return named
            if len(words) == 1:
                # 'Robert Major … Major said': a title the article gives as someone's surname
                people = [i for i in self._by_surname.get(_surname_key(phrase), ())
                          if self._entities[i].person and " " in self._entities[i].name]
                if people:
                    return self._resolution(self._nearest_before(people, at),
                                            "surname of a person named earlier", phrase, "surname")
        lows = [w.lower().strip(",.") for w in words]
        # documents first: 'a new Bloomberg poll', 'a memo released by the agency'
        document = self._resolve_document(phrase, words, lows, at)
        if document is not None:
            return document
        group = self._resolve_group(phrase, words, at)
        if group is not None:
            return group
        owned = _OWNED_CAMPAIGN_RE.fullmatch(phrase)
        if owned is not None:
            campaign = self._owned_campaign(owned.group(1).lower(), at, phrase)
            if campaign is not None:
                return campaign
        modified = _modified_org(phrase)
        if modified is not None:
            return Resolution(modified, _SK_ORGANISATION, "", "", _NK_ORGANISATION,
                              _HOW_CONFIDENCE["organisation"], (), None, "")
        state_party = _STATE_PARTY_RE.fullmatch(phrase)
        if state_party is not None:
            # 'the Kentucky Republican': a description of a person, no party's name
            return self._state_politician(state_party.group(1), state_party.group(2), at, phrase)
        titled = _ROLE_THEN_NAME_RE.fullmatch(phrase)
        if titled is not None and titled.group("role") in ROLE_WORDS:
            # 'Canadian actor Oh': the name after the role, not the capitalised adjective
            named = self._resolve_run(titled.group("name"), at + titled.start("name"), phrase)
            if named is not None and named.kind == _SK_PERSON:
                return named
        run = _first_name_run(phrase)
        if run is not None:
            run_start, run_text = run
            before = [w.lower() for w in phrase[:run_start].split()]
            while before and (before[-1] in DETERMINERS or before[-1][:1].isdigit()):
                before.pop()   # 'from the 2014 | American Community Survey': still the object
            object_of_preposition = bool(before) and before[-1] in _PREPOSITIONS and \
                before != ["according", "to"]
            if not object_of_preposition:
                named = self._resolve_run(run_text, at + run_start, phrase)
                if named is not None:
                    return named
        return self._resolve_description(phrase, words, lows, at)

    def _state_politician(self, state: str, party: str, at: int, phrase: str) -> Resolution:
        """'the Kentucky Republican' -> the person the article ties to that state and party
        ('Rand Paul (R-Ky.)', 'Marco Rubio of Florida', 'Kentucky Sen. Rand Paul'), the one named
        last before ``at``; kept as written when the article ties no one to it."""
        letter = party[0].upper()
        ties = self._state_ties.get((state, letter))
        if ties is None:   # read once per state and party: where the article ties someone to it
            abbreviation = re.escape(US_STATE_ABBREVIATIONS[state])
            name = r"((?:[A-Z][\w.’'-]*[ \t]+){0,3}[A-Z][\w’'-]*)"
            tied = re.compile(
                name + r"(?:,?[ \t]+\(?" + letter + r"-(?:" + abbreviation + "|" + re.escape(state)
                + r")\)?|[ \t]+of[ \t]+" + re.escape(state) + r"\b)"
                r"|\b" + re.escape(state) + r"[ \t]+(?:Sen\.|Rep\.|Gov\.|Senator|Governor|"
                r"Representative|Congressman|Congresswoman)[ \t]+" + name)
            found_ties: set[tuple[int, str]] = set()
            for written_state in {state, US_STATE_ABBREVIATIONS[state]}:
                # only around where the state is written: the pattern opens with a name,
                # which a scan of a long text would try at every capital
                k = self._text.find(written_state)
                while k >= 0:
                    found_ties.update((match.start(), match.group(1) or match.group(2)) for match in
                                      tied.finditer(self._text, max(0, k - 80), k + len(written_state) + 80))
                    k = self._text.find(written_state, k + len(written_state))
            ties = self._state_ties[(state, letter)] = sorted(found_ties)
        found = None
        for start, written in ties:
            if start >= at:
                break
            named = self._resolve_run(written, start, phrase)
            if named is not None and named.kind == _SK_PERSON and named.name:
                found = named
        how = f"the {party} the article ties to {state}"
        if found is None:
            # 'Speaker Paul Ryan says … . In an interview, the Wisconsin Republican criticized …'
            subject = self._previous_subject(at, None)
            if subject < 0:
                return Resolution(_label(phrase), _SK_UNKNOWN, "", "an unnamed source, kept as "
                                  "written", _NK_UNNAMED, _HOW_CONFIDENCE["label"], (), None,
                                  f"‘{phrase}’: an unnamed source, kept as written")
            return self._resolution(subject, "the subject of the sentence before", phrase, "salient")
        return Resolution(found.name, found.kind, found.description, how, _NK_PERSON,
                          _HOW_CONFIDENCE["role"], (), found.source, _chain(phrase, found.name or "", how))

    def _owned_campaign(self, possessive: str, at: int, phrase: str) -> Resolution | None:
        """'his campaign' -> Trump campaign: the campaign of the one the pronoun stands for,
        named as 'The Trump campaign' is. Only for the man or woman the article names most so
        far (not merely the last to speak) or one whose campaign it writes of: 'Sanders’
        campaign manager, Jeff Weaver, said … His campaign' is no Weaver campaign."""
        owner = self._resolve_pronoun(_POSSESSIVE_PRONOUNS[possessive], at)
        if not owner.name or owner.kind != _SK_PERSON:
            return None
        surname = owner.name.split()[-1]
        main = "spoke the previous quote" not in owner.how and self._salient_people(
            at, _POSSESSIVE_GENDER.get(possessive))[:1] == [self._first_with_name.get(owner.name)]
        written = self._campaigns_written.get(surname)
        if written is None:
            written = self._campaigns_written[surname] = re.search(
                r"\b" + re.escape(surname) + r"(?:’s|'s|’|')?\s+(?:[a-z-]+\s+)?campaign\b",
                self._text) is not None
        if not main and not written:
            return None   # neither the article's main person nor one it gives a campaign
        name = surname + " campaign"
        how = f"the campaign of ‘{possessive}’ → {owner.name}"
        # its source is where the person is named, for the analyst to check who 'her' is
        return Resolution(name, _SK_ORGANISATION, "", how, _NK_ORGANISATION,
                          min(owner.confidence, _HOW_CONFIDENCE["organisation"]), (), owner.source,
                          _chain(phrase, name, how))

    def _resolve_run(self, run: str, at: int, phrase: str) -> Resolution | None:
        words, role_only = _run_words(run)
        if role_only:
            return None   # 'the Secretary of State': a role, capitalised
        if " of " in run or " for " in run or " and " in run or " on " in run:
            cut = _org_from_run(run)   # 'Roper Center for Public Opinion Research' stays whole
            if cut == run and " of " in run:
                # 'Nora Vance of Harbour Bank': a person, then where she works
                head, _, place = run.partition(" of ")
                person = proper_name_tokens(head.split())
                if len(person) == 1 and len(head.split()) == 2 \
                        and head.split()[0].rstrip(".").lower() in HONORIFICS:
                    run = cut = head   # 'Mr. Burman of the Tax Policy Center': Mr. Burman
                    words = _run_words(run)[0]
                elif 2 <= len(person) <= 3 and not _looks_like_org(person) \
                        and all(w[:1].isupper() for w in head.split()) \
                        and not any(w.lower().strip(".,") in ROLE_WORDS for w in person) \
                        and (person[0].lower() in _FIRST_NAMES or _looks_like_org(place.split())):
                    cut = " ".join(person)
            before_link = proper_name_tokens(cut.split()) if cut and cut != run else []
            if len(before_link) >= 2 and not _looks_like_org(before_link):
                run = cut   # 'Charles B. Rangel of New York' -> Charles B. Rangel
                words = _run_words(run)[0]
            elif cut and _looks_like_org(cut.split()) and not self._ends_with_person(words):
                return self._organisation(cut, at, phrase)
        name = _run_name(run) if words is not None else []
        if not name or name[0].lower().rstrip(".") in _MONTHS_AND_DAYS:
            org = _org_from_run(run)
            if org and not _is_plural_people(org) and not all(
                    w.rstrip(".").lower() in HONORIFICS or _is_title(w) for w in org.split()):
                return self._organisation(org, at, phrase)
            return None   # 'Gov.', 'Mr.': a title alone names nobody
        if len(name) == 1 and _is_plural_people(name[0]):
            return None
        if len(name) == 1 and name[0].endswith("ly") and name[0][1:].islower() \
                and _surname_key(name[0]) not in self._by_surname:
            return None   # 'Recently', 'Separately': a sentence's adverb, not a name
        surname = _surname_key(name[-1])
        if surname in self._by_surname and (len(name) == 1 or not _looks_like_org(name)):
            return self._resolve_name(name, words, at, phrase)
        if len(words) == 1 and words[0].isupper() and len(words[0]) > 3 \
                and words[0].lower() not in ORG_WORDS \
                and self._text[at + len(words[0]):at + len(words[0]) + 1] == ":":
            # a transcript label of someone never named in full: 'WALLACE:' -> Wallace, or
            # Chris Wallace when the other speakers call him 'Chris'
            label = words[0].capitalize()
            first = self._vocatives().get(words[0])
            how = "a transcript label" + (f", called ‘{first}’ by the other speakers" if first else "")
            label = f"{first} {label}" if first else label
            return Resolution(label, _SK_PERSON, "", how, _NK_PERSON,
                              _HOW_CONFIDENCE["unknown"], (), None, _chain(phrase, label, how))
        if len(words) > len(name) or _looks_like_org(name):
            org = _org_from_run(run)
            if org and (_looks_like_org(name) or _looks_like_org(org.split())):
                return self._organisation(org, at, phrase)
        return self._resolve_name(name, words, at, phrase)

    def _ends_with_person(self, words: list[str]) -> bool:
        """'US Secretary of State Antony Blinken': a known person's full name ends the run."""
        name = proper_name_tokens(words)
        return len(name) >= 2 and not _looks_like_org(name) and any(
            self._entities[i].person for i in self._by_surname.get(_surname_key(name[-1]), ()))

    def _vocatives(self) -> dict[str, str]:
        """Per transcript label ('WALLACE'), the one first name the other speakers' turns
        address someone by ('But this is America, Chris.'), read once per article."""
        if self._vocative_names is None:
            by_label: dict[str, set[str]] = {}
            for turn in _TURN_RE.finditer(self._text):
                names = {m.group(1) for m in _VOCATIVE_RE.finditer(turn.group(2))
                         if m.group(1).lower() in _FIRST_NAMES}
                by_label.setdefault(turn.group(1), set()).update(names)
            self._vocative_names = {}
            for label in by_label:
                others = set().union(*(names for other, names in by_label.items() if other != label))
                if len(by_label) == 2 and len(others) == 1:   # a two-person interview
                    self._vocative_names[label] = next(iter(others))
        return self._vocative_names

    def _organisation(self, name: str, at: int, phrase: str) -> Resolution:
        if len(name.split()) <= 3 and (name.split()[-1].lower() in ROLE_WORDS
                                       or name.split()[-1].lower() in _LEAD_ROLE_WORDS):
            if self._headline_at(at):   # 'Former White House Doctor': a person's role
                return Resolution(_label(phrase), _SK_UNKNOWN, "", "an unnamed source, kept as "
                                  "written", _NK_UNNAMED, _HOW_CONFIDENCE["label"], (), None,
                                  f"‘{phrase}’: an unnamed source, kept as written")
        fullest = self._fullest_org(name, at)
        how = "the full form of the acronym, as the article spells it out" \
            if fullest != name and _ACRONYM_RE.fullmatch(name) else "the organisation's full name"
        return Resolution(fullest, _SK_ORGANISATION, "", "", _NK_ORGANISATION,
                          _HOW_CONFIDENCE["organisation"], (), None, _chain(phrase, fullest, how))

    def _fullest_org(self, name: str, at: int) -> str:
        """'Tax Policy Center' -> 'Urban-Brookings Tax Policy Center', 'Post' -> 'New York Post':
        the form with most words before it that the article writes most often. Read once per name:
        the answer does not depend on where the short name stands."""
        known = self._fullest.get(name)
        if known is not None:
            return known
        self._fullest[name] = best = self._fullest_org_read(name)
        return best

    def _fullest_org_read(self, name: str) -> str:
        text = self._text
        if _ACRONYM_RE.fullmatch(name):
            if self._spelt_out is None:
                self._spelt_out = _spelt_out_forms(text)
            full_form = _acronym_full_form(self._spelt_out, name)
            if full_form is not None:
                return full_form
        counts: dict[str, int] = {}
        k = text.find(name)
        while k >= 0:
            before = _WORDS_BEFORE_ORG_RE.search(text, max(0, k - 80), k)
            if before is not None:
                words = before.group().split()
                ends = [i for i, w in enumerate(words) if w.endswith(".") and len(w) > 3
                        and not w[:-1].isupper() and w[-2:-1] != "."]
                if ends:
                    words = words[ends[-1] + 1:]   # 'Monday. The State Department': a sentence ended
                while words and (words[0].lower() in _NOT_NAME_WORDS or words[0].lower() in DETERMINERS):
                    words = words[1:]
                if words and words[-1] not in ("and", "the"):   # not 'Clinton and the | DNC'
                    fuller = " ".join(words) + " " + name
                    counts[fuller] = counts.get(fuller, 0) + 1
            k = text.find(name, k + len(name))
        best, best_count = name, 0
        for org, count in counts.items():
            if count > best_count or count == best_count and len(org) > len(best):
                best, best_count = org, count
        return best

    def _resolve_document(self, phrase: str, words: list[str], lows: list[str],
                          at: int) -> Resolution | None:
        head = _head_index(lows)
        if head is None or lows[head] not in DOCUMENT_WORDS or not words[head][:1].islower():
            return None
        issuer = None
        if "by" in lows[head:]:
            after = " ".join(words[lows.index("by", head) + 1:])
            run = _first_name_run(after)
            if run is not None:
                issuer = self._resolve_run(run[1], at, phrase)
            owner_words = after.split()
            while owner_words and owner_words[0].lower() in DETERMINERS:
                owner_words = owner_words[1:]
            if issuer is None and owner_words:
                issuer = Resolution(" ".join(owner_words), _SK_ORGANISATION, "", "")
        if issuer is None and head > 0 and lows[0] in _POSSESSIVE_PRONOUNS:
            # 'Her submission to the court', 'According to his account': the one the
            # possessive pronoun stands for wrote it; 'In its statement, al-Shabaab said':
            # the subject after the opening phrase
            owner = self._owner_named_after(lows[0], at)
            if owner is None:
                owner = self._resolve_pronoun(_POSSESSIVE_PRONOUNS[lows[0]], at)
            if owner.name:
                issuer = owner
        if issuer is None and head > 0:
            before = " ".join(words[:head])
            possessive = _POSSESSIVE_END_RE.search(before)
            run = _first_name_run(before)
            if possessive is not None:
                issuer = self._resolve_run(possessive.group(1), at, phrase)
            elif run is not None:
                parts = [p.strip() for p in run[1].split("/") if p.strip()]
                named = [self._resolve_run(p, at, phrase) for p in parts]
                if all(n is not None and n.name for n in named):
                    issuer = Resolution(" and ".join(n.name for n in named if n and n.name),
                                        named[0].kind if len(named) == 1 and named[0] else
                                        _SK_ORGANISATION, "", "")
        if issuer is None and "from" in lows[head:]:
            # 'A release sent to media from UFCW Local 832', 'a statement from the ministry';
            # after a name before the head: 'SurveyMonkey data from Iowa' is SurveyMonkey's
            after = " ".join(words[lows.index("from", head) + 1:])
            run = _first_name_run(after)
            if run is not None and not after[:run[0]].strip(" ,").lower() \
                    .removeprefix("the").strip():
                issuer = self._resolve_run(run[1], at, phrase)
        previous_issuer = self._last_issuer
        if previous_issuer is None or at - previous_issuer[0] >= 3000:
            previous_issuer = self._last_org
        if issuer is None and lows[0] in ("the", "this", "that", "its", "their") \
                and previous_issuer is not None and at - previous_issuer[0] < 3000:
            previous = previous_issuer[1]
            return Resolution(previous.name, previous.kind, "", "the issuer of the document "
                              "named before", _NK_DOCUMENT_ISSUER, _HOW_CONFIDENCE["document"],
                              (), previous.source,
                              _chain(phrase, previous.name or "",
                                     "the issuer of the document named before"))
        if issuer is None or not issuer.name:
            return None
        resolution = Resolution(issuer.name, issuer.kind, "", "the issuer of the document",
                                _NK_DOCUMENT_ISSUER, _HOW_CONFIDENCE["document"], (),
                                issuer.source, _chain(phrase, issuer.name, "the issuer of the document"))
        self._last_issuer = (at, resolution)
        return resolution

    def _owner_named_after(self, possessive: str, at: int) -> Resolution | None:
        """'In its two-page statement claiming responsibility, al-Shabaab said': a possessive in
        a phrase opening the sentence with 'In' stands for the subject named after its comma
        (an organisation for 'its', a person for 'his'/'her')."""
        text = self._text
        start = _sentence_start(text, at)
        if _IN_OPENING_RE.fullmatch(text, start, at) is None:
            return None
        comma = text.find(",", at, at + 160)
        if comma < 0 or any(mark in text[at:comma] for mark in ".;:“\"\n"):
            return None
        subject = _SUBJECT_AFTER_COMMA_RE.match(text, comma + 1)
        if subject is None:
            return None
        named = self._resolve_run(subject.group(1), subject.start(1), subject.group(1))
        if named is None or named.name is None \
                or (named.kind == _SK_PERSON) != (possessive != "its"):
            return None
        return named

    def _resolve_group(self, phrase: str, words: list[str], at: int) -> Resolution | None:
        """'Trump and Clinton', 'Mr. Grassley and Mr. Leahy', 'China and Russia': all named."""
        if " and " not in phrase or _looks_like_org([w.strip(",") for w in words]) \
                and _TWO_ORGANISATIONS_RE.search(phrase) is None:
            return None
        body = _GROUP_OPENING_RE.sub("", _PARTY_STATE_TAG_RE.sub("", phrase.rstrip(", ")))
        # 'The New York Times and the Gannett newspaper chain': each part without its article
        parts = [_LEADING_ARTICLE_RE.sub("", p.strip()) for p in _GROUP_SPLIT_RE.split(body) if p.strip()]
        if len(parts) < 2 or any(not p[:1].isupper() for p in parts):
            return None
        last = parts[-1].split()
        shared_surname = len(last) == 2 and all(" " not in p and p.lower() in _FIRST_NAMES
                                                 for p in parts[:-1])
        if shared_surname:
            # 'Kim and Clark Moran', 'brothers John and Brian Meza': one family name for all
            parts = [f"{p} {last[1]}" for p in parts[:-1]] + [parts[-1]]
        names: list[str] = []
        for part in parts:
            if part.endswith(" campaign"):   # 'The Clinton campaign and DNC'
                campaign = self._resolve_phrase(part, at)
                if campaign.name is None or campaign.kind != _SK_ORGANISATION:
                    return None
                names.append(campaign.name)
                continue
            run = _first_name_run(part)
            if run is None:
                owner = _ORG_OWNER_RE.fullmatch(part)   # 'Gannett newspaper chain' is Gannett
                run = (0, owner.group(1)) if owner is not None else None
            if run is None or run[0] > 0:
                return None
            resolved = self._resolve_run(run[1], at, phrase)
            name = resolved.name if resolved is not None and resolved.name else run[1]
            if shared_surname and name.split()[0] != part.split()[0]:
                name = part   # 'Kim Moran' is not the 'Clark Moran' the registry knows
            names.append(name)
        name = ", ".join(names[:-1]) + " and " + names[-1]
        resolution = Resolution(name, _SK_UNKNOWN, "", "several named speakers",
                                _NK_GROUP, _HOW_CONFIDENCE["group"], (), None,
                                _chain(phrase, name, "several named speakers"))
        return resolution

    def _resolve_description(self, phrase: str, words: list[str], lows: list[str],
                             at: int) -> Resolution:
        head = _head_index(lows)
        label = _label(phrase)
        definite = bool(lows) and lows[0] in ("the", "this", "that")
        if head is not None and lows[0] in ("these", "those") and self._last_plural is not None \
                and at - self._last_plural[0] < _PRONOUN_CHARS \
                and (self._last_plural[1].name or "").lower().split()[-1:] == [lows[head]]:
            # 'These voters' after 'Younger black voters': the group named before
            return _again(self._last_plural[1], phrase, "the group named before")
        if head is not None and lows[head] in _GROUP_WORDS and definite:
            if self._last_plural is not None and at - self._last_plural[0] < 2500:
                return _again(self._last_plural[1], phrase, "the group named before")
            pair = self._pair_named_before(at)
            if pair is not None:   # 'Kim and Clark Moran received a letter … the couple'
                return pair._replace(how="the pair named before",
                                     chain=_chain(phrase, pair.name or "", "the pair named before"))
        if head is not None and definite and lows[head] in _ORG_HEADS:
            last_org = self._last_org
            if last_org is not None and (at - last_org[0] >= 2500 or not _org_fits_head(
                    last_org[1].name or "", lows[head])):
                last_org = None
            if lows[head] in _NAMING_HEADS and last_org is not None \
                    and lows[head] not in (last_org[1].name or "").lower().split() \
                    and self._org_with_head(lows[head], at) is not None:
                last_org = None
            if last_org is not None:
                return _again(last_org[1], phrase, "the organisation that spoke last")
            org = self._org_with_head(lows[head], at)
            if org is not None:
                return Resolution(org, _SK_ORGANISATION, "", "the organisation named "
                                  "before with that word", _NK_ORGANISATION,
                                  _HOW_CONFIDENCE["role"], (), None,
                                  _chain(phrase, org, "the organisation named before with that word"))
        if definite and _AGE_EPITHET_RE.match(phrase):
            epithet = self._age_epithet(phrase, lows, at)
            if epithet is not None:
                return epithet
        if head is not None and lows[head].strip(".") in ROLE_WORDS:
            role = self._resolve_role(words, at, phrase)
            if role is not None:
                return role
            if definite:
                salient = self._salient_people(at, _role_gender(lows[head]))
                # not someone the article gives another role ('Judge Frank Nervo' is not
                # 'the GOP presidential nominee')
                wanted = _ROLE_HEADS.get(lows[head], lows[head])
                other_role = [i for i in salient if self._entities[i].roles and all(
                    _ROLE_HEADS.get(known.split()[-1], known.split()[-1]) != wanted
                    for known in self._entities[i].roles)]
                salient = [i for i in salient if i not in other_role] or salient
                # 'The Vermont senator', opening its sentence or right after a quotation
                proper = any(w[:1].isupper() for w in words[1:head]) \
                    and not _TWO_DESCRIPTIONS_RE.search(phrase) \
                    and _opens_sentence(self._text, at)
                subject = self._previous_subject(at, _role_gender(lows[head])) if proper else -1
                if subject >= 0:
                    # 'Bernie Sanders said … . The Vermont senator declined …': a new
                    # description of the subject of the sentence before
                    entity = self._entities[subject]
                    how = "the subject of the sentence before"
                    others = tuple(self._entities[i].name for i in salient if i != subject)[:2]
                    return Resolution(entity.name, entity.kind, entity.description, how,
                                      _NK_PERSON, _HOW_CONFIDENCE["salient"], others,
                                      entity.source, _chain(phrase, entity.name, how))
                if salient:
                    index = salient[0]
                    others = tuple(self._entities[i].name for i in salient[1:3])
                    entity = self._entities[index]
                    how = "the person the article names most so far"
                    return Resolution(entity.name, entity.kind, entity.description, how,
                                      _NK_PERSON, _HOW_CONFIDENCE["salient"], others,
                                      entity.source, _chain(phrase, entity.name, how))
        if not label:
            return UNRESOLVED
        return Resolution(label, _SK_UNKNOWN, "", "an unnamed source, kept as written",
                          _NK_UNNAMED, _HOW_CONFIDENCE["label"], (), None,
                          f"‘{phrase}’: an unnamed source, kept as written")

    def _age_epithet(self, phrase: str, lows: list[str], at: int) -> Resolution | None:
        """'Lori Bernstein held up a sign. The 57-year-old scientist says …': a person the
        article has just named, by their age: the last one named outside a quotation in the
        1,500 characters before (a woman for 'mother', a man for 'father')."""
        gender = next((g for g in map(_role_gender, lows) if g is not None), None)
        text, entities = self._text, self._entities
        k = bisect.bisect_left(self._positions, at) - 1
        while k >= 0 and at - self._positions[k] < 1500:
            position, entity = self._positions[k], entities[self._position_entity[k]]
            k -= 1
            if not entity.person or gender is not None and entity.gender not in (None, gender):
                continue
            if _quotation_open(text[text.rfind("\n", 0, position) + 1:position]):
                continue    # '“What if Donald Trump had elocution lessons?” the 43-year-old asked'
            how = "the person named last before"
            return Resolution(entity.name, entity.kind, entity.description, how, _NK_PERSON,
                              _HOW_CONFIDENCE["salient"], (), entity.source,
                              _chain(phrase, entity.name, how))
        return None

    def _pair_named_before(self, at: int) -> Resolution | None:
        """The last two people named together ('Kim and Clark Moran', 'Ann Bly and Tom Hale')
        in the 1,500 characters before ``at``, for 'the couple', 'the pair', 'the two'."""
        found = None
        for match in _NAMED_PAIR_RE.finditer(self._text, max(0, at - 1500), at):
            found = match
        if found is None:
            return None
        group = self._resolve_group(found.group(), found.group().split(), found.start())
        return group if group is not None and group.name and " and " in group.name else None

    def _last_written(self, word: str, end: int) -> int:
        """``text.rfind(word, 0, end)``, from the places ``word`` is written, found once per
        article: an rfind reads back to the start of the text whenever the word is missing,
        which made 'the court' quadratic in a long article."""
        if not word:
            return self._text.rfind(word, 0, end)
        starts = self._word_starts.get(word)
        if starts is None:
            starts = self._word_starts[word] = []
            found = self._text.find(word)
            while found >= 0:
                starts.append(found)
                found = self._text.find(word, found + 1)
        k = bisect.bisect_right(starts, end - len(word)) - 1
        return starts[k] if k >= 0 else -1

    def _org_with_head(self, head: str, at: int) -> str | None:
        """The last organisation named before ``at`` with ``head`` in its name ('the court')."""
        word = head.capitalize()
        found_start = self._last_written(word, at)
        while found_start > 0 and (self._text[found_start - 1].isalnum()
                                   or self._text[found_start + len(word):found_start + len(word) + 1].isalnum()):
            found_start = self._last_written(word, found_start)   # 'Courts', 'Supercourt'
        if found_start < 0:
            return None
        found_end = found_start + len(word)
        start = self._text.rfind("\n", 0, found_start) + 1
        run = None
        for candidate in _ORG_RUN_RE.finditer(self._text, max(start, found_start - 80),
                                              found_end + 80):
            if candidate.start() <= found_start < candidate.end():
                run = candidate
                break
        name = _org_from_run(run.group()) if run is not None else ""
        if len(name.split()) > 3 and self._headline_at(found_start):
            return self._org_with_head(head, found_start)   # a headline's words, not a name
        if self._ends_with_person(name.split()):
            return None     # 'Secretary of State Jon Husted' is no state
        return name if len(name.split()) >= 2 else None

    def _salient_people(self, at: int, gender: str | None) -> list[int]:
        scored = []
        for index, entity in enumerate(self._entities):
            if not entity.person or gender is not None and entity.gender not in (None, gender):
                continue
            positions = self._entity_positions.get(index, ())
            count = bisect.bisect_left(positions, at)
            if count:
                scored.append((count, positions[count - 1], index))
        scored.sort(reverse=True)
        return [index for _, _, index in scored]

    def note_speaker(self, resolution: Resolution, sentence: int, at: int = -1) -> None:
        """Remember who spoke last, for the pronouns and descriptions that follow."""
        if resolution.name is None:
            return
        if resolution.name_kind == _NK_GROUP or resolution.name_kind == _NK_UNNAMED \
                and resolution.name[-1:] == "s":
            self._last_plural = (at, resolution)
        if resolution.kind == _SK_ORGANISATION:
            self._last_org = (at, resolution)
        if resolution.kind != _SK_PERSON:
            return
        index = self._first_with_name.get(resolution.name)
        if index is not None:
            self._last_speaker = (at, index)
            self._entities[index].person = True
            if at >= 0:
                positions = self._entity_positions.setdefault(index, [])
                bisect.insort(positions, at)
                bisect.insort(self._noted_entries, (at, index))

    def _known_alias(self, phrase: str) -> int | None:
        if not self._known_aliases:
            return None
        found = process.extractOne(phrase.lower(), self._known_aliases.keys(),
                                   scorer=fuzz.token_set_ratio, score_cutoff=_ALIAS_MATCH)
        return self._known_aliases[found[0]] if found else None

    def _resolve_name(self, name: list[str], words: list[str], at: int, phrase: str) -> Resolution:
        surname = _surname_key(name[-1])
        candidates = self._by_surname.get(surname)
        if not candidates and len(name) == 1:
            first_named = self._first_named_person(name[0], at)
            if first_named is not None:
                # 'Robert Trump … “…,” Robert said': a first name alone, as profiles write
                return self._resolution(first_named, "first name of a person named earlier", phrase,
                                        "surname")
        if not candidates:
            description = _description(words, name)
            kind = _SK_PERSON if len(name) >= 2 or honorific_gender(words) else \
                _SK_UNKNOWN
            clean = " ".join(_clean_name(name))
            if name[0].isupper() and len(name) == 1 and len(name[0]) > 1:
                kind = _SK_ORGANISATION

            return Resolution(clean, kind, description, "",
                              _NK_PERSON if kind == _SK_PERSON else
                              _NK_ORGANISATION if kind == _SK_ORGANISATION else
                              _NK_UNKNOWN, _HOW_CONFIDENCE["full"] if len(name) >= 2 else
                              _HOW_CONFIDENCE["unknown"],
                              (), None, "")
        if len(candidates) == 1:
            index = candidates[0]
        else:   # namesakes: the one of the title's gender, or the first name's, or _namesake
            gender = honorific_gender(words)
            fitting = [c for c in candidates
                       if gender is None or self._entities[c].gender in (None, gender)]
            index = self._namesake(fitting or candidates, at, self._full_positions,
                                   self._full_entities)
            if len(name) >= 2:
                first = name[0].rstrip(".").lower()
                for candidate in candidates:
                    if fuzz.ratio(self._entities[candidate].first.lower(), first) >= _FIRST_NAME_MATCH:
                        index = candidate
                        break
        how = "" if len(name) >= 2 else "surname of a person named earlier"
        entity = self._entities[index]
        if len(candidates) == 1:
            others: tuple[str, ...] = ()
            confidence = _HOW_CONFIDENCE["full" if len(name) >= 2 else "surname"]
        else:
            # namesakes may share the name as written ('Mr Hillary', 'Mrs. Hillary'): offered once
            others = tuple(dict.fromkeys(self._entities[c].name for c in candidates
                                         if self._entities[c].name != entity.name))[:2]
            confidence = _HOW_CONFIDENCE["full" if len(name) >= 2 else "surname"] - 0.2
        return Resolution(entity.name, entity.kind, _description(words, name) or entity.description,
                          how, _NK_PERSON, confidence, others, entity.source,
                          _chain(phrase, entity.name, how) if how else "")

    def _first_named_person(self, first: str, at: int) -> int | None:
        """The one person named in full before ``at`` with this first name, if only one is:
        someone whose gender the article gives (title, first name, role, a sure he/she), so
        that 'Pew' is no 'Pew Research' person and 'Floridians' no 'Floridians Jeb Bush'."""
        if first in US_STATE_ABBREVIATIONS:
            return None   # 'Georgia, Tennessee and Virginia': places, whatever the lists say
        if self._by_first is None:
            self._by_first = {}
            for index, entity in enumerate(self._entities):
                if entity.first and len(entity.name.split()) > 1:
                    self._by_first.setdefault(entity.first.lower(), []).append(index)
        found = [index for index in self._by_first.get(first.lower(), ()) if _surely_a_person(
            self._entities[index]) and self._entity_positions.get(index, [at])[0] < at]
        return found[0] if len(found) == 1 else None

    def _nearest_before(self, candidates: list[int], at: int) -> int:
        """Of several entities sharing a surname, the one named last before ``at``."""
        if len(candidates) == 1:
            return candidates[0]
        wanted = set(candidates)
        k = bisect.bisect_right(self._positions, at) - 1
        while k >= 0:
            if self._position_entity[k] in wanted:
                return self._position_entity[k]
            k -= 1
        return candidates[0]

    def _resolve_role(self, words: list[str], at: int, phrase: str) -> Resolution | None:
        role_words = [w for w in words if w.lower() not in DETERMINERS]
        if not role_words or role_words[-1].lower() not in ROLE_WORDS \
                or words[0].lower() in ("a", "an", "one", "another"):
            return None     # 'a spokesman' introduces someone new
        gender = _role_gender(role_words[-1].lower())
        role = _normalise_role(" ".join(role_words))
        if not role:
            return None
        head = _ROLE_HEADS.get(role.split()[-1], role.split()[-1])
        role = role[:len(role) - len(role.split()[-1])] + head
        best: int | None = None
        for index, entity in enumerate(self._entities):
            if gender is not None and entity.gender not in (None, gender):
                continue
            if any(_role_fits(role, known) for known in entity.roles):
                if best is None or self._last_position(index, at) > self._last_position(best, at):
                    best = index
        if best is None:
            return None
        return self._resolution(best, "the person named earlier with that role", phrase, "role")

    def _last_position(self, index: int, at: int) -> int:
        positions = self._entity_positions.get(index, ())
        k = bisect.bisect_left(positions, at)
        return positions[k - 1] if k else -1

    def _resolve_pronoun(self, phrase: str, at: int) -> Resolution:
        pronoun = phrase.lower()
        if pronoun in ("they", "them"):
            members = self._listed_members(at)
            if members is not None:
                return members._replace(how="the members named in the group before it",
                                        chain=_chain(phrase, members.name or "",
                                                     "the members named in the group before it"))
            if self._last_plural is not None and at - self._last_plural[0] < _PRONOUN_CHARS:
                return _again(self._last_plural[1], phrase, "the group that spoke last")
            return UNRESOLVED
        if pronoun == "it":
            organisation = self._organisation_subject(phrase, at)
            if organisation is not None:
                return organisation
            if self._last_org is not None and at - self._last_org[0] < _PRONOUN_CHARS:
                return _again(self._last_org[1], phrase, "the organisation that spoke last")
            return UNRESOLVED
        if pronoun in ("i", "me", "we", "you"):
            resolution = self._resolve_first_person(phrase, pronoun, at)
            if resolution.name is None and pronoun in ("we", "you"):
                # a group speaking ('We have to do better'), never one person, or whoever is
                # addressed ('You can see it'): an unnamed source, kept as written rather than
                # left blank
                who = "group" if pronoun == "we" else "addressee"
                return Resolution(phrase, _SK_UNKNOWN, "", "an unnamed source, kept as written",
                                  _NK_UNNAMED, _HOW_CONFIDENCE["unknown"], (), None,
                                  f"‘{phrase}’: an unnamed {who}, kept as written")
            return resolution
        gender = _PERSON_PRONOUNS.get(pronoun)
        if gender is None:
            return UNRESOLVED
        topic = _AS_FOR_RE.search(self._text, max(0, at - 60), at)
        if topic is not None:   # 'As for Trump, he said …': the person the sentence is about
            named = self._resolve_phrase(topic.group(1), topic.start(1))
            index = self._first_with_name.get(named.name or "", -1)
            if index >= 0 and self._entities[index].person \
                    and self._entities[index].gender in (None, gender):
                how = "the person named after ‘as for’"
                return named._replace(how=how, chain=_chain(phrase, named.name or "", how),
                                      candidates=())
        scored = []
        entities, last_speaker = self._entities, self._last_speaker
        subject = self._previous_subject(at, gender)
        role_at = -1
        if subject < 0:
            subject, role_at = self._previous_role_subject(at, gender)
        # only those mentioned within reach (the rest are skipped below): looked up among
        # the mentions in order, not by trying every person of a long text
        nearby = {index for entries in (self._mention_entries, self._noted_entries)
                  for _, index in entries[bisect.bisect_left(entries, (at - _PRONOUN_CHARS,)):
                                          bisect.bisect_left(entries, (at,))]}
        for index in nearby:
            positions = self._entity_positions[index]
            entity = entities[index]
            if not entity.person or entity.gender not in (None, gender) \
                    or entity.pronoun_gender not in (None, gender):
                continue
            count = bisect.bisect_left(positions, at)
            if not count or at - positions[count - 1] > _PRONOUN_CHARS:
                continue
            distance = at - positions[count - 1]
            if index == subject and role_at >= 0:   # 'the president' is a mention of them too
                distance, count = min(distance, at - role_at), count + 1
            score = -distance / 600 + 0.4 * math.log1p(count)
            if entity.gender is None:   # a woman is more often named as one ('Ms.', a first name)
                score -= 1.0 if gender == "f" else 0.3
            if last_speaker is not None and last_speaker[1] == index:
                score += 1.0
            if index == subject:
                score += _SUBJECT_BONUS
            scored.append((score, index))
        if not scored:
            return UNRESOLVED
        scored.sort(reverse=True)
        best = scored[0][1]
        margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 3.0
        confidence = 1 / (1 + math.exp(-(margin * 1.5 - 0.2)))
        candidates = tuple(self._entities[i].name for _, i in scored[1:3]) if confidence < 0.75 else ()
        entity = self._entities[best]
        if entity.gender is None and confidence >= _LEARN_GENDER_CONFIDENCE:
            # 'Dolores LaPlante … she told court': a later 'he' is someone else
            entity.pronoun_gender = gender
        woman = {"f": "woman", "m": "man"}[gender]
        spoke = self._last_speaker is not None and self._last_speaker[1] == best
        how = f"the {woman} named most recently and most often" + \
            (", who spoke the previous quote" if spoke else "")
        return Resolution(entity.name, entity.kind, entity.description, how, _NK_PERSON,
                          confidence, candidates, entity.source, _chain(phrase, entity.name, how))

    def _organisation_subject(self, phrase: str, at: int) -> Resolution | None:
        """'The Fed does not want to stall growth. It plans to …', 'The FBI needs to stay out
        unless it wants …': the organisation the sentence opens with, or, when 'it' opens the
        sentence, the one the sentence before opens with. None if that is not an organisation."""
        text = self._text
        start = _sentence_start(text, _quote_opening(text, at))
        opening = _opening_phrase(text, start, at)
        if opening is None and start > 0 and not text[start:at].strip(" \t\n“\"‘"):
            previous = _sentence_start(text, _end_before_space(text, start) - 1)
            while previous > 0 and _full_stop_of_abbreviation(text, previous):   # 'the U.S. District'
                previous = _sentence_start(text, _end_before_space(text, previous) - 1)
            opening = _opening_phrase(text, previous, start)
        if opening is None or _full_stop_of_abbreviation(text, opening[1]) \
                or self._last_org is not None \
                and self._last_org[0] >= opening[1]:   # '…, according to SITE. It said …'
            return None
        named = self._resolve_phrase(*opening)
        if named.name is None or named.kind != _SK_ORGANISATION:
            return None
        return _again(named, phrase, "the organisation the sentence is about")

    def main_speakers(self, resolutions: Sequence[Resolution]) -> list[tuple[str, int]]:
        """The people the article quotes, most quoted first, with how often."""
        counts: dict[str, int] = {}
        for resolution in resolutions:
            if resolution.name_kind == _NK_PERSON and resolution.name:
                counts[resolution.name] = counts.get(resolution.name, 0) + 1
        return sorted(counts.items(), key=lambda item: -item[1])

    def lead_role(self, resolution: Resolution, phrase: str, at: int,
                  ranked: list[tuple[str, int]]) -> Resolution:
        """A role without a name in the headline or the first paragraph ('Former DNC chairman
        calls for …', 'A New York judge on Thursday rejected …') announces the person the article
        then quotes most (at least twice, more than anyone else) and does not name on the same
        line ('Clinton Hid …, Former White House Doctor Says' is not Clinton): that person,
        with a low confidence and the role's words kept."""
        if at >= self.lead_end or resolution.name_kind not in (
                _NK_UNNAMED, _NK_ORGANISATION, _NK_UNKNOWN):
            return resolution
        gender = _PERSON_PRONOUNS.get(phrase.lower())
        if gender is not None:
            return self._lead_pronoun(resolution, phrase, gender, ranked) \
                if resolution.name is None else resolution
        named = [name for name, _ in ranked if " " in name and name in phrase]
        if named:    # 'Elizabeth Warren Hammers Wells Fargo CEO': the person it names
            main = named[0]
            index = self._first_with_name.get(main)
            how = "the person named in the headline"
            return Resolution(main, _SK_PERSON, "", how, _NK_PERSON, _HOW_CONFIDENCE["salient"],
                              (), self._entities[index].source if index is not None else None,
                              _chain(phrase, main, how))
        line_end = self._text.find("\n", at)
        line = self._text[self._text.rfind("\n", 0, at) + 1:line_end if line_end >= 0 else None]
        ranked = [(name, count) for name, count in ranked
                  if not re.search(r"\b" + re.escape(name.split()[-1]) + r"\b", line)]
        if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return resolution
        main = ranked[0][0]
        words = phrase.split()
        head = words[-1].lower().strip(".,’'") if words else ""
        if head not in ROLE_WORDS and head not in _LEAD_ROLE_WORDS or _is_plural_people(head):
            return resolution
        index = self._first_with_name.get(main)
        gender = _role_gender(head)
        if index is not None and gender is not None and self._entities[index].gender \
                not in (None, gender):
            return resolution
        how = "a role in the headline or first paragraph: the person the article quotes most"
        entity = self._entities[index] if index is not None else None
        return Resolution(main, _SK_PERSON, _label(phrase), how, _NK_PERSON,
                          _HOW_CONFIDENCE["salient"], (), entity.source if entity else None,
                          _chain(phrase, main, how))

    def _lead_pronoun(self, resolution: Resolution, phrase: str, gender: str,
                      ranked: list[tuple[str, int]]) -> Resolution:
        """'He' or 'she' in the first paragraph before anyone of that gender is named ('The
        head of the union fears Trump can win, because she thinks …'): a profile or interview
        introduces its subject so; the person of that gender the article quotes most (at least
        twice, more than anyone else of it), with a low confidence."""
        fitting = []
        for name, count in ranked:
            index = self._first_with_name.get(name)
            if index is not None and self._entities[index].gender in (None, gender):
                fitting.append((name, count, index))
        if not fitting or fitting[0][1] < 2 or len(fitting) > 1 and fitting[1][1] == fitting[0][1]:
            return resolution
        name, _, index = fitting[0]
        how = "a pronoun in the first paragraph before anyone is named: the person the article quotes most"
        return Resolution(name, _SK_PERSON, "", how, _NK_PERSON, _HOW_CONFIDENCE["salient"], (),
                          self._entities[index].source, _chain(phrase, name, how))

    def _previous_role_subject(self, at: int, gender: str) -> tuple[int, int]:
        """'In defeat, the president appeared cowed. Campaigning in 2012, he …': when the
        sentence before opens (past 'In defeat,') with 'the' and a role, the person named
        with that role, and where the role is written (a mention of them as recent as any).
        (-1, -1) if none."""
        text = self._text
        start = _sentence_start(text, _quote_opening(text, at))
        if start <= 0:
            return -1, -1
        previous = _sentence_start(text, _end_before_space(text, start) - 1)
        found = _ROLE_SUBJECT_RE.match(text, previous, start)
        if found is None or found.group(2).lower() not in ROLE_WORDS:
            return -1, -1
        role = self._resolve_role(found.group(1).split(), found.start(1), found.group(1))
        if role is None or role.name is None:
            return -1, -1
        index = self._first_with_name.get(role.name, -1)
        if index < 0 or self._entities[index].gender not in (None, gender):
            return -1, -1
        return index, found.start(1)

    def _previous_subject(self, at: int, gender: str | None) -> int:
        """The person who is the subject of the sentence before the pronoun's ('Scott bristles
        at the suggestion. “…,” he said'): the first person of a fitting gender named in it,
        not after a preposition. A quote the pronoun closes belongs to its sentence. -1 if none."""
        text = self._text
        start = _sentence_start(text, _quote_opening(text, at))
        if start <= 0:
            return -1
        previous = _sentence_start(text, _end_before_space(text, start) - 1)
        k = bisect.bisect_left(self._positions, previous)
        while k < len(self._positions) and self._positions[k] < start:
            position, index = self._positions[k], self._position_entity[k]
            if _quotation_open(text[previous:position]):
                k += 1          # inside a quotation: "Ted Cruz is …," Perry said
                continue
            if _opens_clause(text, previous, position):
                after = text[position:position + 40].split(maxsplit=2)
                if after and after[0].endswith(("’s", "'s")) or len(after) > 1 \
                        and after[1][:1].islower() and not _verb_like(after[1]) \
                        and not after[0].endswith(","):   # 'Clinton, the former …, stressed
                    k += 1      # 'Trump's plan', 'Trump campaign spokesman Jason Miller'
                    continue
                entity = self._entities[index]
                return index if entity.person and (entity.gender == gender or gender is None)\
                    else -1
            k += 1
        return -1

    def _listed_members(self, at: int) -> Resolution | None:
        """'Critics of the program, like Senators Ann Bly, Republican of Iowa, and Tom Hale,
        see …. They sent a letter': 'they' after a group whose members are named (like,
        including, such as), in its own sentence or the one before, is those members."""
        text = self._text
        start = _whole_sentence_start(text, _quote_opening(text, at))
        found = _MEMBERS_RE.match(text, start, at)
        for _ in range(2):      # the sentence before, or the one before a 'They …' sentence
            if found is not None or start <= 0:
                break
            end, start = start, _whole_sentence_start(text, _end_before_space(text, start) - 1)
            found = _MEMBERS_RE.match(text, start, end)
            if found is None and not text.startswith(("They ", "“They ", "\"They "), start):
                break
        if found is None:
            return None
        return self._members(found.group(1), found.start(1))

    def _members(self, listed: str, at: int) -> Resolution | None:
        """The members a group names ('Senators A, Republican of Iowa, and B'; 'the United
        States Conference of Mayors'), or None when they are not names."""
        listed = _PARTY_OF_STATE_RE.sub("", listed).strip(" ,")
        listed = _GROUP_OPENING_RE.sub("", listed)
        if " and " in listed:
            return self._resolve_group(listed, listed.split(), at)
        words = listed.split()
        while words and words[0].lower() in DETERMINERS:
            words = words[1:]
        if not words or not words[0][:1].isupper():
            return None
        name = _run_name(" ".join(words))
        if len(name) >= 2 and len(name) < len(words) and not _looks_like_org(name):
            listed = " ".join(name)     # '… Chapel Hill professor Zeynep Tufekci': the person
            named = self._resolve_run(listed, at, listed)
            return named if named is not None and named.name else None
        if any(w.lower() in ORG_WORDS or w.lower() in _EXTRA_ORG_WORDS for w in words):
            # 'including the United States Conference of Mayors': an organisation
            return self._organisation(" ".join(words), at, listed)
        named = self._resolve_phrase(listed, at)
        return named if named.name and named.kind in (_SK_PERSON, _SK_ORGANISATION) else None

    def _listed_before(self, phrase: str, at: int) -> Resolution | None:
        """'Sens. Ann Bly (D-Ore.), Tom Hale (D-Ohio) and Ray Oto (D-N.J.) all said': 'all' or
        'both' right after a list of names is everyone in it."""
        start = _sentence_start(self._text, at)
        before = _PARENTHESIS_RE.sub("", self._text[start:at])
        found = _NAME_LIST_END_RE.search(before)
        if found is None:
            return None
        listed = found.group().strip()
        group = self._resolve_group(listed, listed.split(), start)
        if group is None:
            return None
        how = "everyone in the list before it"
        return Resolution(group.name, group.kind, "", how, group.name_kind, group.confidence,
                          (), None, _chain(phrase, group.name or "", how))

    def _copula_subject(self, phrase: str, at: int) -> Resolution | None:
        """'Angela Ruiz is the state attorney who charged him': a description that a name
        before 'is'/'was' is said to be stands for that name (a person or organisation)."""
        if not self._text.endswith((" is ", " was "), max(0, at - 5), at):
            return None
        found = _COPULA_SUBJECT_RE.search(self._text, max(0, at - 80), at)
        if found is None or _not_a_speaker(found.group(1)):
            return None
        named = self._resolve_run(found.group(1), found.start(1), found.group(1))
        if named is None or not named.name or named.kind not in (_SK_PERSON, _SK_ORGANISATION):
            return None
        how = f"the name this description is said of (‘{found.group(1)} {found.group(2)} …’)"
        return Resolution(named.name, named.kind, named.description or _label(phrase), how,
                          named.name_kind, named.confidence, named.candidates, named.source,
                          _chain(phrase, named.name or "", how))

    def _apposed_subject(self, phrase: str, at: int) -> Resolution | None:
        """'Gov. John Kasich of Ohio, a Republican who has refused …': a description in
        apposition right after a person's name stands for that person."""
        if not self._text.endswith(", ", max(0, at - 2), at):
            return None
        found = _APPOSED_NAME_RE.search(self._text, max(0, at - 100), at)
        if found is None or _not_a_speaker(found.group(1)):
            return None
        lows = phrase.lower().split()
        head = _head_index(lows)
        if head is None or _is_plural_people(lows[head]) or lows[head] in _ORG_HEADS \
                or lows[head] in ("media", "press", "public"):
            return None     # 'according to Trump, the media …': not a description of one person
        text = self._text
        start = found.start(1)
        sentence = _sentence_start(text, start)
        lead = text[sentence:start].split()
        if lead and lead[0].lower() in _PREPOSITIONS and "," not in text[sentence:start] \
                or text.startswith((" said,", " says,"), at + len(phrase)):
            return None     # 'For Hillary Clinton, the worst attack …'; 'Clinton, a top aide said,'
        if not (_opens_clause(text, sentence, start)
                or _SAID_BEFORE_RE.search(text, max(0, start - 20), start)):
            return None     # '… visiting Obama, the White House …': an object is not described
        named = self._resolve_run(found.group(1), start, found.group(1))
        index = self._first_with_name.get(named.name or "", -1) if named is not None else -1
        if named is None or index < 0 or not self._entities[index].person \
                or named.kind != _SK_PERSON:
            return None
        how = "the person this description follows (‘NAME, a …’)"
        return Resolution(named.name, named.kind, named.description or _label(phrase), how,
                          named.name_kind, named.confidence, named.candidates, named.source,
                          _chain(phrase, named.name or "", how))

    def _resolve_turn(self, label: str, at: int) -> Resolution:
        """A question-and-answer interview's turn label: 'A:' is the person interviewed (as
        'I' in an answer); 'Q:' the interviewer, whom the article seldom names, kept as written."""
        if label == "A":
            return self._resolve_first_person(label, "i", at)
        return Resolution(label, _SK_UNKNOWN, "", "an unnamed source, kept as written",
                          _NK_UNNAMED, _HOW_CONFIDENCE["label"], (), None,
                          "‘Q’: the interviewer's question, kept as written")

    def _resolve_first_person(self, phrase: str, pronoun: str, at: int) -> Resolution:
        """'I' and 'we' in a transcript turn are the turn's speaker: 'PENCE: … I …' is Pence;
        in an interview's answer ('A: … I …') and for 'you' in its question ('Q: … you …'),
        the person interviewed, taken as the person the article names most."""
        line_start = self._text.rfind("\n", 0, at) + 1
        label = _TURN_LABEL_RE.match(self._text, line_start, min(at, line_start + 40))
        if label is not None:
            who = label.group(1)
        else:
            turn = turn_at(self._text, at)   # an answer's later paragraph: still its turn
            if turn is None:
                return UNRESOLVED
            line_start, who = turn
        if pronoun == "we":
            return UNRESOLVED   # a turn's 'we' is a group it speaks for (a campaign, a country)
        if who in ("Q", "A"):
            if (who == "A") == (pronoun == "you"):
                return UNRESOLVED   # the interviewer: the article seldom names them
            salient = self._salient_people(at, None)
            if not salient:
                return UNRESOLVED
            entity = self._entities[salient[0]]
            how = "the person interviewed (the one the article names most)" + \
                (", asked in a question" if who == "Q" else ", in an answer")
            return Resolution(entity.name, entity.kind, entity.description, how, _NK_PERSON,
                              _HOW_CONFIDENCE["salient"], tuple(self._entities[i].name for i in salient[1:3]),
                              entity.source, _chain(phrase, entity.name, how))
        if pronoun == "you":
            return UNRESOLVED
        named = self._resolve_run(who, line_start, who)
        if named is None or named.kind != _SK_PERSON:
            return UNRESOLVED
        how = "the speaker of this transcript turn"
        return Resolution(named.name, named.kind, named.description, how, _NK_PERSON,
                          named.confidence, named.candidates, named.source,
                          _chain(phrase, named.name or "", how))

    def _resolution(self, index: int, how: str, phrase: str = "", way: str = "full") -> Resolution:
        entity = self._entities[index]
        name_kind = _NK_PERSON if entity.kind == _SK_PERSON else \
            _NK_ORGANISATION if entity.kind == _SK_ORGANISATION else _NK_UNKNOWN
        return Resolution(entity.name, entity.kind, entity.description, how, name_kind,
                          _HOW_CONFIDENCE[way], (), entity.source, _chain(phrase, entity.name, how))

    def note_name_at(self, at: int, sentence: int) -> None:
        """Kept for callers; names are read once for the whole article now."""


_TITLE_WORDS = OFFICE_TITLES


def _surely_a_person(entity: Entity) -> bool:
    return entity.person and (entity.gender is not None or entity.pronoun_gender is not None)


def _is_title(word: str) -> bool:
    bare = word.rstrip(".").lower()
    return bare in HONORIFICS or bare in _TITLE_WORDS


# Ways of reaching a name that do not depend on where the words stand (Resolution.how).
_STABLE_HOWS = frozenset({"", "surname of a person named earlier", "an unnamed source, kept as written"})
_TITLE_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_FEMALE_ROLES = frozenset({"businesswoman", "congresswoman", "spokeswoman", "chairwoman", "lady",
                           "mother", "actress", "queen", "princess", "duchess", "wife", "daughter",
                           "councilwoman", "assemblywoman", "sister", "grandmother", "widow"})
_MALE_ROLES = frozenset({"businessman", "congressman", "spokesman", "chairman", "father", "king",
                         "prince", "duke", "husband", "son", "councilman", "assemblyman",
                         "brother", "grandfather", "widower"})


@lru_cache(maxsize=8192)
def _role_fits(role: str, known: str) -> bool:
    """Whether a person's role ``known`` is the role mention ``role`` (normalised, its last
    word a head of ``_ROLE_HEADS``): the same role, or its words among a fuller one's ('the
    Democratic nominee' is 'Democratic presidential nominee Hillary Clinton'). Cached: every
    person's roles are tried for each role mention, thousands of people in a long text."""
    head = role.split()[-1]
    return fuzz.ratio(role, known) >= _ROLE_MATCH or _ROLE_HEADS.get(
        known.split()[-1], known.split()[-1]) == head and (
            role in known or set(role.split()) <= {_ROLE_HEADS.get(w, w) for w in known.split()})


def _add_role(entity: Entity, role: str) -> None:
    """A role once per entity: an article repeats its roles ('Judge Nervo') mention after mention."""
    if role not in entity.roles:
        entity.roles.append(role)


def _role_gender(head: str) -> str | None:
    return "f" if head in _FEMALE_ROLES else "m" if head in _MALE_ROLES else None


def _again(previous: Resolution, phrase: str, how: str) -> Resolution:
    """The speaker before, again ('they', 'it', 'the pair', 'the agency')."""
    way = "last organisation" if previous.kind == _SK_ORGANISATION else \
        "last unnamed group" if previous.name_kind == _NK_UNNAMED else "group"
    return Resolution(previous.name, previous.kind, previous.description, how, previous.name_kind,
                      min(previous.confidence, _HOW_CONFIDENCE[way]), (), previous.source,
                      _chain(phrase, previous.name or "", how))


def _chain(phrase: str, name: str, how: str) -> str:
    if not phrase or phrase == name:
        return f"{name}: {how}" if how else name
    return f"‘{phrase}’ → {name}: {how}" if how else f"‘{phrase}’ → {name}"


_NOT_SPEAKER_WORDS = frozenset({"similar", "simple", "same", "such", "ones", "perhaps", "as",
                                "including", "recently", "instead", "indeed", "often"})


@lru_cache(maxsize=4096)   # phrases repeat within and across articles; pure
def _not_a_speaker(phrase: str) -> bool:
    """'Recently', 'a similar', 'including ones': words the mention finder took for a subject."""
    words = phrase.split()
    if not words:
        return True
    last = words[-1].lower().strip(".,")
    first = words[0].lower()
    return last in _NOT_SPEAKER_WORDS or first == "including" \
        or len(words) <= 2 and first in _CONTRACTED_OPENERS \
        or len(words) == 1 and (last.endswith("ly") and last not in ("ally", "italy")
                                or last in _MONTHS_AND_DAYS or last in _SUBORDINATORS
                                or last in _PARTY_ADJECTIVES) \
        or len(words) > 1 and first in _SUBORDINATORS and words[0][:1].isupper() \
        or len(words) == 2 and first in _DATE_LEADS and last in _MONTHS_AND_DAYS
    # ('After the Cold War, Republicans …': an opening phrase, not the subject; 'On Thursday,
    # … Warren endorsed': a date)


# 'That’s I think a very dangerous thing': a quotation's own words before its 'I think'
_CONTRACTED_OPENERS = frozenset({f"{word}{mark}s" for word in ("that", "it", "there", "here", "what")
                                 for mark in "’'"})
_DATE_LEADS = frozenset({"on", "in", "by", "since", "until", "last", "this", "next", "early",
                         "late", "earlier", "later", "through"})
_PARTY_LABELS = frozenset({"democrat", "republican", "independent", "libertarian",
                           "gop"})
_PARTY_ADJECTIVES = frozenset({"republican", "democratic"})   # '… of Republican claims'


# Words opening a subordinate clause before the main one: a name in it is not the subject.
_CLAUSE_OPENERS = frozenset({"when", "while", "after", "before", "as", "if", "since", "although",
                             "though", "because", "once", "until", "unless", "whereas"})
# Capitalised words that open a sentence before a bare surname ('But Scott said'): not a name.
_SURNAME_OPENERS = _CLAUSE_OPENERS | {"but", "and", "so", "yet", "then", "now", "still", "also",
                                      "even", "meanwhile", "however", "instead", "later"}
_SUBORDINATORS = frozenset({"after", "as", "before", "when", "while", "if", "since", "although",
                            "though", "because", "however", "meanwhile", "still", "yet"})
# the subject after an opening adverb: ', however, it'
_LEADING_SUBJECT_RE = re.compile(
    r"[ \t]*,?[ \t]*(?:(?:however|though|also|then|instead)[ \t]*,?[ \t]+)*"
    r"(?:(he|she|it|they|we|I)\b|((?:[A-Z][\w.’'-]*[ \t]+)*[A-Z][\w’'-]*)(?![\w’'-]))")
# the word or name that ends a stretch of text: a pronoun, or a capitalised run
_TRAILING_SUBJECT_RE = re.compile(
    r"(?:(?<![\w’'])(he|she|it|they|we|I)|((?:[A-Z][\w.’'-]*[ \t]+)*[A-Z][\w’'-]*))[ \t]*$")


# a sentence that opens (past a short phrase and a comma) with 'the' and a role, then a verb
_ROLE_SUBJECT_RE = re.compile(
    r"[\"“]?(?:[A-Z][\w’'-]*(?:[ \t]+[\w’'-]+){0,3},[ \t]+)?"
    r"((?:[Tt]he)[ \t]+(?:[a-z][\w’'-]*[ \t]+){0,2}?([a-z][\w’'-]*))[ \t]+[a-z]")
# a list of capitalised names ending a stretch of text: 'Ann Bly, Tom Hale and Ray Oto '
_NAME_RUN = r"(?:[A-Z][\w.’'-]*[ \t]+)*[A-Z][\w’'-]*"
_NAME_LIST_END_RE = re.compile(
    r"(?<![\w’'-])" + _NAME_RUN + r"(?:(?:,[ \t]+|,?[ \t]+and[ \t]+)" + _NAME_RUN + r")+[ \t]*$")
_PARENTHESIS_RE = re.compile(r"[ \t]*\([^()\n]{0,40}\)")
# 'Angela Ruiz is | the state attorney who …': a name, then 'is' or 'was', right before a mention
# A name, perhaps 'of Ohio' or '(D-Calif.)' after it, then the comma of an apposition.
_APPOSED_NAME_RE = re.compile(
    r"((?:[A-Z][\w.’'-]*[ \t]+)*[A-Z][\w’'-]*)(?:[ \t]+of[ \t]+(?:[A-Z][\w.’'-]*[ \t]*)+)?"
    r"(?:[ \t]*\([^()\n]{1,30}\))?,[ \t]+$")
_SAID_BEFORE_RE = re.compile(r"\b(?:said|says|wrote|writes|added)[ \t]+$")
_COPULA_SUBJECT_RE = re.compile(
    r"(?:^|(?<=\n)|(?<=[.;:!?”\"]\s))((?:[A-Z][\w.’'-]*[ \t]+)*[A-Z][\w’'-]*)[ \t]+(is|was)[ \t]+$")
# a whole transcript turn of a one-word label in capitals, and a first name it addresses
_TURN_RE = re.compile(r"^[\"“]?([A-Z][A-Z'’-]{2,}):[ \t]+(.*)$", re.MULTILINE)
_VOCATIVE_RE = re.compile(r"(?:,[ \t]+|^)([A-Z][a-z]+)(?=[.?!]|,[ \t])")
# A transcript turn: 'Q: ', 'A: ', 'PENCE: ', 'SEN. WARREN: ' at a paragraph's start.
_TURN_LABEL_RE = re.compile(r"[\"“]?([QA]|[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)?):\s")
_VERB_ENDINGS = ("ed", "es")


_RUN_ON_PRONOUN_RE = re.compile(r"\b[a-z]{2,}[.!?]\s+(He|She|They|It|We|I|he|she|they|it|we)$")
_NAME_THEN_VERB_RE = re.compile(r"^((?:[A-Z][\w.’'-]*\s+)*[A-Z][\w’'-]*)\s+([a-z]+(?:s|ed))$")
_ROLE_THEN_VERB_RE = re.compile(r"^((?:[Tt]he|[Aa]n?)\s+(?:[A-Z][\w.’'-]*\s+)*([a-z]+))\s+([a-z]+ed)\b")


@lru_cache(maxsize=4096)
def _without_verb(phrase: str) -> str:
    """The subject alone, where the mention finder ran on into the next sentence or into the
    verb: 'no. He' -> He, 'Trump avoids' -> Trump, 'the president declined to …' -> the president."""
    match = _RUN_ON_PRONOUN_RE.search(phrase)
    if match is not None:
        return match.group(1)
    match = _NAME_THEN_VERB_RE.match(phrase)
    if match is not None and match.group(2) not in GROUP_NOUNS and match.group(2) not in ROLE_WORDS \
            and match.group(2) not in DOCUMENT_WORDS and match.group(2) not in _ORG_HEADS \
            and not match.group(2).endswith("ss"):
        return match.group(1)
    match = _ROLE_THEN_VERB_RE.match(phrase)
    if match is not None and (match.group(2) in ROLE_WORDS or match.group(2) in _ORG_HEADS):
        return match.group(1)
    return phrase


def _label(phrase: str) -> str:
    """An unnamed source's words as its label: 'sources', 'a spokesman for the ministry'."""
    return phrase.strip(" ,.;:").removesuffix("’s").removesuffix("'s")


def _head_index(lows: list[str]) -> int | None:
    """The head noun: the last word before a preposition or a participle ('poll released')."""
    if not lows:
        return None
    k = 0
    while k < len(lows) and lows[k] not in _PREPOSITIONS and lows[k] not in _AFTER_HEAD:
        k += 1
    return k - 1 if k > 0 else None


# words that follow a head noun: participles ('a release sent to media') and relatives
_AFTER_HEAD = frozenset({"released", "published", "issued", "filed", "sent", "posted", "obtained",
                         "written", "signed", "shared", "circulated", "that", "who", "which"})


def _plural_noun(word: str) -> bool:
    """'Proponents', 'candidates', 'unions': a plural common noun (a rough test)."""
    low = word.lower()
    return low.isalpha() and len(low) > 3 and low.endswith("s") \
        and not low.endswith(("ss", "us", "is")) and (word.islower() or word == word.capitalize())


def _is_plural_people(word: str) -> bool:
    return word.lower() in _PLURAL_PEOPLE


_POSSESSIVE_ENDINGS = ("’s", "'s", "s’", "s'")   # 'ABC’s', 'Democracy Corps’'
_PLACE_NOUNS = frozenset({
    "street", "avenue", "road", "square", "park", "bridge", "lane", "drive", "boulevard",
    "station", "island", "county", "hospital", "college", "school", "university", "airport",
    "mall", "tower", "palace", "church", "cathedral", "river", "lake", "hotel", "building",
})
_PHOTO_CREDIT_RE = re.compile(r"\((\w[\w’'. -]{1,40}?)[ \t]?/[ \t]?[A-Z][\w’'. -]{1,30}\)")
# 'Canadian actor Oh', 'Japanese journalist and author Hiro Aida': words, a role, a name
_ROLE_THEN_NAME_RE = re.compile(
    r"(?:[\w’'.-]+\s+){0,3}?(?P<role>[a-z][\w-]*)\s+(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})")
# 'Mamadou Dia was on a business trip … when he ended up …'
_SUBJECT_THEN_PRONOUN_RE = re.compile(
    r"(?P<name>(?:[A-Z][\w’'.-]*[ \t]+){1,3})(?:was|is|had|has)\b[^.!?;:“”\"\n]{0,120}?"
    r"\b(?:when|as|after|before|because|while|until|where|and|but|so)\s+(?P<pronoun>he|she)\b")
# 'Alexandre Bissonnette, 29,', 'Tarla Makaeff, who …': only a person's name takes an age or 'who'
_AGE_OR_WHO_RE = re.compile(r"(?:[A-Z][\w’'.-]*[ \t]+){1,3}[A-Z][\w’'-]*,[ \t]+(?:\d{1,3},|who\b)")
_STATE_PARTY_RE = re.compile(r"[Tt]he (" + "|".join(US_STATE_ABBREVIATIONS) + r") (Republican|Democrat)")
_LEADING_ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+(?=[A-Z])")
_ORG_OWNER_RE = re.compile(r"([A-Z][\w’'&.-]*(?: [A-Z][\w’'&.-]*)*)(?: [a-z]+)? (?:chain|company|firm|group|"
                           r"network|newspaper|paper|agency|campaign)")
# two people named together: 'Kim and Clark Moran', 'Ann Bly and Tom Hale'
_NAMED_PAIR_RE = re.compile(r"\b[A-Z][a-z’'-]+(?: [A-Z][\w’'-]+)? and [A-Z][a-z’'-]+ [A-Z][\w’'-]+")
_POSSESSIVE_SUFFIX_RE = re.compile(r"(?:’s|'s|(?<=s)[’'])$")
_OWNED_CAMPAIGN_RE = re.compile(r"([Hh]is|[Hh]er) campaign")
_POSSESSIVE_GENDER = {"his": "m", "her": "f"}
_MODIFIED_HEADS = ("campaign", "police", "team", "administration", "government", "party")


@lru_cache(maxsize=4096)   # phrases repeat within and across articles; pure
def _first_name_run(phrase: str) -> tuple[int, str] | None:
    """The first capitalised run of ``phrase`` (after determiners) that is not a modifier of a
    lower-case noun ('Democratic leaders', 'the New York businessman'), with its offset."""
    for match in _ORG_RUN_RE.finditer(phrase):
        words = match.group().split()
        skip = 0
        while skip < len(words) and words[skip].lower() in _SKIPPED_BEFORE_NAME:
            skip += 1
        if skip == len(words):
            continue
        if len(words) == 1 and match.start() == 0 and (
                words[skip].lower() in _NOT_NAME_WORDS or words[skip].lower() in GROUP_NOUNS
                or words[skip].lower() in DOCUMENT_WORDS
                or words[skip].endswith("s") and match.end() < len(phrase)):
            continue   # 'Officials at the ministry', 'Data from …': a capitalised common noun
        if len(words) - skip == 1 and words[skip].lower() in _NOT_NAME_WORDS:
            continue
        if all(w.lower().rstrip(".,") in _MONTHS_AND_DAYS for w in words[skip:]):
            continue   # 'a statement released Thursday': a date names nobody
        if _modifier_run(phrase, match.end()):
            continue
        text = " ".join(words[skip:])
        offset = match.start() + match.group().find(words[skip])
        return offset, text
    return None


_SKIPPED_BEFORE_NAME = DETERMINERS | {"according", "both"}


def _modifier_run(phrase: str, end: int) -> bool:
    """Whether a lower-case word follows the run: 'Clinton | campaign', 'Democratic | leaders'."""
    rest = phrase[end:].lstrip(" \t")
    if not rest or rest[0] in ",;:()—–":
        return False
    if rest.startswith(("and ", "or ")) and rest[4 if rest[0] == "a" else 3:][:1].islower():
        return True   # 'Federal | and state officials'
    word = rest.split(None, 1)[0].lower()
    return rest[0].islower() and word not in _PREPOSITIONS and word not in _ORG_LINKS \
        and word not in ("who", "which", "that", "and", "or", "said", "says")


@lru_cache(maxsize=4096)   # phrases repeat within and across articles; pure
def _modified_org(phrase: str) -> str | None:
    """'The Clinton campaign' -> Clinton campaign, 'Tulsa police' -> Tulsa police."""
    if not phrase.endswith(_MODIFIED_HEADS):
        return None
    match = re.match(r"(?:the |The |a |A )?([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*)*?)(?:’s|'s)? "
                     r"(campaign|police|team|administration|government|party)$", phrase)
    if match is None:
        return None
    head = "campaign" if match.group(2) == "team" else match.group(2)
    owner = _POSSESSIVE_SUFFIX_RE.sub("", match.group(1))   # 'Clinton’s team', 'Sanders’ campaign'
    words = owner.split()
    if head == "campaign" and len(words) > 1 and not _looks_like_org(words):
        owner = words[-1]   # 'Mrs. Clinton’s campaign', 'Sen. Kelly Ayotte’s campaign': Clinton campaign
    return f"{owner} {head}"


# Kinds of organisation, by the words that name them: 'the <head>' can only be one of its kind.
_ORG_KIND_WORDS = (
    ("court", "courts", "panel", "tribunal"),
    ("agency", "office", "department", "bureau", "administration", "ministry", "service"),
    ("paper", "newspaper", "publication", "outlet", "magazine", "journal", "times", "post",
     "tribune", "herald", "gazette", "news"),
    ("network", "channel", "station", "outlet", "broadcaster", "news"),
    ("company", "firm", "corporation", "corp", "inc", "bank"),
    ("committee", "panel", "commission", "board", "council", "subcommittee"),
    ("website", "site", "blog", "outlet"),
    ("university", "college", "school", "institute"),
    ("state", "government"),
)
_ORG_KINDS = {word: frozenset(kind for kind, words in enumerate(_ORG_KIND_WORDS) if word in words)
              for words in _ORG_KIND_WORDS for word in words}


def _org_fits_head(name: str, head: str) -> bool:
    """Whether 'the <head>' can be the organisation ``name``: a 'Sanders campaign' is 'the
    campaign', never 'the government'; a 'Department of Education' is 'the department', never
    'the company'; any other organisation may be any kind."""
    words = name.lower().split()
    if len(words) > 2 and words[1] == "of" and words[0] in _ORG_HEADS:
        return words[0] == head
    kind = words[-1] if words else ""
    if kind in _MODIFIED_HEADS:
        return kind == head or kind == "campaign" and head == "team"
    kinds, heads = _ORG_KINDS.get(kind), _ORG_KINDS.get(head)
    # 'the network' is not the New York Times, nor 'the state' the Supreme Court
    return kinds is None or heads is None or not kinds.isdisjoint(heads)


def _spelt_out_forms(text: str) -> dict[str, dict[str, int]]:
    """Every full form an acronym could stand for in ``text``, by its initials, with how often
    it is written: 'Royal Canadian Mounted Police' under 'RCMP' (and 'CMP', 'MP'). Read in one
    pass over the text, so that each acronym is a look-up, not a walk over a long article."""
    forms: dict[str, dict[str, int]] = {}
    for run in _SPELT_OUT_RE.finditer(text):
        written = run.group()
        words = [w for w in _WORD_RE.finditer(written) if w.group()[:1].isupper()]
        if len(words) < 2 or words[-1].group().isupper():
            continue
        for n in range(2, min(len(words), 8) + 1):
            spelling = words[-n:]
            full = _FORM_END_RE.sub("", written[spelling[0].start():])
            if "," in full and " and " not in full[full.index(","):]:
                continue   # a comma in a name only lists its parts: not 'Palo Alto, Calif.' for 'PAC'
            by_form = forms.setdefault("".join(w.group()[0] for w in spelling), {})
            by_form[full] = by_form.get(full, 0) + 1
    return forms


def _acronym_full_form(forms: dict[str, dict[str, int]], acronym: str) -> str | None:
    """'RCMP' -> 'Royal Canadian Mounted Police': the run of capitalised words the article writes
    whose initials spell the acronym, the form it writes most often ('the' and 'of' are skipped,
    as acronyms skip them)."""
    counts = forms.get(acronym.replace("&", "").replace(".", ""))
    if not counts:
        return None
    return max(counts, key=lambda full: (counts[full], len(full)))


@lru_cache(maxsize=4096)   # phrases repeat within and across articles; pure
def _org_from_run(run: str) -> str:
    """An organisation's proper name in a capitalised run, without a leading 'The' and
    without an ending possessive; cut at the first 'of'/'and' unless the run names an organisation."""
    words = run.split()
    while words and (words[0].lower() in _NOT_NAME_WORDS or words[0].lower() in DETERMINERS):
        words = words[1:]
    while words and words[-1].lower() in _ORG_LINKS:
        words = words[:-1]
    if not words:
        return ""
    lows = {w.lower().strip(".,’'") for w in words}
    if lows.isdisjoint(ORG_WORDS) and lows.isdisjoint(_EXTRA_ORG_WORDS):
        for k, word in enumerate(words):
            if word in _ORG_LINKS:
                words = words[:k]
                break
    if not words:
        return ""
    last = words[-1].removesuffix("’s").removesuffix("'s").rstrip(",’'")
    return " ".join([*words[:-1], last]) if last else " ".join(words[:-1])


def _person_part(name: list[str]) -> list[str]:
    """'House Newt Gingrich' -> Newt Gingrich: the words after an organisation word."""
    for k in range(len(name) - 1, -1, -1):
        if name[k].lower().strip(".,") in ORG_WORDS:
            rest = name[k + 1:]
            return rest if len(rest) >= 2 and rest[0].lower() in _FEMALE_FIRST_NAMES | \
                _MALE_FIRST_NAMES else name
    return name


@lru_cache(maxsize=8192)   # pure; runs recur within and across articles
def _run_words(run: str) -> tuple[list[str], bool]:
    """The words of a capitalised run, and whether they are only a role ('Secretary of State')."""
    words = run.split()
    return words, all(w.lower().strip(".,") in ROLE_WORDS or w in _ORG_LINKS for w in words)


@lru_cache(maxsize=8192)
def _run_name(run: str) -> list[str]:
    """The person's name a run ends with (read-only: the list is shared)."""
    return _person_part(proper_name_tokens(run.split()))


@lru_cache(maxsize=8192)   # written forms recur across articles ('Donald Trump', 'Mr. Obama')
def _name_reading(written: str) -> tuple[list[str], list[str], bool, bool, list[str]]:
    """The words of a written name, the name in them, whether a headline would split it, whether
    the name is usable, and the words before it. Pure, so read once per written form; callers
    must not change the lists."""
    words = written.split()
    name = _person_part(proper_name_tokens(words))
    if "’s " in written or "'s " in written or "s’ " in written or "s' " in written:
        owner = next((k for k, w in enumerate(name[:-1]) if w.endswith(_POSSESSIVE_ENDINGS)), None)
        if owner is not None:   # "King's Russia Today": the owner is the name,
            after = name[owner + 1:]
            # but "ABC’s George Stephanopoulos": a first name after it opens the person, and so
            # does any name after a news organisation's ("MSNBC’s Ayman Mohyeldin", "Breitbart
            # News’ Michael Patrick Leahy")
            outlet = _looks_like_org([w[:-1] if w.endswith(("’", "'")) else
                                      w.removesuffix("’s").removesuffix("'s") for w in name[:owner + 1]])
            name = after if len(after) >= 2 and (after[0].lower() in _FIRST_NAMES or outlet
                                                  and len(after) <= 3 and not _looks_like_org(after)) \
                else name[:owner + 1]
    while name and name[0].lower() in _NOT_NAME_WORDS:
        name = name[1:]
    if len(name) >= 3 and name[0].lower() in _PARTY_LABELS and not _looks_like_org(name):
        name = name[1:]     # 'Democrat Bernie Sanders': the party is no part of the name
    if len(name) >= 3 and name[0].endswith("s") and name[0].lower()[:-1] in ROLE_WORDS:
        name = name[1:]     # 'Senators Charles E. Grassley and …': a plural title
    if len(name) >= 3 and name[-1].lower() in _PROGRAMME_WORDS \
            and name[0].lower() in _FIRST_NAMES:
        # "The Rachel Maddow Show" names its host in full
        host = name[:-1]
        return words, host, False, _usable_name(host, words), words[:len(words) - len(name)]
    if len(name) > 3 and any(w.lower() in _NOT_NAME_WORDS for w in name[1:]):
        name = _first_person_in(name)
        return words, name, False, _usable_name(name, words), words[:len(words) - len(name)]
    # in a headline, a run not opened by a first name, or longer than a name with a middle
    # one, is split at first names ('Chris Christie Calls Hillary Clinton A …')
    return words, name, bool(name) and (name[0].lower() not in _FIRST_NAMES or len(name) > 3), \
        _usable_name(name, words), words[:len(words) - len(name)]


def _usable_name(name: list[str], words: list[str]) -> bool:
    return bool(name) and (len(name) >= 2 or len(words) >= 2 and _is_title(words[-2])) \
        and not _looks_like_org(name) and name[0].lower().rstrip(".") not in _MONTHS_AND_DAYS


def _first_person_in(name: list[str]) -> list[str]:
    """A headline run 'Hillary Clinton Goes After Donald Trump': the first 'First Last'."""
    for k, word in enumerate(name[:-1]):
        if word.lower() in _FEMALE_FIRST_NAMES or word.lower() in _MALE_FIRST_NAMES:
            return name[k:k + 2]
    return []


_TITLE_CASE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "to", "for", "and", "at",
                                     "by", "with", "from", "as", "or", "vs", "vs."})


def _headline_line(text: str, at: int) -> bool:
    """Whether ``at`` lies on a line that is a headline (no closing punctuation) or in capitals."""
    end = text.find("\n", at)
    start = text.rfind("\n", 0, at) + 1
    line = text[start:end if end >= 0 else len(text)].rstrip()
    if not line or len(line) < 200 and line[-1] not in ".!?\"”’':)" or line.isupper():
        return True
    if start == 0 and len(line) < 200:   # the first line, in title case even with a full stop
        return all(w[:1].isupper() or not w[:1].isalpha() or w in _TITLE_CASE_SMALL_WORDS
                   for w in line.split())
    return False


_CLAUSE_WORDS = frozenset({"also", "then", "later", "once", "now", "still", "never", "said", "told",
                           "will", "would", "can", "could", "did", "had", "was", "is", "may",
                           "might", "must", "should", "says", "wrote", "added", "who"})


def _verb_like(word: str) -> bool:
    """Whether a word after a name reads as the verb of a clause ('Scott bristles', 'Clinton
    criticized'), not as the noun the name modifies ('Clinton communication director')."""
    word = word.strip(",;:")
    return word in _CLAUSE_WORDS or word.endswith(("s", "ed")) or not word.isalpha()


_APPOSITION_END_RE = re.compile(r"(?:[A-Z][\w.’'-]*[ \t]+)*[A-Z][\w’'-]*,")


def _opens_clause(text: str, start: int, at: int) -> bool:
    """Whether a name at ``at`` is where its sentence's subject stands: only capitalised
    words, titles and role words before it ('New Jersey Gov. Chris Christie', 'Trump campaign
    spokesman Jason Miller'), or after an opening phrase closed by a comma ('On Tuesday, Clinton')."""
    lead = text[start:at]
    comma = lead.rfind(",")
    if comma >= 0 and lead.find(",") < comma and _APPOSITION_END_RE.match(text, at):
        return False    # 'Clinton delivered …, painting her rival, Donald Trump,': an apposition
    if comma >= 0 and not lead[comma + 1:].strip(" \t\"”’'"):   # ', ' or ',” 
        lead = ""
    elif comma >= 0:
        lead = lead[comma + 1:]
    elif lead[:lead.find(" ") + 1].strip().lower() in _CLAUSE_OPENERS:
        return False    # 'When Maddow pointed out …, Clinton seized …': the subject is Clinton
    return all(w[:1].isupper() or w.lower().strip(".") in ROLE_WORDS or w in _MODIFIED_HEADS
               for w in lead.split())


@lru_cache(maxsize=256)
def _surnames_re(forms: frozenset[str]) -> re.Pattern[str]:
    """One article's surnames as they are written, each standing alone (not followed by
    another capitalised word); cached, as articles are read again and again."""
    # the words first (the regex engine then skips to their first letters); the character
    # before is checked by the caller, a look-behind here would be tried at every position.
    # As a trie, not one alternative per word: a long text names thousands of people, and
    # the engine tried every one of them at each capital. The trie tries the words that
    # match in the same order as the longest-first alternation did (longest first).
    return re.compile(r"(?:" + _trie_pattern(forms) + r")(?:’s|'s)?(?![\w’'-]|[ \t]+[A-Z])")


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, the longest that fits first, as a trie."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node(trie)


def _trie_node(node: dict) -> str:
    branches = [re.escape(char) + _trie_node(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _lead_end(text: str) -> int:
    """Where the headline and the first paragraph end (their first two non-blank lines)."""
    end, lines = 0, 0
    while lines < 2 and end < len(text):
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        if text[end:line_end].strip():
            lines += 1
        end = line_end + 1
    return min(end, _LEAD_CHARS)


def _quotation_open(before: str) -> bool:
    """Whether a quotation opened in ``before`` is still open at its end."""
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _full_stop_of_abbreviation(text: str, at: int) -> bool:
    """Whether the full stop before ``at`` (past white space) ends an abbreviation ('U.S.')."""
    dot = _end_before_space(text, at) - 1
    return dot >= 0 and after_abbreviation(text, max(0, dot - 12), dot)


def _opening_phrase(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The name or 'the' + organisation word a sentence opens with, past 'But', when a
    lower-case word (its verb) follows: 'The Department of Education has …' -> ('The
    Department of Education', at). None if the sentence opens otherwise."""
    words = list(_OPENING_WORD_RE.finditer(text, start, min(end, start + 160)))
    i = 0
    while i < len(words) and words[i].group().lower().rstrip(",") in SENTENCE_OPENERS:
        i += 1
    j = i + 1 if i < len(words) and words[i].group() in ("The", "the") else i
    first = j
    while j < len(words) and (words[j].group()[:1].isupper()
                              or j > first and words[j].group() in _INSIDE_ORG_NAME):
        j += 1
    while j > first and words[j - 1].group() in _INSIDE_ORG_NAME:
        j -= 1
    if j < len(words) and (j == first and j > i or words[j - 1].group().endswith(("’s", "'s"))) \
            and words[j].group().lower() in ORG_WORDS:
        j += 1      # 'the newspaper', 'Trump’s campaign'
    if j == first or j >= len(words) or not words[j].group()[:1].islower():
        return None
    return text[words[i].start():words[j - 1].end()].rstrip(","), words[i].start()


_OPENING_WORD_RE = re.compile(r"[\w’'&.-]+,?")
_INSIDE_ORG_NAME = frozenset({"of", "for", "on", "and", "&", "the"})


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``at`` starts (looked for within 600 characters).

    The last sentence end is looked for in the last 120 characters first: most sentences
    are shorter, and reading 600 characters for every pronoun cost a few per cent of all
    detection. A sentence end always closes a run of white space and needs only its own
    punctuation or line break, so one found well inside the short window is the one the
    long window finds too (tests/domain/test_detection_speed.py checks both agree)."""
    window = max(0, at - 600)
    near = at - _SENTENCE_NEAR
    if near > window:
        start = _last_sentence_end(text, near, at)
        if start > near + 2:
            return start
    start = _last_sentence_end(text, window, at)
    return start if start >= 0 else window


_SENTENCE_NEAR = 120


def _last_sentence_end(text: str, window: int, at: int) -> int:
    """The end of the last sentence end in ``text[window:at]``; -1 if none."""
    start = -1
    for match in _SENTENCE_END_RE.finditer(text, window, at + 2):   # + 2: its look-ahead
        if match.end() <= at:
            start = match.end()
    return start


_AS_FOR_RE = re.compile(r"\b[Aa]s for ((?:[A-Z][\w.’'-]*[ \t])*[A-Z][\w’'-]*),[ \t]+$")
_TWO_DESCRIPTIONS_RE = re.compile(r"\band (?:the|a|an)\b")   # 'The Ohio senator and the …'
_AFTER_QUOTATION_RE = re.compile(r"[,!?][\"”’]\s*(?:said\s+|says\s+|added\s+)?$")


def _opens_sentence(text: str, at: int) -> bool:
    """Whether ``at`` opens its sentence, or follows a quotation ('“…,” said the senator')."""
    return not text[_sentence_start(text, at):at].strip() \
        or _AFTER_QUOTATION_RE.search(text, max(0, at - 16), at) is not None


_INITIAL_END_RE = re.compile(r"(?<![\w.])[A-Z]\.[ \t]+$")


def _whole_sentence_start(text: str, at: int) -> int:
    """``_sentence_start``, read on over the initials it stops at ('Patrick J. Leahy')."""
    start = _sentence_start(text, at)
    while start > 0 and _INITIAL_END_RE.search(text, max(0, start - 4), start):
        start = _sentence_start(text, start - 2)
    return start


def _quote_opening(text: str, at: int) -> int:
    """For a pronoun right after a quotation ('“…,” he said'), where the quotation opens;
    else ``at``."""
    before = text[max(0, at - 3):at].rstrip()
    if not before or before[-1] not in "”\"":
        return at
    close = _end_before_space(text, at) - 1
    if "\n" in text[close:at]:
        return at       # the quotation ended the paragraph before
    opening = text.rfind("“" if text[close] == "”" else "\"", max(0, close - 3000), close)
    return opening if opening >= 0 else at


def _fuller(new: str, old: str) -> bool:
    """'Loretta E. Lynch' is fuller than 'Loretta Lynch': the same words plus initials."""
    new_words, old_words = new.split(), old.split()
    plain = [w for w in new_words if not (len(w) == 2 and w[1] == "." and w[0].isupper())]
    return len(new_words) > len(old_words) and plain == old_words


def _appositive_role(text: str, end: int) -> str:
    """'Helen O'Connor, the region's chief engineer,': the role after a name."""
    if text[end:end + 1] != ",":
        return ""
    window = text[end:end + 80]
    match = _APPOSITIVE_ROLE_RE.match(window)
    if match is None:
        return ""
    words = match.group(1).split()
    cut = next((k for k, w in enumerate(words) if w.lower() in _PREPOSITIONS or w.lower() in
                ("who", "which", "that")), len(words))
    head = [w for w in words[:cut] if not w.endswith(("’s", "'s"))]
    if head and head[-1].lower() in ROLE_WORDS:
        return " ".join(head)
    return ""


def _sentences_ago(distance: int) -> str:
    words = {0: "in the same sentence", 1: "one sentence before", 2: "two sentences before",
             3: "three sentences before"}
    return words.get(distance, f"{distance} sentences before")


def _end_before_space(text: str, at: int) -> int:
    """``len(text[:at].rstrip())`` without copying the text before ``at`` (a whole
    article's worth for a pronoun near the end of a long one)."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at


@lru_cache(maxsize=8192)   # pure; every bare surname of an article comes through here
def _surname_key(word: str) -> str:
    # one key for O'Neill and O’Neill: articles mix the two apostrophes; 'Sanders'' is Sanders
    key = word.rstrip(".,").removesuffix("’s").removesuffix("'s").replace("’", "'").lower()
    return key[:-1] if key.endswith("s'") else key


def _clean_name(name: list[str]) -> list[str]:
    last = name[-1].removesuffix("’s").removesuffix("'s").rstrip(",")
    if last.endswith(("s’", "s'")):
        last = last[:-1]    # 'Bernie Sanders' plan'
    return [*name[:-1], last]


def _looks_like_org(name: list[str]) -> bool:
    for word in name:
        if word.lower().strip(".,") in ORG_WORDS:
            return True
    return len(name) == 1 and name[0].isupper() and len(name[0]) > 1


def _description(words: list[str], name: list[str]) -> str:
    """The role written before the name: 'US Secretary of State Antony Blinken' -> Secretary of State."""
    before = words[:len(words) - len(name)] if words[-len(name):] == name else []
    while before and (before[0].lower() in DETERMINERS or before[0].isupper()
                      or before[0].rstrip(".").lower() in HONORIFICS):
        before = before[1:]
    while before and before[-1].rstrip(".").lower() in HONORIFICS:
        before = before[:-1]
    return " ".join(before)


def _role_before(text: str, start: int, prefix: list[str], name: list[str]) -> str:
    """'Secretary of State' in '… Secretary of State Antony Blinken'.

    ``prefix`` holds the words the name match itself has before ``name``.
    """
    window = text[max(0, start - 60):start]
    line = window[window.rfind("\n") + 1:]
    if not prefix:
        last_word = line.rsplit(None, 1)[-1:]
        if not last_word or not (last_word[0][0].isupper() or last_word[0] in _ROLE_LINKS
                                 or last_word[0] in ROLE_WORDS or _role_gender(last_word[0])):
            return ""   # nothing role-like written before the name
    before = line.split()
    k = len(before)
    # 'Secretary of State', and lower-case roles: 'Democratic presidential nominee'
    while k > 0 and len(before) - k < 6 and (
            before[k - 1][0].isupper() or before[k - 1] in _ROLE_LINKS
            or before[k - 1] in ROLE_WORDS or before[k - 1] in _ROLE_MODIFIERS
            or _role_gender(before[k - 1])):
        k -= 1
    description = _description(before[k:] + prefix + name, name)
    if description and (description.split()[-1].lower() in ROLE_WORDS
                        or _role_gender(description.split()[-1].lower())):
        return description
    return ""


_ROLE_MODIFIERS = frozenset({"presidential", "former", "vice", "deputy", "executive", "press",
                             "communications", "communication", "campaign", "national", "senior",
                             "top", "party", "general", "assistant", "acting", "interim",
                             "chief", "state", "federal", "district"})
_PARTY_WORDS = {"gop": "republican", "democrat": "democratic"}
_ROLE_HEADS = {"justice": "judge", "contender": "candidate", "chair": "chairman",
               "chairwoman": "chairman", "attorney": "lawyer"}   # one word per role


def _normalise_role(role: str) -> str:
    words = [_PARTY_WORDS.get(w.lower(), w.lower()).removesuffix("’s").removesuffix("'s")
             for w in role.replace("-", " ").split()
             if w.lower() not in DETERMINERS and (not w.isupper() or w.lower() in _PARTY_WORDS)]
    if "for" in words[1:] and words[words.index("for") - 1] in ROLE_WORDS:
        k = words.index("for")         # 'attorney for Pagliano' is 'Pagliano's attorney'
        words = words[k + 1:] + words[:k]
    return " ".join(words)


def _role_before_comma(text: str, start: int) -> str:
    """'An attorney for Pagliano, Mark MacDougall,': a role phrase, then a comma, then the name."""
    clause = text[max(0, start - 80):start - 2]
    cut = max(clause.rfind(","), clause.rfind(". "), clause.rfind("\n"), clause.rfind("“"),
              clause.rfind("\""))
    words = clause[cut + 1:].split()
    if not 2 <= len(words) <= 6 or words[0].lower() not in DETERMINERS \
            or not any(w.lower() in ROLE_WORDS for w in words[1:3]):
        return ""
    return " ".join(words)


def _artifact_owner(words: list[str]) -> str | None:
    """'a statement published by the French presidency' -> French presidency."""
    lows = [w.lower() for w in words]
    if ARTIFACT_WORDS.isdisjoint(lows[:3]):
        return None
    for marker in ("by", "from"):
        if marker in lows:
            owner = words[lows.index(marker) + 1:]
            while owner and owner[0].lower() in DETERMINERS:
                owner = owner[1:]
            return " ".join(owner) or None
    return None
