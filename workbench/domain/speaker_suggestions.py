"""Which known speaker an analyst probably means while typing a name (rapidfuzz over names and aliases)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from workbench.domain.model import Speaker

MIN_SCORE = 60  # below this a match is more noise than help


@dataclass(frozen=True)
class Suggestion:
    name: str     # the canonical name to set
    matched: str  # what the typing matched: the name itself or one of its aliases
    score: float  # 0–100


def suggest_speakers(typed: str, speakers: Sequence[Speaker], limit: int = 8) -> list[Suggestion]:
    """Speakers whose name or an alias looks like ``typed``, best first, each canonical name once."""
    typed = typed.strip()
    if not typed:
        return []
    choices: list[tuple[str, str]] = []  # (text to match, canonical name)
    for speaker in speakers:
        choices.append((speaker.name, speaker.name))
        choices.extend((alias, speaker.name) for alias in speaker.aliases)
    found = process.extract(typed, [text for text, _ in choices], scorer=fuzz.WRatio,
                            processor=utils.default_process, limit=limit * 3, score_cutoff=MIN_SCORE)
    suggestions: dict[str, Suggestion] = {}
    for text, score, index in found:
        name = choices[index][1]
        if name not in suggestions or score > suggestions[name].score:
            suggestions[name] = Suggestion(name, text, score)
    return sorted(suggestions.values(), key=lambda s: (-s.score, s.name))[:limit]
