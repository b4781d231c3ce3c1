"""Reading one sentence: which cues attribute what content to whom.

Three layouts cover nearly all news attribution:
  * content first, then the cue: "“…,” he said." / "The plan is dead, officials said."
  * cue first, then the content: "Mr Blinken said the plan offers …" / "He said: “…”"
  * cue inside the content: "Nato, he said, had prepared …"
plus "according to X". Later cues in the same sentence either coordinate
("…, adding that …") and cut the content short, or sit inside the content
(nested attributions, which are not reported separately).

Less common shapes, each read by a function of its own:
  * a speaker label opening a paragraph: "PENCE: …", "Elizabeth Warren: Trump Is …"
    (``label_colon``; a headline label only when the article names that person);
  * any verb and a colon before a quotation: "Mr. Christie gloated: “…”";
  * the verb first: "Said Ellis: “…”";
  * an impression with no holder: "Clinton seemed irritated", "X is expected to …";
  * a question: "Asked (by a reporter) whether …, Smith said …";
  * a source in a phrase: "in Ms. Lopez’s view, …", "… in the latest survey".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.domain.detection.cues import (
    ADDRESSEE_VERBS, LEXICON, NEEDS_CLAUSE, QUOTE_ONLY, RAISING, CueMatch, CueStrength, find_cues,
)
from workbench.domain.detection.mentions import (
    ROLE_WORDS, Mention, MentionKind, is_passive, looks_like_verb, sentence_subject, speaker_after,
    subject_before,
)
from workbench.domain.detection.quotes import QuotedSegment, QuoteIndex, has_words
from workbench.domain.detection.segmentation import page_pointer, turn_labels
from workbench.domain.detection.speakers import Resolution
from workbench.domain.lexicon import PERSON_CHECK_HONORIFICS, WEEKDAYS, alternation, lower
from workbench.domain.model import QuoteKind

_OPENERS_RE = re.compile(
    r"\s*(?:(?:but|and|so|yet|meanwhile|however|still|now|also|instead|indeed|then|thus|or)\b[\s,]*)*",
    re.IGNORECASE)


def _after_openers(text: str, start: int, stop: int) -> int:
    """Where ``text[start:stop]`` goes on after its opening 'But', 'And so', 'Meanwhile,'."""
    opening = _OPENERS_RE.match(text, start, stop)
    return opening.end() if opening is not None else start   # (it always matches)


# A section head before a quotation that opens the paragraph: 'ANALYST’S VIEWPOINT: “Today …,”
# said …' — the head is no part of the quote.
_HEAD_BEFORE_QUOTE_RE = re.compile(r"[A-Z][\w’'&.-]*(?:[ \t]+[A-Z][\w’'&.-]*){0,4}:[ \t]+(?=[\"“])")
_CLAUSE_START_RE = re.compile(
    r"\s*(?:as|when|while|after|before|because|if|since|though|although|in|at|on|during|"
    r"with|without|referring|according|and|but|which|who|where)\b", re.IGNORECASE)
_THAT_NEAR_RE = re.compile(r"\bthat\b")
_ADDRESSEE_RE = re.compile(
    r"\s*(?:(?:the|a|an|his|her|their|local|several|other)\s+)?"
    r"(?:reporters|journalists|the press|press|supporters|voters|him|her|them|me|us|you|"
    r"crowd|audience|members|lawmakers|colleagues|listeners|viewers|readers|"
    r"(?:[A-Z][\w’'.-]*\s*)+)"
    r"(?:\s+(?:on|in|at|during|after|last|this|earlier)\s+(?:[\w’'.-]+\s+){0,3}?[\w’'.-]+)?",
)
_ADJUNCT_RE = re.compile(
    r"\s*(?:(?:on|in|at|during|after|before|last|this|earlier|late|early|of|about|to|from|with|"
    r"via|through|over|when|while|by|as|under|outside|inside|ahead|following|told|referring|"
    r"speaking|responding|in an?|on\s+[A-Z]|" + alternation(lower(WEEKDAYS)) + "|"
    r"today|yesterday|tonight|recently|previously|repeatedly|afterward|afterwards|"
    r"then|again|later)\b(?![’']s)|$)", re.IGNORECASE)
_SIGNATURE_DASH_RE = re.compile(r"\s*[―—–]\s*")
_ENTOURAGE_BEFORE_RE = re.compile(
    r"(?:\b(?:also|then|later|again|still|even|never|not|perhaps|maybe|has|have|had|would|will|"
    r"did|does|[a-z]+ly)\s+)+$")
_COORDINATOR_END_RE = re.compile(r"\b(?:and|but|though|while|although)$")
_TRAILING_PUNCT = " \t\n,;:—–-"
_QUOTE_CLOSERS = "”\"’'»"


@dataclass(slots=True)
class Finding:
    spans: list[tuple[int, int]]
    cue: CueMatch
    cue_end: int
    mention: Mention | None
    layout: str
    quotes: list[QuotedSegment]   # those the content overlaps
    quote_style: str = ""
    shares_subject_with: "Finding | None" = None
    ends_with_quote: bool = False
    waiting_for_colon_content: bool = False
    continued: bool = False
    sentence: int = 0
    paragraph: int = 0
    resolution: Resolution | None = None


@dataclass(slots=True)
class _Cue:
    match: CueMatch
    subject: Mention | None
    passive: bool
    clause_start: int
    nested: bool = False
    # the speaker is the subject of a verb the phrase before an -ing cue held ('…, Trump
    # revised his plan, promising …'): what comes before the subject is no content of it
    after_verb: bool = False


def read_sentence(text: str, lowered: str, start: int, end: int,
                  quotes: QuoteIndex) -> list[Finding]:
    """The attributions of the sentence ``text[start:end]`` (``lowered``: see find_cues)."""
    cues = find_cues(text, lowered, start, end, quotes.unquoted(start, end))
    if not cues:
        signed = _dash_signed_quote(text, start, end, quotes)
        if signed is None:
            signed = _colon_quote(text, start, end, quotes, [])
        if signed is None and _may_name_in_source(text, start, end):
            signed = _in_source(text, start, end, quotes, [])
        return [signed] if signed else []
    readings = [_cue_reading(text, start, c) for c in cues]
    findings: list[Finding] = []
    for i, cue in enumerate(readings):
        if cue.nested:
            continue
        following = _next_coordinated(text, readings, i)
        stop = following.clause_start if following else end
        finding = _read_cue(text, start, stop, end, cue, findings, quotes)
        if finding is None:
            continue
        findings.append(finding)
        for later in readings[i + 1:]:
            if any(s <= later.match.start < e for s, e in finding.spans):
                later.nested = True
    colon = _colon_quote(text, start, end, quotes, findings)
    if colon is not None:
        findings.append(colon)
    if _may_name_in_source(text, start, end):
        source = _in_source(text, start, end, quotes, findings)
        if source is not None:
            findings.append(source)
    return findings


_IN_SOURCE_RE = re.compile(
    r"\b(?P<cue>[Ii]n)\s+(?P<source>(?:(?:the|a|an|our|one|another|most|many|several|two|"
    r"three|some|all|each|every|its|his|her|their|this|that|these|those)\s+)?"
    r"(?:[\w’'./-]+\s+){0,6}?(?:survey|surveys|rankings))\b"
    r"|\b(?P<cue2>[Ii]n)\s+(?P<owner>(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)(?:[’']s|[’'])\s+"
    r"(?:view|words|mind|opinion|estimation|judgment|telling|account|eyes)\b")


# What ``_IN_SOURCE_RE`` cannot match without ('survey', 'rankings', or an owner's
# view): cheap tests that spare most sentences its slow search.
_OWNER_VIEW_RE = re.compile(
    r"[’']s?\s+(?:view|words|mind|opinion|estimation|judgment|telling|account|eyes)\b")


def _may_name_in_source(text: str, start: int, end: int) -> bool:
    """Whether the sentence ``text[start:end]`` may hold an ``_IN_SOURCE_RE`` match."""
    sentence = text[start:end]
    if " in " not in sentence and not text.startswith("In ", start):
        return False
    if "survey" in sentence or "rankings" in sentence:
        return True
    return ("’" in sentence or "'" in sentence) and _OWNER_VIEW_RE.search(sentence) is not None


def _in_source(text: str, start: int, end: int, quotes: QuoteIndex,
               findings: list[Finding]) -> Finding | None:
    """'Trump leads in the latest poll', 'In Ms. Lopez’s view, the plan …': a source named
    in a prepositional phrase; the rest of the sentence is the content."""
    found = _IN_SOURCE_RE.search(text, start, end)
    if found is None or quotes.containing(found.start()) is not None:
        return None
    if any(s <= found.start() < e for f in findings for s, e in f.spans):
        return None
    cue_name = "cue" if found.group("cue") else "cue2"
    cue_start = found.start(cue_name)
    if found.group("source"):
        m_start, m_end = found.span("source")
    else:
        m_start, m_end = found.span("owner")
    after = found.end()
    while after < end and text[after].isspace():
        after += 1
    pre_start = _after_openers(text, start, cue_start)
    pre_end = _rstrip(text, pre_start, cue_start)
    rest = None
    if after < end and text[after] == ",":
        begin = after + 1
        while begin < end and text[begin].isspace():
            begin += 1
        rest = (begin, _trim_end(text, begin, end))
    if pre_end <= pre_start:
        # 'In the latest survey, 71 percent approved …': the content follows
        if rest is None:
            return None
        spans = [rest]
    else:
        spans = [(pre_start, _trim_end(text, pre_start, pre_end))]
        if text[pre_end - 1] == "," and rest is not None and has_words(
                text, 3, rest[0], rest[1]):
            spans.append(rest)   # 'The plan, in Ms. Lopez’s view, was never going to work'
    if spans[0][1] <= spans[0][0]:
        return None
    if not has_words(text, 2, spans[0][0], spans[0][1]):
        return None
    mention_text = text[m_start:m_end]
    mention = Mention(m_start, m_end, MentionKind.ROLE if found.group("source") else
                      MentionKind.NAME, mention_text, m_start, m_end)
    cue = CueMatch(cue_start, cue_start + 2, "in", CueStrength.SPEECH, "in", False)
    return _finding(text, spans, cue, mention, "around the content", quotes)


_LABEL_RE = re.compile(
    r"((?:[A-Z][\w.’'&-]*|of|the|and|de|la|van|von)(?:\s+(?:[A-Z][\w.’'&-]*|of|the|and|de|la|"
    r"van|von|[a-z]+)){0,7}?)\s*(?:\([^()\n]{1,24}\))?\s*:\s*(?=\S)")
_NOT_LABELS = frozenset({
    "update", "updated", "note", "editor's note", "editor’s note", "photo", "photos", "watch",
    "related", "read more", "source", "sources", "correction", "q", "a", "video", "listen",
    "see also", "more", "advertisement", "click here", "follow", "share", "image", "credit",
    "caption", "warning", "breaking", "exclusive", "opinion", "analysis", "live", "bonus",
    "tags", "subscribe", "disclosure", "clarification", "transcript", "reporting",
})


def _named_elsewhere(text: str, surname: str, label_at: int, label_end: int) -> bool:
    """Whether the article names the label's person elsewhere as a person: 'Sen. Warren',
    'Elizabeth Warren', 'Warren said'. The label's own words do not count: in the
    subheading 'Veto Power Impedes Peace Efforts:' 'Peace Efforts' is no first name and
    surname written elsewhere."""
    written = surname.rstrip(".,")
    surname = re.escape(written)
    pattern = re.compile(
        r"\b(?:(?:" + alternation(PERSON_CHECK_HONORIFICS) + r")\.?\s+|(?P<first>[A-Z][a-z]+)\s+)" + surname
        + r"\b|\b" + surname + r"\s+(?:said|says|told|tells|added|wrote|argued|asked)\b")
    for window_start, window_end in _surname_windows(text, written):
        for found in pattern.finditer(text, window_start, window_end):
            if found.start() <= label_at < found.end() + 2 or label_at <= found.start() < label_end:
                continue
            first = found.group("first")
            if first is not None and first.lower() in _NOT_FIRST_NAMES:
                continue
            return True
    return False


def _surname_windows(text: str, surname: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` that hold every match of ``_named_elsewhere``'s pattern:
    around each place ``surname`` is written, from the start of the word and white space
    before it (an honorific or a first name) to the white space and longest verb after
    it, and one character more for the pattern's closing ``\\b``; stretches that touch
    are one. Scanning only these finds the matches a scan of the whole text finds, in the
    same order (no match starts outside them), without reading a long transcript once for
    every label in it."""
    if not surname:
        return [(0, len(text))]
    windows: list[tuple[int, int]] = []
    at = text.find(surname)
    while at >= 0:
        start = at
        while start > 0 and text[start - 1].isspace():
            start -= 1
        while start > 0 and (text[start - 1].isascii() and text[start - 1].isalpha()
                             or text[start - 1] == "."):
            start -= 1
        end = at + len(surname)
        while end < len(text) and text[end].isspace():
            end += 1
        end = min(len(text), end + 7)    # 'argued', and the character after it
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
        at = text.find(surname, at + 1)
    return windows


