"""`quote-workbench SUBCOMMAND`: argument parsing and dispatch.

Exit codes: 0 done; 1 refused or failed with a message on stderr; 2 wrong usage.
Each subcommand lives in a module of this package and registers itself with ``command``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from workbench import __version__
from workbench.cli import commands, compare, report, review  # noqa: F401  (registers the subcommands)
from workbench.cli.common import COMMANDS
from workbench.domain.errors import UserFacingError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quote-workbench",
        description="Find, attribute and verify the quotes in news articles. "
                    "Without a subcommand, opens the window on the given files.")
    parser.add_argument("--version", action="version", version=f"quote-workbench {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    for name, cmd in COMMANDS.items():
        cmd.configure(sub.add_parser(name, help=cmd.help, description=cmd.help))
    return parser


def run(argv: Sequence[str]) -> int:
    """Run one subcommand; ``argv`` excludes the program name."""
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command].run(args)
    except UserFacingError as err:
        print(f"quote-workbench: {err.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("quote-workbench: interrupted; nothing more was changed.", file=sys.stderr)
        return 130
