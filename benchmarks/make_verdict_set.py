"""Build a verdict test set from PolNeAR quotes, changed on purpose, and score the source check on it.

Usage (from the repository root):

    python -m benchmarks.make_verdict_set POLNEAR_SPLIT [--out CASES.jsonl] [--seed 15] [--json SCORES]

Every attribution content of the split that is one stretch of 8 to 80 words and
overlaps no other content is a quote; its own article is the source. Each quote
gives the cases below that apply to it (the expected verdict in brackets):

* untouched [verbatim];
* typography [verbatim]: upper case, curly quote marks around it, single-digit numbers as words;
* ellipsis [verbatim]: 2–5 inner words with no negation/condition replaced by "…";
* bracket [verbatim]: an inner word that is no negation/condition replaced by "[the speaker]";
* contraction [minor_differences]: "do not" ↔ "don't" and the like, where the quote has one;
* swap [altered]: one word replaced by another word of the article;
* insertion [altered]: one word of the article added inside the quote;
* deletion [altered]: one inner word dropped (not a repeat of its neighbour);
* negation dropped [altered]: a negation of the quote ("not", "never", "no", "n't") silently removed;
* negation cut [trimmed]: the quote cut right after its negation/condition word, or that word
  replaced by "…" (where the quote has one);
* other source [not_found]: a quote of another article, checked against this one;
* speaker kept / speaker swapped [verbatim / said_by_someone_else]: the article turned into a
  transcript (one "SURNAME:" line per attribution with a named source), the quote checked
  with its own speaker's name and with another speaker's name from the same article.

The cases are written to ``--out`` (default: a temporary file; never into the
repository, since they hold corpus text) and scored at once with ``check_quote``:
share right overall and per kind, the confusion of expected against proposed
verdicts, and how many changed quotes were called verbatim (must be 0).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from workbench.domain.alignment import TRIM_WORDS, check_quote, prepare_source
from workbench.research.brat import list_gold_articles, parse_ann
from workbench.domain.errors import SourceCheckRefused

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*(?:st|nd|rd|th)?")
NEGATIONS = {"not", "never", "no"}
CONTRACT = {"do not": "don't", "does not": "doesn't", "did not": "didn't", "is not": "isn't", "are not": "aren't",
            "was not": "wasn't", "were not": "weren't", "will not": "won't", "can not": "can't",
            "cannot": "can't", "would not": "wouldn't", "should not": "shouldn't", "could not": "couldn't",
            "has not": "hasn't", "have not": "haven't", "it is": "it's", "I am": "I'm", "we are": "we're",
            "they are": "they're", "you are": "you're", "I will": "I'll", "we will": "we'll", "I have": "I've",
            "we have": "we've", "that is": "that's"}
EXPAND = {v: k for k, v in CONTRACT.items()}
SMALL = {str(n): w for n, w in enumerate("zero one two three four five six seven eight nine".split())}
PRONOUNS = {"he", "she", "they", "it", "we", "this", "that", "them", "him", "her"}
NOT_NAMES = {"he", "she", "they", "it", "we", "i", "you", "the", "a", "an", "his", "her", "their", "sources",
             "officials", "source", "official", "aides", "people", "critics", "experts", "some", "others"}
ALTERED_KINDS = {"swap", "insertion", "deletion", "negation dropped"}


def fold(word: str) -> str:
    return word.casefold().replace("’", "'")


def is_trim(word: str) -> bool:
    w = fold(word)
    return w in TRIM_WORDS or w.endswith("n't")


def words_of(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def replace_span(text: str, a: int, b: int, new: str) -> str:
    return " ".join((text[:a] + new + text[b:]).split())


TITLES = {"mr", "mrs", "ms", "sen", "rep", "president", "gov", "dr", "secretary", "senator", "governor"}
ORGANISATIONS = {"committee", "party", "department", "campaign", "news", "post", "times", "video", "house",
                 "companies", "republicans", "democrats", "state", "carolina", "county", "city", "court", "office",
                 "service", "agency", "council", "university", "press", "associated", "journal", "poll", "senate",
                 "congress", "administration", "white", "united", "states", "america", "american", "fbi", "cnn",
                 "foundation", "institute", "center", "centre", "group", "network", "company", "inc"}


def speaker_name(text: str, spans) -> str | None:
    """The attribution's source if it reads like a person's name ("Donald Trump", "Sen. Cruz"), else None."""
    if not spans:
        return None
    source = re.sub(r"\([^)]*\)", " ", " ".join(text[a:b] for a, b in spans))  # "(I-Vt.)"
    runs: list[list[str]] = [[]]
    for token in source.split():  # the last run of capitalised words: "Cruz spokesman Dan Golvach" → Dan Golvach
        word = "".join(WORD.findall(token))
        if word[:1].isupper() and fold(word) not in NOT_NAMES:
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    words = next((run for run in reversed(runs) if run), [])
    several = re.search(r"\band\b|&|,", source)  # "Mr. Obama and Hillary Clinton": not one person
    if not words or several or len(source.split()) > 6 or any(fold(w) in ORGANISATIONS for w in words):
        return None
    names = [w for w in words if fold(w) not in TITLES]
    if not names or any(len(w) < 2 for w in names):
        return None
    if len(names) >= 2 or len(names) < len(words):  # first and last name, or a title and a name
        return " ".join(words)
    return None


def surname(name: str) -> str:
    return fold(name.split()[-1]).removesuffix("'s")


def variants(quote: str, rng: random.Random, vocabulary: list[str]):
    """(kind, changed quote, expected verdict) for each change that applies to this quote."""
    spans = words_of(quote)
    n = len(spans)
    folded = [fold(quote[a:b]) for a, b in spans]
    bracketed = {k for k, (a, b) in enumerate(spans) if quote.rfind("[", 0, a) > quote.rfind("]", 0, a)}
    yield "untouched", quote, "verbatim"
    typo = "“" + quote.upper() + "”"
    typo = re.sub(r"(?<![\d,.])\b\d\b(?![\d,.])", lambda m: SMALL[m.group()].upper(), typo)
    yield "typography", typo, "verbatim"
    inner = [k for k in range(1, n - 1) if k not in bracketed]  # words the article itself bracketed stay
    # an ellipsis over 2-5 inner words with no negation/condition
    for _ in range(10):
        size = rng.randint(2, 5)
        if n - 4 - size < 0:
            break
        i = rng.randint(2, n - 2 - size)
        if not any(is_trim(quote[a:b]) for a, b in spans[i:i + size]) and not bracketed & set(range(i, i + size)):
            yield "ellipsis", replace_span(quote, spans[i - 1][1], spans[i + size][0], " … "), "verbatim"
            break
    candidates = [i for i in inner if folded[i] in PRONOUNS] or \
        [i for i in inner if not is_trim(quote[spans[i][0]:spans[i][1]])]
    if candidates:
        i = rng.choice(candidates)
        yield "bracket", replace_span(quote, *spans[i], "[the speaker]"), "verbatim"
    def outside_brackets(m) -> bool:
        return quote.rfind("[", 0, m.start()) <= quote.rfind("]", 0, m.start())
    for long, short in CONTRACT.items():
        m = re.search(rf"\b{re.escape(long)}\b", quote, re.IGNORECASE)
        if m and outside_brackets(m):
            yield "contraction", replace_span(quote, m.start(), m.end(), short), "minor_differences"
            break
        m = re.search(rf"\b{re.escape(short)}\b".replace("'", "['’]"), quote, re.IGNORECASE)
        if m and outside_brackets(m):
            yield "contraction", replace_span(quote, m.start(), m.end(), long), "minor_differences"
            break
    # one word swapped for another word of the article
    i = rng.choice(inner)
    for _ in range(20):
        new = rng.choice(vocabulary)
        if fold(new) != folded[i] and fold(new) not in folded:
            yield "swap", replace_span(quote, *spans[i], new), "altered"
            break
    i = rng.choice(inner)
    for _ in range(20):
        new = rng.choice(vocabulary)
        if fold(new) not in (folded[i - 1], folded[i]):
            yield "insertion", replace_span(quote, spans[i][0], spans[i][0], new + " "), "altered"
            break
    choices = [i for i in inner if folded[i] not in (folded[i - 1], folded[i + 1])]
    if choices:
        i = rng.choice(choices)
        yield "deletion", replace_span(quote, spans[i - 1][1], spans[i + 1][0], " "), "altered"
    negs = [i for i in range(n) if (folded[i] in NEGATIONS or folded[i].endswith("n't")) and i not in bracketed]
    if negs:
        i = rng.choice(negs)
        a, b = spans[i]
        if folded[i].endswith("n't") and folded[i] not in ("can't", "won't", "shan't"):
            dropped = quote[:a] + quote[a:b][:-3] + quote[b:]
        elif folded[i] in NEGATIONS and 0 < i < n - 1:
            dropped = replace_span(quote, spans[i - 1][1], spans[i + 1][0], " ")
        else:
            dropped = None
        if dropped and len(words_of(dropped)) >= 2:
            yield "negation dropped", " ".join(dropped.split()), "altered"
    trims = [i for i in range(n) if is_trim(quote[spans[i][0]:spans[i][1]]) and i not in bracketed]
    if trims:
        i = rng.choice(trims)
        if n - i - 1 >= 4 and rng.random() < 0.5:
            yield "negation cut", quote[spans[i + 1][0]:], "trimmed"
        elif 0 < i < n - 1:
            yield "negation cut", replace_span(quote, spans[i - 1][1], spans[i + 1][0], " … "), "trimmed"
        elif n - i - 1 >= 4:
            yield "negation cut", quote[spans[i + 1][0]:], "trimmed"


def build(split: Path, seed: int) -> list[dict]:
    rng = random.Random(seed)
    cases: list[dict] = []
    articles = list_gold_articles(split)
    quotes_by_article: list[tuple[str, list[str]]] = []
    for article in articles:
        text = article.read_text()
        vocabulary = sorted({w for w in WORD.findall(text) if w.isalpha() and len(w) > 3})
        attributions = [g for g in parse_ann(article.ann_path) if len(g.content) == 1]
        taken = []
        for g in attributions:
            a, b = g.content[0]
            overlaps = any(x < b and a < y for h in attributions if h is not g for x, y in h.content)
            size = len(text[a:b].split())
            cut_word = (a > 0 and text[a - 1].isalnum() and text[a].isalnum()) or \
                (b < len(text) and text[b - 1].isalnum() and text[b].isalnum())
            if not overlaps and not cut_word and 8 <= size <= 80:
                taken.append((g, a, b))
        quotes_by_article.append((str(article.text_path), [text[a:b] for _, a, b in taken]))
        for g, a, b in taken:
            quote = " ".join(text[a:b].split())
            for kind, changed, expected in variants(quote, rng, vocabulary):
                cases.append({"kind": kind, "quote": changed, "expected": expected,
                              "source_path": str(article.text_path), "speaker": None})
        # the article as a transcript: one labelled line per attribution with a named source
        named = [(speaker_name(text, g.sources[0] if g.sources else ()), g, a, b) for g, a, b in taken]
        named = [(name, g, a, b) for name, g, a, b in named if name]
        surnames = {surname(name) for name, *_ in named}
        if len(surnames) >= 2:
            lines = [f"{surname(name).upper()}: {' '.join(text[a:b].split())}" for name, g, a, b in named]
            transcript = "\n".join(lines) + "\n"
            for name, g, a, b in named:
                quote = " ".join(text[a:b].split())
                if transcript.count(quote) > 1:
                    continue  # the same words in two turns: either speaker is right
                others = [o for o, *_ in named if surname(o) != surname(name)]
                cases.append({"kind": "speaker kept", "quote": quote, "expected": "verbatim",
                              "source_text": transcript, "speaker": name})
                cases.append({"kind": "speaker swapped", "quote": quote, "expected": "said_by_someone_else",
                              "source_text": transcript, "speaker": rng.choice(others)})
    for k, (path, quotes) in enumerate(quotes_by_article):
        other_path, other_quotes = quotes_by_article[(k + 1) % len(quotes_by_article)]
        for quote in other_quotes[:3]:
            cases.append({"kind": "other source", "quote": " ".join(quote.split()), "expected": "not_found",
                          "source_path": path, "speaker": None})
    return cases


def score(cases: list[dict]) -> dict:
    sources: dict[str, object] = {}
    per_kind: dict[str, Counter] = defaultdict(Counter)
    confusion: Counter = Counter()
    wrong: list[dict] = []
    altered_as_verbatim = 0
    for case in cases:
        key = case.get("source_path") or case["source_text"]
        if key not in sources:
            text = Path(key).read_text(encoding="utf-8") if case.get("source_path") else key
            sources[key] = prepare_source(text)
        try:
            got = check_quote(case["quote"], sources[key], speaker=case["speaker"])
            verdict, reason = got.verdict.value, got.reason
        except SourceCheckRefused as err:
            verdict, reason = "refused", err.message
        case["got"], case["reason"] = verdict, reason
        per_kind[case["kind"]]["n"] += 1
        per_kind[case["kind"]]["right"] += verdict == case["expected"]
        confusion[case["expected"], verdict] += 1
        if case["kind"] in ALTERED_KINDS and verdict == "verbatim":
            altered_as_verbatim += 1
        if verdict != case["expected"]:
            wrong.append(case)
    right = sum(c["right"] for c in per_kind.values())
    return {
        "cases": len(cases), "right": right, "accuracy": round(right / max(1, len(cases)), 4),
        "altered_called_verbatim": altered_as_verbatim,
        "per_kind": {k: {"n": c["n"], "accuracy": round(c["right"] / c["n"], 4)} for k, c in per_kind.items()},
        "confusion": {f"{e} -> {g}": n for (e, g), n in sorted(confusion.items())},
        "wrong_examples": [{k: c[k] for k in ("kind", "quote", "expected", "got", "reason")} for c in wrong[:40]],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("split", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    cases = build(args.split, args.seed)
    out = args.out or Path(tempfile.gettempdir()) / "qwb-verdict-set.jsonl"
    result = score(cases)
    with open(out, "w", encoding="utf-8") as handle:
        for case in cases:
            handle.write(json.dumps(case, ensure_ascii=False) + "\n")
    print(f"{result['cases']} cases written to {out}")
    print(f"right: {result['right']} = {result['accuracy']:.4f}; altered quotes called verbatim: "
          f"{result['altered_called_verbatim']}")
    for kind, row in sorted(result["per_kind"].items()):
        print(f"  {kind:<18} {row['n']:>5}  {row['accuracy']:.4f}")
    print("confusion (expected -> proposed):")
    for pair, n in result["confusion"].items():
        print(f"  {pair:<48} {n:>5}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