_NOT_FIRST_NAMES = frozenset({
    "in", "the", "on", "at", "for", "from", "to", "of", "with", "and", "but", "by", "as",
    "if", "when", "while", "after", "before", "about", "into", "over", "under", "against",
    "that", "this", "new", "north", "south", "east", "west", "where", "what", "how", "why",
})


def label_colon(text: str, start: int, end: int, quotes: QuoteIndex) -> Finding | None:
    """'BENENSON: Senator Sanders doesn’t get to decide …', 'Elizabeth Warren: Trump Is a
    ‘Proven Failure’': a paragraph that opens with a speaker's name and a colon."""
    if text.find(":", start, min(end, start + 90)) < 0:
        return None
    if text[start] in "\"“" and start + 1 < end:
        start += 1   # '"WALLACE: …' in a transcript quoted whole
    label = _LABEL_RE.match(text, start, min(end, start + 90))
    if label is None:
        return None
    name = label.group(1)
    words = name.split()
    # 'Q:' and 'A:' in a question-and-answer interview, 'JOEL BENENSON:' in a transcript
    turns = turn_labels(text)
    turn = bool(turns) and ((start, name) in turns or (start - 1, name) in turns)
    if page_pointer(name):
        return None
    if not turn:
        if name.lower() in _NOT_LABELS or not words[-1][:1].isupper() or len(words) > 8:
            return None
        if not words[0][:1].isupper() or any(w.lower() in _AUX_OR_VERBS for w in words) \
                or words[0].lower() in ("the", "follow", "contributing", "paid") \
                or any(w.lower() in ("twitter", "email", "e-mail", "update", "latest", "on", "at")
                       for w in words):
            return None
        if not (len(words) == 1 and name.isupper() and len(name) > 1) \
                and not _named_elsewhere(text, words[-1], start, label.end()):
            return None   # 'Russia Ukraine: US sends …' is a headline's topic, not a speaker
    elif name.lower() in _NOT_LABELS and len(name) > 1:
        return None
    begin = label.end()
    content_end = _trim_end(text, begin, end)
    content = text[begin:content_end]
    transcript = turn or name.isupper() and len(name) > 1   # 'PENCE: Well, look, …' answers run long
    last_lower = max((k for k, w in enumerate(words) if w[:1].islower() and w not in _NAME_LINKS),
                     default=-1)
    if not turn and 0 <= last_lower <= len(words) - 3 and words[last_lower] in ("from", "by"):
        # 'A lesson from Loretta Lynch:': the speaker is the name after 'from' ('Clinton to
        # Planned Parenthood:' is Clinton's)
        tail_at = [m.start() for m in re.finditer(r"\S+", name)][last_lower + 1]
        start += tail_at
        name = name[tail_at:]
        words = name.split()
    if not has_words(content, 4) or "@" in content or "http" in content \
            or content.count(",") > 4 and not transcript:
        return None
    mention_end = start + len(name)
    kind = MentionKind.FULL_NAME if sum(w[:1].isupper() for w in words) >= 2 else MentionKind.NAME
    mention = Mention(start, mention_end, kind, name, start, mention_end)
    colon_at = text.rfind(":", start, begin)
    cue = CueMatch(colon_at, colon_at + 1, ":", CueStrength.SPEECH, ":", False)
    return _finding(text, [(begin, content_end)], cue, mention, "before the content", quotes)


