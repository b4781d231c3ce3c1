"""How likely a candidate is right (found, and its speaker right), calibrated on PolNeAR.

A logistic score adds up evidence (quotation marks, cue strength, the kind of
speaker mention, whether it resolved to a name, the layout); the bin table
then maps that score to the share of candidates the reference scorer counted
correct (matched and speaker right) on PolNeAR train.
"""

from __future__ import annotations

import bisect
import math

from workbench.domain.detection.cues import CueStrength
from workbench.domain.detection.reading import Finding
from workbench.domain.detection.speakers import Resolution
from workbench.domain.model import QuoteKind

# Logistic-regression weights fitted on PolNeAR train (840 articles, ~12,000
# candidates; label = matched to a gold attribution with the speaker right).
_WEIGHTS = {
    "bias": 0.391,
    "content_first": -0.919,
    "cue_belief": -0.526,
    "cue_say": 0.877,
    "cue_speech": 0.041,
    "kind_direct": 1.173,
    "kind_indirect": -0.595,
    "kind_mixed": -0.187,
    "long_content": 0.534,
    "mention_full_name": 0.323,
    "mention_group": 0.384,
    "mention_name": 0.154,
    "mention_none": -0.830,
    "mention_pronoun": 0.543,
    "mention_relative": -0.297,
    "mention_role": 0.114,
    "resolved": 0.640,
    "several_parts": 1.571,
    "shared_subject": -0.456,
}
# Upper edges of logistic-score bins and the observed accuracy of each bin on
# PolNeAR train; one more accuracy than edges.
_BIN_EDGES: list[float] = [0.488, 0.619, 0.690, 0.770, 0.828, 0.881, 0.918, 0.945, 0.962]
_BIN_ACCURACY: list[float] = [0.38, 0.58, 0.68, 0.75, 0.80, 0.85, 0.91, 0.94, 0.96, 0.98]


def features(finding: Finding, kind: QuoteKind, resolution: Resolution) -> dict[str, float]:
    mention = finding.mention
    out = {
        "bias": 1.0,
        f"kind_{kind.value}": 1.0,
        f"cue_{CueStrength(finding.cue.strength).name.lower()}": 1.0,
        f"mention_{mention.kind.name.lower() if mention else 'none'}": 1.0,
        "resolved": float(resolution.name is not None),
        "content_first": float(finding.layout != "before the content"),
        "shared_subject": float(finding.shares_subject_with is not None),
        "several_parts": float(len(finding.spans) > 1),
        "long_content": float(sum(e - s for s, e in finding.spans) > 60),
    }
    return out


def raw_score(feature_values: dict[str, float]) -> float:
    return sum(_WEIGHTS.get(name, 0.0) * value for name, value in feature_values.items())


def confidence_of(finding: Finding, kind: QuoteKind, resolution: Resolution) -> float:
    probability = 1.0 / (1.0 + math.exp(-raw_score(features(finding, kind, resolution))))
    return _BIN_ACCURACY[bisect.bisect_right(_BIN_EDGES, probability)]
