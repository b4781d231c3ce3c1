"""Is the proposed speaker *name* right? Canonical-name accuracy against hand-made names.

Restates the newsroom's ``canonical.py`` and ``canon_breakdown.py`` (in ../shared/tools) so that
``quote-workbench evaluate GOLD_DIR --speakers DIR`` prints the same figures to the last digit
(a test compares the two on PolNeAR dev). ``DIR/STEM.speakers.json`` maps each gold attribution id
to the canonical name of its source (``{"E1": "Hillary Clinton", "E9": null}``); articles without
one are left out. Over the gold attributions that the detection scorer matched to a prediction:

* strict (``canonical_accuracy``): the predicted name is the canonical name, leading titles such
  as Mr/President/the ignored; for a descriptive name (one with a lower-case word: "French
  presidency", "sources") the canonical phrase may stand inside the predicted one;
* ``lenient_accuracy``: also the canonical name as a whole word sequence inside the predicted one;
* identity level (``fair_accuracy``): lenient, plus titles of rank ignored ("Harry" for "Prince
  Harry"), the part before an appositive comma, and for an unnamed source an empty name shown with
  those very words as the mention;
* ``by_mention_kind``: identity level per kind of gold source mention (pronoun, surname or short
  name, full name as written, description, no source).

Pure: no Qt, no I/O beyond reading the names file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_TITLES = r"(the|a|an|mr|mrs|ms|miss|dr|sir|dame|lord|lady|president|prime minister|senator|sen|rep|gov|governor)\.? "
_ROYAL = r"(prince|princess|king|queen|duke|duchess|judge|justice|pope|sheikh)\.? "
_PARTICLES = ("de", "van", "von", "al", "bin", "da")
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "who", "which", "that", "his", "her",
                       "its", "their", "them", "him", "you", "me", "our"})
MENTION_KINDS = ("pronoun", "surname / short name", "full name / as written",
                 "description / role / document", "no source")


def norm(name: str | None) -> str:
    n = " ".join((name or "").lower().replace("’", "'").split())
    prev = None
    while prev != n:
        prev, n = n, re.sub("^" + _TITLES, "", n)
    return re.sub(r"'s$", "", n).strip(" .,")


def _descriptive(canon: str) -> bool:
    return any(w[:1].islower() for w in canon.split() if w.lower() not in _PARTICLES)


def same(pred: str, canon: str) -> bool:
    """Strict: the canonical name, titles ignored (a descriptive one may stand inside)."""
    p, c = norm(pred), norm(canon)
    if not p:
        return False
    if p == c:
        return True
    return _descriptive(canon) and c in p


def _strip_rank(name: str) -> str:
    return re.sub("^" + _ROYAL, "", norm(name))


def fair(pred: str, mention: str, canon: str) -> bool:
    """Identity level: titles of rank ignored, the part before an appositive comma, and an
    unnamed source met by an empty name shown with those words."""
    if same(pred, canon):
        return True
    p, c = _strip_rank(pred), _strip_rank(canon)
    if p and (p == c or p == _strip_rank(canon.split(",")[0])):
        return True
    m = norm(mention)
    return _descriptive(canon) and not p and bool(m) and (c in m or m in c)


def _inside(pred: str, canon: str) -> bool:
    return bool(re.search(r"\b" + re.escape(norm(canon)) + r"\b", norm(pred)))


def mention_kind(source: str, canon: str | None) -> str:
    """The kind of the gold source mention, as canon_breakdown.py tells them apart."""
    words = source.split()
    if not words:
        return "no source"
    if len(words) == 1 and words[0].lower().strip(".,") in _PRONOUNS:
        return "pronoun"
    if canon and norm(source) == norm(canon):
        return "full name / as written"
    if all(x[:1].isupper() for x in words) and len(words) <= 3:
        return "surname / short name"
    return "description / role / document"


@dataclass(frozen=True, slots=True)
class NameOutcome:
    """One matched attribution: the proposed name, the canonical one, and whether it is right
    (identity level, as canon_breakdown.py judges), with the name's confidence (calibration)."""

    article: str
    attribution: str
    mention_kind: str
    name: str
    canonical: str | None
    right: bool
    confidence: float | None
    name_kind: str
    chain: str