_NAME_LINKS = frozenset({"of", "the", "and", "de", "la", "van", "von"})   # lower case inside names
_AUX_OR_VERBS = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would",
                           "said", "says", "told", "asked", "here", "there", "how", "what",
                           "why", "when", "where", "who", "this", "that", "these", "those"})


_APPOSITIVE_BEFORE_VERB_RE = re.compile(r",[ \t]+(?:the|a|an)[ \t][^,;:“”\"\n]{2,80},")


def _colon_quote(text: str, start: int, end: int, quotes: QuoteIndex,
                 findings: list[Finding]) -> Finding | None:
    """'Mr. Christie gloated: “I told you …”': a quotation after a colon, its speaker the
    sentence's subject, when no cue claimed it."""
    colon = text.find(":", start, end)
    if colon < 0:
        return None
    begin = colon + 1
    while begin < end and text[begin].isspace():
        begin += 1
    quote = quotes.starting_at(begin)
    if quote is None or quote.end < _trim_end(text, begin, end) - 1:
        return None
    if any(s <= colon < e or s <= begin < e for f in findings for s, e in f.spans):
        return None
    if any(f.cue.start < colon and f.spans and f.spans[0][0] >= colon for f in findings):
        return None
    subject = sentence_subject(text, start, colon)
    if subject is None or subject.kind not in (MentionKind.FULL_NAME, MentionKind.NAME,
                                               MentionKind.PRONOUN, MentionKind.ROLE):
        return None
    if subject.kind == MentionKind.ROLE and subject.text.split()[-1].lower() not in ROLE_WORDS:
        return None
    if subject.kind == MentionKind.PRONOUN and subject.text.lower() in ("it", "you"):
        return None
    after_subject = subject.end
    appositive = _APPOSITIVE_BEFORE_VERB_RE.match(text, after_subject, colon)
    if appositive is not None:   # 'Martell, the addictions doctor on the South Shore, is more blunt:'
        after_subject = appositive.end()
    between = text[after_subject:colon].split()
    if not between or len(between) > 6 or any(q.start < colon for q in quotes.overlapping(subject.end, colon)):
        return None
    verb_start = text.rfind(between[0], after_subject, colon)
    cue = CueMatch(verb_start, colon + 1, ":", CueStrength.SPEECH, ":", False)
    return _finding(text, [(quote.start, quote.end)], cue, subject, "before the quote", quotes)


