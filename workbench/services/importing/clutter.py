"""Page clutter in text copied from a web page: general rules, documented in docs/import.md.

Three kinds of rule, all on whole lines:

* a line that is clutter on its own (an id line, a video-player notice, a cookie
  or newsletter prompt, share buttons, an agency photo credit...);
* a header that opens a list of links ("Related stories", "You may also like",
  "Most read"): the header and the run of headline-like lines after it, up to the
  next real paragraph; a header followed at once by a paragraph is kept;
* a header that opens the comment section ("Leave a Reply", "12 comments"): the
  header and everything after it.

Each rule matches the whole line, never a phrase inside a paragraph, so a
sentence about cookies or JavaScript in an article is kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

_END = r"[\s.!:…]*$"

ID_LINE = "id line"
VIDEO = "video player notice"
JAVASCRIPT = "JavaScript notice"
COOKIES = "cookie notice"
NEWSLETTER = "newsletter or subscription prompt"
SHARE = "share buttons"
ADVERT = "advertisement label"
NAVIGATION = "page navigation"
CREDIT = "photo credit"
RELATED_LINK = "link to another article"
RELATED_HEADER = "header of a list of links"
RELATED_HEADLINE = "list of related headlines"
COMMENT_FORM = "comment form"
COMMENT_SECTION = "after the comment form"


_WHOLE_LINE_MAX = 120  # longer than any line a whole-line rule matches


class _Rule(NamedTuple):
    reason: str
    pattern: re.Pattern[str]
    max_length: int  # checked before the pattern: most article lines are longer


def _whole_line(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{pattern}){_END}", re.IGNORECASE)


def _line_is(reason: str, pattern: str) -> _Rule:
    return _Rule(reason, _whole_line(pattern), _WHOLE_LINE_MAX)


def _line_starts(reason: str, pattern: str, max_length: int) -> _Rule:
    return _Rule(reason, re.compile(rf"^(?:{pattern})", re.IGNORECASE), max_length)


_ID_TOKEN = r"(?:[a-z]{0,4}\d{5,}[a-z\d]*|(?=[a-f\d]*\d)(?=[a-f\d]*[a-f])[a-f\d]{8,}|[a-f\d]{8}(?:-[a-f\d]{4}){3}-[a-f\d]{12})"
_SHARE_WORD = (
    r"share|tweet|email|e-mail|print|copy link|facebook|twitter|x|whatsapp|linkedin|"
    r"reddit|pinterest|telegram|messenger|flipboard|bluesky|threads|save|comment"
)
_AGENCY = (
    r"reuters|getty images|getty|afp|ap|associated press|epa|epa-efe|pa media|pa|"
    r"shutterstock|alamy|bloomberg|anadolu agency|xinhua|tass|dpa|ap photo|afp photo"
)

_STANDALONE_RULES: list[_Rule] = [
    _Rule(ID_LINE, re.compile(rf"^{_ID_TOKEN}(?:[\s,;|]+{_ID_TOKEN})*$", re.IGNORECASE), _WHOLE_LINE_MAX),
    _line_starts(
        VIDEO,
        r"(?:this )?video (?:can ?not|cannot|could not|can't|is not|isn't) (?:be )?(?:played|available|load)|"
        r"to (?:play|view|watch) this (?:video|content|media)|"
        r"your (?:browser|device) (?:does not|doesn't|can ?not) (?:support|play)|"
        r"media playback is (?:unsupported|not supported)|video unavailable",
        160,
    ),
    _line_starts(
        JAVASCRIPT,
        r"(?:please )?(?:enable|turn on) javascript|javascript (?:is )?(?:disabled|required)|"
        r"you need to (?:enable|turn on) javascript|this (?:site|page|content) requires javascript",
        160,
    ),
    _line_starts(
        COOKIES,
        r"(?:we|this (?:web)?site|our (?:web)?site) uses? cookies (?:and|to|for|on|so)\b"
        r"(?=.*\b(?:experience|browsing|website|site|agree|accept|consent|privacy|policy)\b)|"
        r"by (?:continuing|using this (?:web)?site)[^.]{0,80}\b(?:cookies|agree)|"
        r"(?:accept|reject|manage|allow) (?:all )?cookies|cookie (?:settings|preferences|policy|consent)",
        300,
    ),
    _line_starts(
        NEWSLETTER,
        r"(?:sign up|subscribe|register) (?:(?:for|to) (?:our|the)|now|today|here)|"
        r"get (?:our|the) [\w\s]{0,30}newsletter|(?:enter|your) e-?mail address(?! will not)|"
        r"already (?:a subscriber|have an account)|"
        r"(?:get|have) [\w\s]{0,40}delivered (?:straight )?to your inbox",
        200,
    ),
    _line_is(NEWSLETTER, r"subscribe|sign up|sign in|log in|newsletter|unsubscribe"),
    _line_is(
        SHARE,
        rf"share(?: (?:this|the) (?:article|story|page|post)| (?:on|via) \w+)?|"
        rf"(?:(?:{_SHARE_WORD})[\s,|·•]*){{2,}}",
    ),
    _line_is(
        ADVERT,
        r"advertisement|advertising|sponsored(?: content)?|ad|"
        r"(?:story|article) continues below(?: advertisement)?|"
        r"continue reading (?:below|the main story)|scroll to continue(?: with content)?",
    ),
    _line_is(
        NAVIGATION,
        r"skip to (?:main )?(?:content|navigation)|back to top|"
        r"(?:open|close|toggle) (?:menu|navigation|search)|menu|search|home",
    ),
    _line_is(
        CREDIT,
        rf"(?:(?:image|photo|picture)(?: source| credit)?[,:]\s*)?(?:{_AGENCY})(?:\s*(?:/|via|,)\s*(?:{_AGENCY}))*",
    ),
    _line_starts(CREDIT, r"(?:image|media) (?:source|caption)\s*,|(?:photo|image) credit\s*:", 200),
    _line_starts(RELATED_LINK, r"(?:related|read more|read also|also read|see also|more on this)\s*[:|]\s*\S", 200),
    _line_starts(
        COMMENT_FORM,
        r"your email address will not be published|required fields are marked|"
        r"this site uses akismet|save my name, email|you must be logged in to post|"
        r"cancel reply|post comment",
        200,
    ),
]

_RELATED_HEADER = _whole_line(
    r"related(?: (?:articles?|stories|story|content|posts?|news|coverage|topics|links|reading))?|"
    r"(?:\w+ )?you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|"
    r"(?:recommended|suggested)(?: (?:for you|articles|stories|reading))?|"
    r"read (?:more|next)|more (?:on this|stories|news|from [\w\s]{1,30})|"
    r"(?:most (?:read|popular|viewed|shared)|top stories|trending(?: now)?|latest news|"
    r"around the web|promoted stories|elsewhere on the web|don't miss|what to read next)"
)
_COMMENT_HEADER = _whole_line(
    r"leave a (?:reply|comment)|post a comment|add (?:a|your) comment|"
    r"join the (?:conversation|discussion)|show comments|view comments|"
    r"\d[\d,]* (?:comments?|responses?|replies)|comments?(?: \(\d+\))?"
)
_HEADLINE_MAX_CHARS = 120
_HEADLINE_MAX_WORDS = 18
_SENTENCE_END = re.compile(r"[.;:,]['\"’”)]*$")


def find_clutter(lines: Sequence[str]) -> dict[int, str]:
    """Map the index of each clutter line in ``lines`` to the reason it is clutter.

    ``lines`` are stripped lines; blank ones are never clutter.
    """
    removed: dict[int, str] = {}
    in_headline_list = False
    for index, line in enumerate(lines):
        if not line:
            continue
        if _COMMENT_HEADER.match(line):
            removed[index] = COMMENT_FORM
            removed.update(
                (later, COMMENT_SECTION)
                for later in range(index + 1, len(lines))
                if lines[later]
            )
            break
        if _RELATED_HEADER.match(line) and _opens_list_of_links(lines, index):
            removed[index] = RELATED_HEADER
            in_headline_list = True
            continue
        reason = _standalone_reason(line)
        if reason is not None:
            removed[index] = reason
        elif in_headline_list and _looks_like_headline(line):
            removed[index] = RELATED_HEADLINE
        else:
            in_headline_list = False
    return removed


def _opens_list_of_links(lines: Sequence[str], header_index: int) -> bool:
    """False when a real paragraph follows: then the header is a section heading ("Top stories")."""
    following = next((line for line in lines[header_index + 1:] if line), None)
    return (
        following is None
        or _looks_like_headline(following)
        or _standalone_reason(following) is not None
        or bool(_RELATED_HEADER.match(following) or _COMMENT_HEADER.match(following))
    )


def _standalone_reason(line: str) -> str | None:
    for rule in _STANDALONE_RULES:
        if len(line) <= rule.max_length and rule.pattern.match(line):
            return rule.reason
    return None


def _looks_like_headline(line: str) -> bool:
    return (
        len(line) <= _HEADLINE_MAX_CHARS
        and len(line.split()) <= _HEADLINE_MAX_WORDS
        and (line[0].isupper() or line[0].isdigit() or line[0] in "‘“'\"")
        and not _SENTENCE_END.search(line)
    )
