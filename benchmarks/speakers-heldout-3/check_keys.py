"""Check that every speakers file of this set has exactly the attribution ids of its article's gold .ann.

Run: python3 benchmarks/speakers-heldout-3/check_keys.py ../shared/corpora/polnear/train
For each STEM.speakers.json here: the ids of the `E` lines of the lexicographically first
`attributions/STEM_*.ann` must equal the JSON keys, and every value must be a non-empty string or
null. Prints one line per article and exits 1 on any mismatch. Reads the corpus; writes nothing.
"""
import json
import sys
from pathlib import Path


def check(train: Path, here: Path) -> list[str]:
    problems = []
    for spk in sorted(here.glob("*.speakers.json")):
        stem = spk.name[: -len(".speakers.json")]
        anns = sorted((train / "attributions").glob(stem + "_*.ann"))
        if not anns:
            problems.append(f"{stem}: no .ann in {train}")
            continue
        ids = {line.split("\t", 1)[0] for line in anns[0].read_text(encoding="utf-8").splitlines()
               if line.startswith("E")}
        names = json.loads(spk.read_text(encoding="utf-8"))
        missing, extra = sorted(ids - names.keys()), sorted(names.keys() - ids)
        bad = sorted(k for k, v in names.items() if v is not None and (not isinstance(v, str) or not v.strip()))
        status = "ok" if not (missing or extra or bad) else f"missing {missing} extra {extra} bad {bad}"
        print(f"{stem}: {len(ids)} attributions, {status}")
        if status != "ok":
            problems.append(stem)
    return problems


if __name__ == "__main__":
    problems = check(Path(sys.argv[1]), Path(__file__).parent)
    sys.exit(1 if problems else 0)
