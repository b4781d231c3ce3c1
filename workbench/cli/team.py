"""`quote-workbench team`: who is on a PostgreSQL team desk, as analyst or reviewer (docs/team-desk.md).

    team add URL NAME --role analyst|reviewer [--password-env VAR]
    team list URL
    team remove URL NAME

Members are database login roles holding the group role ``qwb_analyst`` or ``qwb_reviewer``; the database's
privileges, not the window, decide what each may change. A password is read from the environment variable
named by --password-env (never from the command line, where other users see it) and never printed.
"""

from __future__ import annotations

import argparse
import os

from workbench.cli.common import command
from workbench.domain.errors import UserFacingError
from workbench.persistence import team


def _configure_team(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="team_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="put a person on the desk (creates their login if missing)",
                             description="put a person on the desk (creates their login if missing)")
    add.add_argument("url", metavar="URL", help="the team project, postgresql://HOST/DATABASE")
    add.add_argument("name", metavar="NAME", help="their database login name")
    add.add_argument("--role", required=True, choices=sorted(team.ROLES), help="analyst or reviewer")
    add.add_argument("--password-env", metavar="VAR",
                     help="the environment variable holding the new login's password (default: no password)")
    listing = actions.add_parser("list", help="the desk's members and their roles",
                                 description="the desk's members and their roles")
    listing.add_argument("url", metavar="URL")
    remove = actions.add_parser("remove", help="take a person's desk roles away (their login stays)",
                                description="take a person's desk roles away (their login stays)")
    remove.add_argument("url", metavar="URL")
    remove.add_argument("name", metavar="NAME")


@command("team", "who may do what on a PostgreSQL team project: add, list or remove analysts and reviewers",
         _configure_team)
def cmd_team(args: argparse.Namespace) -> int:
    if args.team_action == "add":
        password = None
        if args.password_env:
            password = os.environ.get(args.password_env)
            if not password:
                raise UserFacingError(f"The environment variable {args.password_env} holds no password; "
                                      "nothing was changed.")
        with team.desk_database(args.url) as connection:
            created = team.add_member(connection, args.name, args.role, password)
        made = "created the login and " if created else ""
        print(f"{made}added {args.name} to the desk as {args.role}")
        return 0
    if args.team_action == "remove":
        with team.desk_database(args.url) as connection:
            taken = team.remove_member(connection, args.name)
        print(f"removed {args.name} from the desk ({', '.join(taken)}); their database login stays")
        return 0
    with team.desk_database(args.url) as connection:
        people = team.members(connection)
    if not people:
        print("No one is on this desk yet.")
    for person in people:
        note = "" if person.can_log_in else "  (cannot sign in)"
        print(f"{person.name}\t{', '.join(person.roles)}{note}")
    return 0
