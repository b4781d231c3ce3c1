"""Bytes to text: byte-order marks first, then strict UTF-8, then charset-normalizer.

The one place where text is normalised (``normalise_lines``): every importer
calls it once, so the same bytes always give the same article text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes
from charset_normalizer.cd import coherence_ratio
from charset_normalizer.md import mess_ratio

from workbench.domain.errors import ImportRefused

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# On a short text several single-byte code pages decode cleanly and
# charset-normalizer may rank an exotic one (mac_latin2, cp1006...) first. Among
# candidates about as clean as its best, take the one whose letters look most like
# a language, and on a tie Windows-1252, the page Western newsrooms use.
_PREFERRED = "cp1252"
# Code pages still in use for text files; without this list old DOS and Mac pages
# (cp437, mac_latin2...) often win on short texts.
_ENCODINGS_IN_USE = [
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "cp1258", "latin_1", "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_9",
    "iso8859_15", "koi8_r", "koi8_u", "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr",
]
_CLEANLINESS_MARGIN = 0.1
_SAMPLE_CHARS = 200_000

_LINE_BREAKS = re.compile(r"\r\n|[\r\v\f\x1c-\x1e\x85\u2028\u2029]")
# Removed: soft hyphen, zero-width space, word joiner, BOM, and the bidi embedding, override and
# isolate controls (U+202A-202E, U+2066-2069), which can make a quote read on screen otherwise than
# it is. Kept: ZWNJ and ZWJ (U+200C/D: Persian, Indic scripts, emoji) and the LRM/RLM/ALM marks,
# which place punctuation in right-to-left text and cannot reorder letters. (docs/import.md)
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_INLINE_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def decode_bytes(data: bytes, name: str) -> str:
    """Decode ``data`` (the content of the file called ``name``) or refuse it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError:
                raise _not_text(name) from None
    if b"\x00" in data:
        raise _not_text(name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _decode_detected(data)
    if text is None or _looks_binary(text):
        raise _not_text(name)
    return text


def _decode_detected(data: bytes) -> str | None:
    candidates = {
        match.encoding: (match.chaos, match.coherence)
        for match in from_bytes(data, cp_isolation=_ENCODINGS_IN_USE)
    }
    if not candidates:
        return None
    if _PREFERRED not in candidates:
        try:
            sample = data.decode(_PREFERRED)[:_SAMPLE_CHARS]
        except UnicodeDecodeError:
            pass
        else:
            language = coherence_ratio(sample)
            candidates[_PREFERRED] = (
                mess_ratio(sample, maximum_threshold=1.0),
                language[0][1] if language else 0.0,
            )
    cleanest = min(chaos for chaos, _ in candidates.values())
    plausible = [
        (round(coherence, 2), encoding == _PREFERRED, encoding)
        for encoding, (chaos, coherence) in candidates.items()
        if chaos <= cleanest + _CLEANLINESS_MARGIN
    ]
    encoding = max(plausible)[2]
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_binary(text: str) -> bool:
    sample = text[:_SAMPLE_CHARS]
    return len(_CONTROL.findall(sample)) > max(2, len(sample) // 200)


def _not_text(name: str) -> ImportRefused:
    return ImportRefused(
        f"“{name}” is not a text file (it holds binary data). "
        "Import a text file, a saved web page (.html) or a Word file (.docx)."
    )


def normalise_lines(text: str) -> list[str]:
    """NFC, no invisible characters, plain spaces, no trailing spaces; split at any line break."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _INLINE_SPACE.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    return [line.rstrip() for line in text.split("\n")]


def normalise_text(text: str) -> str:
    return "\n".join(normalise_lines(text))
