"""`quote-workbench SUBCOMMAND`: argument parsing and dispatch.

Exit codes: 0 done; 1 refused or failed with a message on stderr (an unexpected error too: one
sentence and where the log is, the traceback in the log); 2 wrong usage; 130 interrupted.
Each subcommand lives in a module of this package and registers itself with ``command``.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Sequence

from workbench import __version__
from workbench.cli import commands, compare, report, review, sources, team  # noqa: F401  (registers the subcommands)
from workbench.cli.common import COMMANDS, SAVED, refusal
from workbench.domain.errors import UserFacingError
from workbench.logs import log_unexpected, where_the_details_are


# Errors writing standard output: a full disk (`> /dev/full`), a reader that went away (`| head -1`), I/O.
_OUTPUT_ERRORS = {errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EDQUOT, errno.EFBIG}


def _output_failed(err: OSError) -> int:
    """Standard output could not be written. Exit 0 if the command had already saved its change
    (the work is done; only its report was lost), else 1. A closed pipe is not worth a sentence."""
    _drop_stdout()
    saved = bool(SAVED)
    if err.errno != errno.EPIPE:
        reason = err.strerror or str(err)
        if saved:
            print(f"quote-workbench: the change to “{os.path.basename(SAVED[-1])}” was saved, but the output "
                  f"could not be written ({reason}).", file=sys.stderr)
        else:
            print(f"quote-workbench: the output could not be written ({reason}); nothing was changed.",
                  file=sys.stderr)
    return 0 if saved else 1


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so that Python's final flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test's capture): nothing is flushed at exit


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
    SAVED.clear()
    try:
        code = COMMANDS[args.command].run(args)
        sys.stdout.flush()  # an output error shows here, not as a traceback at exit
        return code
    except UserFacingError as err:
        print(refusal(err), file=sys.stderr)
        return 1
    except OSError as err:
        if err.errno not in _OUTPUT_ERRORS:
            raise
        return _output_failed(err)
    except KeyboardInterrupt:
        print("quote-workbench: interrupted; nothing more was changed.", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: one sentence and where the details are, never a traceback
        path = log_unexpected(error, f"quote-workbench {args.command}")
        print(f"quote-workbench: something went wrong inside Quote Workbench ({type(error).__name__}); "
              f"anything already saved is safe. {where_the_details_are(path)}", file=sys.stderr)
        return 1
