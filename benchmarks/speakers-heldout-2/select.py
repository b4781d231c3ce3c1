"""Which PolNeAR train articles form our second held-out speaker set (issue 12, third pass).

Run: python3 benchmarks/speakers-heldout-2/select.py ../shared/corpora/polnear/train
Prints the three pools in a fixed random order (seed 12); the README says how the 10 were taken
from them. Reads the corpus only; writes nothing.
"""
import random
import re
import sys
from pathlib import Path

LABEL = re.compile(r"^([A-Z][A-Z.'’ -]{1,30}|Q|A):", re.M)
INTERVIEW = re.compile(r"\binterview", re.I)
PROFILE = re.compile(r"\b(profile|biography|memoir|life story|grew up|was born)\b", re.I)


def pools(train: Path) -> dict[str, list[str]]:
    first_set = {p.name[: -len(".speakers.json")]
                 for p in (Path(__file__).parent.parent / "speakers-heldout").glob("*.speakers.json")}
    out: dict[str, list[str]] = {"interview": [], "profile": [], "news": []}
    for text in sorted((train / "text").glob("*.txt")):
        stem = text.stem
        anns = sorted((train / "attributions").glob(stem + "_*.ann"))
        if stem in first_set or not anns:
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
    rng = random.Random(12)
    for pool in out.values():
        rng.shuffle(pool)
    return out


if __name__ == "__main__":
    for name, stems in pools(Path(sys.argv[1])).items():
        print(f"## {name} ({len(stems)})")
        for stem in stems[:8]:
            print(stem)
