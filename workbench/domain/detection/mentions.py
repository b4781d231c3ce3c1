"""Finding the speaker mention next to a cue, and reading a name out of it.

There is no parser: a mention is the noun phrase that ends right before a cue
("Mr Blinken also denied") or starts right after one ("said Mr Lavrov"),
delimited by punctuation and clause words. Phrases that cannot be a subject
(they hold an auxiliary verb, or run too long) are rejected. A subject may
carry a long appositive with commas of its own ("Sandra Inman, a supporter from
Jackson, Miss., attending the rally, said"); a time or occasion ends a mention
("said Mayor Ana Lopez | on Tuesday", "Sean Spicer | on Thursday evening said").
Only the text around the cues is tokenised.
"""

from __future__ import annotations

import bisect
import enum
import operator
import re
import threading
from itertools import repeat
from dataclasses import dataclass
from typing import NamedTuple, cast

from workbench.domain.lexicon import (
    FEMALE_HONORIFICS, HONORIFICS, MALE_HONORIFICS, MONTHS, OFFICE_TITLES, RANK_TITLES, RELATIVE_DAYS, WEEKDAYS,
    alternation, lower,
)

# A US politician's party and state after the name and a comma: 'Debbie Stabenow, D-Mich., said'
# (in parentheses, '(D-Mich.)', the full stop is read as before).
_PARTY_STATE_RE = re.compile(r"[DRI]-[A-Z][A-Za-z]{1,5}")
_TOKEN_RE = re.compile(r"[^\W_]+(?:[’'\-.&/][^\W_]+)*|[’']s\b|\S")
_WINDOW = 130           # characters of context looked at on each side of a cue
_MAX_PHRASE_TOKENS = 12
_MAX_APPOSITIVE_TOKENS = 30
_LONG_WINDOW = 260      # characters looked back for a subject with a long appositive


class MentionKind(enum.IntEnum):
    """Ordered from most to least informative; confidence uses the order."""

    FULL_NAME = 5   # "Antony Blinken", "Secretary of State Antony Blinken"
    NAME = 4        # "Mr Blinken", "Blinken", "Nato", "CNN"
    ROLE = 3        # "the secretary of state", "a statement published by ..."
    GROUP = 2       # "officials", "analysts"
    PRONOUN = 1     # "he", "she", "they"
    RELATIVE = 0    # "who", "which"


PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you"})
RELATIVE_PRONOUNS = frozenset({"who", "which"})
# Titles of office and rank (the lexicon's), and other words that name a role.
ROLE_WORDS = OFFICE_TITLES | RANK_TITLES | frozenset({
    "vice-president", "vice", "premier", "state", "foreign", "prime", "deputy", "director",
    "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "chair", "leader",
    "attorney", "congressman", "congresswoman", "candidate", "nominee", "commissioner", "officer",
    "executive", "ceo", "founder", "adviser", "advisor", "aide", "strategist", "manager",
    "chairperson", "superintendent", "council", "delegate", "former", "acting", "interim", "sen.",
    "rep.", "gov.", "treasurer", "solicitor", "professor", "ex-president", "president-elect",
    "frontrunner", "front-runner", "hopeful", "pollster", "economist", "analyst", "lawmaker",
    "host", "anchor", "correspondent", "editor", "columnist", "reporter", "activist", "lawyer",
    "businessman", "businesswoman", "billionaire", "official", "moderator", "author", "writer",
    "owner", "lady", "star", "actor", "actress", "singer", "engineer", "head",
})
ORG_WORDS = frozenset({
    "party", "committee", "campaign", "department", "ministry", "house", "office", "agency",
    "council", "commission", "court", "times", "post", "news", "journal", "network",
    "institute", "university", "foundation", "association", "center", "centre", "bureau",
    "administration", "congress", "senate", "kremlin", "pentagon", "reuters", "cnn", "fox",
    "poll", "government", "presidency", "police", "army", "union", "group", "company",
    "corporation", "inc", "corp", "bank", "fund", "organization", "organisation", "board",
    "service", "press", "magazine", "tribune", "herald", "gazette", "guardian", "telegraph",
    "review", "daily", "politico", "nato", "pac", "coalition", "alliance", "movement",
    "federation", "league", "society", "council", "parliament", "assembly", "cabinet",
    "embassy", "state", "county", "city", "team", "staff", "spokesman's", "statement",
    "report", "survey", "study", "letter", "memo", "website", "twitter", "facebook", "corps",
    "authority", "institution", "ltd", "llc", "diocese", "archdiocese", "church", "club", "charity",
})
ARTIFACT_WORDS = frozenset({
    "statement", "report", "letter", "release", "memo", "memorandum", "study", "poll",
    "survey", "analysis", "document", "ruling", "filing", "post", "tweet", "email",
    "e-mail", "message", "transcript", "communique", "communiqué", "announcement", "video",
    "ad", "advertisement", "article", "editorial", "op-ed", "complaint", "lawsuit",
})
DETERMINERS = frozenset({
    "the", "a", "an", "some", "many", "most", "several", "both", "all", "other", "his", "her",
    "their", "its", "our", "my", "your", "one", "two", "three", "four", "five", "few",
    "these", "those", "another", "each", "every", "no", "more", "fellow", "top", "senior",
    "this", "that", "such", "any", "former",
})
# Words that may stand between a subject and its verb: "he also said", "has long argued".
_VERB_ENTOURAGE = frozenset({
    "also", "has", "have", "had", "is", "was", "are", "were", "be", "been", "being", "will",
    "would", "could", "should", "can", "may", "might", "must", "shall", "do", "does", "did",
    "not", "never", "long", "once", "then", "still", "even", "later", "first", "again",
    "further", "already", "just", "now", "too", "often", "always", "previously", "earlier",
    "soon", "ever", "yet", "separately", "subsequently", "initially", "only", "reportedly",
    "apparently", "since", "today", "tonight", "yesterday", "so", "far", "however",
    "meanwhile", "perhaps", "maybe", "possibly",
})
_PARENTHETICAL_ADVERBS = frozenset({
    "however", "meanwhile", "though", "too", "therefore", "instead", "nonetheless",
    "nevertheless", "moreover", "indeed", "also", "separately", "later", "earlier", "today",
})
# An inserted phrase that is not about the speaker: "Mr. Trump, in an interview, said".
_CIRCUMSTANCE_WORDS = frozenset({"in", "on", "at", "during", "after", "before", "speaking",
                                 "asked", "when", "while", "for", "writing", "responding",
                                 "appearing", "according", "citing", "however", "though"})
