"""Actor codes given on the command line: checked against the gazetteer, with a suggestion when wrong.

The store matches ``--party`` exactly, so ``--party Azerbaijan`` or ``--party aze`` would quietly
list nothing. A value that is not a code is refused, naming the code(s) it most likely meant:
a name, demonym or capital the gazetteer knows ("Azerbaijan", "Azeri", "Baku" -> AZE), the same
code in other case ("aze" -> AZE), or near misses of codes and names ("AZR", "Azerbajan" -> AZE).
"""

from __future__ import annotations

from pactwatch.gazetteer import actor_codes, unknown_code_hint


def check_actor_code(option: str, value: str | None) -> str | None:
    """``value`` when it is an actor code (or None); else ValueError that suggests the likely code.

    >>> check_actor_code("--party", "Azerbaijan")
    Traceback (most recent call last):
    ...
    ValueError: --party 'Azerbaijan' is not an actor code; did you mean AZE (Azerbaijan)?
    """
    if value is None or value in actor_codes():
        return value
    hint = unknown_code_hint(value)
    raise ValueError(f"{option} {value!r} is not an actor code{'; ' if hint.startswith('did') else ': '}{hint}")
