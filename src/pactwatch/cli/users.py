"""``pactwatch users add|list|revoke``: the named accounts that may upload and review."""

from __future__ import annotations

import argparse
import sys

from pactwatch.cli._kb import add_db_argument, add_json_argument, guarded, open_kb, print_json
from pactwatch.cli._tables import plain

EXAMPLE = """  pactwatch users add maria --role review      # prints maria's token, once
  pactwatch users list
  pactwatch users revoke maria
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "users", help="add, list or revoke the accounts that may upload and review",
        description="Named accounts, kept in the knowledge base, that may write: role review (review and "
                    "upload) or admin (everything). A token is printed once when the account is added; only "
                    "a salted scrypt hash of it is stored. The server's --token-file token acts as the "
                    "admin account named admin.",
        epilog=f"examples:\n{EXAMPLE}", formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = p.add_subparsers(dest="users_command", metavar="ACTION")
    add = commands.add_parser("add", help="add an account and print its token (shown only this once)")
    add.add_argument("name", help="1 to 64 letters, digits, '_', '.' or '-'")
    add.add_argument("--role", required=True, choices=("review", "admin"), help="what the account may do")
    listing = commands.add_parser("list", help="list the accounts (never their tokens)")
    add_json_argument(listing)
    revoke = commands.add_parser("revoke", help="refuse an account's token from now on")
    revoke.add_argument("name")
    for sub, func in ((add, run_add), (listing, run_list), (revoke, run_revoke)):
        add_db_argument(sub)
        sub.set_defaults(func=func)
    p.set_defaults(func=lambda args: _usage(p))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


@guarded
def run_add(args: argparse.Namespace) -> int:
    from pactwatch.accounts import add_user

    kb = open_kb(args, create=True)  # accounts may be set up before the first ingest
    try:
        token = add_user(kb.engine, args.name, args.role)
    finally:
        kb.close()
    print(f"Added {args.name} (role {args.role}). Token, shown only now (only its hash is stored):")
    print(token)
    return 0


@guarded
def run_list(args: argparse.Namespace) -> int:
    from pactwatch.accounts import list_users

    kb = open_kb(args)
    try:
        users = list_users(kb.engine)
    finally:
        kb.close()
    if args.json:
        print_json(users)
        return 0
    for u in users:
        state = f"revoked {u['revoked']}" if u["revoked"] else "active"
        print(plain(f"{u['name']:<24} {u['role']:<7} created {u['created']}  {state}"))
    print(f"{len(users)} accounts.")
    return 0


@guarded
def run_revoke(args: argparse.Namespace) -> int:
    from pactwatch.accounts import revoke_user

    kb = open_kb(args)
    try:
        revoke_user(kb.engine, args.name)
    finally:
        kb.close()
    print(f"Revoked {args.name}: its token is refused from now on.")
    return 0
