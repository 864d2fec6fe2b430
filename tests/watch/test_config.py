"""watch.toml: a good file read whole, and each kind of mistake named with its file and entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.watch.config import ConfigError, load_config

SECRET = {"PACTWATCH_WEBHOOK_SECRET": "s3cret"}
GOOD = """
db = "watch.db"
[[source]]
url = "https://example.org/defence/rss.xml"
every = "15m"
[[source]]
path = "drops/"
name = "drops"
[fetch]
timeout_s = 5
per_host_delay_s = 0.5
respect_robots = false
allow_private = true
[[alert]]
when = ["new_agreement", "ratified"]
party = ["AZE", "TUR"]
notice_within_days = 120
to = ["log:alerts.jsonl", "webhook:http://127.0.0.1:9000/hook", "console"]
[[alert]]
domain = "security"
kind = ["mutual_defense", "defend"]
"""


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "drops").mkdir(exist_ok=True)
    path = tmp_path / "watch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str, environ: dict[str, str] | None = None) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text), environ=SECRET if environ is None else environ)
    return str(caught.value)


def test_a_good_file_is_read_whole_with_paths_from_its_own_folder(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD), environ=SECRET)
    feed, folder = config.sources
    assert (feed.kind, feed.name, feed.every_s, feed.key) == ("feed", feed.url, 900.0, feed.url)
    assert (folder.kind, folder.name, folder.every_s, folder.path) == ("folder", "drops", 60.0,
                                                                       (tmp_path / "drops").resolve())
    assert config.db == f"sqlite:///{tmp_path.resolve() / 'watch.db'}"
    assert config.fetch == {"timeout_s": 5, "per_host_delay_s": 0.5, "respect_robots": False, "allow_private": True}
    first, second = config.alerts
    assert first.when == ("new_agreement", "ratified") and first.party == ("AZE", "TUR")
    assert first.to == (f"log:{tmp_path.resolve() / 'alerts.jsonl'}", "webhook:http://127.0.0.1:9000/hook", "console")
    assert second.when[0] == "new_agreement" and len(second.when) == 7  # every kind by default
    assert (second.domain, second.kind, second.to, second.notice_within_days) == (
        ("security",), ("mutual_defense", "defend"), ("console",), 90)
    assert config.notice_within_days() == 120


def test_fetch_settings_start_from_the_defaults(tmp_path: Path) -> None:
    pytest.importorskip("pactwatch.watch.fetch")
    settings = load_config(write(tmp_path, GOOD), environ=SECRET).fetch_settings()
    assert (settings.timeout_s, settings.per_host_delay_s, settings.respect_robots) == (5, 0.5, False)
    assert settings.max_redirects == 5 and "pactwatch" in settings.user_agent and settings.allow_private


def test_a_database_url_is_kept_and_the_db_may_be_left_out(tmp_path: Path) -> None:
    text = '[[source]]\nurl = "http://h/f.xml"\n'
    assert load_config(write(tmp_path, text)).db is None
    assert load_config(write(tmp_path, 'db = "postgresql://u@h/pw"\n' + text)).db == "postgresql://u@h/pw"
    assert load_config(write(tmp_path, 'db = "sqlite:////srv/pw.db"\n' + text)).db == "sqlite:////srv/pw.db"


@pytest.mark.parametrize(("text", "message"), [
    ('[[source]]\nurl = "http://h/f.xml"\nevery = "soon"\n',
     "watch.toml: [[source]] 1: 'every' must look like 15m (a number and s, m, h or d), got 'soon'"),
    ('[[source]]\nurl = "http://h/f.xml"\nevery = "2s"\n', "[[source]] 1: 'every' must be at least 10s, got '2s'"),
    ('[[source]]\nurl = "http://h/f.xml"\n[[source]]\nurl = "ftp://h/f.xml"\n',
     "watch.toml: [[source]] 2: 'url' must be an http or https URL, got 'ftp://h/f.xml'"),
    ('[[source]]\nurl = "http://h/f.xml"\npath = "drops"\n',
     "[[source]] 1: give either 'url' (a feed) or 'path' (a folder), not both"),
    ('[[source]]\nname = "x"\n', "[[source]] 1: give either 'url' (a feed) or 'path' (a folder), not neither"),
    ('[[source]]\npath = "nowhere"\n', "[[source]] 1: 'path' 'nowhere' is not a folder ("),
    ('[[source]]\nurl = "http://h/f.xml"\nevry = "1h"\n',
     "watch.toml: [[source]] 1: unknown key 'evry' in a [[source]]; did you mean 'every'?"),
    ('[[source]]\nurl = "http://h/f.xml"\n[[source]]\nurl = "http://h/f.xml"\n',
     "[[source]] 2: the same source as [[source]] 1"),
    ('sources = []\n', "watch.toml: unknown key 'sources' in the file; did you mean 'source'?"),
    ('db = "x.db"\n', "watch.toml: no [[source]]: add at least one"),
    ('[[source]\nurl = 1\n', "watch.toml: not valid TOML: "),
    ('[[source]]\nurl = "http://h/f.xml"\n[fetch]\ntimeout = 3\n',
     "watch.toml: [fetch]: unknown key 'timeout' in [fetch]; did you mean 'timeout_s'?"),
    ('[[source]]\nurl = "http://h/f.xml"\n[fetch]\nmax_bytes = "big"\n',
     "[fetch]: 'max_bytes' must be a whole number >= 0, got 'big'"),
    ('[[source]]\nurl = "http://h/f.xml"\n[fetch]\nrespect_robots = "no"\n',
     "[fetch]: 'respect_robots' must be true or false, got 'no'"),
    ('[[source]]\nurl = "http://h/f.xml"\n[[alert]]\nwhen = ["ratifed"]\n',
     "watch.toml: [[alert]] 1: 'when' has 'ratifed', not an alert kind (did you mean 'ratified'?)"),
    ('[[source]]\nurl = "http://h/f.xml"\n[[alert]]\nparty = ["Azerbaijan"]\n',
     "watch.toml: [[alert]] 1: 'party' 'Azerbaijan' is not an actor code; did you mean AZE (Azerbaijan)?"),
    ('[[source]]\nurl = "http://h/f.xml"\n[[alert]]\nparty = "AZR"\n',
     "[[alert]] 1: 'party' 'AZR' is not an actor code; did you mean AZE (Azerbaijan)"),
    ('[[source]]\nurl = "http://h/f.xml"\n[[alert]]\ndomain = "defence"\n', "[[alert]] 1: 'domain' has 'defence'"),
    ('[[source]]\nurl = "http://h/f.xml"\n[[alert]]\nkind = "mutual_defence"\n',
     "[[alert]] 1: 'kind' has 'mutual_defence' (did you mean 'mutual_defense'?)"),
    ('[[source]]\nurl = "http://h/f.xml"\n[[alert]]\nnotice_within_days = "soon"\n',
     "[[alert]] 1: 'notice_within_days' must be a whole number of days from 0 to 3660, got 'soon'"),
    ('[[source]]\nurl = "http://h/f.xml"\n[[alert]]\nto = ["email:me@example.org"]\n',
     "[[alert]] 1: 'to' has 'email:me@example.org'; a target is \"console\", \"log:PATH\" or \"webhook:URL\""),
    ('[[source]]\nurl = "http://h/f.xml"\n[[alert]]\nto = "webhook:file:///etc/passwd"\n',
     "[[alert]] 1: 'to' 'webhook:file:///etc/passwd': the webhook must be an http or https URL"),
    ('[[source]]\nurl = "http://h/f.xml"\n[[alert]]\nwhen = "ratified"\nsecret = "x"\n',
     "[[alert]] 1: unknown key 'secret' in an [[alert]]"),
])
def test_each_mistake_is_named_with_its_file_and_entry(tmp_path: Path, text: str, message: str) -> None:
    assert message in error_of(tmp_path, text)


def test_a_webhook_needs_the_secret_from_the_environment(tmp_path: Path) -> None:
    text = '[[source]]\nurl = "http://h/f.xml"\n[[alert]]\nto = ["webhook:https://hooks.example.org/x"]\n'
    assert "needs a secret to sign with: set the environment variable PACTWATCH_WEBHOOK_SECRET" in error_of(
        tmp_path, text, environ={})
    assert load_config(write(tmp_path, text), environ=SECRET).alerts[0].to == ("webhook:https://hooks.example.org/x",)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nowhere\.toml: no such file"):
        load_config(tmp_path / "nowhere.toml")


def test_the_example_in_the_repository_is_a_good_file(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "watch.example.toml"
    config = load_config(write(tmp_path, example.read_text(encoding="utf-8")), environ={})
    assert [s.kind for s in config.sources] == ["feed", "folder"]
    assert config.alerts[0].party == ("AZE", "TUR") and config.notice_within_days() == 120