def _dash_signed_quote(text: str, start: int, end: int, quotes: QuoteIndex) -> Finding | None:
    """'“…” ― Krystal Correa': a quotation signed with a dash and a name."""
    quote = quotes.starting_at(start)
    if quote is None:
        return None
    dash = _SIGNATURE_DASH_RE.match(text, quote.end, end)
    if dash is None:
        return None
    signer = speaker_after(text, dash.end(), end)
    if signer is None or signer.kind not in (MentionKind.FULL_NAME, MentionKind.NAME):
        return None
    if text[signer.end:end].strip(" .,") and "," not in text[signer.end:signer.end + 2]:
        return None
    dash_start = dash.start() + len(dash.group()) - len(dash.group().lstrip())
    cue = CueMatch(dash_start, dash_start + 1, "―", CueStrength.SAY, "―", False)
    return _finding(text, [(quote.start, quote.end)], cue, signer, "after the quote", quotes)


_CATENATIVE_RE = re.compile(
    r"\b(?:(?:went|goes|go|has gone|had gone|would go)\s+on|continued|continues|proceeded|"
    r"(?:was|were|is|are|has been|had been)\s+(?:prompted|quick|careful|forced|moved|eager|"
    r"compelled|willing|happy|keen|sure)|decided|declined|refused|wanted|wants|tried|tries|"
    r"hastened|rushed|made sure|took (?:care|time|the (?:time|opportunity))|felt compelled|"
    r"felt the need|used (?:the|his|her|their) (?:\w+ )?(?:speech|remarks|address|appearance|"
    r"interview|statement|time|platform|occasion))\s+to\s+$")


