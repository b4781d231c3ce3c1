"""Which PolNeAR train articles form our third held-out speaker set (issue 12, fourth pass).

Run: python3 benchmarks/speakers-heldout-3/select.py ../shared/corpora/polnear/train
Same pools as ../speakers-heldout-2/select.py (interview / profile / news), excluding the articles
of both earlier held-out sets, shuffled with seed 13. Prints each pool in that order; the README
says how the 12 were taken from them. Reads the corpus only (never a detector's output); writes
nothing.
"""
import random
import re
import sys
from pathlib import Path

LABEL = re.compile(r"^([A-Z][A-Z.'’ -]{1,30}|Q|A):", re.M)
INTERVIEW = re.compile(r"\binterview", re.I)
PROFILE = re.compile(r"\b(profile|biography|memoir|life story|grew up|was born)\b", re.I)
EARLIER = ("speakers-heldout", "speakers-heldout-2")
SHOWN = 15


def earlier_sets() -> set[str]:
    here = Path(__file__).parent.parent
    return {p.name[: -len(".speakers.json")]
            for folder in EARLIER for p in (here / folder).glob("*.speakers.json")}


def pools(train: Path) -> dict[str, list[str]]:
    taken = earlier_sets()
    out: dict[str, list[str]] = {"interview": [], "profile": [], "news": []}
    for text in sorted((train / "text").glob("*.txt")):
        stem = text.stem
        anns = sorted((train / "attributions").glob(stem + "_*.ann"))
        if stem in taken or not anns:
            continue
        n = sum(1 for line in anns[0].read_text(encoding="utf-8").splitlines() if line.startswith("E"))
        if not 8 <= n <= 35:
            continue
        body = text.read_text(encoding="utf-8")
        if INTERVIEW.search(body[:1500]) or len(LABEL.findall(body)) >= 2:
            out["interview"].append(stem)
        elif PROFILE.search(body[:3000]):
            out["profile"].append(stem)
        else:
            out["news"].append(stem)
    rng = random.Random(13)
    for pool in out.values():
        rng.shuffle(pool)
    return out


if __name__ == "__main__":
    for name, stems in pools(Path(sys.argv[1])).items():
        print(f"## {name} ({len(stems)})")
        for stem in stems[:SHOWN]:
            print(stem)
