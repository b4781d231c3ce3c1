"""Run `quote-workbench ARGS` in-process, as a script would, and capture what it printed."""

from workbench.app import main


def cli(capsys, *args):
    code = main(["quote-workbench", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err