def _cue_reading(text: str, sentence_start: int, cue: CueMatch) -> _Cue:
    if cue.lemma == "according to":
        return _Cue(cue, None, False, cue.start)
    passive = not cue.is_participle and is_passive(text, sentence_start, cue.start)
    before = cue.start
    catenative = None
    if text.endswith("to ", max(sentence_start, cue.start - 3), cue.start):
        catenative = _CATENATIVE_RE.search(text, max(sentence_start, cue.start - 40), cue.start)
    if catenative is not None and not passive:
        before = catenative.start()   # 'Pence went on to say …': the subject is Pence's
    subject: Mention | None = None if passive else subject_before(text, sentence_start, before)
    after_verb = False
    if subject is not None and cue.is_participle:
        phrase = subject
        subject = _past_verb_object(text, sentence_start, subject,
                                    _after_comma(text, sentence_start, before))
        after_verb = subject is not phrase
    if subject is not None and cue.is_participle and subject.text[:1].islower() \
            and _after_comma(text, sentence_start, before):
        # 'Clinton spoke about the death of a man in Tulsa, arguing …': the words before the
        # comma end the main clause, whose subject speaks, not the object just before it
        main = sentence_subject(text, sentence_start, subject.start)
        if main is not None and main.kind in _NAMING_KINDS and main.end <= subject.start:
            subject = main
    if subject is not None:
        return _Cue(cue, subject, passive, subject.start, after_verb=after_verb)
    entourage = _ENTOURAGE_BEFORE_RE.search(text, max(sentence_start, cue.start - 40), cue.start)
    clause_start = entourage.start() if entourage else cue.start
    return _Cue(cue, subject, passive, clause_start)


_NAMING_KINDS = (MentionKind.FULL_NAME, MentionKind.NAME, MentionKind.PRONOUN)
# Finite forms of the cue verbs ('recalled', 'remembers'), not their base or -ing forms.
_FINITE_CUE_FORMS = frozenset(form for form, (lemma, _, is_ing) in LEXICON.items()
                              if not is_ing and form != lemma and " " not in form)
_VERB_IN_PHRASE_RE = re.compile(r"(?:^|(?<=\s))([a-z]+)\s+(?=(\S))")
_ADJECTIVE_MARKERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "much",
                                "widely", "often", "well", "long", "newly", "more", "most",
                                "less", "very", "so", "too", "highly"})


def _past_verb_object(text: str, sentence_start: int, subject: Mention,
                      after_comma: bool) -> Mention | None:
    """A verb swallowed by the phrase before an -ing cue; the last one not in a relative
    clause counts. 'Ruiz recalled Ms. Ortega talking about …': the name is the object of a
    finite cue verb, whose own subject reports the words, so the speaker is the phrase
    before that verb (None when there is none). Any other past verb ('Ortega launched an
    attack on X, calling it …', 'The town released a statement saying …') has the speaker
    as its subject too, unless 'with' or 'by' follows it ('The talk ended with Ruiz asking
    …'): then the speaker is the phrase after that word."""
    verb = None
    for found in _VERB_IN_PHRASE_RE.finditer(subject.text):
        if subject.start + found.start() >= subject.head_end and subject.text[0].isupper() \
                and _APPOSITION_RE.match(
                text, subject.head_end) is not None:
            break   # 'Robey Warshaw, a firm founded in 2014 by …,': the appositive's own verb
        word = found.group(1)
        before = subject.text[:found.start()]
        last_words = before.split()
        if last_words and last_words[-1].lower() in _ADJECTIVE_MARKERS:
            continue   # 'the noted author Ann Lee', 'a widely reported …': an adjective
        if _RELATIVE_BEFORE_RE.search(before.rsplit(",", 1)[-1]) is not None:
            continue   # 'Perez, who is the most animated …': the relative clause's own verb
        if word in _FINITE_CUE_FORMS and found.group(2).isupper() or looks_like_verb(word):
            verb = found
    if verb is None:
        return subject
    verb_start = subject.start + verb.start()
    if verb.group(1) in _FINITE_CUE_FORMS and verb.group(2).isupper():
        return subject_before(text, sentence_start, verb_start)
    if not after_comma:
        after = _WITH_BY_RE.match(subject.text, verb.end(1))
        if after is not None:
            named = subject_before(text, subject.start + after.end(), subject.end)
            return named or subject
    return subject_before(text, sentence_start, verb_start) or subject


_RELATIVE_BEFORE_RE = re.compile(r"\b(?:who|which|that|whom|whose)\b")
_APPOSITION_RE = re.compile(r"\s*[,(]\s*(?:a|an|the|who|which|whose)\b")
_WITH_BY_RE = re.compile(r"\s+(?:with|by)\s+")


def _after_comma(text: str, start: int, at: int) -> bool:
    """Whether a comma ends the words before ``at`` in the sentence starting at ``start``."""
    before = text[max(start, at - 4):at].rstrip()
    return before.endswith(",")


def _next_coordinated(text: str, readings: list[_Cue], i: int) -> _Cue | None:
    """The next cue that starts a clause of its own (not one nested in this one's content)."""
    for later in readings[i + 1:]:
        before = text[max(0, later.clause_start - 24):later.clause_start].rstrip()
        if later.match.lemma == "according to" and before.endswith(","):
            return later
        if before.endswith((",", ";", "—", "–")) or _COORDINATOR_END_RE.search(before):
            if later.match.is_participle or later.subject is not None \
                    or before.endswith(("and", "but")):
                return later
    return None


