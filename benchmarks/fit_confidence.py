"""Re-fit the detector's confidence on an annotated corpus (PolNeAR train).

Usage (from the repository root; needs numpy, which the ``bench`` extra brings
with matplotlib):

    python -m benchmarks.fit_confidence GOLD_DIR [--bins 10]

Runs the detector on every article of GOLD_DIR, records the confidence
features of every predicted quote (``workbench.domain.detection.confidence``)
and whether the reference scoring counts it right (matched to a gold
attribution AND its speaker right), fits a logistic regression on those
features, then maps the fitted score to observed accuracy with equal-count
bins. It prints ``_WEIGHTS``, ``_BIN_EDGES`` and ``_BIN_ACCURACY`` ready to
paste into confidence.py. Nothing from the corpus is written anywhere.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

from workbench.domain.detection import confidence, engine, reading
from workbench.domain.detection.speakers import UNRESOLVED
from workbench.services.detect_json import detection_document
from workbench.research.evaluation import evaluate_documents


def collect(gold_dir: Path) -> tuple[list[dict[str, float]], list[int]]:
    """Features and right/wrong labels of every predicted quote, in scoring order."""
    by_candidate: dict[int, dict[str, float]] = {}
    per_article: dict[str, list[dict[str, float]]] = {}
    original = engine._candidate

    def recording(text, finding):
        candidate = original(text, finding)
        if candidate is not None:
            kind = reading.kind_of(finding)
            by_candidate[id(candidate)] = confidence.features(
                finding, kind, finding.resolution or UNRESOLVED)
        return candidate

    def document_for(article, text: str) -> dict:
        found = engine.detect_quotes(text)
        per_article[article.stem] = [by_candidate[id(c)] for c in found]
        by_candidate.clear()
        return detection_document(article.stem, text, found)

    engine._candidate = recording
    try:
        result = evaluate_documents(gold_dir, document_for)
    finally:
        engine._candidate = original
    features: list[dict[str, float]] = []
    labels: list[int] = []
    for outcome in result.outcomes:
        number = int(outcome.quote_id.lstrip("q")) - 1
        features.append(per_article[outcome.article][number])
        labels.append(int(outcome.matched and outcome.speaker_correct))
    return features, labels


def fit(features: list[dict[str, float]], labels: list[int], l2: float = 1.0,
        steps: int = 3000, rate: float = 0.5) -> dict[str, float]:
    names = sorted({name for f in features for name in f})
    x = np.array([[f.get(name, 0.0) for name in names] for f in features])
    y = np.array(labels, dtype=float)
    w = np.zeros(len(names))
    penalty = np.array([0.0 if name == "bias" else l2 for name in names]) / len(y)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        w -= rate * (x.T @ (p - y) / len(y) + penalty * w)
    return {name: round(float(v), 3) for name, v in zip(names, w)}


def bins(scores: list[float], labels: list[int], count: int) -> tuple[list[float], list[float]]:
    """Equal-count bins of the logistic score: upper edges and observed accuracy."""
    order = sorted(range(len(scores)), key=scores.__getitem__)
    edges: list[float] = []
    accuracy: list[float] = []
    size = math.ceil(len(order) / count)
    for start in range(0, len(order), size):
        chunk = order[start:start + size]
        accuracy.append(round(sum(labels[i] for i in chunk) / len(chunk), 2))
        if start + size < len(order):
            edges.append(round((scores[chunk[-1]] + scores[order[start + size]]) / 2, 3))
    return edges, accuracy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="brat-annotated folder (PolNeAR layout or flat)")
    parser.add_argument("--bins", type=int, default=10)
    args = parser.parse_args(argv)
    features, labels = collect(args.gold)
    weights = fit(features, labels)
    scores = [1.0 / (1.0 + math.exp(-sum(weights.get(k, 0.0) * v for k, v in f.items())))
              for f in features]
    edges, accuracy = bins(scores, labels, args.bins)
    print(f"{len(labels)} predictions, {sum(labels)} right")
    print("_WEIGHTS = {")
    for name, value in weights.items():
        print(f'    "{name}": {value},')
    print("}")
    print(f"_BIN_EDGES: list[float] = {edges}")
    print(f"_BIN_ACCURACY: list[float] = {accuracy}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