_QUANTITIES = frozenset({"six", "seven", "eight", "nine", "ten", "half", "majority", "dozens",
                        "hundreds", "thousands", "millions", "nearly", "about", "almost",
                        "roughly", "only", "just", "over", "three-quarters", "two-thirds"})
_PASSIVE_RE = re.compile(
    r"\b(?:is|was|are|were|be|been|being)\s+(?:(?:not|also|widely|long|often|now|still|"
    r"already|never|reportedly|[a-z]+ly)\s+)*$", re.IGNORECASE)
_AUXILIARIES = frozenset({
    "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "could", "should", "can", "may", "might", "must", "shall", "do", "does", "did",
})
_CLAUSE_WORDS = frozenset({
    "that", "and", "but", "while", "because", "as", "if", "when", "after", "before",
    "although", "though", "where", "whether", "than", "or", "nor", "whereas", "unless",
    "until", "once", "what", "how", "why", "whom", "whose", "to", "for", "with", "without",
    "in", "on", "at", "from", "into", "about", "over", "under", "against", "during", "since",
    "like", "said", "says", "say", "told", "of", "by", "through", "also", "not",
})
# Clause words allowed inside a noun phrase ("Secretary of State", "a statement published by").
_INSIDE_PHRASE = frozenset({"of", "for", "at", "in", "from", "by", "and", "on", "with", "to"})
SENTENCE_OPENERS = frozenset({
    "but", "and", "so", "yet", "meanwhile", "however", "still", "now", "later", "also",
    "earlier", "separately", "instead", "indeed", "moreover", "then", "thus", "and,",
    "today", "yesterday", "tonight", "or", "nor",
})
_BOUNDARY_PUNCT = frozenset(",;:()[]—–―\"“”«»‘!?-")


class Mention(NamedTuple):
    """A speaker mention (a named tuple for the reason ``CueMatch`` is one)."""

    start: int
    end: int
    kind: MentionKind
    text: str
    head_start: int   # start of the phrase that names the speaker (no appositive)
    head_end: int


class _Token(NamedTuple):
    """One token, all its properties worked out once.

    A named tuple rather than a dataclass: tokens are made and read by the
    hundred thousand; named tuples are built without a Python-level call per
    token (see ``_tokens``) and their fields are read by a C-level getter.
    """

    start: int
    end: int
    text: str
    lower: str
    is_word: bool
    is_capitalised: bool


_new_tuple = tuple.__new__


_FIRST_CHAR = operator.itemgetter(0)
_MATCH_START = re.Match.start
_MATCH_END = re.Match.end
_MATCH_TEXT = re.Match.group


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    """The tokens of ``text[start:end]``, built without a Python-level call per token."""
    matches = list(_TOKEN_RE.finditer(text, start, end))
    words = list(map(_MATCH_TEXT, matches))
    firsts = list(map(_FIRST_CHAR, words))
    return list(map(_new_tuple, repeat(_Token), zip(
        map(_MATCH_START, matches), map(_MATCH_END, matches), words, map(str.lower, words),
        map(str.isalnum, firsts), map(str.isupper, firsts))))


_START = operator.itemgetter(0)
_END = operator.itemgetter(1)


@dataclass(slots=True)
class _Stretch:
    """Tokens of ``text[start:end]``, a stretch of one line cut where a space is
    (or at the line's ends), so that it holds the line's own tokens there."""

    text: str
    line_start: int
    start: int
    end: int
    tokens: list[_Token]


_local = threading.local()


def tokens_between(text: str, start: int, end: int) -> list[_Token]:
    """The tokens lying wholly in ``text[start:end]``, cut as in the whole line.

    Only the text around the cues is tokenised: the windows read around one cue
    and the next overlap, so the last stretch tokenised is kept (per thread)
    and grown to take in each window that touches it.
    """
    if start >= end:
        return []
    line_end = text.find("\n", start)
    if line_end < 0:
        line_end = len(text)
    if end > line_end:
        return _tokens(text, start, end)
    line_start = text.rfind("\n", 0, start) + 1
    # no token holds a space: cut at the spaces around the window
    stretch_start = max(line_start, text.rfind(" ", line_start, start) + 1)
    stretch_end = text.find(" ", end, line_end)
    if stretch_end < 0:
        stretch_end = line_end
    stretch = _stretch_covering(text, line_start, stretch_start, stretch_end)
    i = bisect.bisect_left(stretch.tokens, start, key=_START)
    j = bisect.bisect_right(stretch.tokens, end, key=_END)
    return stretch.tokens[i:j]


def _stretch_covering(text: str, line_start: int, start: int, end: int) -> _Stretch:
    """The kept stretch, grown to cover ``text[start:end]`` (both ends cut at a space or a
    line's end), or a new one when the two are not on one line or do not touch."""
    kept: _Stretch | None = getattr(_local, "stretch", None)
    if kept is None or kept.text is not text or kept.line_start != line_start \
            or start > kept.end or end < kept.start:
        kept = _Stretch(text, line_start, start, end, _tokens(text, start, end))
        _local.stretch = kept
        return kept
    if start < kept.start:
        kept.tokens = _tokens(text, start, kept.start) + kept.tokens
        kept.start = start
    if end > kept.end:
        kept.tokens = kept.tokens + _tokens(text, kept.end, end)
        kept.end = end
    return kept


