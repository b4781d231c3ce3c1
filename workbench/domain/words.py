"""Words as the source check compares them: tokens with offsets, and the normalisation
that does not count as an alteration (case, apostrophes, numbers as words or digits,
"percent" and "%"). Quote marks, dashes and other punctuation are not tokens at all.

Pure: no Qt, no I/O. Offsets are code-point offsets, end exclusive.
"""

from __future__ import annotations

import re

# A number (1,000 / 3.5 / 21st), a word with inner apostrophes (don't, o'clock), or "%".
WORD = re.compile(r"\d+(?:[.,]\d+)*(?:[sS][tT]|[nN][dD]|[rR][dD]|[tT][hH])?"
                  r"|(?:\[[^\W\d_]{1,2}\](?=[^\W\d_]))?[^\W\d_]+(?:['’][^\W\d_]+)*|%")  # "[W]e" is one word
# In a source, transcriber's notes are not speech: "[Laughter]", "(APPLAUSE)", "[inaudible]", "[CROSSTALK]".
# Other bracketed words ("[doesn't]" in an article, "(NRA)") are kept: they may be words the quote changed.
_NOTE_WORDS = (r"laughter|laughs|applause|inaudible|crosstalk|cross talk|cross-talk|unintelligible|off mic|off-mic|"
               r"sic|pause|coughs?|audio gap|music|cheers|cheering|booing|boos|chanting|silence|break|"
               r"video clip|audio clip|begin video clip|end video clip|commercial break|indiscernible")
STAGE_NOTE = re.compile(
    r"\[(?i:" + _NOTE_WORDS + r")[^\[\]\n]{0,20}\]|\((?i:" + _NOTE_WORDS + r")[^()\n]{0,20}\)")
# Contractions are compared as their two words, so "don't" lines up with "do not";
# the aligner then reports the difference as minor.
_CONTRACTED = {"can't": ("can", "not"), "won't": ("will", "not"),
               "shan't": ("shall", "not"), "ain't": ("is", "not"), "let's": ("let", "us")}
_S_IS = frozenset("it that he she what there here who where how when why".split())
_SUFFIXES = (("n't", "not"), ("'re", "are"), ("'ve", "have"), ("'ll", "will"), ("'m", "am"), ("'d", "would"))


def expand_contraction(word: str) -> tuple[str, ...] | None:
    """ "don't" → ("do", "not"), "we've" → ("we", "have"), "it's" → ("it", "is"); None for other words."""
    if "'" not in word:
        return None
    if word in _CONTRACTED:
        return _CONTRACTED[word]
    for suffix, full in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)], full
    if word.endswith("'s") and word[:-2] in _S_IS:
        return word[:-2], "is"
    return None


_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i >= 2}
_SCALES = {"hundred": 100, "thousand": 1000}
_ORDINALS = {"first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th", "sixth": "6th",
             "seventh": "7th", "eighth": "8th", "ninth": "9th", "tenth": "10th"}
NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS) | frozenset(_SCALES)
_SPECIAL = frozenset(_ORDINALS) | {"percent"}


def _fold(word: str) -> str:
    word = word.casefold().replace("’", "'")
    if word[:1].isdigit():
        if "," in word and re.fullmatch(r"\d{1,3}(?:,\d{3})+", word):
            return word.replace(",", "")
        return word
    if word == "percent":
        return "%"
    return _ORDINALS.get(word, word)


def _number_value(words: list[str]) -> int:
    total = current = 0
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        else:  # thousand
            total += max(current, 1) * 1000
            current = 0
    return total + current


def _continues(previous: str, word: str) -> bool:
    """Does ``word`` go on the number ``previous`` ends? "twenty five", "two hundred", not "five ten"."""
    if word in _SCALES:
        return True
    if previous in _TENS:
        return word in _UNITS and 0 < _UNITS[word] < 10
    return previous in _SCALES


def tokenize(text: str, start: int = 0, end: int | None = None, *, skip_stage_notes: bool = False,
             contractions: bool = True) -> tuple[list[str], list[int], list[int]]:
    """Normalised words of ``text[start:end]`` and their offsets in ``text``.

    Runs of number words become one number ("twenty five" → "25", offsets over both
    words), "per cent" and "percent" become "%", "1,000" becomes "1000"; a
    contraction becomes its two words, both with the contraction's offsets.
    """
    end = len(text) if end is None else end
    raw: list[tuple[str, int, int]] = []
    skip: list[tuple[int, int]] = []
    if skip_stage_notes:
        skip = [(m.start(), m.end()) for m in STAGE_NOTE.finditer(text, start, end)]
    k = 0
    for m in WORD.finditer(text, start, end):
        s = m.start()
        while k < len(skip) and skip[k][1] <= s:
            k += 1
        if k < len(skip) and skip[k][0] <= s < skip[k][1]:
            continue
        word = m.group().casefold()
        if word[0] == "[":
            word = word.replace("[", "").replace("]", "")
        if word[0].isdigit() or word in _SPECIAL or "’" in word:
            word = _fold(word)
        raw.append((word, s, m.end()))
    norms: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    n = len(raw)
    while i < n:
        word, s, e = raw[i]
        if word in NUMBER_WORDS and word not in _SCALES:
            j = i + 1
            while j < n and raw[j][0] in NUMBER_WORDS and _continues(raw[j - 1][0], raw[j][0]):
                j += 1
            norms.append(str(_number_value([w for w, _, _ in raw[i:j]])))
            starts.append(s)
            ends.append(raw[j - 1][2])
            i = j
            continue
        if word == "per" and i + 1 < n and raw[i + 1][0] == "cent":
            norms.append("%")
            starts.append(s)
            ends.append(raw[i + 1][2])
            i += 2
            continue
        parts = expand_contraction(word) if contractions else None
        if parts:
            for part in parts:
                norms.append(part)
                starts.append(s)
                ends.append(e)
        else:
            norms.append(word)
            starts.append(s)
            ends.append(e)
        i += 1
    return norms, starts, ends


# Common English words: the share of them in a text tells English from other languages.
ENGLISH_STOPWORDS = frozenset("""
    a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most
    my myself no nor not now of off on once only or other our ours ourselves out over own same she should
    so some such than that the their theirs them themselves then there these they this those through to
    too under until up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves said says told also
""".split())

# Words that carry little meaning: left out when reported speech is matched on meaning-bearing words.
FUNCTION_WORDS = ENGLISH_STOPWORDS | frozenset("""
    may might must shall can't won't don't doesn't didn't isn't aren't wasn't weren't hasn't haven't hadn't
    it's that's he's she's they're we're i'm you're i've we've they've i'd he'd she'd we'd they'd i'll we'll
    they'll he'll she'll let's say saying tell telling according added adding think thinks thought believe
    believes believed going get got one ones thing things way well really lot us his hers theirs mr mrs ms
    would could should also even still yet much many since though although however whether either neither
    yes okay ok uh um er ah
""".split())


def stem(word: str) -> str:
    """A crude stem for matching reported speech: "supported", "supports", "supporting" → "support"."""
    for suffix in ("ingly", "ings", "ing", "edly", "ied", "ies", "ed", "es", "ly", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:7]
