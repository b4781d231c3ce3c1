"""The primary-source subcommands: align (a quote against a source file, no project needed)."""

from __future__ import annotations

import argparse

from workbench.cli.common import command, emit_json, shorten
from workbench.domain.alignment import SourceCheck, SourceVerdict

VERDICT_WORDS = {
    SourceVerdict.VERBATIM: "verbatim",
    SourceVerdict.MINOR: "minor differences",
    SourceVerdict.ALTERED: "altered",
    SourceVerdict.TRIMMED: "trimmed",
    SourceVerdict.SOMEONE_ELSE: "said by someone else",
    SourceVerdict.NOT_FOUND: "not found in this source",
    SourceVerdict.PARAPHRASE: "reported speech found",
}
EDIT_WORDS = {
    "changed": "changed", "added": "added", "dropped": "dropped", "spelling": "spelling (minor)",
    "contraction": "contraction (minor)", "filler": "filler (minor)", "punctuation": "punctuation (minor)",
    "bracket": "bracketed clarification (allowed)", "typography": "typography (allowed)",
}


def _configure_align(p: argparse.ArgumentParser) -> None:
    p.add_argument("quote", metavar="QUOTE_TEXT")
    p.add_argument("source", metavar="SOURCE_FILE", help="a text, HTML, Word or Markdown file, or a web address")
    p.add_argument("--speaker", metavar="NAME", help="who the article says spoke the words")
    p.add_argument("--reported", action="store_true",
                   help="the words are reported speech (no quotation marks): matched on meaning, never verbatim")
    p.add_argument("--json", action="store_true")


@command("align", "find a quote in a primary source and propose a verdict (verbatim, altered...)", _configure_align)
def cmd_align(args: argparse.Namespace) -> int:
    from workbench.services.source_check import check_as_json, check_file

    check, read = check_file(args.quote, args.source, speaker=args.speaker, reported=args.reported)
    if args.json:
        emit_json(check_as_json(check, read))
        return 0
    _print_check(check, read.source.text)
    return 0


def _print_check(check: SourceCheck, text: str) -> None:
    print(f"verdict: {VERDICT_WORDS[check.verdict]} (score {check.score:.1f})")
    print(f"  {check.reason}")
    for n, p in enumerate(check.passages, 1):
        who = p.speaker or "no speaker label"
        if p.speaker_matches is True:
            who += f" (matches {check.claimed_speaker})"
        elif p.speaker_matches is False:
            who += f" (not {check.claimed_speaker})"
        print(f"passage {n}: characters {p.start}–{p.end}, speaker {who}, score {p.score:.1f}")
        before = shorten(text[max(0, p.start - 60):p.start], 60)
        after = shorten(text[p.end:p.end + 60], 60)
        print(f"  …{before} «{text[p.start:p.end]}» {after}…")
    for n, g in enumerate(check.gaps, 1):
        how = "marked with an ellipsis" if g.marked else "NOT marked"
        cut = f"; it holds {', '.join(g.cut_words)}" if g.cut_words else ""
        words = "1 word" if g.words == 1 else f"{g.words} words"
        print(f"gap {n}: characters {g.start}–{g.end}, {words} left out, {how}{cut}")
    if check.edits:
        print("word edits:")
    for e in check.edits:
        print(f"  {EDIT_WORDS.get(e.kind, e.kind):<34} source “{e.source_text.strip()}” (characters "
              f"{e.source_start}–{e.source_end}) → quote “{e.quote_text.strip()}” ({e.quote_start}–{e.quote_end})")
    for note in check.notes:
        print(f"note: {note}")
