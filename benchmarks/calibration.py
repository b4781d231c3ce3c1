"""Does the detector's confidence mean what it says?

Usage (from the repository root; needs matplotlib, a benchmark-only dependency:
``pip install matplotlib`` or ``pip install -e .[bench]``):

    python -m benchmarks.calibration GOLD_DIR [--out benchmarks/calibration.png] [--bins 10]

GOLD_DIR is a brat-annotated folder (PolNeAR layout or flat). Every predicted
quote is scored exactly as ``quote-workbench evaluate`` scores it; it counts as
*right* when it matched a gold attribution AND its speaker is right. The
predictions are put in equal-width confidence bins; the table gives each bin's
size, mean confidence and observed accuracy, and the Expected Calibration
Error (ECE = sum over bins of n_bin / N * |accuracy - mean confidence|).
The plot (reliability diagram plus bin sizes) is written to ``--out``.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from workbench.research.evaluation import PredictionOutcome, evaluate


@dataclass(frozen=True, slots=True)
class CalibrationBin:
    low: float
    high: float
    n: int
    mean_confidence: float
    accuracy: float


def calibration_bins(outcomes: list[PredictionOutcome], bins: int = 10) -> list[CalibrationBin]:
    """Equal-width bins over [0, 1]; confidence 1.0 falls in the last one."""
    members: list[list[PredictionOutcome]] = [[] for _ in range(bins)]
    for o in outcomes:
        if o.confidence is None:
            continue
        # rounding first keeps 0.7 in the 0.7-0.8 bin despite 0.7 * 10 = 6.999...
        members[min(bins - 1, max(0, int(round(o.confidence * bins, 9))))].append(o)
    out = []
    for i, group in enumerate(members):
        n = len(group)
        out.append(CalibrationBin(
            low=i / bins, high=(i + 1) / bins, n=n,
            mean_confidence=sum(o.confidence for o in group) / n if n else 0.0,
            accuracy=sum(o.matched and o.speaker_correct for o in group) / n if n else 0.0))
    return out


def expected_calibration_error(table: list[CalibrationBin]) -> float:
    total = sum(b.n for b in table)
    return sum(b.n / total * abs(b.accuracy - b.mean_confidence) for b in table) if total else 0.0


def plot(table: list[CalibrationBin], ece: float, out: Path, title: str) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(6, 7), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 1]})
    filled = [b for b in table if b.n]
    width = table[0].high - table[0].low
    top.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfect calibration")
    top.bar([b.low for b in filled], [b.accuracy for b in filled], width=width, align="edge",
            edgecolor="black", alpha=0.7, label="observed accuracy")
    top.plot([b.mean_confidence for b in filled], [b.accuracy for b in filled], "o-",
             color="black", label="accuracy at mean confidence")
    top.set_ylabel("matched and speaker right")
    top.set_ylim(0, 1)
    top.set_title(f"{title}\nECE = {ece:.3f}")
    top.legend(loc="upper left")
    bottom.bar([b.low for b in table], [b.n for b in table], width=width, align="edge",
               edgecolor="black")
    bottom.set_xlabel("detector confidence")
    bottom.set_ylabel("predictions")
    bottom.set_xlim(0, 1)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="brat-annotated folder (PolNeAR layout or flat)")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("calibration.png"))
    parser.add_argument("--bins", type=int, default=10)
    args = parser.parse_args(argv)

    result = evaluate(args.gold)
    table = calibration_bins(result.outcomes, args.bins)
    ece = expected_calibration_error(table)
    right = sum(o.matched and o.speaker_correct for o in result.outcomes)
    print(f"{args.gold}: {result.articles} articles, {len(result.outcomes)} predictions, "
          f"{right} matched with the right speaker")
    print(f"{'bin':>11} {'n':>6} {'mean conf':>10} {'accuracy':>9}")
    for b in table:
        print(f"{b.low:.1f}-{b.high:.1f}{'':>4} {b.n:>6} "
              + (f"{b.mean_confidence:>10.3f} {b.accuracy:>9.3f}" if b.n else f"{'-':>10} {'-':>9}"))
    print(f"Expected Calibration Error: {ece:.3f}")
    plot(table, ece, args.out, f"Confidence vs accuracy on {args.gold.name}")
    print(f"plot written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