def subject_before(text: str, lo: int, cue_start: int) -> Mention | None:
    """The subject noun phrase that ends just before the cue, or None."""
    cue_start = _before_adjunct_tail(text, max(lo, cue_start - _WINDOW), cue_start)
    window_start = max(lo, cue_start - _WINDOW)
    short = _short_subject(text, window_start, cue_start)
    if short is _UNDECIDED:
        found = _subject_from_tokens(text, lo, window_start, cue_start)
    else:
        found = cast(Mention | None, short)
    if found is not None and found.kind >= MentionKind.NAME and " and " in found.text \
            and (found.text[0].isupper() or found.text.startswith("the ")) \
            and text.endswith(", ", max(lo, found.start - 2), found.start):
        return _whole_list(text, lo, found)
    return found


# 'as the United States, Britain and France support …': a name (perhaps after 'the') and a
# comma before 'Britain and France' is an earlier item of the same list.
_LIST_ITEM_RE = re.compile(r"(?:(?<=\s)|^)((?:[Tt]he\s+)?(?:[A-Z][\w.’'&-]*\s+){0,3}[A-Z][\w.’'&-]*)"
                           r",\s+$")
_NOT_BEFORE_LIST_RE = re.compile(
    r"\b(?:in|at|on|from|for|to|of|with|by|near|after|before|since|during|like|outside|"
    r"inside|across|throughout|about)\s+$", re.IGNORECASE)


# 'In Washington, Smith and Jones said', 'Among Republicans, …': an opening phrase, no item.
_NOT_LIST_STARTS = _CLAUSE_WORDS | SENTENCE_OPENERS | frozenset({
    "among", "besides", "unlike", "like", "including", "except", "despite", "beyond", "near",
    "outside", "inside", "across", "throughout", "via", "per", "amid", "within", "behind",
})


def _whole_list(text: str, lo: int, found: Mention) -> Mention:
    """``found`` ('Britain and France') with the items listed before it, commas between."""
    start = found.start
    while True:
        item = _LIST_ITEM_RE.search(text, max(lo, start - 60), start)
        if item is None or item.group(1).split()[-1].lower() in _TIME_WORDS \
                or item.group(1).split()[0].lower() in _NOT_LIST_STARTS \
                or _NOT_BEFORE_LIST_RE.search(text, max(lo, item.start(1) - 12),
                                              item.start(1)) is not None:
            break
        start = item.start(1)
        if not text.endswith(", ", max(lo, start - 2), start):
            break
    if start == found.start:
        return found
    return Mention(start, found.end, found.kind, text[start:found.end], start, found.head_end)


def _subject_from_tokens(text: str, lo: int, window_start: int,
                         cue_start: int) -> Mention | None:
    toks = tokens_between(text, window_start, cue_start)
    i = _skip_entourage(toks, len(toks) - 1)
    if i < 0:
        return None
    if toks[i].text == "," or toks[i].text == ")" or toks[i].text == "-":
        if toks[i].text == ",":
            wide_start = max(lo, cue_start - _LONG_WINDOW)
            cut = lo < wide_start
            if cut:   # '…, by a Liberal government. … Canada," a citizen, whose name …, wrote'
                wide_start = _past_quotation_end(text, wide_start, cue_start)
                cut = wide_start == max(lo, cue_start - _LONG_WINDOW)
            wide = tokens_between(text, wide_start, cue_start)
            long_one = _long_appositive_subject(text, wide, _skip_entourage(wide, len(wide) - 1),
                                                window_cut=cut)
            if long_one is not None:
                return long_one
        if toks[i].text == "-":
            wide_start = max(lo, cue_start - _LONG_WINDOW)
            wide = tokens_between(text, wide_start, cue_start)
            return _dashed_subject(text, wide, _skip_entourage(wide, len(wide) - 1),
                                   window_cut=lo < cue_start - _LONG_WINDOW)
        return _appositive_subject(text, toks, i)
    return _phrase_ending_at(text, toks, i)


def _past_quotation_end(text: str, start: int, end: int) -> int:
    """For a window ``text[start:end]`` that opens inside a quotation, where the words after
    the quotation start (past its closing mark and comma); ``start`` otherwise."""
    window = text[start:end]
    closing, opening = window.find("”"), window.find("“")
    if closing >= 0 and (opening < 0 or closing < opening):
        at = start + closing + 1
    elif '"' in window and window.count('"') % 2 == 1:
        at = start + window.find('"') + 1
    else:
        return start
    while at < end and text[at] in " ,":
        at += 1
    return at


_UNDECIDED = object()   # what ``_short_subject`` answers when the token reading is needed
_SHORT_CHUNKS = 6   # words and signs looked at by ``_short_subject``
# One-character tokens, and words, that end a noun phrase on its left ('…, he said',
# '“Trump said', 'that officials said'): what ``_belongs_before`` refuses and
# ``_is_phrase_boundary`` accepts, without looking further left.
_PUNCTUATION_BEFORE_PHRASE = frozenset("“\"(—–,;:!?")
_WORDS_BEFORE_PHRASE = (_CLAUSE_WORDS | _AUXILIARIES | SENTENCE_OPENERS) - _INSIDE_PHRASE


