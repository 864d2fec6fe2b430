"""``watch.toml``: which feeds and folders to watch, how often, and who hears about what changed.

Read once at start, checked whole: every mistake is one ``ConfigError`` naming the file and the
entry ("watch.toml: [[source]] 2: 'every' must look like 15m, got 'soon'"), and a key the file
format does not know is an error too, so a typo (``evry``) is never silently ignored.
Paths in the file (a folder source, a ``log:`` target, a SQLite database) are relative to the
file's own folder, so cron can run ``pactwatch watch`` from anywhere.

>>> config = load_config("watch.toml")                      # doctest: +SKIP
>>> [(s.name, s.every_s) for s in config.sources]           # doctest: +SKIP
[('https://example.org/defence/rss.xml', 900.0), ('drops', 60.0)]
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

WEBHOOK_SECRET_ENV = "PACTWATCH_WEBHOOK_SECRET"
FEED_EVERY_S = 15 * 60.0
FOLDER_EVERY_S = 60.0
MIN_EVERY_S = 10.0
NOTICE_WITHIN_DAYS = 90
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smhd])\s*")
TOP_KEYS = ("db", "source", "fetch", "alert")
SOURCE_KEYS = ("url", "path", "every", "name")
ALERT_KEYS = ("when", "party", "domain", "kind", "notice_within_days", "to")
FETCH_TYPES: dict[str, type | tuple[type, ...]] = {
    "user_agent": str, "timeout_s": (int, float), "max_bytes": int, "retries": int, "backoff_s": (int, float),
    "per_host_delay_s": (int, float), "max_redirects": int, "respect_robots": bool, "max_retry_after_s": (int, float),
    "allow_private": bool,
}


class ConfigError(ValueError):
    """A mistake in the watch file: one line naming the file, the entry and what to write instead."""


@dataclass(frozen=True)
class Source:
    """One thing to watch: a feed (``url``) or a folder (``path``), read every ``every_s`` seconds.

    ``key`` names it in the knowledge base (seen items, fetch state): the feed's URL, or ``folder:``
    and the folder's absolute path, so renaming a source (``name``) loses nothing."""

    name: str
    every_s: float
    url: str | None = None
    path: Path | None = None

    @property
    def kind(self) -> str:
        return "feed" if self.url else "folder"

    @property
    def key(self) -> str:
        return self.url if self.url else f"folder:{self.path}"


@dataclass(frozen=True)
class AlertRule:
    """Which alerts go where: empty filters let everything through.

    ``when``: alert kinds; ``party``/``domain``/``kind``: filters on the changed record (see
    ``pactwatch.alerts.matches``); ``to``: targets (``console``, ``log:/abs/path``, ``webhook:URL``)."""

    when: tuple[str, ...]
    party: tuple[str, ...] = ()
    domain: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    notice_within_days: int = NOTICE_WITHIN_DAYS
    to: tuple[str, ...] = ("console",)


@dataclass(frozen=True)
class WatchConfig:
    """The whole file, checked. ``fetch``: the ``[fetch]`` overrides of ``FetchSettings``' defaults."""

    file: Path
    db: str | None
    sources: tuple[Source, ...]
    alerts: tuple[AlertRule, ...]
    fetch: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def fetch_settings(self) -> Any:
        """The ``FetchSettings`` the feeds are read with: the defaults, then ``[fetch]``."""
        from pactwatch.watch.fetch import FetchSettings

        return FetchSettings(**self.fetch)

    def notice_within_days(self) -> int:
        """How far ahead notice deadlines are looked for: the widest of the rules (90 without rules)."""
        return max((rule.notice_within_days for rule in self.alerts), default=NOTICE_WITHIN_DAYS)


def load_config(path: str | Path, environ: Mapping[str, str] | None = None) -> WatchConfig:
    """The checked configuration in ``path``; ``ConfigError`` for the first mistake found.

    ``environ`` (default ``os.environ``) is where a webhook's secret is looked for: never in the file."""
    file = Path(path)
    where = str(path)
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{where}: no such file (write one like watch.example.toml)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{where}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not valid TOML: {exc}") from None
    return parse_config(raw, file, environ if environ is not None else os.environ)


