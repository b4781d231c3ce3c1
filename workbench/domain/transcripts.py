"""Transcripts: who spoke which part of a source.

A transcript is split into turns at speaker labels that open a line: "BLINKEN:",
"Q:", "MR. PRICE:", "SECRETARY BLINKEN:", "QUESTION:", "Secretary Blinken:". A line
that is only a bracketed stage note about several voices ("[Cross talk]",
"(CROSSTALK)") is a turn of its own with no speaker. Text with no labels at all is
one unlabelled turn, and ``Transcript.labelled`` is False, so the aligner can say it
cannot tell who spoke.

Pure: no Qt, no I/O. Offsets are code-point offsets into the text, end exclusive.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

# "MR. PRICE:", "SECRETARY BLINKEN:", "Q:", "GONZÀLEZ:", "Secretary Blinken:": up to 5 words
# of letters before a colon that opens a line; whether they are capitals or capitalised
# is checked on the label (the pattern has to take any letter to take "À" or "Ñ").
_LABEL = re.compile(
    r"^[ \t]*(?P<label>[^\W\d_](?:[^\W\d_]|['’.\-])*(?:[ \t]+[^\W\d_](?:[^\W\d_]|['’.\-])*){0,4})[ \t]*:(?=\s|$)",
    re.MULTILINE)
_CROSS_TALK = re.compile(
    r"^[ \t]*[\[(](?P<label>cross[ \-]?talk|crosstalk|inaudible|overlapping voices|multiple speakers)[\])][ \t]*$",
    re.MULTILINE | re.IGNORECASE)

# Words that make a capitalised "Word:" line a speaker label even if it occurs once.
TITLES = frozenset("""
    mr mrs ms miss mx dr prof professor sen senator rep representative congressman congresswoman
    gov governor president vice secretary minister prime general gen lt col colonel admiral adm
    ambassador amb spokesperson spokesman spokeswoman deputy under assistant chairman chairwoman
    chair judge justice mayor sir dame lord lady rev reverend speaker leader director commissioner
    press state of the foreign defense defence chancellor king queen prince princess sheikh
""".split())
# Labels that stand for someone asking, not a named speaker.
QUESTIONER_LABELS = frozenset({
    "q", "question", "questioner", "reporter", "journalist", "audience member", "audience",
    "participant", "moderator", "interviewer", "host", "unidentified", "unidentified speaker",
    "unknown", "voice", "male voice", "female voice", "operator",
})
# A capitalised "Word:" line that is a heading, not a speaker.
_NOT_SPEAKERS = frozenset({
    "note", "notes", "update", "updated", "source", "sources", "editor's note", "transcript",
    "date", "time", "location", "subject", "re", "to", "from", "cc", "warning", "photo", "video",
    "watch", "read more", "related", "see also", "correction", "clarification", "summary", "background",
    "advertisement", "tags", "topics", "share", "listen", "caption", "credit", "image",
})


@dataclass(frozen=True, slots=True)
class Turn:
    """One stretch of the transcript said by one speaker (or by no known speaker).

    ``label`` is the label as written ("MR. PRICE"), None for text before the first
    label, for unlabelled text and for cross talk. ``start``/``end`` cover what was
    said (after the label); ``label_start`` is where the label begins.
    """

    label: str | None
    start: int
    end: int
    label_start: int
    cross_talk: bool = False

    @property
    def speaker(self) -> str | None:
        """The label without titles, in the label's words ("MR. PRICE" → "Price")."""
        if self.label is None:
            return None
        return display_name(self.label)

    @property
    def questioner(self) -> bool:
        return self.label is not None and _plain(self.label) in QUESTIONER_LABELS


@dataclass(frozen=True)
class Transcript:
    text: str
    turns: tuple[Turn, ...]
    labelled: bool
    label_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "label_starts", tuple(t.label_start for t in self.turns))

    def turn_at(self, offset: int) -> Turn:
        """The turn that holds ``offset`` (the last one starting at or before it)."""
        index = bisect.bisect_right(self.label_starts, offset) - 1
        return self.turns[max(index, 0)]

    def turns_between(self, start: int, end: int) -> list[Turn]:
        """Every turn that overlaps [start, end), in order."""
        first = max(bisect.bisect_right(self.label_starts, start) - 1, 0)
        last = max(bisect.bisect_left(self.label_starts, max(end, start + 1)) - 1, first)
        return list(self.turns[first:last + 1])