def _short_subject(text: str, window_start: int, cue_start: int) -> Mention | None | object:
    """``subject_before`` for the common case, without tokenising the whole window: a
    few plain words before the cue ('he said', 'Mr. Trump has said', 'the campaign
    said') after a clear boundary ('…, ', '“', 'that') or the sentence's start.

    Gives the same answer as the token reading, or ``_UNDECIDED`` when it needs it.
    """
    chunks = text[window_start:cue_start].rsplit(None, _SHORT_CHUNKS)
    if not chunks:
        return None
    reversed_tokens: list[_Token] = []
    bounded = False   # whether the first token is a boundary that never joins a phrase
    end = cue_start
    for chunk in reversed(chunks):
        while text[end - 1].isspace():
            end -= 1
        start = end - len(chunk)
        if chunk[-1] in _PUNCTUATION_BEFORE_PHRASE:
            reversed_tokens.append(_new_tuple(_Token, (end - 1, end, chunk[-1], chunk[-1], False,
                                                       False)))
            bounded = True
            break
        if chunk.isalnum():
            token = _new_tuple(_Token, (start, end, chunk, chunk.lower(), True,
                                        chunk[0].isupper()))
            reversed_tokens.append(token)
            if token.lower in _WORDS_BEFORE_PHRASE and len(reversed_tokens) > 1 \
                    and not _is_entourage(token):
                bounded = True
                break
        elif chunk[-1] == "." and chunk[:-1].isalnum():   # 'Mr.', 'Calif.'
            word = chunk[:-1]
            reversed_tokens.append(_new_tuple(_Token, (end - 1, end, ".", ".", False, False)))
            reversed_tokens.append(_new_tuple(_Token, (start, end - 1, word, word.lower(), True,
                                                       word[0].isupper())))
        else:
            return _UNDECIDED
        end = start
    else:
        if end == window_start and end > 0 and not text[end - 1].isspace():
            return _UNDECIDED   # the window may cut a token here
    toks = reversed_tokens[::-1]
    i = _skip_entourage(toks, len(toks) - 1)
    if bounded and i < 1 or i >= 0 and toks[i].text in (",", ")"):
        return _UNDECIDED
    if i < 0:
        return None
    return _phrase_ending_at(text, toks, i)


def speaker_after(text: str, cue_end: int, hi: int, lenient: bool = False,
                  author: bool = False) -> Mention | None:
    """The noun phrase that starts just after a cue ("said Mr Lavrov"), or None.

    ``lenient``: any noun phrase will do ("according to state law", "… to data
    released Friday"), not only names, roles and groups. ``author``: a thing its
    author is named in ('a speech Ms. Reyes gave') is that name (for a source whose
    content came before it, so nothing is read after the name)."""
    toks = tokens_between(text, cue_end, min(hi, cue_end + _WINDOW))
    j = end = 0
    while end < len(toks) and end - j < _MAX_PHRASE_TOKENS and _continues_phrase(toks, end, j) \
            and not (end > j and (_starts_adjunct(toks, end)
                                  or toks[end].lower in _RELATIVE_WORDS)):
        end += 1
    while end > j and (toks[end - 1].lower in _INSIDE_PHRASE or toks[end - 1].lower in DETERMINERS
                       or toks[end - 1].text == "."
                       and not _is_abbreviation(toks, end - 1)):
        end -= 1
    if end == j:
        return None
    named = _author_of_object(toks, j, end) if author else None
    if named is not None:
        return _classify(text, toks[named[0]:named[1]])
    mention = _classify(text, toks[j:end])
    if mention is None and lenient and toks[j].is_word and toks[j].lower not in _CLAUSE_WORDS:
        start, stop = toks[j].start, toks[end - 1].end
        return Mention(start, stop, MentionKind.ROLE, text[start:stop], start, stop)
    return mention


def _author_of_object(toks: list[_Token], j: int, end: int) -> tuple[int, int] | None:
    """'according to a speech Ms. Reyes gave at …', '… the memo Mr. Lee wrote': a thing, then
    a name and a past-tense verb (a relative clause without 'that'): the name's tokens."""
    if toks[j].lower not in DETERMINERS:
        return None
    c = j + 1
    while c < end and toks[c].is_word and not toks[c].is_capitalised \
            and toks[c].lower not in _INSIDE_PHRASE:
        c += 1
    if c == j + 1 or c >= end or not toks[c].is_capitalised:
        return None
    e = c
    while e < end and (toks[e].is_capitalised or toks[e].text == "." and _is_abbreviation(toks, e)):
        e += 1
    if e >= len(toks) or not _looks_like_verb(toks[e]):
        return None
    return c, e


_RELATIVE_WORDS = frozenset({"who", "whose", "whom", "which", "that"})
_TIME_WORDS = frozenset({
    *lower(WEEKDAYS), *RELATIVE_DAYS, "morning", "afternoon", "evening", "night", "week", "weekend",
    "month", "year", *lower(MONTHS), "jan", "feb", "aug", "sept",
    "oct", "nov", "dec", "last", "this", "earlier", "later", "recently",
})
# "May" is left out of the tails below: it is far more often the verb.
_MONTHS_NOT_MAY = tuple(month for month in MONTHS if month != "May")
_ADJUNCT_PREPOSITIONS = frozenset({"on", "in", "at", "during", "after", "before", "when",
                                   "while", "via", "through", "last", "this", "earlier",
                                   "late", "early", "as", "outside", "inside", "ahead"})
_ALWAYS_ADJUNCT = frozenset({"during", "when", "while", "via", "through", "last", "earlier",
                             "as", "ahead"})
_TAIL_RE = re.compile(
    r"(?:,?\s+(?:(?:on|in|at|during|over|via|late|early|earlier|last|this|next)\s+)+"
    r"(?:(?:a|an|the|his|her|their|its)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:" + alternation(WEEKDAYS) + "|morning|afternoon|evening|"
    r"night|week|weekend|month|year|today|yesterday|statement|interview|e-?mail|letter|tweet|"
    r"speech|rally|conference|briefing|hearing|debate|" + alternation(_MONTHS_NOT_MAY) + ")"
    r"(?:\s+(?:morning|afternoon|evening|night|\d{1,2}))?)+\s*$")


_TAIL_END_WORDS = frozenset({
    *lower(WEEKDAYS), "morning",
    "afternoon", "evening", "night", "week", "weekend", "month", "year", "today", "yesterday",
    "statement", "interview", "email", "mail", "letter", "tweet", "speech", "rally",
    "conference", "briefing", "hearing", "debate", *lower(_MONTHS_NOT_MAY),
    *(str(day) for day in range(1, 32)),
})