def _read_cue(text: str, start: int, stop: int, end: int, cue: _Cue, earlier: list[Finding],
              quotes: QuoteIndex) -> Finding | None:
    match = cue.match
    if match.lemma == "according to":
        return _read_according_to(text, start, stop, cue, quotes)
    as_by = _as_by(text, start, match)
    if as_by is not None:
        return _read_according_to(text, start, stop, as_by, quotes)
    if match.lemma in RAISING or match.lemma == "expect" and cue.passive:
        return _read_impression(text, start, stop, cue, quotes)
    if match.form == "asked" and (not text[start:match.start].strip() or _QUESTION_LEAD_RE.search(
            text, max(start, match.start - 16), match.start) is not None):
        return _read_question(text, stop, cue, quotes)
    pre_start = _after_openers(text, start, cue.clause_start)
    head = _HEAD_BEFORE_QUOTE_RE.match(text, pre_start, cue.clause_start)
    if head is not None:
        pre_start = head.end()
    pre_end = _rstrip(text, pre_start, cue.clause_start)
    has_pre = pre_end > pre_start and _ends_with_boundary(text, pre_start, pre_end)
    subject, shared = cue.subject, None
    if subject is None and not cue.passive:
        coordinated = text[max(start, cue.clause_start - 8):cue.clause_start].rstrip().endswith(
            ("and", ",", "but"))
        if match.is_participle or coordinated and (earlier or not has_pre):
            if earlier:
                shared = earlier[-1]
                subject = shared.mention
            else:
                subject = sentence_subject(text, start, cue.clause_start)
                if subject is None:
                    return None
        elif has_pre and match.strength >= CueStrength.SPEECH:
            subject = speaker_after(text, match.end, stop)
            if subject is None or subject.kind == MentionKind.RELATIVE \
                    or not _ends_speaker_tag(text, subject.end, stop):
                return None
            return _content_first(text, pre_start, pre_end, stop, cue, subject, quotes,
                                  inverted=True)
        elif pre_end <= pre_start and match.form in _FRONTED_FORMS:
            return _read_fronted(text, stop, cue, quotes)
        else:
            return None
    quote_before = has_pre and text[pre_end - 1] in _QUOTE_CLOSERS
    if shared is None and has_pre and not cue.passive and not cue.after_verb and (
            quote_before or not _content_follows(text, match, stop)):
        return _content_first(text, pre_start, pre_end, stop, cue, subject, quotes,
                              inverted=False)
    finding = _content_after(text, match, stop, end, subject, quotes)
    if finding is not None:
        finding.shares_subject_with = shared
    return finding


_AS_BEFORE_RE = re.compile(r"(?<![\w’'-])[Aa]s\s+$")
_BY_AFTER_RE = re.compile(r"\s+(?:by|in)\s+")


def _as_by(text: str, start: int, match: CueMatch) -> _Cue | None:
    """'As reported by Western Journalism, …', '…, as recalled by Walter Hewlett': the one
    after 'by' is the source, read like 'according to' (the cue runs from 'as' to 'by')."""
    if match.is_participle or not match.form.endswith(("ed", "en", "said", "told", "shown")):
        return None
    before = _AS_BEFORE_RE.search(text, max(start, match.start - 4), match.start)
    after = _BY_AFTER_RE.match(text, match.end)
    if before is None or after is None:
        return None
    widened = CueMatch(before.start(), after.end() - 1, match.lemma, match.strength,
                       match.form, False)
    return _Cue(widened, None, False, before.start())


_TAG_TAIL_RE = re.compile(r"\s*(?:$|[,.;:!?()—–\"”’']|-\s|(?:who|whose|which|whom)\b)")


def _ends_speaker_tag(text: str, after: int, stop: int) -> bool:
    """'…, said Ana Lopez.' / '…, said Ana Lopez, the mayor' / '… on Tuesday': an inverted
    tag ends with its speaker; 'said the convention could fail' is no tag."""
    if _TAG_TAIL_RE.match(text, after, stop) is not None:
        return True
    return _ADJUNCT_RE.match(text, after, stop) is not None


_IMPRESSION_NEXT_RE = re.compile(
    r"\s+(?:(?:not|also|still|now|already|increasingly|more|less|very|to|that|likely|"
    r"unlikely|ready|poised|unable|able|willing|reluctant|eager|intent)\b|[a-z]+(?:ed|ing|ive|ful|"
    r"ous|ent|ant|ble|al|ic|ish|less|ly)\b)")
_EXPLETIVES = frozenset({"it", "there"})


_QUESTION_LEAD_RE = re.compile(
    r"(?:^|\b(?:when|once|after|if|while)(?:\s+(?:being|he|she|they|was|were))?|[,—–]|^\s*)\s*$",
    re.IGNORECASE)
_QUESTION_RE = re.compile(r"\b(?:whether|if|about|what|why|how|which|who|whom|when|where|to)\b")


def _read_question(text: str, stop: int, cue: _Cue, quotes: QuoteIndex) -> Finding | None:
    """'Asked (on Monday) whether he would run, Smith said …', '… when asked about it': the
    question is the content; whoever asked ('by a reporter') is the source."""
    match = cue.match
    if match.start > 0 and text[match.start - 1] not in " \n\t\"“(—–" and match.start != 0:
        return None
    wh = _QUESTION_RE.search(text, match.end, min(stop, match.end + 70))
    if wh is None:
        return None
    between = text[match.end:wh.start()]
    if "," in between or "." in between.replace(".", "", 0) and not between.strip():
        return None
    asker = None
    by = re.search(r"\bby\s+", between)
    if by is not None:
        asker = speaker_after(text, match.end + by.end(), wh.start())
    comma = text.find(",", wh.start(), stop)
    end = comma if comma >= 0 else stop
    content_end = _trim_end(text, wh.start(), end)
    if not has_words(text, 2, wh.start(), content_end):
        return None
    return _finding(text, [(wh.start(), content_end)], match, asker, "before the content", quotes)


