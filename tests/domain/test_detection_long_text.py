"""A long text naming many people (a big import) must not make the speaker registry
quadratic: the look-ups that walked over every name mention of the text per call now
read an index. Each test counts the mentions a look-up reads (no timing) and compares
the answer with the expression it replaced; ``benchmarks.check_identical`` guards the
whole corpus.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.domain.detection import detect_quotes
from workbench.domain.detection.mentions import Mention, MentionKind
from workbench.domain.detection.speakers import SpeakerRegistry, _surnames_re


class _CountingList(list):
    """A list that counts the items read from it, one by one or by iterating."""

    reads = 0

    def __getitem__(self, key):
        item = super().__getitem__(key)
        _CountingList.reads += len(item) if isinstance(key, slice) else 1
        return item

    def __iter__(self):
        for item in super().__iter__():
            _CountingList.reads += 1
            yield item


def _families(count: int) -> str:
    """``count`` paragraphs, each naming two namesakes in full, then one by a title and
    a bare surname: 'Sen. Abbot' and 'Abbot' are either of them."""
    paragraphs = []
    for n in range(count):
        surname = "Abb" + "".join("abcdefghij"[int(d)] for d in str(n)) + "ot"
        paragraphs.append(f"Carl {surname} met Dana {surname} on Monday. Sen. {surname} said "
                          f"the plan was sound, and {surname} agreed with the committee.")
    return "\n\n".join(paragraphs) + "\n"


def _old_namesake_walk(positions: list[int], entities: list[int], wanted: set[int],
                       at: int) -> tuple[int, int] | None:
    """The look-up before the index: walk back over every full mention before ``at``."""
    import bisect
    k = bisect.bisect_left(positions, at) - 1
    while k >= 0 and entities[k] not in wanted:
        k -= 1
    return (positions[k], entities[k]) if k >= 0 else None


@pytest.mark.patches_detector
def test_titled_namesakes_are_counted_once_not_over_every_earlier_mention() -> None:
    class Counting(SpeakerRegistry):
        def _collect_names(self, text: str) -> None:
            self._positions, self._position_entity = _CountingList(), _CountingList()
            super()._collect_names(text)

    _CountingList.reads = 0
    registry = Counting(_families(400))
    mentions = len(registry._positions)
    assert mentions >= 1600   # two full names and the titled and bare surnames per family
    # 400 titled namesakes: each read every earlier mention (~320,000 reads) before
    assert _CountingList.reads < 4 * mentions


def test_a_bare_surname_of_namesakes_is_looked_up_without_walking_back_over_the_text() -> None:
    text = _families(300)
    registry = SpeakerRegistry(text)
    positions = _CountingList(registry._full_positions)
    entities = _CountingList(registry._full_entities)
    first_family = registry._by_surname["abbaot"]
    assert len(first_family) == 2
    _CountingList.reads = 0
    for at in range(len(text) - 2000, len(text), 10):   # far from the first family
        registry._namesake(first_family, at, positions, entities)
    # 200 look-ups: each walked back over ~900 full mentions (both lists) before; now the
    # index and the table of first mentions read both lists once
    assert _CountingList.reads <= 4 * len(positions)


def test_the_namesake_look_up_finds_what_walking_back_found() -> None:
    text = _families(12)
    registry = SpeakerRegistry(text)
    positions, entities = registry._full_positions, registry._full_entities
    for surname in ("abbaot", "abbbot", "abbbaot"):
        family = registry._by_surname[surname]
        for at in range(0, len(text), 7):
            walked = _old_namesake_walk(positions, entities, set(family), at)
            found = registry._namesake(family, at, positions, entities)
            if walked is not None and at - walked[0] < 300:
                assert found == walked[1]


def test_a_pronoun_reads_only_the_people_named_within_its_reach() -> None:
    text = _families(300) + "Carl Abbaot spoke last. He said the plan was sound.\n"
    registry = SpeakerRegistry(text)

    class CountingItems(dict):
        reads = 0

        def items(self):
            for item in super().items():
                CountingItems.reads += 1
                yield item

    registry._entity_positions = CountingItems(registry._entity_positions)
    he = text.rindex("He said")
    resolution = registry.resolve(Mention(he, he + 2, MentionKind.PRONOUN, "He", he, he + 2), 0)
    assert resolution.name == "Carl Abbaot"
    assert CountingItems.reads == 0   # it went over all 600 people before


def test_a_pronoun_in_a_long_text_gets_the_same_speaker_as_in_its_own_article() -> None:
    article = ("Maria Okafor, the council leader, defended the budget on Tuesday.\n\n"
               "“We listened, and we changed it,” she said.\n")
    alone = detect_quotes(article)
    inside = detect_quotes(_families(200) + "\n" + article)
    assert alone[-1].speaker_name == inside[-1].speaker_name == "Maria Okafor"
    assert inside[-1].reason == alone[-1].reason
    assert inside[-1].confidence == alone[-1].confidence


def _longest_first_alternation(forms: frozenset[str]) -> re.Pattern[str]:
    """The surname pattern before the trie: one alternative per surname, longest first."""
    words = "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True))
    return re.compile(r"(?:" + words + r")(?:’s|'s)?(?![\w’'-]|[ \t]+[A-Z])")


_SURNAME = st.text(alphabet="LeOo’'-.", min_size=1, max_size=6).map(lambda s: "L" + s)


@given(st.frozensets(_SURNAME, min_size=1, max_size=12),
       st.lists(st.one_of(_SURNAME, st.sampled_from([" ", " A", "’s", "'s", "x", "\t", "-", ". "])),
                max_size=30))
def test_the_surname_trie_matches_what_the_longest_first_alternation_matched(forms, parts) -> None:
    text = "".join(parts)
    trie = _surnames_re(forms)
    old = _longest_first_alternation(forms)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in old.finditer(text)]


def test_the_surname_pattern_writes_a_shared_start_once() -> None:
    forms = frozenset(f"Mac{a}{b}" for a in "abcdefghij" for b in "klmnopqrst")
    # one 'Mac' and one branch per second letter, not a hundred alternatives
    assert _surnames_re(forms).pattern.count("Mac") == 1


def _after_abbreviation_by_search(text: str, begin: int, dot: int) -> bool:
    """segmentation.after_abbreviation before the speed work: a regex search of 12 characters."""
    from workbench.domain.detection.segmentation import _ABBREVIATIONS
    if text[dot] != ".":
        return False
    word = re.compile(r"([\w.]+)$").search(text, max(begin, dot - 12), dot)
    if word is None:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


@given(st.text(alphabet="Mr.USJ_ x(\t\u00a0é1", max_size=30), st.data())
def test_the_abbreviation_test_agrees_with_the_regex_search(text: str, data) -> None:
    from workbench.domain.detection.segmentation import after_abbreviation
    text += "."
    dot = data.draw(st.integers(0, len(text) - 1))
    begin = data.draw(st.integers(0, dot))
    assert after_abbreviation(text, begin, dot) == _after_abbreviation_by_search(text, begin, dot)


def _named_elsewhere_over_the_whole_text(text: str, surname: str, label_at: int,
                                         label_end: int) -> bool:
    """reading._named_elsewhere before the speed work: its pattern run over the whole text."""
    from workbench.domain.detection.reading import _NOT_FIRST_NAMES
    from workbench.domain.lexicon import PERSON_CHECK_HONORIFICS, alternation
    surname = re.escape(surname.rstrip(".,"))
    pattern = re.compile(
        r"\b(?:(?:" + alternation(PERSON_CHECK_HONORIFICS) + r")\.?\s+|(?P<first>[A-Z][a-z]+)\s+)"
        + surname + r"\b|\b" + surname + r"\s+(?:said|says|told|tells|added|wrote|argued|asked)\b")
    for found in pattern.finditer(text):
        if found.start() <= label_at < found.end() + 2 or label_at <= found.start() < label_end:
            continue
        first = found.group("first")
        if first is not None and first.lower() in _NOT_FIRST_NAMES:
            continue
        return True
    return False


_LABEL_PIECES = st.sampled_from(["Warren", "Warren.", "Warrens", "Sen.", "Sen", "Mr", "Elizabeth",
                                 "In", "the", "said", "argued", "asked", "x", " ", "  ", "\n", "\t",
                                 ".", ":", ",", "’s", "é", "Warr", "en"])


@given(st.lists(_LABEL_PIECES, max_size=40), st.sampled_from(["Warren", "Warren.", "en", "Sen"]),
       st.data())
def test_the_label_name_check_finds_what_the_whole_text_scan_found(pieces, surname, data) -> None:
    from workbench.domain.detection.reading import _named_elsewhere
    text = "".join(pieces)
    label_at = data.draw(st.integers(0, len(text)))
    label_end = data.draw(st.integers(label_at, len(text)))
    assert _named_elsewhere(text, surname, label_at, label_end) == \
        _named_elsewhere_over_the_whole_text(text, surname, label_at, label_end)


def test_the_label_name_check_reads_only_around_the_surname_in_a_long_transcript() -> None:
    from workbench.domain.detection.reading import _surname_windows
    filler = "The senators argued about the budget for most of the afternoon.\n" * 20000
    text = filler + "Sen. Warren said no.\n" + filler + "WARREN: We will not.\n"
    windows = _surname_windows(text, "Warren")
    assert sum(end - start for start, end in windows) < 40   # of 2.6 million characters
    assert any(start <= text.index("Sen. Warren") and text.index(" no.") <= end
               for start, end in windows)


def test_role_mentions_compare_each_pair_of_roles_once(monkeypatch) -> None:
    from workbench.domain.detection import speakers
    text = "".join(f"Senate candidate Carl Abb{'abcdefghij'[n % 10]}{'abcdefghij'[n // 10]}ot "
                   f"spoke on Monday.\n\n" for n in range(100))
    registry = SpeakerRegistry(text)
    calls = []
    real_ratio = speakers.fuzz.ratio

    class CountingFuzz:
        @staticmethod
        def ratio(a, b):
            calls.append((a, b))
            return real_ratio(a, b)

    speakers._role_fits.cache_clear()
    monkeypatch.setattr(speakers, "fuzz", CountingFuzz)
    at = len(text)
    for _ in range(50):
        resolution = registry._resolve_role(["the", "candidate"], at, "the candidate")
        assert resolution is not None and resolution.name == "Carl Abbjjot"   # named last
    # 100 people with the same role: compared once, not once per mention (5,000 before)
    assert len(calls) == len(set(calls)) <= 2


@given(st.lists(st.sampled_from(["senate", "candidate", "chairman", "democratic", "presidential",
                                 "nominee", "chair", "of", "judge", "justice"]), min_size=1,
                max_size=4),
       st.lists(st.sampled_from(["senate", "candidate", "chairman", "democratic", "presidential",
                                 "nominee", "chair", "contender", "judge"]), min_size=1, max_size=4))
def test_a_role_fits_as_the_inline_comparison_decided(role_words, known_words) -> None:
    from workbench.domain.detection.speakers import _ROLE_HEADS, _ROLE_MATCH, _role_fits, fuzz
    role, known = " ".join(role_words), " ".join(known_words)
    head = _ROLE_HEADS.get(role.split()[-1], role.split()[-1])
    role = role[:len(role) - len(role.split()[-1])] + head
    inline = fuzz.ratio(role, known) >= _ROLE_MATCH or _ROLE_HEADS.get(
        known.split()[-1], known.split()[-1]) == head and (
            role in known or set(role.split()) <= {_ROLE_HEADS.get(w, w) for w in known.split()})
    assert _role_fits(role, known) == inline


@pytest.mark.patches_detector
def test_acronyms_are_looked_up_in_one_reading_of_the_text(monkeypatch) -> None:
    from workbench.domain.detection import speakers
    letters = "ABCDEFGHIJKLMNOPRSTW"
    names = [f"{a}{b}{c}" for a in letters[:5] for b in letters[5:10] for c in letters[10:12]]
    text = "".join(f"The {' '.join(w + 'ville' for w in name)} board met. "
                   f"\"We agree,\" the {name} said.\n\n" for name in names)   # 50 acronyms
    reads = []
    real = speakers._spelt_out_forms
    monkeypatch.setattr(speakers, "_spelt_out_forms", lambda t: reads.append(len(t)) or real(t))
    quotes = detect_quotes(text)
    assert reads == [len(text)]   # one reading for 50 acronyms, not one each
    assert quotes[0].speaker_name == " ".join(w + "ville" for w in names[0])
