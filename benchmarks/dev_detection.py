"""Run the quote detector over a PolNeAR-layout folder and write scorer predictions.

    python benchmarks/dev_detection.py CORPUS_SPLIT_DIR OUT_PRED_DIR

Writes one STEM.json per CORPUS_SPLIT_DIR/text/STEM.txt, the document
``quote-workbench detect --json`` prints (which the reference scorer reads),
then prints how fast detection ran.
Score with: python3 score_quotes.py --gold CORPUS_SPLIT_DIR --pred OUT_PRED_DIR
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from workbench.domain.detection import detect_quotes
from workbench.services.detect_json import detection_document


def main(corpus_dir: Path, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    articles = sorted((corpus_dir / "text").glob("*.txt"))
    texts = [(path.stem, path.read_text(encoding="utf-8")) for path in articles]
    started = time.perf_counter()
    results = [(stem, text, detect_quotes(text)) for stem, text in texts]
    elapsed = time.perf_counter() - started
    for stem, text, quotes in results:
        document = detection_document(stem, text, quotes)   # exactly what `detect --json` writes
        (out_dir / f"{stem}.json").write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    print(f"{len(texts)} articles in {elapsed:.2f} s: {len(texts) / max(elapsed, 1e-9):.0f} articles/s")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