def _plain(label: str) -> str:
    return " ".join(re.sub(r"[.’']", " ", label).casefold().split()).replace(" s ", "'s ")


def display_name(label: str) -> str:
    """The person's name in a label, titles dropped and capitals softened: "SECRETARY BLINKEN" → "Blinken"."""
    words = [w for w in re.split(r"[ \t]+", label.strip()) if w]
    kept = [w for w in words if w.strip(".").casefold() not in TITLES] or words
    name = " ".join(kept)
    return name.title() if name.isupper() and len(name) > 2 else name


def _label_ok(label: str, *, title_case: bool, counts: dict[str, int]) -> bool:
    plain = _plain(label)
    if not plain or plain in _NOT_SPEAKERS:
        return False
    if plain in QUESTIONER_LABELS:
        return True
    if len(label) < 2 and not title_case and label != "Q":
        return False
    if title_case:
        # A capitalised "Word:" is a speaker if it has a title or comes back as a label.
        first = plain.split()[0].strip(".")
        return first in TITLES or counts.get(plain, 0) >= 2
    return True


def parse_transcript(text: str) -> Transcript:
    """Split ``text`` into turns at speaker labels; unlabelled text is one turn with no speaker."""
    found: list[tuple[int, int, str | None, bool]] = []  # (label start, speech start, label, cross talk)
    counts: dict[str, int] = {}
    matches = []
    for m in _LABEL.finditer(text):
        label = m.group("label").strip()
        words = label.split()
        if label.upper() == label:
            matches.append((m, label, False))
        elif all(w[0].isupper() for w in words) and len(words) <= 4:
            matches.append((m, label, True))
            key = _plain(label)
            counts[key] = counts.get(key, 0) + 1
    for m, label, title_case in matches:
        if _label_ok(label, title_case=title_case, counts=counts):
            found.append((m.start("label"), m.end(), label, False))
    for m in _CROSS_TALK.finditer(text):
        found.append((m.start(), m.end(), None, True))
    found.sort()
    if not found:
        return Transcript(text, (Turn(None, 0, len(text), 0),), labelled=False)
    turns: list[Turn] = []
    if text[: found[0][0]].strip():
        turns.append(Turn(None, 0, found[0][0], 0))
    for k, (label_start, speech_start, label, cross) in enumerate(found):
        end = found[k + 1][0] if k + 1 < len(found) else len(text)
        speech_start = min(speech_start, end)
        while speech_start < end and text[speech_start] in " \t":
            speech_start += 1
        turns.append(Turn(label, speech_start, end, label_start, cross))
    return Transcript(text, tuple(turns), labelled=any(t.label for t in turns))


_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def name_words(name: str) -> list[str]:
    """A name's words, case-folded, titles and possessive 's dropped: "Secretary of State Antony Blinken's" →
    ["antony", "blinken"]."""
    words = [w.casefold().replace("’", "'").removesuffix("'s") for w in _NAME_WORD.findall(name)]
    kept = [w for w in words if w not in TITLES]
    return kept or words


# rapidfuzz token_set_ratio at or above this: the claimed name and the label name the same person.
SPEAKER_MATCH_MIN = 90.0


def same_speaker(claimed: str, turn: Turn) -> bool | None:
    """Does the article's speaker match the turn's label? None when the turn has no label.

    Compares names by words with rapidfuzz (``token_set_ratio``), so "Antony Blinken"
    matches "BLINKEN" and "SECRETARY BLINKEN", and "Ned Price" matches "MR. PRICE";
    a questioner ("Q:", "QUESTION:") matches no named person.
    """
    if turn.label is None:
        return None
    if turn.questioner:
        return _plain(claimed) in QUESTIONER_LABELS or _plain(claimed) in {"a reporter", "a questioner"}
    said = name_words(claimed)
    label = name_words(turn.label)
    if not said or not label:
        return False
    if said[-1] == label[-1]:
        return True
    return fuzz.token_set_ratio(" ".join(said), " ".join(label)) >= SPEAKER_MATCH_MIN
