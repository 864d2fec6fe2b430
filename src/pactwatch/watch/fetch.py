"""Fetch a URL politely and defensively: one place where pactwatch talks HTTP to other people's sites.

Everything a site sends is hostile input, and every site deserves good manners, so a ``Fetcher``

* names itself (``User-Agent: pactwatch/<version> (+news monitor)``) and obeys robots.txt, read
  through this same fetcher and kept a day per site. A site without robots.txt (any 4xx) may be read;
  a robots.txt that cannot be read (5xx, timeout, too many redirects) refuses the site's pages until
  it answers, as RFC 9309 asks ("unreachable" means "disallow everything");
* waits ``per_host_delay_s`` between two requests to the same host (retries, redirects and robots.txt
  included);
* follows at most ``max_redirects`` redirects itself (relative ``Location`` resolved), so each hop is
  checked against robots.txt and counted;
* gives up on a request after ``timeout_s`` (per read, and for the whole body, so a page that drips one
  byte at a time ends too), and stops reading a body past ``max_bytes`` (at once when Content-Length
  says so);
* retries connection errors, timeouts, 5xx and 429 ``retries`` times with exponential backoff
  (``backoff_s``, then twice that, ...; a Retry-After is honoured up to ``max_retry_after_s``), never
  a 4xx, which will not change by asking again;
* sends If-None-Match / If-Modified-Since when given the validators of an earlier fetch, and returns
  ``Fetched(status=304)`` when nothing changed;
* refuses hosts (at any hop) that resolve to private, loopback or link-local addresses, other than
  the host the operator named (``site``; ``allow_private`` lifts this): a feed item's link must not
  point the watcher at the local network or a cloud metadata service.

Every failure is one ``FetchError`` whose message names the URL asked for and one reason, e.g.
``http://example.org/x: HTTP 500``. ``sleep`` and ``clock`` are injected so tests can check the waits
without waiting; the whole-body deadline uses the real monotonic clock, since it bounds real network time.
A Fetcher is for one thread at a time.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

import pactwatch
from pactwatch.watch.robots import RobotsCache, robots_url, rules_from_body

REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_ERROR_DETAIL_CHARS = 160


@dataclass(frozen=True)
class FetchSettings:
    """How a Fetcher behaves; the defaults suit a news monitor that reads a few feeds every few minutes."""

    user_agent: str = f"pactwatch/{pactwatch.__version__} (+news monitor)"
    timeout_s: float = 20.0
    max_bytes: int = 5_000_000
    retries: int = 2
    backoff_s: float = 1.0
    per_host_delay_s: float = 1.0
    max_redirects: int = 5
    respect_robots: bool = True
    max_retry_after_s: float = 60.0
    allow_private: bool = False  # item links may point at private, loopback or link-local addresses of other hosts

    def __post_init__(self) -> None:
        if not self.user_agent.strip():
            raise ValueError("FetchSettings.user_agent must name the client, e.g. 'pactwatch/0.1 (+news monitor)'")
        for name in ("timeout_s", "max_bytes"):
            if getattr(self, name) <= 0:
                raise ValueError(f"FetchSettings.{name} must be positive, got {getattr(self, name)!r}")
        for name in ("retries", "backoff_s", "per_host_delay_s", "max_redirects", "max_retry_after_s"):
            if getattr(self, name) < 0:
                raise ValueError(f"FetchSettings.{name} must be zero or more, got {getattr(self, name)!r}")


class FetchError(Exception):
    """A URL could not be fetched; ``str(error)`` is ``"<url>: <reason>"``, one line for the user.

    ``status`` is the HTTP status when the failure was one (a 404, a 500 after the retries), else None.
    ``lasting``: trying again later would get the same answer (robots.txt forbids it, a 404, a
    redirect loop, too large, not http), so a watcher gives the item up at once instead of
    fetching it again for rounds; a timeout, a refused connection or a 5xx may pass.
    """

    def __init__(self, url: str, reason: str, *, status: int | None = None, lasting: bool | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
        self.lasting = lasting if lasting is not None else (status is not None and 400 <= status < 500
                                                            and status not in (408, 429))


@dataclass(frozen=True)
class Fetched:
    """What a fetch got: the body of a 200, or an empty body for 304 (the caller's copy is current).

    ``etag`` and ``last_modified`` are the validators to send next time (for a 304, the server's new
    ones if it sent any, else the ones the caller sent).
    """

    url: str
    final_url: str
    status: int
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Answer:
    """One HTTP exchange: status, headers and (for a 2xx) the body read within the limits."""

    url: str
    status: int
    headers: httpx.Headers
    body: bytes = b""
    retry_after: str | None = field(default=None)


class _Failed(Exception):
    """One attempt failed; ``retry`` says whether asking again may help."""

    def __init__(self, reason: str, *, retry: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry = retry


class Fetcher:
    """Polite HTTP GETs with limits; see the module docstring. Use as a context manager or call ``close``.

    >>> with Fetcher() as fetcher:  # doctest: +SKIP
    ...     fetched = fetcher.get("https://example.org/rss.xml")
    ...     again = fetcher.get(fetched.url, etag=fetched.etag, last_modified=fetched.last_modified)
    """

    def __init__(self, settings: FetchSettings = FetchSettings(), *,  # noqa: B008  (frozen, so safe to share)
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self._sleep = sleep
        self._clock = clock
        self._last_request: dict[str, float] = {}
        self._robots = RobotsCache(settings.user_agent, clock)
        self._client = httpx.Client(follow_redirects=False, timeout=httpx.Timeout(settings.timeout_s),
                                    headers={"User-Agent": settings.user_agent})

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            site: str | None = None) -> Fetched:
        """Fetch ``url`` (following redirects), conditionally when validators are given; FetchError on failure.

        ``site``: the host the operator named for this fetch (a feed's host, for its items' links);
        by default ``url``'s own host. Any other host, at any hop, must not be a private, loopback
        or link-local address (``allow_private`` lifts this): a feed's links are a third party's
        words, and must not point the watcher at the local network or a cloud metadata service."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        trusted = (site if site is not None else urlsplit(url).hostname or "").lower()
        answer = self._follow(url, headers, check_robots=self.settings.respect_robots, trusted=trusted)
        if answer.status == 304:
            return Fetched(url, answer.url, 304, b"", answer.headers.get("Content-Type"),
                           answer.headers.get("ETag") or etag, answer.headers.get("Last-Modified") or last_modified)
        return Fetched(url, answer.url, 200, answer.body, answer.headers.get("Content-Type"),
                       answer.headers.get("ETag"), answer.headers.get("Last-Modified"))

    # -- redirects and robots ------------------------------------------------------------------
    def _follow(self, url: str, headers: dict[str, str], *, check_robots: bool, trusted: str = "") -> _Answer:
        """The final 200 or 304 after at most ``max_redirects`` hops; any other end is a FetchError."""
        current = url
        for hop in range(self.settings.max_redirects + 1):
            _check_scheme(url, current)
            if not self.settings.allow_private:
                _check_public(url, current, trusted)
            if check_robots and not self._robots_allow(url, current):
                where = "" if current == url else f" (redirected to {current})"
                raise FetchError(url, f"disallowed by robots.txt{where}", lasting=True)
            answer = self._with_retries(url, current, headers)
            location = answer.headers.get("Location")
            if answer.status in REDIRECTS and location:
                if hop == self.settings.max_redirects:
                    break
                current = urljoin(current, location.strip())
                continue
            if 200 <= answer.status < 300 or answer.status == 304:
                return answer
            where = "" if current == url else f" at {current}"
            raise FetchError(url, f"HTTP {answer.status}{where}", status=answer.status)
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects", lasting=True)

    def _robots_allow(self, url: str, target: str) -> bool:
        """Whether robots.txt lets us fetch ``target``; reads the site's robots.txt when not cached."""
        if not self._robots.knows(target):
            try:
                answer = self._follow(robots_url(target), {}, check_robots=False,  # the host was checked already
                                     trusted=(urlsplit(target).hostname or "").lower())
                self._robots.remember(target, rules_from_body(answer.body))
            except FetchError as error:
                if error.status is not None and 400 <= error.status < 500 and error.status != 429:
                    self._robots.remember(target, None)  # no robots.txt: the site sets no rules
                else:
                    self._robots.remember(target, None, problem=error.reason)
        problem = self._robots.problem(target)
        if problem is not None:
            raise FetchError(url, f"robots.txt could not be read ({problem}); the site is not read until it answers")
        return self._robots.allowed(target)

    # -- retries and politeness ----------------------------------------------------------------
    def _with_retries(self, url: str, target: str, headers: dict[str, str]) -> _Answer:
        """One answer for ``target``: retried on connection errors, timeouts, 5xx and 429."""
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                answer = self._once(target, headers)
            except _Failed as failure:
                if not failure.retry or last:
                    raise FetchError(url, failure.reason, lasting=not failure.retry) from None
                self._sleep(self._backoff(attempt, None))
                continue
            if (answer.status >= 500 or answer.status == 429) and not last:
                self._sleep(self._backoff(attempt, answer.retry_after))
                continue
            return answer
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        """Seconds before the next attempt: Retry-After when the server gave one (capped), else exponential."""
        asked = _retry_after_seconds(retry_after, time.time())
        if asked is not None:
            return min(asked, self.settings.max_retry_after_s)
        return self.settings.backoff_s * (2 ** attempt)

    def _wait_for_host(self, target: str) -> None:
        """Keep ``per_host_delay_s`` between the end of one request to a host and the start of the next."""
        host = urlsplit(target).netloc.lower()
        previous = self._last_request.get(host)
        if previous is not None:
            wait = previous + self.settings.per_host_delay_s - self._clock()
            if wait > 0:
                self._sleep(wait)

    # -- one request ---------------------------------------------------------------------------
    def _once(self, target: str, headers: dict[str, str]) -> _Answer:
        """One GET, its body read for a 2xx within the size limit and the whole-body deadline."""
        self._wait_for_host(target)
        try:
            with self._client.stream("GET", target, headers=headers) as response:
                answer = _Answer(target, response.status_code, response.headers,
                                 retry_after=response.headers.get("Retry-After"))
                if 200 <= response.status_code < 300:
                    answer.body = self._read_body(response)
                return answer
        except httpx.TimeoutException:
            raise _Failed(f"timed out after {self.settings.timeout_s:g} s", retry=True) from None
        except httpx.TransportError as error:
            raise _Failed(f"connection failed ({_detail(error)})", retry=True) from None
        except httpx.DecodingError as error:
            raise _Failed(f"body could not be decoded ({_detail(error)})", retry=False) from None
        except httpx.InvalidURL as error:
            raise _Failed(f"invalid URL ({_detail(error)})", retry=False) from None
        finally:
            self._last_request[urlsplit(target).netloc.lower()] = self._clock()

    def _read_body(self, response: httpx.Response) -> bytes:
        """The body, refused past ``max_bytes`` (decoded size) or once ``timeout_s`` has passed in all."""
        limit = self.settings.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _Failed(f"larger than {limit} bytes (Content-Length {declared})", retry=False)
        deadline = time.monotonic() + self.settings.timeout_s
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise _Failed(f"larger than {limit} bytes", retry=False)
            if time.monotonic() > deadline:
                raise _Failed(f"timed out after {self.settings.timeout_s:g} s", retry=True)
            chunks.append(chunk)
        return b"".join(chunks)


def _check_public(url: str, target: str, trusted: str) -> None:
    """FetchError unless ``target``'s host is ``trusted`` or every address it resolves to is public.
    A name that does not resolve is left to the connection (which fails with its own reason)."""
    host = (urlsplit(target).hostname or "").lower()
    if not host or host == trusted:
        return
    private = [address for address in _addresses(host) if _not_public(address)]
    if private:
        where = "" if target == url else f" (redirected to {target[:MAX_ERROR_DETAIL_CHARS]})"
        raise FetchError(url, f"{host} is a private address ({private[0]}): a feed may not point pactwatch at the "
                              f"local network{where}", lasting=True)


def _addresses(host: str) -> list[str]:
    try:
        return [ipaddress.ip_address(host).compressed]
    except ValueError:
        pass
    try:
        return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, None)})
    except (OSError, UnicodeError):
        return []


def _not_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast
            or ip.is_unspecified)


def _check_scheme(url: str, target: str) -> None:
    """Only http and https are fetched (a redirect to file: or ftp: is refused, not followed)."""
    scheme = urlsplit(target).scheme.lower()
    if scheme not in ("http", "https"):
        where = "" if target == url else f" (redirected to {target[:MAX_ERROR_DETAIL_CHARS]})"
        raise FetchError(url, f"not an http(s) URL{where}", lasting=True)


def _retry_after_seconds(value: str | None, now: float) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _detail(error: BaseException) -> str:
    """The first line of an exception's message (or its type), kept short for a one-line reason."""
    text = str(error).strip().split("\n", 1)[0] or type(error).__name__
    return text[:MAX_ERROR_DETAIL_CHARS]
