"""robots.txt rules per site, parsed with ``urllib.robotparser`` and kept for a day.

The fetcher downloads robots.txt itself (with its own limits and User-Agent) and hands the outcome
here; this module only parses, caches and answers "may this URL be fetched?". RFC 9309 asks crawlers
not to trust a cached copy for more than 24 hours, so a long-running watch re-reads it daily.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

ROBOTS_TTL_S = 86_400.0
UNREACHABLE_TTL_S = 600.0  # a robots.txt that could not be read is asked for again after ten minutes


def site_of(url: str) -> str:
    """The origin robots.txt rules apply to: ``http://example.org:8080/a?b`` -> ``http://example.org:8080``."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "", "", ""))


def robots_url(url: str) -> str:
    """Where the rules for ``url``'s site live."""
    return site_of(url) + "/robots.txt"


def rules_from_body(body: bytes) -> RobotFileParser:
    """Parsed rules; undecodable bytes are replaced (a robots.txt is hostile input like any page)."""
    rules = RobotFileParser()
    rules.parse(body.decode("utf-8", errors="replace").splitlines())
    return rules


@dataclass
class _Entry:
    rules: RobotFileParser | None  # None: the site has no robots.txt, everything is allowed
    read_at: float
    problem: str | None = None  # why robots.txt could not be read: nothing on the site is fetched


class RobotsCache:
    """Rules per site, each kept ``ttl_s`` seconds of ``clock`` (a failure to read them, ``retry_s``)."""

    def __init__(self, user_agent: str, clock: Callable[[], float], ttl_s: float = ROBOTS_TTL_S,
                 retry_s: float = UNREACHABLE_TTL_S) -> None:
        self.user_agent = user_agent
        self._clock = clock
        self._ttl_s = ttl_s
        self._retry_s = retry_s
        self._entries: dict[str, _Entry] = {}

    def knows(self, url: str) -> bool:
        """Whether fresh rules for ``url``'s site are cached (else the caller fetches robots.txt)."""
        entry = self._entries.get(site_of(url))
        if entry is None:
            return False
        return self._clock() - entry.read_at < (self._ttl_s if entry.problem is None else self._retry_s)

    def remember(self, url: str, rules: RobotFileParser | None, problem: str | None = None) -> None:
        """Store the rules of ``url``'s site (None when the site has no robots.txt), or why they could
        not be read (then every page of the site is refused for ``retry_s``)."""
        self._entries[site_of(url)] = _Entry(rules, self._clock(), problem)

    def problem(self, url: str) -> str | None:
        """Why the rules of ``url``'s site could not be read, or None (call ``knows`` first)."""
        return self._entries[site_of(url)].problem

    def allowed(self, url: str) -> bool:
        """Whether the cached rules let our User-Agent fetch ``url`` (call ``knows`` first)."""
        entry = self._entries[site_of(url)]
        if entry.problem is not None:
            return False
        return entry.rules is None or entry.rules.can_fetch(self.user_agent, url)