@dataclass(slots=True)
class CanonicalCounts:
    """Canonical-name counts over a folder; ``summary`` has canonical.py's keys."""

    gold: int = 0
    matched: int = 0
    right: int = 0
    lenient: int = 0
    fair: int = 0
    empty: int = 0
    by_kind_total: dict[str, int] = field(default_factory=dict)
    by_kind_right: dict[str, int] = field(default_factory=dict)
    wrong: list[str] = field(default_factory=list)
    outcomes: list[NameOutcome] = field(default_factory=list)

    def add_pair(self, stem: str, eid: str, canon: str | None, name: str, mention: str,
                 source: str, speaker: dict[str, Any] | None = None) -> None:
        self.matched += 1
        name = name or ""
        self.empty += canon is not None and not name.strip()
        is_lenient = bool(canon) and _inside(name, canon)
        self.fair += (not canon and not name.strip()) or bool(canon and (is_lenient or fair(name, mention, canon)))
        if (not canon and not name.strip()) or (canon and same(name, canon)):
            self.right += 1
            self.lenient += 1
        elif canon and _inside(name, canon):
            self.lenient += 1
        elif len(self.wrong) < 8:
            self.wrong.append(f"{stem} {eid}: {name!r} for {canon!r}")
        # canon_breakdown.py: an empty name is right only for a source-less attribution
        kind = mention_kind(source, canon)
        good = (not canon and not name) or bool(canon and (fair(name, mention, canon) or _inside(name, canon)))
        self.by_kind_total[kind] = self.by_kind_total.get(kind, 0) + 1
        self.by_kind_right[kind] = self.by_kind_right.get(kind, 0) + good
        speaker = speaker or {}
        confidence = speaker.get("name_confidence")
        self.outcomes.append(NameOutcome(
            stem, eid, kind, name, canon, bool(good),
            float(confidence) if isinstance(confidence, (int, float)) else None,
            str(speaker.get("kind") or ""), str(speaker.get("chain") or "")))

    def summary(self) -> dict[str, Any]:
        m = self.matched
        return {
            "gold": self.gold, "matched": m, "canonical_right": self.right,
            "canonical_accuracy": self.right / m if m else 0.0,
            "lenient_right": self.lenient, "lenient_accuracy": self.lenient / m if m else 0.0,
            "fair_right": self.fair, "fair_accuracy": self.fair / m if m else 0.0,
            "left_empty": self.empty,
            "canonical_e2e_recall": self.right / self.gold if self.gold else 0.0,
            "examples_wrong": list(self.wrong),
            "by_mention_kind": {k: {"matched": self.by_kind_total[k],
                                    "fair_accuracy": self.by_kind_right[k] / self.by_kind_total[k]}
                                for k in MENTION_KINDS if self.by_kind_total.get(k)},
        }

    def format_table(self) -> str:
        s = self.summary()
        lines = [f"Speaker names ({s['matched']} of {s['gold']} attributions with a canonical name found):",
                 f"  strict {s['canonical_accuracy']:.3f}   lenient {s['lenient_accuracy']:.3f}   "
                 f"identity level {s['fair_accuracy']:.3f}   left empty {s['left_empty']}"]
        for kind, row in s["by_mention_kind"].items():
            lines.append(f"  {kind:<32}{row['matched']:>5} found, identity level {row['fair_accuracy']:.3f}")
        return "\n".join(lines)


def read_names(speakers_dir: Path | str, stem: str) -> dict[str, str | None] | None:
    """``DIR/STEM.speakers.json``, or None when the article has none."""
    path = Path(speakers_dir) / f"{stem}.speakers.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
