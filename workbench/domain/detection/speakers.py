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
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from workbench.domain.detection.mentions import (
    ARTIFACT_WORDS, DETERMINERS, HONORIFICS, ORG_WORDS, ROLE_WORDS, Mention, MentionKind,
    honorific_gender, proper_name_tokens,
)
from workbench.domain.model import KnownSpeaker, SpeakerKind

_FIRST_NAME_MATCH = 80       # rapidfuzz ratio above which two first names are one person
_ALIAS_MATCH = 90            # token_set_ratio above which a mention is a known speaker's alias
_ROLE_MATCH = 88             # ratio above which two role phrases are the same role
_PRONOUN_REACH = 6           # sentences a pronoun may reach back

_NAME_HONORIFICS = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Prof", "Rev", "Lt", "Col",
                    "Capt", "Sgt", "Adm", "Maj", "St")
# A name of two or more capitalised words, perhaps after an honorific. The pattern
# opens with a bare capital so that the regex engine's fast scan skips every other
# character; so the word boundary before it is a look-behind, and an honorific is
# matched from its second letter ("rs" of "Mrs") and checked whole by a look-behind.
# The first word is possessive (`*+`): the space that must follow it is no word
# character, so giving letters back could never help.
_NAME_RE = re.compile(
    r"[A-Z](?<!\w[A-Z])"
    r"(?:(?:" + "|".join(f"{title[1:]}(?<={title})" for title in _NAME_HONORIFICS) + r")"
    r"\.?[ \t]+[A-Z])?[\w’'-]*+"
    r"(?:[ \t]+(?:(?:[A-Z]\.[ \t]*)+|(?:de|van|von|bin|al|da|del|la|le)[ \t]+)?"
    r"[A-Z][\w’'-]*)+")
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
})
# Capitalised at a sentence start, never the start of a name: 'What I', 'But Trump'.
_NOT_NAME_WORDS = frozenset({
    "what", "i", "we", "he", "she", "it", "they", "you", "the", "this", "that", "these",
    "those", "but", "and", "or", "so", "if", "when", "while", "as", "in", "on", "at", "for",
    "after", "before", "because", "though", "although", "then", "now", "here", "there",
    "why", "how", "who", "where", "my", "our", "his", "her", "their", "its", "your", "a",
    "an", "asked", "said", "says", "like", "with", "from", "by", "to", "of", "yet", "still",
    "added", "adds", "wrote", "writes", "told", "according", "speaking", "reporting",
    "meanwhile", "however", "also", "even", "just", "only", "not", "no", "yes", "all",
    "every", "some", "many", "most", "both", "each", "since", "until", "unless", "once",
    "during", "under", "over", "among", "about", "let", "thank", "dear", "oh", "well",
})
# Lowercase words inside a role written before a name: 'Secretary of State'.
_ROLE_LINKS = frozenset({"of", "the", "for", "and"})
_PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}


@dataclass(slots=True)
class Entity:
    name: str
    kind: SpeakerKind
    description: str = ""
    first: str = ""
    gender: str | None = None
    roles: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Resolution:
    name: str | None
    kind: SpeakerKind
    description: str
    how: str            # for the reason text: "last named speaker two sentences before"


UNRESOLVED = Resolution(None, SpeakerKind.UNKNOWN, "", "")


