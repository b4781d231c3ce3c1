"""Cue lexicons: the words that signal someone is being quoted or reported.

The verb lists were chosen by reading PolNeAR train: a verb is listed when its
occurrences outside quotation marks are mostly attribution cues there. The
strength of a class is what the confidence features use.
"""

from __future__ import annotations

import enum
import re
from typing import NamedTuple


class CueStrength(enum.IntEnum):
    BELIEF = 1      # believes, hopes, plans, wants: attributed attitude
    SPEECH = 2      # argued, warned, urged, claimed: a speech act
    SAY = 3         # said, told, according to: the unmarked reporting verbs


# lemma -> (past, past participle) for the irregular ones; the rest are regular.
_IRREGULAR = {
    "say": ("said", "said"), "tell": ("told", "told"), "write": ("wrote", "written"),
    "think": ("thought", "thought"), "know": ("knew", "known"), "feel": ("felt", "felt"),
    "find": ("found", "found"), "show": ("showed", "shown"), "seek": ("sought", "sought"),
    "foresee": ("foresaw", "foreseen"), "mean": ("meant", "meant"),
    "forbid": ("forbade", "forbidden"), "swear": ("swore", "sworn"),
    "speak": ("spoke", "spoken"), "argue": ("argued", "argued"), "read": ("read", "read"),
    "shoot": ("shot", "shot"), "put": ("put", "put"), "hit": ("hit", "hit"),
}
_DOUBLED = {"admit", "commit", "regret", "plan", "submit", "quip", "prefer", "rebut", "refer",
            "snap", "put", "hit"}

SAY_VERBS = ("say", "tell", "add", "write", "note", "report", "tweet", "state", "explain",
             "announce", "comment", "remark", "reply", "respond", "continue", "recall",
             "observe", "reiterate", "repeat", "testify", "post", "read")
SPEECH_VERBS = (
    "argue", "warn", "urge", "claim", "insist", "declare", "stress", "emphasize", "emphasise",
    "acknowledge", "admit", "deny", "suggest", "predict", "complain", "confirm", "reveal",
    "assert", "contend", "concede", "promise", "pledge", "vow", "ask", "describe", "criticize",
    "criticise", "praise", "accuse", "blame", "mention", "propose", "quip", "joke", "boast",
    "counter", "dismiss", "reject", "caution", "allege", "conclude", "assure", "question",
    "echo", "lament", "estimate", "demand", "retort", "agree", "disagree", "indicate",
    "clarify", "tout", "brag", "cite", "highlight", "point out", "call for", "call on",
    "lash out", "rule", "order", "threaten", "decry", "denounce", "condemn", "slam", "blast",
    "mock", "acknowledge", "maintain", "signal", "hint", "advise", "recommend", "concur",
    "scoff", "muse", "wonder", "speculate", "forecast", "charge", "contend", "guarantee",
    "insinuate", "imply", "specify", "inform", "remind", "reassure", "theorize", "project",
    "decline", "refuse", "defend", "applaud", "hail", "thank", "welcome", "disclose",
    "call", "characterize", "characterise", "label", "brand", "dub",
    "express", "point to", "refer to", "talk about", "speak about", "discuss",
    # manner of speaking: '“Go back to Univision,” Trump barked'
    "shout", "yell", "scream", "chant", "bark", "snap", "vent", "gush", "exclaim", "whisper",
    "mutter", "shoot back", "fire back", "hit back", "chime in", "interject", "recount",
    "recite", "proclaim", "answer", "grumble", "gripe", "grouse", "fume", "gloat", "tease",
    "plead", "implore", "opine", "sneer", "surmise", "remember", "put it", "attack", "laud",
    "exhort", "advocate",
)
BELIEF_VERBS = (
    "believe", "think", "hope", "plan", "want", "expect", "fear", "know", "feel", "worry",
    "doubt", "intend", "seek", "wish", "suspect", "understand", "prefer", "support", "oppose",
    "endorse", "favor", "favour", "assume", "figure", "reckon", "anticipate", "envision",
    "consider", "regret", "dread", "aim", "vote", "like", "dislike", "hate", "love",
    "see", "find", "show", "learn", "realize", "realise", "recognize", "recognise", "trust",
    "seem", "appear",
)
# 'Clinton seemed irritated', 'the plan appears to work', 'X is expected to win': an
# impression with no one named as its holder; the content is the whole proposition.
RAISING = frozenset({"seem", "appear"})
# Verbs whose object is usually the addressee, not the content ("told reporters ...").
ADDRESSEE_VERBS = frozenset({"tell", "assure", "inform", "remind", "reassure", "ask",
                             "warn", "thank", "advise", "promise"})
