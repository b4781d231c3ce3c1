"""One form per person across a project (issue #12, item 6).

An article may write "Donald Trump" where the project already knows "Donald J. Trump": before a
new article's quotes are stored, each proposed name is mapped to the project speaker it is a form
of, so that the project has one speaker per person. Confirmed speakers come first: a name the
analyst confirmed beats the form the detector would propose.

Pure: no Qt, no SQLAlchemy; rapidfuzz for the comparison.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from workbench.domain.lexicon import NAME_FORM_TITLES, alternation
from workbench.domain.model import NameKind, QuoteCandidate, Speaker

_SAME_NAME = 92        # rapidfuzz ratio of two plain names (initials dropped) that are one person
_INITIAL_RE = re.compile(r"^[A-Z]\.?$")
_TITLE_RE = re.compile(r"^(?:" + alternation(NAME_FORM_TITLES) + r")\.?\s+", re.IGNORECASE)


def plain_name(name: str) -> str:
    """'Donald J. Trump' -> 'donald trump': no titles, no middle initials, lower case."""
    name = _TITLE_RE.sub("", " ".join(name.split()))
    words = [w for w in name.split() if not _INITIAL_RE.match(w)]
    return " ".join(words).lower().replace("’", "'")


def project_form(name: str, speakers: Sequence[Speaker], confirmed: set[int]) -> str | None:
    """The project speaker's name that ``name`` is a form of, or None when it is a new person.

    Speakers an analyst confirmed are tried first, then the others in the order they were made;
    a speaker is taken when ``name`` is its name or an alias, or is the same once titles and middle
    initials are dropped ('Donald J. Trump' / 'President Donald Trump'), or nearly so (rapidfuzz).
    A different middle name ('Hillary Rodham Clinton') is left to the analyst.
    """
    if not name:
        return None
    ordered = sorted(speakers, key=lambda s: (s.id not in confirmed, s.id))
    plain = plain_name(name)
    for speaker in ordered:
        if name == speaker.name or name in speaker.aliases:
            return speaker.name
        if len(plain.split()) < 2:
            continue   # a bare surname is too weak across articles
        for form in (speaker.name, *speaker.aliases):
            other = plain_name(form)
            if len(other.split()) >= 2 and other.split()[-1] == plain.split()[-1] \
                    and fuzz.ratio(plain, other) >= _SAME_NAME:
                return speaker.name
    return None


def with_project_forms(candidates: Sequence[QuoteCandidate], speakers: Sequence[Speaker],
                       confirmed: set[int]) -> list[QuoteCandidate]:
    """``candidates`` with every person's or organisation's name in the project's form."""
    out = []
    cache: dict[str, str | None] = {}
    for candidate in candidates:
        name = candidate.speaker_name
        if name and candidate.name_kind in (NameKind.PERSON, NameKind.ORGANISATION,
                                            NameKind.DOCUMENT_ISSUER, NameKind.UNKNOWN):
            if name not in cache:
                cache[name] = project_form(name, speakers, confirmed)
            form = cache[name]
            if form is not None and form != name:
                chain = candidate.name_chain or name
                candidate = dataclasses.replace(
                    candidate, speaker_name=form,
                    name_chain=f"{chain}; the project's speaker {form}")
        out.append(candidate)
    return out
