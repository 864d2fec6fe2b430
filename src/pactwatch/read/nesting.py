"""Cap how deep a page's elements nest, keeping every word, before an HTML parser sees it.

libxml2 (under lxml, under trafilatura) stops building the tree at 256 levels of nesting and drops
everything below (2,048 with its "huge" option), so a page whose article sits under 5,000 nested
``<div>``s loses its article. Hostile or badly generated pages do this. Here the tags that would open
a level past ``MAX_DEPTH`` are left out, with their matching end tags; the text inside them stays,
joined to the deepest kept element. Normal pages nest a few dozen levels and come back unchanged.

>>> cap_nesting("<div>" * 3 + "text" + "</div>" * 3, max_depth=2)
'<div><div>text</div></div>'
"""

from __future__ import annotations

import re
from itertools import accumulate

MAX_DEPTH = 200  # well under libxml2's 256, leaving room for html, body and what the parser adds
# Comments and raw-text elements are skipped whole (a "<div>" inside a script is not a tag);
# then start and end tags. A tag's attributes may hold ">" inside quotes.
TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(?P<raw>script|style|textarea|title)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?(?:</(?P=raw)\s*>|\Z)"
    r"|<(?P<end>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(?P<self>/?)>",
    re.DOTALL | re.IGNORECASE,
)
# The quick look: every "<x" opens and every "</x" closes, in C speed; void elements, tags in scripts
# and omitted end tags make it overcount (then the exact pass runs for nothing), "</x" inside scripts
# or comments could make it undercount, hence the margin of half the limit.
ROUGH_TAG = re.compile(r"<(/?)[A-Za-z]")
ROUGH_STEP = {"": 1, "/": -1}
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})


def cap_nesting(html: str, max_depth: int = MAX_DEPTH) -> str:
    """``html`` with no element nested deeper than ``max_depth``; the same string when none is.

    Start tags past the cap are dropped and remembered; an end tag closes the innermost dropped
    element first (those are always the deepest open ones), else a kept one as the parser would.
    """
    if not _may_nest_deeper(html, max_depth):
        return html
    kept: list[str] = []
    dropped: list[str] = []
    cuts: list[tuple[int, int]] = []
    for token in TOKEN.finditer(html):
        name = token.group("name")
        if name is None:
            continue
        name = name.lower()
        if name in VOID or token.group("self"):
            continue
        if not token.group("end"):
            if len(kept) >= max_depth:
                dropped.append(name)
                cuts.append(token.span())
            else:
                kept.append(name)
        elif name in dropped:
            while dropped.pop() != name:  # unclosed elements inside it end with it, as a parser ends them
                pass
            cuts.append(token.span())
        elif name in kept:
            while kept.pop() != name:  # an end tag also closes what is still open inside it
                pass
            dropped.clear()
    if not cuts:
        return html
    return _without(html, cuts)


def _may_nest_deeper(html: str, max_depth: int) -> bool:
    """Whether the page might nest past ``max_depth``: a rough count decides if the exact pass is worth it."""
    if html.count("<") <= max_depth:
        return False  # too few tags to nest that deep
    return max(accumulate(map(ROUGH_STEP.__getitem__, ROUGH_TAG.findall(html)))) > max_depth // 2


def _without(html: str, cuts: list[tuple[int, int]]) -> str:
    """``html`` less the given spans (in order, not overlapping)."""
    pieces: list[str] = []
    start = 0
    for begin, end in cuts:
        pieces.append(html[start:begin])
        start = end
    pieces.append(html[start:])
    return "".join(pieces)