# Verbs that usually describe, not report, when no content clause follows.
NEEDS_CLAUSE = frozenset({"see", "find", "learn", "like", "love", "hate", "vote",
                          "consider", "know", "favor",
                          "favour", "order", "rule",
                          "continue", "post", "project", "aim", "trust"})


# Forms that are far more often something else: "secretary of state", "the United States".
_NOT_VERBS = frozenset({"state", "states", "post", "posts", "project", "projects", "order",
                        "orders", "rule", "rules", "like", "likes", "order", "vote", "votes"})
# Cues that attribute only when a quotation or a colon follows ("Cruz continued: …").
QUOTE_ONLY = frozenset({"continue", "post", "read", "shout", "yell", "scream", "chant", "bark",
                        "snap", "gush", "exclaim", "whisper", "mutter", "recite", "answer",
                        "tease", "sneer", "hit back", "fire back", "chime in", "remember"})


class CueMatch(NamedTuple):
    """A cue found in the text (a named tuple: thousands are made per article, and one
    costs a single tuple allocation where a frozen dataclass calls object.__setattr__
    for each field)."""

    start: int
    end: int
    lemma: str
    strength: CueStrength
    form: str          # how it is written, lower case
    is_participle: bool  # "saying", "adding": hangs off another clause


def _forms(lemma: str) -> dict[str, bool]:
    """Inflected forms of a (possibly phrasal) verb -> whether the form is an -ing form."""
    verb, _, particle = lemma.partition(" ")
    irregular = _IRREGULAR.get(verb)
    if irregular is not None:
        past, participle = irregular
    else:
        stem = verb + verb[-1] if verb in _DOUBLED else verb
        if verb.endswith("e"):
            past = participle = verb + "d"
        elif verb.endswith("y") and verb[-2] not in "aeiou":
            past = participle = verb[:-1] + "ied"
        else:
            past = participle = stem + "ed"
    if verb.endswith("ie"):
        ing = verb[:-2] + "ying"
    elif verb.endswith("e") and not verb.endswith("ee"):
        ing = verb[:-1] + "ing"
    else:
        ing = (verb + verb[-1] if verb in _DOUBLED else verb) + "ing"
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = verb + "es"
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    suffix = f" {particle}" if particle else ""
    return {f + suffix: f == ing for f in (verb, third, past, participle, ing)}


def _lexicon() -> dict[str, tuple[str, CueStrength, bool]]:
    table: dict[str, tuple[str, CueStrength, bool]] = {}
    for strength, lemmas in ((CueStrength.BELIEF, BELIEF_VERBS),
                             (CueStrength.SPEECH, SPEECH_VERBS),
                             (CueStrength.SAY, SAY_VERBS)):
        for lemma in lemmas:
            for form, is_ing in _forms(lemma).items():
                if form not in _NOT_VERBS:
                    table[form] = (lemma, strength, is_ing)
    table["according to"] = ("according to", CueStrength.SAY, False)
    return table