def parse_config(raw: Mapping[str, Any], file: Path, environ: Mapping[str, str]) -> WatchConfig:
    """``load_config`` after TOML: the checks, with ``file`` naming the file in messages and
    anchoring relative paths."""
    where = str(file)
    base = file.resolve().parent
    _check_keys(raw, TOP_KEYS, where, "the file")
    sources = _tables(raw, "source", where)
    if not sources:
        raise ConfigError(f"{where}: no [[source]]: add at least one (url = \"https://...\" or path = \"folder/\")")
    checked = tuple(_source(entry, f"{where}: [[source]] {n}", base) for n, entry in enumerate(sources, 1))
    _check_unique(checked, where)
    rules = tuple(_rule(entry, f"{where}: [[alert]] {n}", base, environ)
                  for n, entry in enumerate(_tables(raw, "alert", where), 1))
    return WatchConfig(file=file, db=_db(raw.get("db"), where, base), sources=checked, alerts=rules,
                       fetch=_fetch(raw.get("fetch", {}), f"{where}: [fetch]"))


def _tables(raw: Mapping[str, Any], name: str, where: str) -> list[Mapping[str, Any]]:
    value = raw.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"{where}: '{name}' must be a list of tables, written [[{name}]]")
    return value


def _check_keys(entry: Mapping[str, Any], allowed: tuple[str, ...], where: str, what: str) -> None:
    """A key ``entry`` may not have is an error naming the nearest allowed one."""
    for key in entry:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
            raise ConfigError(f"{where}: unknown key '{key}' in {what}; {hint}")


def _db(value: Any, where: str, base: Path) -> str | None:
    """The database URL; a relative SQLite file is taken relative to the file's folder."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: 'db' must be a database URL like \"sqlite:///pactwatch.db\", got {value!r}")
    prefix, sep, rest = value.partition(":///")
    if not sep and "://" not in value:
        prefix, rest = "sqlite", value
    if prefix == "sqlite" and rest and rest != ":memory:" and not rest.startswith(("/", "file:")):
        return f"sqlite:///{base / rest}"
    return value


def _source(entry: Mapping[str, Any], where: str, base: Path) -> Source:
    _check_keys(entry, SOURCE_KEYS, where, "a [[source]]")
    url, path = entry.get("url"), entry.get("path")
    if (url is None) == (path is None):
        raise ConfigError(f"{where}: give either 'url' (a feed) or 'path' (a folder), not "
                          f"{'both' if url is not None else 'neither'}")
    name = entry.get("name")
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise ConfigError(f"{where}: 'name' must be a non-empty string, got {name!r}")
    if url is not None:
        every = duration(entry.get("every"), FEED_EVERY_S, where)
        return Source(name=name or _check_url(url, where, "'url'"), every_s=every, url=url)
    if not isinstance(path, str) or not path.strip():
        raise ConfigError(f"{where}: 'path' must be a folder, got {path!r}")
    folder = (base / path).resolve()
    if not folder.is_dir():
        raise ConfigError(f"{where}: 'path' {path!r} is not a folder ({folder} "
                          f"{'is a file' if folder.exists() else 'does not exist'})")
    return Source(name=name or path.rstrip("/") or path, every_s=duration(entry.get("every"), FOLDER_EVERY_S, where),
                  path=folder)


def _check_url(url: Any, where: str, what: str) -> str:
    """``url`` when it is an http(s) URL with a host."""
    if not isinstance(url, str):
        raise ConfigError(f"{where}: {what} must be an http or https URL, got {url!r}")
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{where}: {what} must be an http or https URL, got {url!r}")
    return url


def _check_unique(sources: tuple[Source, ...], where: str) -> None:
    seen: dict[str, int] = {}
    for n, source in enumerate(sources, 1):
        for key in {source.key, f"name:{source.name}"}:
            if key in seen:
                raise ConfigError(f"{where}: [[source]] {n}: the same source as [[source]] {seen[key]} "
                                  f"({source.name}); give each source once, with its own name")
            seen[key] = n


def duration(value: Any, default: float, where: str) -> float:
    """Seconds in "30s", "15m", "1h" or "1d" (``default`` when absent), at least ``MIN_EVERY_S``.

    >>> duration("15m", 60, "w")
    900.0
    """
    if value is None:
        return default
    match = DURATION.fullmatch(value) if isinstance(value, str) else None
    if not match:
        raise ConfigError(f"{where}: 'every' must look like 15m (a number and s, m, h or d), got {value!r}")
    seconds = float(match.group(1)) * UNITS[match.group(2)]
    if seconds < MIN_EVERY_S:
        raise ConfigError(f"{where}: 'every' must be at least {MIN_EVERY_S:.0f}s, got {value!r}")
    return seconds


def _fetch(value: Any, where: str) -> dict[str, Any]:
    """The ``[fetch]`` overrides, each of its field's type."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: must be a table of settings ({', '.join(FETCH_TYPES)})")
    _check_keys(value, tuple(FETCH_TYPES), where, "[fetch]")
    for key, setting in value.items():
        if not _fits(setting, FETCH_TYPES[key]):
            wanted = {str: "a string", bool: "true or false", int: "a whole number >= 0"}.get(
                FETCH_TYPES[key], "a number >= 0")  # type: ignore[call-overload]
            raise ConfigError(f"{where}: '{key}' must be {wanted}, got {setting!r}")
    return dict(value)


