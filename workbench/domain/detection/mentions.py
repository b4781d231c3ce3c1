"""Finding the speaker mention next to a cue, and reading a name out of it.

There is no parser: a mention is the noun phrase that ends right before a cue
("Mr Blinken also denied") or starts right after one ("said Mr Lavrov"),
delimited by punctuation and clause words. Phrases that cannot be a subject
(they hold an auxiliary verb, or run too long) are rejected.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

_TOKEN_RE = re.compile(r"[^\W_]+(?:[’'\-.&][^\W_]+)*|[’']s\b|\S")
_WINDOW = 130           # characters of context looked at on each side of a cue
_MAX_PHRASE_TOKENS = 12
_MAX_APPOSITIVE_TOKENS = 30


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
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev",
    "sen", "rep", "gov", "gen", "col", "capt", "lt", "sgt", "pres", "hon", "adm", "maj",
    "st", "messrs", "mme", "m",
})
FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "dame", "lady", "mme"})
MALE_HONORIFICS = frozenset({"mr", "sir", "lord", "messrs", "m"})
ROLE_WORDS = frozenset({
    "president", "vice-president", "vice", "secretary", "minister", "senator", "governor",
    "chancellor", "premier", "general", "state", "foreign", "prime", "deputy", "chief",
    "director", "spokesman", "spokeswoman", "spokesperson", "ambassador", "chairman",
    "chairwoman", "chair", "speaker", "leader", "mayor", "judge", "justice", "attorney",
    "congressman", "congresswoman", "representative", "candidate", "nominee", "king",
    "queen", "prince", "princess", "pope", "commissioner", "officer", "executive", "ceo",
    "founder", "adviser", "advisor", "aide", "strategist", "manager", "chairperson",
    "superintendent", "sheriff", "council", "councilman", "councilwoman", "delegate",
    "former", "acting", "interim", "sen.", "rep.", "gov.", "treasurer", "solicitor",
    "lieutenant", "colonel", "captain", "sergeant", "admiral", "major", "professor",
    "commander", "ex-president", "president-elect", "frontrunner", "front-runner",
    "hopeful", "pollster", "economist", "analyst", "lawmaker", "host", "anchor",
    "correspondent", "editor", "columnist", "reporter", "activist", "lawyer",
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
    "report", "survey", "study", "letter", "memo", "website", "twitter", "facebook",
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
    "apparently", "since", "today", "tonight", "yesterday", "so", "far",
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
_SENTENCE_OPENERS = frozenset({
    "but", "and", "so", "yet", "meanwhile", "however", "still", "now", "later", "also",
    "earlier", "separately", "instead", "indeed", "moreover", "then", "thus", "and,",
    "today", "yesterday", "tonight", "or", "nor",
})
_BOUNDARY_PUNCT = frozenset(",;:()[]—–\"“”«»‘!?")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    kind: MentionKind
    text: str
    head_start: int   # start of the phrase that names the speaker (no appositive)
    head_end: int


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()


def tokens_between(text: str, start: int, end: int) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text, start, end)]


def subject_before(text: str, lo: int, cue_start: int) -> Mention | None:
    """The subject noun phrase that ends just before the cue, or None."""
    toks = tokens_between(text, max(lo, cue_start - _WINDOW), cue_start)
    i = _skip_entourage(toks, len(toks) - 1)
    if i < 0:
        return None
    if toks[i].text == "," or toks[i].text == ")":
        return _appositive_subject(text, toks, i)
    return _phrase_ending_at(text, toks, i)


def speaker_after(text: str, cue_end: int, hi: int) -> Mention | None:
    """The noun phrase that starts just after a cue ("said Mr Lavrov"), or None."""
    toks = tokens_between(text, cue_end, min(hi, cue_end + _WINDOW))
    j = end = 0
    while end < len(toks) and end - j < _MAX_PHRASE_TOKENS and _continues_phrase(toks, end, j):
        end += 1
    while end > j and (toks[end - 1].lower in _INSIDE_PHRASE or toks[end - 1].lower in DETERMINERS
                       or toks[end - 1].text == "."
                       and not _is_abbreviation(toks, end - 1)):
        end -= 1
    if end == j:
        return None
    return _classify(text, toks[j:end])


def antecedent_of(text: str, relative_start: int) -> Mention | None:
    """'Mr. Gunnels, who …': the phrase a relative pronoun stands for."""
    toks = tokens_between(text, max(0, relative_start - _WINDOW), relative_start)
    if not toks or toks[-1].text != ",":
        return None
    return _phrase_ending_at(text, toks, len(toks) - 2) if len(toks) >= 2 else None


def is_passive(text: str, lo: int, cue_start: int) -> bool:
    """'was said', 'is expected', 'has been reported': no subject speaks here."""
    return _PASSIVE_RE.search(text, max(lo, cue_start - 40), cue_start) is not None


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
    while j < len(toks) and toks[j].lower in _SENTENCE_OPENERS:
        j += 1
    stop = j
    while stop < len(toks) and stop - j < _MAX_PHRASE_TOKENS and _continues_phrase(toks, stop, j):
        stop += 1
    if stop == j or stop == len(toks) or toks[stop].is_word and toks[stop].lower in _CLAUSE_WORDS:
        return None
    mention = _classify(text, toks[j:stop])
    if mention is None or mention.kind in (MentionKind.GROUP, MentionKind.RELATIVE):
        return None
    return mention


def _continues_phrase(toks: list[_Token], k: int, first: int) -> bool:
    tok = toks[k]
    if tok.text == ".":
        return _is_abbreviation(toks, k)
    if not tok.is_word and tok.text not in ("’s", "'s"):
        return tok.text in "-&"
    if k == first:
        return True
    if tok.lower in _INSIDE_PHRASE:
        return True
    return tok.lower not in _CLAUSE_WORDS and tok.lower not in _AUXILIARIES


def _is_entourage(tok: _Token) -> bool:
    low = tok.lower
    return low in _VERB_ENTOURAGE or (low.endswith("ly") and not tok.is_capitalised
                                      and low not in ("only",)) or low.endswith(("n’t", "n't"))


def _is_abbreviation(toks: list[_Token], k: int) -> bool:
    """A '.' that belongs to the word before it: 'Mr.', 'J.', 'U.S.'."""
    if k == 0 or not toks[k - 1].is_word or toks[k - 1].end != toks[k].start:
        return False
    word = toks[k - 1].text
    return word.lower() in HONORIFICS or (len(word) == 1 and word.isupper()) or "." in word


def _phrase_ending_at(text: str, toks: list[_Token], i: int) -> Mention | None:
    j = i
    while j > 0 and i - j < _MAX_PHRASE_TOKENS and _belongs_before(toks, j - 1):
        j -= 1
    while j <= i and (toks[j].lower in _SENTENCE_OPENERS or toks[j].lower in _INSIDE_PHRASE):
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
    if tok.text in ("’s", "'s", "-", "&"):
        return True
    if not tok.is_word:
        return False
    low = tok.lower
    if low in _INSIDE_PHRASE:
        return k > 0 and toks[k - 1].is_word
    return low not in _CLAUSE_WORDS and low not in _AUXILIARIES and low not in _SENTENCE_OPENERS


def _is_phrase_boundary(tok: _Token) -> bool:
    return (tok.text in _BOUNDARY_PUNCT or tok.lower in _CLAUSE_WORDS or tok.text in "’'."
            or tok.lower in _SENTENCE_OPENERS or tok.lower in _AUXILIARIES)


def _appositive_subject(text: str, toks: list[_Token], comma: int) -> Mention | None:
    """'Steve Coll, the dean of the journalism school, said': the name plus its appositive."""
    k = comma - 1
    closer = "(" if toks[comma].text == ")" else ","
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


def _classify(text: str, phrase: list[_Token]) -> Mention | None:
    words = [t for t in phrase if t.is_word]
    if not words:
        return None
    start, end = phrase[0].start, phrase[-1].end
    lows = [w.lower for w in words]
    if any(low in _AUXILIARIES for low in lows):
        return None
    kind = _kind_of(words, lows)
    if kind is None:
        return None
    return Mention(start, end, kind, text[start:end], start, end)


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
    if lows[0] in DETERMINERS or lows[0] in PRONOUNS:
        return MentionKind.ROLE
    if lows[0][0].isdigit() or lows[0] in _QUANTITIES:
        return MentionKind.GROUP
    if words[0].is_capitalised and lows[-1] in ROLE_WORDS | ORG_WORDS:
        return MentionKind.ROLE
    if len(words) <= 3 and lows[-1].endswith("s") and not lows[-1].endswith("ss"):
        return MentionKind.GROUP
    return None


_NAME_PARTICLES = frozenset({"de", "van", "von", "bin", "al", "da", "del", "la", "le"})


def proper_name_tokens(words: list[str]) -> list[str]:
    """The trailing run of capitalised words that is the name: 'Vice-President Mike Pence' -> Mike Pence."""
    name: list[str] = []
    for word in reversed(words):
        bare = word.rstrip(".").lower()
        if word in ("’s", "'s"):
            if name:
                break
            continue
        if word[0].isupper() and bare not in HONORIFICS and bare not in ROLE_WORDS:
            name.append(word)
        elif bare in _NAME_PARTICLES and name:
            name.append(word)
        else:
            break
    name.reverse()
    while name and name[0].lower() in _NAME_PARTICLES:
        name.pop(0)
    return name


def honorific_gender(words: list[str]) -> str | None:
    for word in words:
        bare = word.rstrip(".").lower()
        if bare in FEMALE_HONORIFICS:
            return "f"
        if bare in MALE_HONORIFICS:
            return "m"
    return None
