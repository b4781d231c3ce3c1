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
from workbench.domain.detection.mentions import MentionKind
from workbench.domain.detection.reading import Finding
from workbench.domain.detection.speakers import Resolution
from workbench.domain.model import QuoteKind

# Logistic-regression weights fitted on PolNeAR train (840 articles, ~14,000
# candidates; label = matched to a gold attribution with the speaker right) by
# benchmarks/fit_confidence.py, which prints this table and the bins below.
_WEIGHTS = {
    "bias": 0.304,
    "content_first": -0.883,
    "cue_belief": -0.106,
    "cue_say": 0.123,
    "cue_speech": 0.253,
    "kind_direct": 1.102,
    "kind_indirect": -0.669,
    "kind_mixed": -0.163,
    "long_content": 0.42,
    "long_mention": 0.184,
    "mention_full_name": 0.106,
    "mention_group": 0.289,
    "mention_name": -0.012,
    "mention_none": -0.47,
    "mention_pronoun": 0.447,
    "mention_relative": -0.277,
    "mention_role": 0.187,
    "pattern_according": 2.007,
    "pattern_add": 0.079,
    "pattern_ask": 0.653,
    "pattern_call": -0.416,
    "pattern_colon": 0.21,
    "pattern_expect": 1.868,
    "pattern_impression": 1.435,
    "pattern_in_source": -0.062,
    "pattern_say": 1.523,
    "pattern_show": 0.44,
    "pattern_speech_verb": 0.408,
    "pattern_support": -0.288,
    "pattern_tell": 0.746,
    "pattern_want": -0.326,
    "pattern_write": 0.389,
    "resolved": 0.75,
    "several_parts": 1.777,
    "shared_subject": -0.433,
}
# Upper edges of logistic-score bins and the observed accuracy of each bin on
# PolNeAR train; one more accuracy than edges.
_BIN_EDGES: list[float] = [0.511, 0.618, 0.678, 0.752, 0.82, 0.883, 0.925, 0.955, 0.978]
_BIN_ACCURACY: list[float] = [0.37, 0.56, 0.66, 0.74, 0.81, 0.85, 0.91, 0.94, 0.97, 0.98]


# Feature names, spelt out once rather than for every candidate.
_KIND_FEATURES = {kind: f"kind_{kind.value}" for kind in QuoteKind}
_CUE_FEATURES = {strength: f"cue_{strength.name.lower()}" for strength in CueStrength}
_MENTION_FEATURES: dict[MentionKind | None, str] = {
    kind: f"mention_{kind.name.lower()}" for kind in MentionKind}
_MENTION_FEATURES[None] = "mention_none"


def features(finding: Finding, kind: QuoteKind, resolution: Resolution) -> dict[str, float]:
    mention = finding.mention
    out = {
        "bias": 1.0,
        _KIND_FEATURES[kind]: 1.0,
        _CUE_FEATURES[finding.cue.strength]: 1.0,
        _MENTION_FEATURES[mention.kind if mention else None]: 1.0,
        "resolved": float(resolution.name is not None),
        "content_first": float(finding.layout != "before the content"),
        "shared_subject": float(finding.shares_subject_with is not None),
        "several_parts": float(len(finding.spans) > 1),
        "long_content": float(sum(e - s for s, e in finding.spans) > 60),
    }
    pattern = _PATTERNS.get(finding.cue.lemma)
    if pattern is None and finding.cue.lemma in _SPEECH_LEMMAS:
        pattern = "speech_verb"
    if pattern is not None:
        out[f"pattern_{pattern}"] = 1.0
    if mention is not None and mention.end - mention.start > 60:
        out["long_mention"] = 1.0
    return out


# Cue lemmas whose readings behave differently enough to get a weight of their own.
_PATTERNS = {"say": "say", "tell": "tell", "according to": "according", ":": "colon",
             "seem": "impression", "appear": "impression", "expect": "expect",
             "ask": "ask", "―": "signature", "add": "add", "write": "write",
             "call": "call", "show": "show", "support": "support", "oppose": "support",
             "endorse": "support", "want": "want", "plan": "want", "hope": "want",
             "in": "in_source"}
_SPEECH_LEMMAS = frozenset({"argue", "warn", "claim", "insist", "declare", "urge", "note",
                            "explain", "announce", "report", "tweet", "reply", "respond"})


def raw_score(feature_values: dict[str, float]) -> float:
    return sum(_WEIGHTS.get(name, 0.0) * value for name, value in feature_values.items())


# confidence_of adds the weights of the features that are present (1.0) without
# building the feature dict. It adds them in the order raw_score meets them in
# features' dict, so the score is the same to the last bit (the absent features
# add 0.0 there, which changes no sum).
_PATTERN_WEIGHTS = {lemma: _WEIGHTS.get(f"pattern_{pattern}", 0.0)
                    for lemma, pattern in _PATTERNS.items()}
_PATTERN_WEIGHTS.update((lemma, _WEIGHTS["pattern_speech_verb"])
                        for lemma in _SPEECH_LEMMAS.difference(_PATTERNS))
# bias + kind + cue strength + mention kind, which every candidate has.
_BASE_SCORES = {
    (kind, strength, mention_kind):
        0 + _WEIGHTS["bias"] + _WEIGHTS.get(_KIND_FEATURES[kind], 0.0)
        + _WEIGHTS.get(_CUE_FEATURES[strength], 0.0)
        + _WEIGHTS.get(_MENTION_FEATURES[mention_kind], 0.0)
    for kind in QuoteKind for strength in CueStrength for mention_kind in _MENTION_FEATURES}


def confidence_of(finding: Finding, kind: QuoteKind, resolution: Resolution) -> float:
    """The bin accuracy of ``raw_score(features(finding, kind, resolution))``."""
    probability = 1.0 / (1.0 + math.exp(-score_of(finding, kind, resolution)))
    return _BIN_ACCURACY[bisect.bisect_right(_BIN_EDGES, probability)]


def score_of(finding: Finding, kind: QuoteKind, resolution: Resolution) -> float:
    """``raw_score(features(finding, kind, resolution))``, to the last bit, without the dict."""
    mention = finding.mention
    cue = finding.cue
    score = _BASE_SCORES[kind, cue.strength, mention.kind if mention is not None else None]
    if resolution.name is not None:
        score += _WEIGHTS["resolved"]
    if finding.layout != "before the content":
        score += _WEIGHTS["content_first"]
    if finding.shares_subject_with is not None:
        score += _WEIGHTS["shared_subject"]
    spans = finding.spans
    if len(spans) > 1:
        score += _WEIGHTS["several_parts"]
        content = 0
        for start, end in spans:
            content += end - start
    else:
        start, end = spans[0]
        content = end - start
    if content > 60:
        score += _WEIGHTS["long_content"]
    pattern_weight = _PATTERN_WEIGHTS.get(cue.lemma)
    if pattern_weight is not None:
        score += pattern_weight
    if mention is not None and mention.end - mention.start > 60:
        score += _WEIGHTS["long_mention"]
    return score