def _before_adjunct_tail(text: str, lo: int, end: int) -> int:
    """'Sean Spicer on Thursday evening | said': where the subject ends, before the adjunct."""
    stripped = end
    while stripped > lo and text[stripped - 1].isspace():
        stripped -= 1
    word_start = stripped
    while word_start > lo and text[word_start - 1].isalnum():
        word_start -= 1
    if text[word_start:stripped].lower() not in _TAIL_END_WORDS:
        return end   # the cheap test first: no time or occasion word right before the cue
    tail = _TAIL_RE.search(text, max(lo, end - 80), end)
    return tail.start() if tail is not None and tail.start() > lo else end


def _starts_adjunct(toks: list[_Token], k: int) -> bool:
    """'said Mayor Ana Lopez | on Tuesday', '| in a statement', '| at a rally': not the speaker."""
    low = toks[k].lower
    if low not in _ADJUNCT_PREPOSITIONS:
        return False
    if low in _ALWAYS_ADJUNCT:
        return True
    after = toks[k + 1] if k + 1 < len(toks) else None
    if after is None:
        return True
    if after.lower in _TIME_WORDS or after.lower in ("a", "an") or after.text[0].isdigit():
        return True
    before = toks[k - 1]
    # After a name ('Ana Lopez on …') a preposition starts an adjunct; after a role
    # noun ('a professor at Harvard') it is part of the phrase.
    return before.is_capitalised and before.lower not in ROLE_WORDS and before.lower not in ORG_WORDS


def antecedent_of(text: str, relative_start: int) -> Mention | None:
    """'Mr. Gunnels, who …': the phrase a relative pronoun stands for."""
    toks = tokens_between(text, max(0, relative_start - _WINDOW), relative_start)
    if toks and toks[-1].text == "-":
        # 'questions from The Post - which has been seeking …': a name before a dash only
        i = len(toks) - 1
        while i >= 0 and toks[i].text == "-":
            i -= 1
        j = i
        while j > 0 and (toks[j - 1].is_capitalised or toks[j - 1].text == "."
                         and _is_abbreviation(toks, j - 1)):
            j -= 1
        if j > 0 and toks[j - 1].lower == "the":
            j -= 1
        named = _classify(text, toks[j:i + 1]) if j <= i and toks[i].is_capitalised else None
        if named is not None and named.kind >= MentionKind.NAME and "\n" not in named.text:
            return named
        return None
    if not toks or toks[-1].text != ",":
        return None
    phrase = _phrase_ending_at(text, toks, len(toks) - 2) if len(toks) >= 2 else None
    return phrase if phrase is not None else _object_before_comma(text, toks)


def _object_before_comma(text: str, toks: list[_Token]) -> Mention | None:
    """'a lecture from the Mexican president, who …', 'a decision by the Illinois Board of
    Elections, which …': the object of the last preposition before the comma."""
    end = len(toks) - 1
    k = end - 1
    while k >= 0 and end - k <= _MAX_PHRASE_TOKENS and toks[k].lower not in _ANTECEDENT_LINKS:
        if not toks[k].is_word and toks[k].text not in ("’s", "'s", ".", "-", "&"):
            return None
        k -= 1
    if k < 1 or end - k > _MAX_PHRASE_TOKENS or not toks[k - 1].is_word:
        return None
    if toks[k].lower == "of" and k + 1 < end and toks[k + 1].is_capitalised:
        # 'the Supreme Court of the United States, which': the whole name, not 'the United States'
        return None
    head = toks[end - 1]
    if text.startswith("which", toks[end].end + 1) and (head.lower in ROLE_WORDS or (
            not head.is_capitalised and head.lower.endswith(("or", "er", "ist", "ian")))):
        return None     # 'a tweet sent by a Fox News contributor, which': a thing, not them
    found = _classify(text, toks[k + 1:end])
    return found if found is not None and found.kind not in (
        MentionKind.PRONOUN, MentionKind.RELATIVE, MentionKind.GROUP) else None


_ANTECEDENT_LINKS = frozenset({"of", "by", "from", "among", "with"})


def is_passive(text: str, lo: int, cue_start: int) -> bool:
    """'was said', 'is expected', 'has been reported': no subject speaks here."""
    lo = max(lo, cue_start - 40)
    if _BE_RE.search(text, lo, cue_start) is None:
        return False   # the cheap test first: no form of 'be' near the cue
    return _PASSIVE_RE.search(text, lo, cue_start) is not None


_BE_RE = re.compile(r"\b(?:is|was|are|were|be|been|being)\b", re.IGNORECASE)


def _skip_entourage(toks: list[_Token], i: int) -> int:
    """Index of the last token before the verb group, stepping over ', however,'."""
    while i >= 0:
        if _is_entourage(toks[i]):
            i -= 1
        elif (toks[i].text == "," and i >= 2 and toks[i - 1].lower in _PARENTHETICAL_ADVERBS
              and toks[i - 2].text == ","):
            i -= 3
        else:
            return i
    return i


def sentence_subject(text: str, start: int, end: int) -> Mention | None:
    """The noun phrase a sentence opens with, for '…, saying …' with no cue before it."""
    toks = tokens_between(text, start, min(end, start + _WINDOW))
    j = 0
    while j < len(toks) and toks[j].lower in SENTENCE_OPENERS:
        j += 1
    stop = j
    if j < len(toks) and toks[j].lower in PRONOUNS:
        stop = j + 1   # 'He congratulated her … and praised …'
    while stop < len(toks) and stop - j < _MAX_PHRASE_TOKENS and _continues_phrase(toks, stop, j) \
            and not (stop > j and _looks_like_verb(toks[stop])):
        stop += 1
    if stop == j or stop == len(toks) or toks[stop].is_word and toks[stop].lower in _CLAUSE_WORDS:
        return None
    mention = _classify(text, toks[j:stop])
    if mention is None or mention.kind in (MentionKind.GROUP, MentionKind.RELATIVE):
        return None
    return mention


