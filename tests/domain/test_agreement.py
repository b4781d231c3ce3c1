"""Agreement figures: a hand-computed example, kappa against scikit-learn, and no figure without common ground."""

import random

import pytest
from sklearn.metrics import cohen_kappa_score

from tests.domain.compare_helpers import article, quote, snapshot
from workbench.domain.agreement import cohen_kappa, measure_agreement
from workbench.domain.comparison import compare_projects

SENTENCES = [f"Speaker {i} said that item number {i} of the plan is settled for good." for i in range(12)]
TEXT = "Headline\n\n" + "\n\n".join(SENTENCES)


def spans_of(i: int, cut: int = 0):
    start = TEXT.index(SENTENCES[i])
    return [(start + cut, start + len(SENTENCES[i]))]


def test_hand_computed_example():
    # Mine: sentences 0–5 exactly. Theirs: 0–3 exactly, 4 a little shorter (overlaps), 6 (only theirs).
    # exact: 4 both → F1 = 2·4 / (6 + 6) = 0.6667 on 6 + 6 − 4 = 8 items
    # overlap: 5 both → F1 = 2·5 / 12 = 0.8333 on 6 + 6 − 5 = 7 items
    # speaker on the 5 both found: 4 of 5 agree → 0.8
    # status on the 5: mine  V V U U A, theirs V U U U A
    #   pₒ = 4/5; pₑ = (2·1 + 2·3 + 1·1) / 25 = 9/25; κ = (0.8 − 0.36) / 0.64 = 0.6875
    mine_status = ["verified", "verified", "unchecked", "unchecked", "altered", "unchecked"]
    theirs_status = ["verified", "unchecked", "unchecked", "unchecked", "altered"]
    mine = [quote(1, TEXT, "", spans=spans_of(i), status=mine_status[i], speaker=f"S{i}") for i in range(6)]
    theirs = [quote(2, TEXT, "", spans=spans_of(i, cut=3 if i == 4 else 0), status=theirs_status[i],
                    speaker="Someone Else" if i == 2 else f"S{i}") for i in range(5)]
    theirs.append(quote(2, TEXT, "", spans=spans_of(6)))
    agreement = measure_agreement(compare_projects(snapshot("m", [article(1, TEXT, "h")], mine),
                                                   snapshot("t", [article(2, TEXT, "h")], theirs)))
    overall = agreement.overall
    assert (round(overall.exact_f1.value, 4), overall.exact_f1.items) == (0.6667, 8)
    assert (round(overall.overlap_f1.value, 4), overall.overlap_f1.items) == (0.8333, 7)
    assert (overall.speaker_agreement.value, overall.speaker_agreement.items) == (0.8, 5)
    assert (round(overall.status_kappa.value, 4), overall.status_kappa.items) == (0.6875, 5)
    assert overall.status_kappa.few and overall.exact_f1.few  # fewer than 10 items: marked
    assert len(agreement.articles) == 1 and agreement.articles[0].figures == overall


def test_kappa_matches_scikit_learn_on_random_label_sets():
    rng = random.Random(16)
    labels = ["unchecked", "in_progress", "verified", "altered", "misattributed", "unverifiable"]
    checked = 0
    for _ in range(300):
        n = rng.randint(2, 60)
        used = labels[:rng.randint(2, len(labels))]
        a = [rng.choice(used) for _ in range(n)]
        b = [x if rng.random() < 0.6 else rng.choice(used) for x in a]
        ours = cohen_kappa(a, b)
        if ours is None:  # both used one single label: undefined; scikit-learn gives nan there
            assert len(set(a) | set(b)) == 1
            continue
        assert ours == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)
        checked += 1
    assert checked > 250


def test_kappa_is_undefined_when_both_gave_one_and_the_same_status():
    assert cohen_kappa(["verified"] * 12, ["verified"] * 12) is None


def test_no_article_in_common_gives_no_figure_at_all():
    mine = snapshot("m", [article(1, TEXT, "h1")], [quote(1, TEXT, "", spans=spans_of(0))])
    other = "Another story\n\nThe port of Nordhaven closed overnight after a storm, officials said."
    theirs = snapshot("t", [article(2, other, "h2")], [quote(2, other, "", spans=[(15, 40)])])
    agreement = measure_agreement(compare_projects(mine, theirs))
    assert agreement.overall is None and agreement.articles == () and agreement.articles_in_common == 0
    assert "no article in common" in agreement.statement


def test_per_article_figures_and_pooled_overall():
    second = TEXT.replace("Headline", "Second story")
    mine = [quote(1, TEXT, "", spans=spans_of(i)) for i in range(10)]
    mine += [quote(3, second, "", spans=[(s + 4, e + 4)]) for s, e in (spans_of(0)[0], spans_of(1)[0])]
    theirs = [quote(2, TEXT, "", spans=spans_of(i)) for i in range(10)]
    theirs += [quote(4, second, "", spans=[(s + 4, e + 4)]) for s, e in (spans_of(0)[0],)]
    agreement = measure_agreement(compare_projects(
        snapshot("m", [article(1, TEXT, "h1"), article(3, second, "h3")], mine),
        snapshot("t", [article(2, TEXT, "h1"), article(4, second, "h3")], theirs)))
    first, other = agreement.articles
    assert (first.figures.exact_f1.value, first.figures.exact_f1.items, first.figures.exact_f1.few) == (1.0, 10, False)
    assert (round(other.figures.exact_f1.value, 4), other.figures.exact_f1.items) == (0.6667, 2)
    # pooled: 11 both of 12 + 11 → 22/23, on 12 + 11 − 11 = 12 items
    assert (round(agreement.overall.exact_f1.value, 4), agreement.overall.exact_f1.items) == (round(22 / 23, 4), 12)