def _fits(value: Any, wanted: type | tuple[type, ...]) -> bool:
    """``value`` is of the type wanted (a bool is not a number here) and, if a number, not negative."""
    if isinstance(value, bool) or not isinstance(value, wanted):
        return wanted is bool and isinstance(value, bool)
    return isinstance(value, str) or value >= 0


def _rule(entry: Mapping[str, Any], where: str, base: Path, environ: Mapping[str, str]) -> AlertRule:
    from pactwatch.alerts import ALERT_KINDS
    from pactwatch.facts import DOMAINS, OBLIGATION_KINDS, PROVISIONS

    _check_keys(entry, ALERT_KEYS, where, "an [[alert]]")
    when = _words(entry.get("when"), "when", where) or ALERT_KINDS
    for kind in when:
        if kind not in ALERT_KINDS:
            raise ConfigError(f"{where}: 'when' has {kind!r}, not an alert kind{_nearest(kind, ALERT_KINDS)}; "
                              f"alert kinds: {', '.join(ALERT_KINDS)}")
    domains = _words(entry.get("domain"), "domain", where)
    for domain in domains:
        if domain not in DOMAINS:
            raise ConfigError(f"{where}: 'domain' has {domain!r}{_nearest(domain, DOMAINS)}; "
                              f"domains: {', '.join(DOMAINS)}")
    kinds = _words(entry.get("kind"), "kind", where)
    allowed = tuple(dict.fromkeys((*PROVISIONS, *OBLIGATION_KINDS)))
    for kind in kinds:
        if kind not in allowed:
            raise ConfigError(f"{where}: 'kind' has {kind!r}{_nearest(kind, allowed)}; a kind is a provision or "
                              f"a duty: {', '.join(allowed)}")
    days = entry.get("notice_within_days", NOTICE_WITHIN_DAYS)
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 3660:
        raise ConfigError(f"{where}: 'notice_within_days' must be a whole number of days from 0 to 3660, got {days!r}")
    return AlertRule(when=tuple(when), party=tuple(_party(code, where) for code in _words(entry.get("party"), "party",
                                                                                          where)),
                     domain=tuple(domains), kind=kinds,
                     notice_within_days=days, to=_targets(entry.get("to"), where, base, environ))


def _words(value: Any, key: str, where: str) -> tuple[str, ...]:
    """A string or a list of strings as a tuple (empty when absent)."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: '{key}' must be a string or a list of strings, got {value!r}")
    return tuple(v.strip() for v in value)


def _nearest(value: str, allowed: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(value, list(allowed), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _party(code: str, where: str) -> str:
    """``code`` when the gazetteer knows it; else an error suggesting the code(s) meant, as ``--party`` does."""
    from pactwatch.gazetteer import actor_codes, unknown_code_hint

    if code in actor_codes():
        return code
    raise ConfigError(f"{where}: 'party' {code!r} is not an actor code; {unknown_code_hint(code)}")


def _targets(value: Any, where: str, base: Path, environ: Mapping[str, str]) -> tuple[str, ...]:
    """The rule's targets, checked: log paths made absolute, webhooks only with a secret to sign with."""
    targets = _words(value, "to", where) or ("console",)
    out = []
    for target in targets:
        kind, sep, rest = target.partition(":")
        if target == "console":
            out.append(target)
        elif kind == "log" and sep and rest.strip():
            out.append(f"log:{base / rest.strip()}")
        elif kind == "webhook" and sep:
            _check_url(rest, where, f"'to' {target!r}: the webhook")
            if not environ.get(WEBHOOK_SECRET_ENV):
                raise ConfigError(f"{where}: 'to' {target!r} needs a secret to sign with: set the environment "
                                  f"variable {WEBHOOK_SECRET_ENV} (the file never holds it)")
            out.append(target)
        else:
            raise ConfigError(f"{where}: 'to' has {target!r}; a target is \"console\", \"log:PATH\" or "
                              "\"webhook:URL\"")
    return tuple(out)