_COMMON_PAST = frozenset({
    "went", "made", "took", "gave", "got", "came", "became", "held", "met", "ran", "won",
    "lost", "left", "kept", "sent", "spent", "brought", "began", "stood", "sat", "led",
    "spoke", "wrote", "told", "said", "put", "set", "cut", "hit", "let", "is", "was", "has",
    "took", "shook", "grew", "drew", "threw", "flew", "knew", "rose", "fell", "felt", "heard",
    "thought", "bought", "caught", "fought", "sought", "taught", "meant", "paid", "sold",
    "found", "built", "struck", "broke", "chose", "drove", "wore", "forgot", "fled", "quit",
    "had", "did", "does", "are", "were", "will", "would", "could", "should", "can", "may",
})


def _looks_like_verb(tok: _Token) -> bool:
    """A lower-case word that is most likely the sentence's verb: 'survived', 'met'."""
    low = tok.lower
    if not tok.is_word or tok.is_capitalised:
        return False
    return low in _COMMON_PAST or (low.endswith("ed") and len(low) > 4
                                   and low not in ROLE_WORDS)


def looks_like_verb(word: str) -> bool:
    """``_looks_like_verb`` for a lower-case word on its own."""
    return word in _COMMON_PAST or (word.endswith("ed") and len(word) > 4
                                    and word not in ROLE_WORDS)


def _continues_phrase(toks: list[_Token], k: int, first: int) -> bool:
    tok = toks[k]
    if tok.text == ".":
        return _is_abbreviation(toks, k)
    if not tok.is_word and tok.text not in ("’s", "'s"):
        return tok.text == "&" or tok.text == "-" and _attached(toks, k) \
            or tok.text in ("’", "'") and _plural_possessive(toks, k)
    if k == first:
        return True
    if tok.lower in _INSIDE_PHRASE:
        return True
    return tok.lower not in _CLAUSE_WORDS and tok.lower not in _AUXILIARIES


def _is_entourage(tok: _Token) -> bool:
    low = tok.lower
    return low in _VERB_ENTOURAGE or (low.endswith("ly") and not tok.is_capitalised
                                      and low not in ("only",)) or low.endswith(("n’t", "n't"))


# Abbreviations with a full stop inside names and places: 'Del. Plaskett', 'Springfield, Va.'
_SHORT_FORMS = frozenset({
    "del", "ala", "ariz", "ark", "calif", "colo", "conn", "fla", "ga", "ill", "ind", "kan",
    "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla",
    "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "jr", "sr", "inc", "corp",
    "co", "ltd", "no", "st", "ft", "mt", "assemblyman", "assemblywoman",
})


def _is_abbreviation(toks: list[_Token], k: int) -> bool:
    """A '.' that belongs to the word before it: 'Mr.', 'J.', 'U.S.', 'D-Mich.'."""
    if k == 0 or not toks[k - 1].is_word or toks[k - 1].end != toks[k].start:
        return False
    word = toks[k - 1].text
    return word.lower() in HONORIFICS or (len(word) == 1 and word.isupper()) or "." in word \
        or word.lower() in _SHORT_FORMS \
        or k >= 2 and toks[k - 2].text == "," and _PARTY_STATE_RE.fullmatch(word) is not None


def _phrase_ending_at(text: str, toks: list[_Token], i: int) -> Mention | None:
    if i < 0 or toks[i].lower in _INSIDE_PHRASE:
        return None   # 'he welcomed it and | added': no noun phrase ends in 'and'
    j = i
    while j > 0 and i - j < _MAX_PHRASE_TOKENS and _belongs_before(toks, j - 1):
        j -= 1
    while j <= i and (toks[j].lower in SENTENCE_OPENERS or toks[j].lower in _INSIDE_PHRASE):
        j += 1
    if j > i or i - j >= _MAX_PHRASE_TOKENS:
        return None
    if j > 0 and not _is_phrase_boundary(toks[j - 1]):
        return None
    return _classify(text, toks[j:i + 1])


def _belongs_before(toks: list[_Token], k: int) -> bool:
    """Whether token k can extend a noun phrase leftwards."""
    tok = toks[k]
    if tok.text == ".":
        return _is_abbreviation(toks, k)
    if tok.text in ("’s", "'s", "&"):
        return True
    if tok.text == "-":
        return _attached(toks, k)   # 'A.F.L.-C.I.O.'; a '-' with a space is a dash
    if tok.text in ("’", "'"):
        return _plural_possessive(toks, k)
    if not tok.is_word:
        return False
    low = tok.lower
    if low in _INSIDE_PHRASE:
        return k > 0 and toks[k - 1].is_word
    return low not in _CLAUSE_WORDS and low not in _AUXILIARIES and low not in SENTENCE_OPENERS


def _plural_possessive(toks: list[_Token], k: int) -> bool:
    """'Davis' commentary', 'Sanders’ campaign': an apostrophe closing a word in s, before
    a document or a campaign (not 'Republicans' reaction:', whose speaker is Republicans)."""
    return 0 < k < len(toks) - 1 and toks[k - 1].end == toks[k].start \
        and toks[k - 1].lower.endswith("s") and toks[k + 1].start > toks[k].end \
        and (toks[k + 1].lower in ARTIFACT_WORDS or toks[k + 1].lower in _OWNED_WORDS)


_OWNED_WORDS = frozenset({"campaign", "commentary", "column", "op-ed", "book", "speech",
                          "remarks", "testimony", "account", "website", "blog"})


def _attached(toks: list[_Token], k: int) -> bool:
    """Whether token k touches the tokens on both sides ('A.F.L.-C.I.O.'), unlike a dash
    ('an aggressive - some say')."""
    return 0 < k < len(toks) - 1 and toks[k - 1].end == toks[k].start \
        and toks[k + 1].start == toks[k].end