class SpeakerRegistry:
    """The people and organisations of one article; resolves mentions to canonical names."""

    def __init__(self, text: str, known_speakers: Sequence[KnownSpeaker] = ()) -> None:
        self._text = text
        self._entities: list[Entity] = []
        self._by_surname: dict[str, list[int]] = {}
        self._positions: list[int] = []          # start offsets of name mentions
        self._position_entity: list[int] = []    # entity index per position
        self._known_aliases: dict[str, int] = {}
        self._recent_speakers: list[tuple[int, int]] = []  # (sentence index, entity index)
        for known in known_speakers:
            self._add_known(known)
        self._collect_names(text)
        # entities are all known by now; the first one of each name, for note_speaker
        self._first_with_name: dict[str, int] = {}
        for index, entity in enumerate(self._entities):
            self._first_with_name.setdefault(entity.name, index)

    # -- building ---------------------------------------------------------------

    def _add_known(self, known: KnownSpeaker) -> None:
        words = known.name.split()
        index = self._new_entity(Entity(known.name, known.kind, known.description,
                                        first=words[0] if len(words) > 1 else ""))
        for alias in (known.name, *known.aliases):
            self._known_aliases[alias.lower()] = index
        if words:
            self._by_surname.setdefault(_surname_key(words[-1]), []).append(index)
        if known.description:
            self._entities[index].roles.append(_normalise_role(known.description))

    def _new_entity(self, entity: Entity) -> int:
        self._entities.append(entity)
        return len(self._entities) - 1

    def _collect_names(self, text: str) -> None:
        # An article repeats its names: each written form is read once. The entity a
        # form joins does not change later, as entities are only ever appended.
        seen: dict[str, tuple[list[str], list[str], int] | None] = {}
        for match in _NAME_RE.finditer(text):
            written = match.group()
            if written in seen:
                reading = seen[written]
                if reading is None:
                    continue
                prefix, name, index = reading
            else:
                words = written.split()
                name = proper_name_tokens(words)
                while name and name[0].lower() in _NOT_NAME_WORDS:
                    name = name[1:]
                if len(name) < 2 or _looks_like_org(name):
                    seen[written] = None
                    continue
                index = self._entity_for_full_name(name, words)
                prefix = words[:len(words) - len(name)]
                seen[written] = (prefix, name, index)
            self._positions.append(match.start() + written.find(name[0]))
            self._position_entity.append(index)
            role = _role_before(text, match.start(), prefix, name)
            if role:
                entity = self._entities[index]
                entity.roles.append(_normalise_role(role))
                if not entity.description:
                    entity.description = role

    def _entity_for_full_name(self, name: list[str], words: list[str]) -> int:
        surname = _surname_key(name[-1])
        first = name[0].rstrip(".")
        for index in self._by_surname.get(surname, ()):
            entity = self._entities[index]
            if not entity.first or fuzz.ratio(entity.first.lower(), first.lower()) >= _FIRST_NAME_MATCH \
                    or entity.first[0] == first[0] and (len(first) == 1 or len(entity.first) == 1):
                return index
        gender = honorific_gender(words) or ("f" if first.lower() in _FEMALE_FIRST_NAMES else "m")
        index = self._new_entity(Entity(" ".join(_clean_name(name)), SpeakerKind.PERSON,
                                        first=first, gender=gender))
        self._by_surname.setdefault(surname, []).append(index)
        return index

    # -- resolving --------------------------------------------------------------

    def resolve(self, mention: Mention, sentence: int) -> Resolution:
        """The canonical speaker of ``mention``, found in ``sentence`` (an index)."""
        phrase = self._text[mention.head_start:mention.head_end]
        known = self._known_alias(phrase)
        if known is not None:
            return self._resolution(known, "a confirmed speaker")
        if mention.kind == MentionKind.PRONOUN:
            return self._resolve_pronoun(phrase.lower(), sentence)
        if mention.kind == MentionKind.RELATIVE:
            return UNRESOLVED
        words = phrase.split()
        name = proper_name_tokens(words)
        artifact_owner = _artifact_owner(words)
        if artifact_owner:
            return Resolution(artifact_owner, SpeakerKind.ORGANISATION, "", "the body that issued it")
        if name and not _looks_like_org(name):
            return self._resolve_name(name, words, mention.start)
        if name:
            return Resolution(" ".join(name), SpeakerKind.ORGANISATION, _description(words, name),
                              "")
        if mention.kind == MentionKind.ROLE:
            return self._resolve_role(words, mention.start)
        return UNRESOLVED

    def note_speaker(self, resolution: Resolution, sentence: int) -> None:
        """Remember who spoke last, for the pronouns that follow."""
        if resolution.name is None or resolution.kind != SpeakerKind.PERSON:
            return
        index = self._first_with_name.get(resolution.name)
        if index is not None:
            self._recent_speakers.append((sentence, index))

    def _known_alias(self, phrase: str) -> int | None:
        if not self._known_aliases:
            return None
        found = process.extractOne(phrase.lower(), self._known_aliases.keys(),
                                   scorer=fuzz.token_set_ratio, score_cutoff=_ALIAS_MATCH)
        return self._known_aliases[found[0]] if found else None

    def _resolve_name(self, name: list[str], words: list[str], at: int) -> Resolution:
        surname = _surname_key(name[-1])
        candidates = self._by_surname.get(surname)
        if not candidates:
            description = _description(words, name)
            kind = SpeakerKind.PERSON if len(name) >= 2 or honorific_gender(words) else \
                SpeakerKind.UNKNOWN
            return Resolution(" ".join(_clean_name(name)), kind, description, "")
        index = self._nearest_before(candidates, at)
        if len(name) >= 2:
            first = name[0].rstrip(".").lower()
            for candidate in candidates:
                if fuzz.ratio(self._entities[candidate].first.lower(), first) >= _FIRST_NAME_MATCH:
                    index = candidate
                    break
        how = "" if len(name) >= 2 else "surname of a person named earlier"
        entity = self._entities[index]
        return Resolution(entity.name, entity.kind, _description(words, name) or entity.description,
                          how)

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

    def _resolve_role(self, words: list[str], at: int) -> Resolution:
        role_words = [w for w in words if w.lower() not in DETERMINERS]
        if not role_words or role_words[-1].lower() not in ROLE_WORDS:
            return UNRESOLVED
        role = _normalise_role(" ".join(role_words))
        head = role.split()[-1]
        best: int | None = None
        for index, entity in enumerate(self._entities):
            if any(fuzz.ratio(role, known) >= _ROLE_MATCH or known.split()[-1] == head
                   and role in known for known in entity.roles):
                if best is None or self._last_position(index, at) > self._last_position(best, at):
                    best = index
        if best is None:
            return UNRESOLVED
        return self._resolution(best, "the person named earlier with that role")

    def _last_position(self, index: int, at: int) -> int:
        k = bisect.bisect_right(self._positions, at) - 1
        while k >= 0:
            if self._position_entity[k] == index:
                return self._positions[k]
            k -= 1
        return -1

    def _resolve_pronoun(self, pronoun: str, sentence: int) -> Resolution:
        gender = _PERSON_PRONOUNS.get(pronoun)
        if gender is None:
            return UNRESOLVED
        for spoken_in, index in reversed(self._recent_speakers):
            if sentence - spoken_in > _PRONOUN_REACH:
                break
            entity = self._entities[index]
            if entity.gender in (None, gender):
                distance = sentence - spoken_in
                return self._resolution(index, f"last named speaker {_sentences_ago(distance)}")
        return UNRESOLVED

    def _resolution(self, index: int, how: str) -> Resolution:
        entity = self._entities[index]
        return Resolution(entity.name, entity.kind, entity.description, how)

    def note_name_at(self, at: int, sentence: int) -> None:
        """A full name in subject position also makes a pronoun antecedent."""
        k = bisect.bisect_left(self._positions, at)
        if k < len(self._positions) and self._positions[k] - at < 60:
            self._recent_speakers.append((sentence, self._position_entity[k]))


def _sentences_ago(distance: int) -> str:
    words = {0: "in the same sentence", 1: "one sentence before", 2: "two sentences before",
             3: "three sentences before"}
    return words.get(distance, f"{distance} sentences before")


def _surname_key(word: str) -> str:
    return word.rstrip(".,").removesuffix("’s").removesuffix("'s").lower()


def _clean_name(name: list[str]) -> list[str]:
    last = name[-1].removesuffix("’s").removesuffix("'s").rstrip(",")
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
        if not last_word or not (last_word[0][0].isupper() or last_word[0] in _ROLE_LINKS):
            return ""   # nothing role-like written before the name
    before = line.split()
    k = len(before)
    while k > 0 and (before[k - 1][0].isupper() or before[k - 1] in _ROLE_LINKS):
        k -= 1
    description = _description(before[k:] + prefix + name, name)
    if description and description.split()[-1].lower() in ROLE_WORDS:
        return description
    return ""


def _normalise_role(role: str) -> str:
    words = [w.lower() for w in role.replace("-", " ").split()
             if w.lower() not in DETERMINERS and not w.isupper()]
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