LEXICON = _lexicon()
def _trie_pattern(words: list[str]) -> str:
    """One regex alternative per shared prefix, so a non-cue word fails at its first letters."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


# Matched against the lower-cased text: much faster than re.IGNORECASE. Every cue
# starts with a letter, so the look-behind is ``\b``, only cheaper to test.
_CUE_RE = re.compile(r"(?<!\w)(?:" + _trie_pattern(sorted(LEXICON)) + r")(?![\w’'-])")
_CUE_ANY_CASE_RE = re.compile(_CUE_RE.pattern, re.IGNORECASE)


_NOUN_MARKERS = frozenset({"a", "an", "the", "his", "her", "their", "its", "our", "my", "your",
                           "this", "that", "these", "those", "no", "any", "every", "each",
                           "of", "’s", "'s", "s’", "s'", "public", "new", "first", "strong"})


# Pronouns whose ’s is 'is' or 'has' ('he’s saying', 'she’s claimed'), never a possessive
# ('it’s', 'there’s' and 'that’s' are left out: a noun follows them more often than a verb).
_CONTRACTED = frozenset({"he", "she", "who"})


def lower_for_cues(text: str) -> str:
    """The text to pass to ``find_cues``: lower-cased when that keeps every offset."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text


def find_cues(text: str, lowered: str, start: int, end: int,
              stretches: list[tuple[int, int]] | None = None) -> list[CueMatch]:
    """Every lexicon cue in the sentence ``text[start:end]``, in document order; only
    those starting inside ``stretches`` (parts of the sentence) when given.

    ``lowered`` is ``lower_for_cues(text)``, computed once per article.
    """
    out: list[CueMatch] = []
    pattern = _CUE_RE if lowered is not text else _CUE_ANY_CASE_RE
    title_case: bool | None = None
    if stretches is None:
        stretches = [(start, end)]
    for stretch_start, stretch_end in stretches:
        # one character more, so that the look-ahead after a cue sees what follows it
        for match in pattern.finditer(lowered, stretch_start, min(end, stretch_end + 1)):
            at = match.start()
            if at >= stretch_end:
                continue
            form = match.group().lower()
            if text[at].isupper() and at > start:
                if title_case is None:
                    title_case = _is_title_case(text, start, end)
                if not title_case or form not in _HEADLINE_FORMS:
                    continue   # 'Secretary of State', 'the Post': a name, not a verb
            if at > 0 and text[at - 1] in "’'-":
                continue
            if _after_noun_marker(text, at, start):
                continue
            if form[-1] == "s" and _plural_noun_reading(text, lowered, at, match.end(), start):
                continue
            if form in _NAMING_FORMS and _names_a_thing(text, lowered, at, match.end(), start):
                continue
            lemma, strength, is_ing = LEXICON[form]
            if form == lemma and _AFTER_ARTICLE_WORD_RE.search(
                    lowered, max(start, at - 30), at) is not None:
                continue   # 'a conference call', 'a police report', 'a determined advocate'
            out.append(CueMatch(at, match.end(), lemma, strength, form, is_ing))
    return out


# 'Trump Says He’s Unlikely To …': verbs a title-cased headline capitalises.
_HEADLINE_FORMS = frozenset({"says", "said", "tells", "told", "warns", "claims", "calls",
                             "slams", "blasts", "urges", "admits", "insists", "denies",
                             "predicts", "vows", "pledges", "explains", "argues", "suggests",
                             "rips", "praises", "defends", "accuses", "asks"})
_TITLE_WORD_RE = re.compile(r"\b[^\W\d_][\w’'-]*")


def _is_title_case(text: str, start: int, end: int) -> bool:
    """Whether most words of the sentence are capitalised, as in a headline."""
    words = _TITLE_WORD_RE.findall(text, start, min(end, start + 300))
    if len(words) < 4:
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or len(w) <= 3)
    return capitalised >= 0.85 * len(words)


# 'Voting rights advocates have …', 'Harsh comments are …': a verb is not followed by an
# auxiliary, so an -s form before one is a plural noun, the subject of that auxiliary.
_AUXILIARY_NEXT_RE = re.compile(
    r"\s+(?:have|has|had|are|were|is|was|will|would|could|can|should|may|might|must)\b")