def _read_impression(text: str, start: int, stop: int, cue: _Cue,
                     quotes: QuoteIndex) -> Finding | None:
    """'Clinton seemed irritated', 'it appears that …', 'X is expected to win': no holder is
    named; the content is the proposition, subject included."""
    match = cue.match
    if match.is_participle or _IMPRESSION_NEXT_RE.match(text, match.end, stop) is None:
        return None   # 'appeared on Fox News', 'seeming': not an impression
    subject = subject_before(text, start, _passive_start(text, start, match.start)) \
        if cue.passive else cue.subject
    if subject is not None and subject.kind == MentionKind.RELATIVE:
        return None
    if subject is None or subject.text.lower() in _EXPLETIVES:
        begin = match.end
        while begin < stop and text[begin].isspace():
            begin += 1
        if not text.startswith(("that", "to"), begin):
            return None
    else:
        begin = subject.start
    content_end = _trim_end(text, begin, stop)
    if not has_words(text, 3, begin, content_end):
        return None
    return _finding(text, [(begin, content_end)], match, None, "around the content", quotes)


_BE_BEFORE_RE = re.compile(r"\b(?:is|was|are|were|be|been|being)\s+(?:[a-z]+ly\s+|not\s+|also\s+)*$")


def _passive_start(text: str, start: int, cue_start: int) -> int:
    """Where 'is (widely) expected' begins, so the subject before it can be read."""
    found = _BE_BEFORE_RE.search(text, max(start, cue_start - 40), cue_start)
    return found.start() if found else cue_start


_FRONTED_FORMS = frozenset({"said", "says", "added", "adds", "wrote", "writes", "asked",
                            "asks", "explained", "recalled", "noted", "declared"})


def _read_fronted(text: str, stop: int, cue: _Cue, quotes: QuoteIndex) -> Finding | None:
    """'Said Ellis: “I don’t get the sense …”', 'Added Ms. Lopez, “…”': the verb first."""
    match = cue.match
    subject = speaker_after(text, match.end, stop)
    if subject is None or subject.kind in (MentionKind.RELATIVE, MentionKind.PRONOUN):
        return None
    after = _APPOSITIVE_TAIL_RE.match(text, subject.end, stop)
    begin = after.end() if after else subject.end
    if begin >= stop or text[begin] not in ",:":
        return None
    begin += 1
    while begin < stop and text[begin].isspace():
        begin += 1
    if begin >= stop or text[begin] not in "“\"‘«":
        return None
    return _finding(text, [(begin, _trim_end(text, begin, stop))], match, subject,
                    "before the quote", quotes)


_APPOSITIVE_TAIL_RE = re.compile(r",\s+(?:a|an|the|who|whose)\b[^,:“\"]{1,80}(?=[,:])")


def _ends_with_boundary(text: str, start: int, end: int) -> bool:
    last = text[end - 1]
    if last in ",—–:" or last in _QUOTE_CLOSERS:
        return True
    return last == "-" and end - start > 2 and text[end - 2] == " "


def _content_follows(text: str, cue: CueMatch, stop: int) -> bool:
    """After 'X, he said' : is there a content clause, or only adjuncts ('on Tuesday')?"""
    rest = text[_skip_addressee(text, cue, stop, find_that=False):stop]
    if rest.lstrip().startswith(","):
        # 'Clinton said, “I do take responsibility.”': a quotation after the comma is content.
        return rest.lstrip()[1:].lstrip()[:1] in ("“", "\"", "‘", "«")
    stripped = rest.strip(" ,")
    if not stripped or stripped in ".!?":
        return False
    if rest.lstrip().startswith(("“", "\"", ":", "‘", "«")):
        return True
    if _THAT_NEAR_RE.search(rest[:60]):
        return True
    return _ADJUNCT_RE.match(rest) is None


def _content_first(text: str, pre_start: int, pre_end: int, stop: int, cue: _Cue,
                   subject: Mention | None, quotes: QuoteIndex,
                   inverted: bool) -> Finding | None:
    spans = [(pre_start, _trim_end(text, pre_start, pre_end))]
    after_speaker = max(cue.match.end,
                        subject.end if inverted and subject is not None else cue.match.end)
    quoted_first = text[spans[0][1] - 1] in _QUOTE_CLOSERS
    tail = _second_part(text, after_speaker, stop, quoted_first or inverted)
    if tail is not None:
        spans.append(tail)
    layout = "after the quote" if quoted_first else "after the content"
    if tail is not None:
        layout = "between the two parts"
    return _finding(text, spans, cue.match, subject, layout, quotes)


def _second_part(text: str, after: int, stop: int, quoted_first: bool) -> tuple[int, int] | None:
    """'“A,” he said, “B.”' or 'Nato, he said, had prepared …': the part after the cue.

    After a quotation only another quotation continues it; what follows a
    quotation's cue unquoted is about the speaker ("said Ms Samour, 56, who …").
    """
    rest = text[after:stop]
    stripped = rest.lstrip()
    if not stripped.startswith(","):
        return None
    begin = after + (len(rest) - len(stripped)) + 1
    while begin < stop and text[begin].isspace():
        begin += 1
    if begin >= stop:
        return None
    if text[begin] in "“\"‘«":
        return begin, _trim_end(text, begin, stop)
    if quoted_first or _CLAUSE_START_RE.match(text, begin, stop) or text[begin].isupper():
        return None
    if not has_words(text, 3, begin, stop):
        return None
    return begin, _trim_end(text, begin, stop)