def _is_phrase_boundary(tok: _Token) -> bool:
    return (tok.text in _BOUNDARY_PUNCT or tok.lower in _CLAUSE_WORDS or tok.text in "’'."
            or tok.lower in SENTENCE_OPENERS or tok.lower in _AUXILIARIES)


def _dashed_subject(text: str, toks: list[_Token], dash: int,
                    window_cut: bool) -> Mention | None:
    """'The three scholars -- A, B and C -- agreed', 'John Dickey, the head of Ora Media --
    the company that … -- told me': the subject read before the opening dash, with the
    words between the dashes as its appositive; 'Rubio and Christie -- seeking …': the
    phrase before a single dash."""
    closing = dash
    while closing > 0 and toks[closing - 1].text == "-":
        closing -= 1
    k = closing - 1
    while k >= 0 and closing - k < _MAX_APPOSITIVE_TOKENS and toks[k].text != "-":
        if toks[k].text in ".;:" and not _is_abbreviation(toks, k):
            break
        k -= 1
    if k > 0 and toks[k].text == "-" and k < closing - 1:
        while k > 0 and toks[k - 1].text == "-":
            k -= 1
        # the opening dash ends what comes before it as a comma would ('John Dickey, the
        # head of Ora Media --'): read it with the appositive readings, else as a phrase
        before = toks[:k] + [_new_tuple(_Token, (toks[k].start, toks[k].end, ",", ",", False,
                                                  False))]
        inner = _long_appositive_subject(text, before, k, window_cut) \
            or _appositive_subject(text, before, k) or _phrase_ending_at(text, toks, k - 1)
        if inner is None or inner.kind in (MentionKind.RELATIVE, MentionKind.PRONOUN):
            return None
        end = toks[closing - 1].end
        return Mention(inner.start, end, inner.kind, text[inner.start:end], inner.head_start,
                       inner.head_end)
    return _phrase_ending_at(text, toks, closing - 1)


def _appositive_subject(text: str, toks: list[_Token], comma: int) -> Mention | None:
    """'Steve Coll, the dean of the journalism school, said': the name plus its appositive."""
    closer = "(" if toks[comma].text == ")" else ","
    k = comma - 1
    while k >= 0 and comma - k < _MAX_APPOSITIVE_TOKENS and toks[k].text != closer:
        if toks[k].text in ".;:" and closer == "," and not _is_abbreviation(toks, k):
            return None
        k -= 1
    if k <= 0 or toks[k].text != closer or k == comma - 1:
        return None
    appositive_first = toks[k + 1]
    head = _phrase_ending_at(text, toks, k - 1)
    if head is None or head.kind == MentionKind.RELATIVE:
        return None
    if appositive_first.lower in _CIRCUMSTANCE_WORDS:
        return head
    if head.kind == MentionKind.PRONOUN:
        return None
    if not (appositive_first.lower in DETERMINERS or appositive_first.lower in RELATIVE_PRONOUNS
            or appositive_first.text[0].isdigit()
            or appositive_first.is_capitalised or appositive_first.lower in ROLE_WORDS
            or closer == "("):
        return None
    end = toks[comma - 1].end if closer == "," else toks[comma].end
    return Mention(head.start, end, head.kind, text[head.start:end], head.start, head.end)


_NOT_APPOSITIVE_START = frozenset({
    "and", "but", "or", "so", "if", "when", "because", "after", "before", "while", "though",
    "although", "since", "as", "unless", "until", "that", "then", "said", "says", "told",
})




def _long_appositive_subject(text: str, toks: list[_Token], comma: int,
                             window_cut: bool) -> Mention | None:
    """'Sandra Inman, a supporter from Jackson, Miss., attending the rally, said': the
    sentence's first noun phrase and everything up to the cue, inner commas included."""
    if comma < 2 or toks[comma].text != "," or window_cut:
        return None
    p = _after_leading_quote(toks, comma)
    if p is None:
        return None
    while p < comma and toks[p].lower in SENTENCE_OPENERS:
        p += 1
    first_comma = next((k for k in range(p, comma) if toks[k].text == ","), -1)
    if first_comma <= p or first_comma == comma:
        return None   # one comma only: the ordinary appositive reading applies
    last = first_comma - 1
    if toks[last].text == ")":   # 'Rep. Bobby Scott (D-Va.), ranking member …'
        opener = next((k for k in range(last - 1, p - 1, -1) if toks[k].text == "("), None)
        if opener is None or opener - 1 < p:
            return None
        last = opener - 1
    head = _phrase_ending_at(text, toks, last)
    if head is None or head.kind in (MentionKind.RELATIVE, MentionKind.PRONOUN) \
            or head.start != toks[p].start:
        return None
    if head.kind == MentionKind.GROUP and toks[p].text[0].isdigit():
        return None
    depth = 0
    for k in range(first_comma + 1, comma):
        t = toks[k].text
        if t in ";:—–" or (t == "." and not _is_abbreviation(toks, k)):
            return None
        if t in "(“«":
            depth += 1
        elif t in ")”»" and depth:
            depth -= 1
    second = toks[first_comma + 1]
    if second.lower in _NOT_APPOSITIVE_START or second.lower in _CIRCUMSTANCE_WORDS:
        return None
    if comma - first_comma > _MAX_APPOSITIVE_TOKENS + 10:
        return None
    end = toks[comma - 1].end
    # the head is the name alone: '(D-Va.)' and the appositive are left out of it
    return Mention(head.start, end, head.kind, text[head.start:end], head.start, head.end)


def _after_leading_quote(toks: list[_Token], limit: int) -> int | None:
    """Where the sentence proper starts: 0, or after a quotation that opens it ('“…,” X')."""
    if not toks:
        return None
    first = toks[0].text
    if first not in ("“", "\"", "«", "'", "‘"):
        return 0
    double_apos = first == "'" and len(toks) > 1 and toks[1].text == "'"
    k = 2 if double_apos else 1
    while k < limit:
        t = toks[k].text
        if double_apos and t == "'" and k + 1 < limit and toks[k + 1].text == "'":
            k += 2
            break
        if not double_apos and (t in ("”", "»") or t == first and first in ("\"", "'")
                                or t == "’" and first == "‘"):
            k += 1
            break
        k += 1
    else:
        return None
    while k < limit and toks[k].text == ",":
        k += 1
    return k


