"""How well does a speaker name's confidence match how often the name is right?

    python benchmarks/calibrate_names.py GOLD_DIR SPEAKERS_DIR

Runs the detector on every article of GOLD_DIR (PolNeAR layout) that has a
SPEAKERS_DIR/STEM.speakers.json, and for each gold attribution it finds, compares
the name's confidence (detect JSON ``speaker.name_confidence``) with whether the
name is right at the identity level (as ../shared/tools/canon_breakdown.py judges).
Prints the share right per way of reaching the name (the start of the chain's
reason), per confidence bin, and the expected calibration error (ECE, 10 bins,
weighted by bin size). The per-way shares are what speakers.py's _HOW_CONFIDENCE holds.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from workbench.domain.detection import detect_quotes
from workbench.services.detect_json import detection_document
from workbench.research.evaluation import evaluate_documents


def _way(chain: str, kind: str) -> str:
    reason = chain.split(": ", 1)[1] if ": " in chain else ""
    reason = re.sub(r"\s+", " ", reason).split(",")[0]
    return f"{kind or '-'}: {reason or 'the name as written'}"


def main(gold_dir: Path, speakers_dir: Path) -> None:
    result = evaluate_documents(
        gold_dir, lambda article, text: detection_document(article.stem, text, detect_quotes(text)),
        speakers_dir=speakers_dir)
    outcomes = [o for o in result.speakers.outcomes if o.canonical is not None and o.name]
    by_way: dict[str, list] = defaultdict(list)
    for o in outcomes:
        by_way[_way(o.chain, o.name_kind)].append(o)
    print(f"{len(outcomes)} named attributions with a canonical name")
    print(f"{'way':70} {'n':>4} {'right':>6} {'mean conf':>9}")
    for way, group in sorted(by_way.items(), key=lambda item: -len(item[1])):
        right = sum(o.right for o in group) / len(group)
        conf = sum(o.confidence or 0.0 for o in group) / len(group)
        print(f"{way[:70]:70} {len(group):>4} {right:>6.2f} {conf:>9.2f}")
    bins: dict[int, list] = defaultdict(list)
    for o in outcomes:
        bins[min(9, int((o.confidence or 0.0) * 10))].append(o)
    ece = 0.0
    print(f"{'bin':>9} {'n':>4} {'right':>6} {'mean conf':>9}")
    for b in sorted(bins):
        group = bins[b]
        right = sum(o.right for o in group) / len(group)
        conf = sum(o.confidence or 0.0 for o in group) / len(group)
        ece += len(group) / len(outcomes) * abs(right - conf)
        print(f"{b / 10:>4.1f}-{(b + 1) / 10:<4.1f} {len(group):>4} {right:>6.2f} {conf:>9.2f}")
    print(f"expected calibration error (10 bins): {ece:.3f}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