def _content_after(text: str, cue: CueMatch, stop: int, end: int, subject: Mention | None,
                   quotes: QuoteIndex) -> Finding | None:
    begin = _skip_addressee(text, cue, stop)
    while begin < stop and (text[begin].isspace() or text[begin] in ",:—–"):
        begin += 1
    content_end = _trim_end(text, begin, stop)
    cue_end = cue.end
    if cue_end < len(text) and text[cue_end] == ":":
        cue_end += 1
    if content_end <= begin:
        if text[cue.end:end].strip() == ":" and subject is not None:
            finding = Finding([], cue, cue_end, subject, "before the quote", [])
            finding.waiting_for_colon_content = True
            return finding
        return None
    if not _acceptable_content(text, cue, begin, content_end, subject):
        return None
    found = _finding(text, [(begin, content_end)], cue, subject, "before the content", quotes)
    if found is not None:
        found.cue_end = cue_end
    return found


def _skip_addressee(text: str, cue: CueMatch, stop: int, find_that: bool = True) -> int:
    """'told reporters that …', 'said on Tuesday that …': the content starts after them."""
    that = _THAT_NEAR_RE.search(text, cue.end, min(stop, cue.end + 50)) if find_that else None
    if that is not None and _ADJUNCT_RE.match(text, cue.end, that.start()) is not None \
            or that is not None and cue.lemma in ADDRESSEE_VERBS:
        return that.start()
    if cue.lemma not in ADDRESSEE_VERBS:
        return cue.end
    addressee = _ADDRESSEE_RE.match(text, cue.end, stop)
    return addressee.end() if addressee else cue.end


_CLAUSE_OPENERS = ("that", "to ", "how", "what", "whether", "why", "if", "who", "when", "where")


def _acceptable_content(text: str, cue: CueMatch, begin: int, end: int,
                        subject: Mention | None) -> bool:
    content = text[begin:end]
    minimum = 3 if cue.is_participle else 2
    if not has_words(content, minimum) and not content.startswith(("“", "\"", "‘")):
        return False
    if cue.strength == CueStrength.BELIEF and subject is None:
        return False
    if cue.lemma in QUOTE_ONLY:
        return content[0] in "“\"‘" or text[cue.end:begin].strip() == ":"
    if cue.lemma in NEEDS_CLAUSE:
        return content.lower().startswith(_CLAUSE_OPENERS) or content[0] in "“\"‘"
    return True


def _read_according_to(text: str, start: int, stop: int, cue: _Cue,
                       quotes: QuoteIndex) -> Finding | None:
    pre_start = _after_openers(text, start, cue.match.start)
    pre_end = _rstrip(text, pre_start, cue.match.start)
    content_first = pre_end > pre_start and text[pre_end - 1] in ",—–(" + _QUOTE_CLOSERS
    source = speaker_after(text, cue.match.end, stop, lenient=True, author=content_first)
    if source is None:
        return None
    if content_first:
        spans = [(pre_start, _trim_end(text, pre_start, pre_end))]
        tail = _second_part(text, source.end, stop, True)
        if tail is not None:
            spans.append(tail)
        return _finding(text, spans, cue.match, source, "after the content", quotes)
    if pre_end > pre_start:
        return None
    begin = source.end
    while begin < stop and (text[begin].isspace() or text[begin] in ",:"):
        begin += 1
    content_end = _trim_end(text, begin, stop)
    if not has_words(text, 3, begin, content_end):
        return None
    return _finding(text, [(begin, content_end)], cue.match, source, "before the content", quotes)


def _finding(text: str, spans: list[tuple[int, int]], cue: CueMatch, subject: Mention | None,
             layout: str, quotes: QuoteIndex) -> Finding | None:
    spans = [(s, e) for s, e in spans if e > s]
    if not spans:
        return None
    inside = [q for s, e in spans for q in quotes.overlapping(s, e)]
    finding = Finding(spans, cue, cue.end, subject, layout, inside)
    if inside:
        finding.quote_style = inside[0].style
        last_end = spans[-1][1]
        finding.ends_with_quote = any(q.end >= last_end - 1 and q.start <= spans[-1][0] + 1
                                      for q in inside)
    return finding


def kind_of(finding: Finding) -> QuoteKind:
    """Direct when quotation marks hold (nearly) all the content; mixed when some."""
    if not finding.quotes:
        return QuoteKind.INDIRECT
    content = sum(e - s for s, e in finding.spans)
    quoted = sum(max(0, min(e, q.end) - max(s, q.start))
                 for s, e in finding.spans for q in finding.quotes)
    if finding.continued:
        return QuoteKind.DIRECT if quoted * 2 >= content else QuoteKind.MIXED
    return QuoteKind.DIRECT if quoted >= 0.85 * content else QuoteKind.MIXED


def _trim_end(text: str, start: int, end: int) -> int:
    """Drop the sentence's own full stop and trailing commas/dashes (not a quote's own)."""
    while end > start and text[end - 1] in _TRAILING_PUNCT + ".":
        end -= 1
    return end


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