# '… that the kingdom hopes will …', 'what he says is true': the cue's object was moved
# before it by a relative or wh-word, so the auxiliary belongs to the content.
_MOVED_OBJECT_RE = re.compile(
    r"\b(?:that|which|what|who|whom|how|everything|anything|something|he|she|it|they|we|i|"
    r"you)\b(?:\s+\S+){0,9}\s*$")
# 'questions the fairness of …', 'questions whether …': the verb takes its content as an
# object; 'questions about', 'tough questions or …' are the noun.
_QUESTION_OBJECT_RE = re.compile(
    r"\s+(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those|whether|why|how|"
    r"if|what|who|when|where)\b|\s+[A-Z]")


# 'a news report', 'an implicit caution', 'a determined advocate': after 'a'/'an' and one
# word, a verb's base form is a noun (but 'a few say', 'a majority support').
_AFTER_ARTICLE_WORD_RE = re.compile(
    r"(?<![\w’'-])(?:a|an)\s+(?!(?:few|lot|number|majority|minority|handful|couple|dozen|"
    r"third|quarter|half|host|bunch|group|series|variety)\b)[a-z][\w-]*\s+$")
_NAMING_FORMS = frozenset({"known", "called", "named", "dubbed", "opposed"})
_AS_NEXT_RE = re.compile(r"\s+as\b")
_TO_NEXT_RE = re.compile(r"\s+to\b")
_NAME_NEXT_RE = re.compile(r"\s+[“\"'‘]?[A-Z]")
_AS_BEFORE_RE = re.compile(r"(?<![\w’'-])as\s+$")
_INDEFINITE_THING_RE = re.compile(
    r"(?<![\w’'-])(?:a|an)\s+(?:[\w-]+\s+){0,2}[a-z][\w-]*\s+$")


def _names_a_thing(text: str, lowered: str, at: int, end: int, start: int) -> bool:
    """'the hacker known as “Guccifer”', 'a company called Acme', 'as opposed to': the words
    name something, they report no one's words."""
    form = lowered[at:end]
    if form == "known":
        return _AS_NEXT_RE.match(lowered, end) is not None
    if form == "opposed":
        return _TO_NEXT_RE.match(lowered, end) is not None \
            and _AS_BEFORE_RE.search(lowered, max(start, at - 4), at) is not None
    return _NAME_NEXT_RE.match(text, end) is not None and _INDEFINITE_THING_RE.search(
        lowered, max(start, at - 50), at) is not None


def _plural_noun_reading(text: str, lowered: str, at: int, end: int, start: int) -> bool:
    """Whether the -s form ``text[at:end]`` is a plural noun here, not a verb."""
    if _AUXILIARY_NEXT_RE.match(lowered, end) is not None:
        return _MOVED_OBJECT_RE.search(lowered, max(start, at - 90), at) is None
    if lowered.startswith("questions", at) and end - at == 9:
        return _QUESTION_OBJECT_RE.match(text, end) is None
    return False


def _after_noun_marker(text: str, at: int, start: int) -> bool:
    """'a demand', 'the report', 'Clinton’s call': the cue word is a noun here."""
    lo = max(start, at - 24)
    end = at
    while end > lo and text[end - 1].isspace():
        end -= 1
    begin = end
    while begin > lo and (text[begin - 1].isalnum() or text[begin - 1] in "_’'"):
        begin -= 1
    if begin == end:
        return False
    word = text[begin:end].lower()
    if word in _NOUN_MARKERS:
        return True
    if word.endswith(("’s", "'s")):
        return word[:-2] not in _CONTRACTED   # 'He’s claiming': 'he is', no possessive
    # 'Sanders’ plan': a possessive written with the apostrophe alone (the tokens stop at it)
    return word.endswith(("s’", "s'")) and text[begin].isupper()