def _classify(text: str, phrase: list[_Token]) -> Mention | None:
    words = [t for t in phrase if t.is_word]
    if not words:
        return None
    start, end = phrase[0].start, phrase[-1].end
    lows = [w.lower for w in words]
    if len(words) == 1 and lows[0][-2:] in ("’s", "'s") and lows[0][:-2] in PRONOUNS:
        end -= 2   # 'He’s claiming': 'he is'
        return Mention(start, end, MentionKind.PRONOUN, text[start:end], start, end)
    if not _AUXILIARIES.isdisjoint(lows):
        return None
    kind = _kind_of(words, lows)
    if kind is None:
        return None
    return Mention(start, end, kind, text[start:end], start, end)


# People named by whom they belong to: 'Gary Johnson’s doctor', 'Schilling's son'.
_RELATIONS = frozenset({
    "doctor", "physician", "wife", "husband", "son", "daughter", "mother", "father", "brother",
    "sister", "friend", "lawyer", "lawyers", "attorney", "attorneys", "aide", "aides",
    "spokesman", "spokeswoman", "spokesperson", "adviser", "advisers", "advisor", "advisors",
    "niece", "nephew", "uncle", "aunt", "widow", "partner", "boss", "biographer",
})


def _kind_of(words: list[_Token], lows: list[str]) -> MentionKind | None:
    if len(words) == 1 and lows[0] in PRONOUNS:
        return MentionKind.PRONOUN
    if len(words) == 1 and lows[0] in RELATIVE_PRONOUNS:
        return MentionKind.RELATIVE
    name = proper_name_tokens([w.text for w in words])
    if len(name) >= 2:
        return MentionKind.FULL_NAME
    if name:
        return MentionKind.NAME
    if lows[0] in DETERMINERS:
        return MentionKind.ROLE
    if lows[0][0].isdigit() or lows[0] in _QUANTITIES:
        return MentionKind.GROUP
    if words[0].is_capitalised and (lows[-1] in ROLE_WORDS or lows[-1] in ORG_WORDS):
        return MentionKind.ROLE
    if (lows[-1] in ROLE_WORDS or lows[-1] in _RELATIONS) \
            and any(low.endswith(("’s", "'s")) for low in lows[:-1]):
        return MentionKind.ROLE   # 'Ms. Ortega’s doctor', 'Clinton's lawyer': a role by a name
    if len(words) <= 3 and lows[-1].endswith("s") and not lows[-1].endswith("ss"):
        return MentionKind.GROUP
    if len(words) <= 6 and lows[-1] in _GROUP_NOUNS:
        return MentionKind.GROUP   # 'current and former officials', 'ordinary Chinese traders'
    return None


_GROUP_NOUNS = frozenset({
    "officials", "experts", "analysts", "sources", "people", "voters", "supporters", "critics",
    "aides", "advisers", "advisors", "lawmakers", "democrats", "republicans", "leaders",
    "residents", "observers", "strategists", "economists", "scientists", "researchers",
    "activists", "members", "officers", "investigators", "prosecutors", "lawyers", "traders",
    "executives", "diplomats", "insiders", "operatives", "allies", "opponents", "donors",
    "delegates", "senators", "pollsters", "historians", "scholars", "conservatives",
    "liberals", "progressives", "americans", "companies", "groups", "organizers", "friends",
})


GROUP_NOUNS = _GROUP_NOUNS   # for speakers.py: 'Officials at the ministry' names nobody

_NAME_PARTICLES = frozenset({"de", "van", "von", "bin", "al", "da", "del", "la", "le"})


def proper_name_tokens(words: list[str]) -> list[str]:
    """The trailing run of capitalised words that is the name: 'Vice-President Mike Pence' -> Mike Pence."""
    last = words[-1]
    if not last[0].isupper() and last != "’s" and last != "'s":
        return []   # the common case, 'he', 'officials', 'the spokesman': no name at the end
    name: list[str] = []
    for word in reversed(words):
        bare = word.rstrip(".").lower()
        if word in ("’s", "'s"):
            if name:
                break
            continue
        if word[0].isupper() and bare not in HONORIFICS and (
                bare not in ROLE_WORDS or not name and (_after_honorific(words, word)
                                                        or _surname_like_role(words, word))):
            name.append(word)
        elif bare in _NAME_PARTICLES and name:
            name.append(word)
        else:
            break
    name.reverse()
    while name and name[0].lower() in _NAME_PARTICLES and name[0] != "Al":   # 'Al Sharpton'
        name.pop(0)
    return name


_ROLES_AS_SURNAMES = frozenset({"king", "judge", "major", "marshal", "bishop"})


def _surname_like_role(words: list[str], word: str) -> bool:
    """'Larry King': a role word that is also a surname, after a capitalised first name."""
    return word.lower() in _ROLES_AS_SURNAMES and len(words) >= 2 and words[-1] is word \
        and words[-2][:1].isupper() and words[-2].rstrip(".").lower() not in HONORIFICS \
        and words[-2].lower() not in ROLE_WORDS


def _after_honorific(words: list[str], word: str) -> bool:
    """'Mr. King': a word that is a role elsewhere is a surname right after an honorific."""
    return len(words) >= 2 and words[-1] is word and words[-2].rstrip(".").lower() in HONORIFICS


def honorific_gender(words: list[str]) -> str | None:
    for word in words:
        bare = word.rstrip(".").lower()
        if bare in FEMALE_HONORIFICS:
            return "f"
        if bare in MALE_HONORIFICS:
            return "m"
    return None
