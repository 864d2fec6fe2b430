"""Entry point of the `pactwatch` command (filled in by the cli modules)."""

import sys


def main(argv: list[str] | None = None) -> int:
    print("pactwatch: not yet implemented", file=sys.stderr)
    return 1
