"""``newsreader reviews setup-roles``: an administrator gives each reviewer a role of their
own on the team's PostgreSQL server, so that nobody can write as someone else."""

from __future__ import annotations

import argparse
import sys

from ..store.reviews import ReviewPermissionError, ReviewStore, ReviewStoreUnavailable, is_postgres_url, redact_url
from .common import Parser, UsageError, notice, settings


def add_parsers(sub: argparse._SubParsersAction[Parser]) -> None:
    p_reviews = sub.add_parser(
        "reviews",
        help="team review on a PostgreSQL server: set up one role per person",
        description="Team review on a shared PostgreSQL server (reviews_url in config.toml).",
    )
    actions = p_reviews.add_subparsers(dest="action", metavar="ACTION", required=True)
    p_roles = actions.add_parser(
        "setup-roles",
        help="give each person a login role; row-level security keeps them to their own verdicts",
        description="Create (or extend) the review database's roles: every --reviewer and --adjudicator gets "
        "a login role of their own; a verdict's reviewer is then the server's current_user, row-level "
        "security lets each person insert or change only their own verdicts, and only adjudicators may settle. "
        "Run it as the database's owner. Passwords are not set here: use the server's authentication "
        "(pg_hba.conf) or ALTER ROLE … PASSWORD. Running it again adds people and changes nothing else.",
        epilog="example:\n  newsreader reviews setup-roles --url postgresql://admin@db/newsreader "
        "--reviewer alice --reviewer bob --adjudicator carol",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_roles.add_argument("--url", help="the database, as its owner (default: reviews_url)")
    p_roles.add_argument("--reviewer", action="append", default=[], metavar="NAME", help="a reviewer's role name")
    p_roles.add_argument("--adjudicator", action="append", default=[], metavar="NAME", help="may also settle claims")
    p_roles.add_argument("--print-sql", action="store_true", help="print the SQL instead of running it")
    p_roles.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def dispatch(args: argparse.Namespace) -> int:
    return _cmd_setup_roles(args)


def _cmd_setup_roles(args: argparse.Namespace) -> int:
    url = args.url or settings().effective_reviews_url
    if not url or not is_postgres_url(url):
        raise UsageError("reviews setup-roles: give --url postgresql://… (or set reviews_url)")
    if not args.reviewer and not args.adjudicator:
        raise UsageError("reviews setup-roles: name at least one --reviewer or --adjudicator")
    try:
        store = ReviewStore(url=url, reviewer="admin")
    except (ReviewStoreUnavailable, ReviewPermissionError) as exc:
        raise UsageError(f"reviews setup-roles: {exc}") from None
    with store:
        try:
            statements = store.setup_roles(args.reviewer, args.adjudicator, run=not args.print_sql)
        except ValueError as exc:
            raise UsageError(f"reviews setup-roles: {exc}") from None
        except (ReviewStoreUnavailable, ReviewPermissionError) as exc:
            raise UsageError(f"reviews setup-roles: {exc} (connect as the database's owner)") from None
    if args.print_sql:
        sys.stdout.write("BEGIN;\n" + "".join(f"{s};\n" for s in statements) + "COMMIT;\n")
        return 0
    shown = redact_url(url)
    for name in args.reviewer:
        print(f"reviewer     {name}: connects as postgresql://{name}@{_host(shown)}")
    for name in args.adjudicator:
        print(f"adjudicator  {name}: connects as postgresql://{name}@{_host(shown)} (may settle claims)")
    notice(
        "row-level security is on: each person writes only their own verdicts; "
        "set passwords with ALTER ROLE … PASSWORD or the server's pg_hba.conf"
    )
    return 0


def _host(url: str) -> str:
    """``host:port/db`` of a URL (no user, no password)."""
    rest = url.split("://", 1)[1]
    return rest.rsplit("@", 1)[-1].split("?", 1)[0]
