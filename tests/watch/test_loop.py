"""The watch loop over a real knowledge base: folders (with a small exact extractor), and feeds from a
real feed server to a real webhook receiver (with the real extractor, on our own stories)."""

from __future__ import annotations

import io
import json
import os
import re
import threading
import time
from datetime import date
from pathlib import Path

import pytest

import pactwatch
from pactwatch.article import Article
from pactwatch.facts import Agreement, ArticleFacts, Evidence
from pactwatch.watch.config import load_config
from pactwatch.watch.loop import Watcher

OLD = time.time() - 60
SIGNED = re.compile(r"([A-Z]{3}) and ([A-Z]{3}) signed the ([A-Z]\w+ Pact) on (\d{4}-\d{2}-\d{2})\.")


def signing_extractor(article: Article) -> ArticleFacts:
    """"AZE and TUR signed the Shusha Pact on 2021-06-15." -> that agreement, resting on that sentence."""
    agreements = [Agreement(parties=sorted(m.group(1, 2)), title=m.group(3), signed=m.group(4),
                            evidence=[Evidence(name, m.group(0), m.start(), m.end())
                                      for name in ("parties", "title", "signed", "status")])
                  for m in SIGNED.finditer(article.text)]
    return ArticleFacts(article.id, article.published, agreements, [])


signing_extractor.version = "watch-fake-1"  # type: ignore[attr-defined]


def drop(folder: Path, name: str, text: str, mtime: float = OLD) -> None:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))


@pytest.fixture
def folder_world(tmp_path: Path):  # noqa: ANN201 - (config file, drops folder, log file, db url)
    drops = tmp_path / "drops"
    drops.mkdir()
    config = tmp_path / "watch.toml"
    config.write_text('[[source]]\npath = "drops"\nevery = "10s"\n[[alert]]\nto = ["log:alerts.jsonl"]\n'
                      '[[alert]]\nwhen = "new_agreement"\nparty = "GEO"\nto = "log:georgia.jsonl"\n', encoding="utf-8")
    return config, drops, tmp_path, f"sqlite:///{tmp_path / 'kb.db'}"


def watcher(config: Path, kb: pactwatch.kb.KnowledgeBase, **options) -> Watcher:  # noqa: ANN003
    return Watcher(load_config(config), kb, stdout=io.StringIO(), stderr=io.StringIO(), **options)


def log_lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [json.loads(line).get("kind") or json.loads(line).get("problem") for line in path.read_text().splitlines()]


def test_a_folder_gives_its_new_and_changed_files_once_and_their_alerts(folder_world) -> None:  # noqa: ANN001
    config, drops, base, db = folder_world
    drop(drops, "shusha.txt", "AZE and TUR signed the Shusha Pact on 2021-06-15. Both capitals welcomed it.")
    drop(drops, "notes.md", "AZE and TUR signed the Other Pact on 2021-06-15.")  # not an article format
    with pactwatch.open(db, extractor=signing_extractor) as kb, watcher(config, kb) as watch:
        first = watch.run_round()
        assert (first.folders, first.new, first.refused, first.failed, first.clean) == (1, 1, 0, 0, True)
        assert [a["kind"] for a in first.alerts] == ["new_agreement"]
        assert log_lines(base / "alerts.jsonl") == ["new_agreement"] and log_lines(base / "georgia.jsonl") == []
        assert watch.stdout.getvalue().splitlines()[-1] == \
            "round 1: 0 feeds, 1 folder; 1 items new, 0 refused, 0 failed; 1 alert"

        second = watch.run_round()  # nothing changed: nothing read, nothing sent
        assert (second.new, second.alerts, kb.count_articles()) == (0, [], 1)

        drop(drops, "news.jsonl", '{"id": "tbilisi", "text": "GEO and AZE signed the Caspian Pact on 2022-02-02."}\n')
        drop(drops, "late.txt", "AZE and TUR signed the Lachin Pact on 2023-03-03.", mtime=time.time())  # being copied
        third = watch.run_round()
        assert (third.new, [a["title"] for a in third.alerts]) == (1, ["Caspian Pact"])
        assert watch.stdout.getvalue().splitlines()[-1].endswith(  # type: ignore[attr-defined]
            "; 1 alert; 1 file still being written, left for the next round")
        assert log_lines(base / "georgia.jsonl") == ["new_agreement"]  # the rule for Georgia saw only its own

        drop(drops, "news.jsonl", '{"id": "tbilisi", "text": "GEO and AZE signed the Caspian Pact on 2022-02-02."}\n'
                                  '{"id": "minsk", "text": "BLR and RUS signed the Union Pact on 2024-04-04."}\n')
        drop(drops, "late.txt", "AZE and TUR signed the Lachin Pact on 2023-03-03.")  # its writer is done
        fourth = watch.run_round()
        assert (fourth.new, sorted(a["title"] for a in fourth.alerts)) == (2, ["Lachin Pact", "Union Pact"])
        assert kb.count_articles() == 4
        assert set(kb.seen_items(watch.config.sources[0].key)) == {"shusha.txt", "news.jsonl", "late.txt"}
        assert {a["source"] for a in kb.articles()} == {"drops/shusha.txt", "drops/news.jsonl:1", "drops/news.jsonl:2",
                                                        "drops/late.txt"}


def test_a_file_that_cannot_be_read_is_named_and_the_rest_goes_on(folder_world) -> None:  # noqa: ANN001
    config, drops, base, db = folder_world
    drop(drops, "empty.txt", "")
    drop(drops, "shusha.txt", "AZE and TUR signed the Shusha Pact on 2021-06-15.")
    with pactwatch.open(db, extractor=signing_extractor) as kb, watcher(config, kb) as watch:
        report = watch.run_round()
        assert (report.new, report.refused, report.clean) == (1, 1, False)
        assert report.problems == ["drops: drops/empty.txt: empty file"]
        assert watch.stderr.getvalue() == "drops: drops/empty.txt: empty file\n"
        assert log_lines(base / "alerts.jsonl") == ["drops: drops/empty.txt: empty file", "new_agreement"]
        assert watch.run_round().problems == []  # refused once, not again and again


def test_the_loop_reads_sources_when_due_and_stops_when_told(folder_world) -> None:  # noqa: ANN001
    config, drops, _base, db = folder_world
    stop = threading.Event()
    with pactwatch.open(db, extractor=signing_extractor) as kb, watcher(config, kb, stop=stop,
                                                                        folder_settle_s=0.0) as watch:
        runner = threading.Thread(target=watch.run_forever)
        runner.start()
        deadline = time.monotonic() + 10
        while "round 1:" not in watch.stdout.getvalue() and time.monotonic() < deadline:  # type: ignore[attr-defined]
            time.sleep(0.05)
        drop(drops, "shusha.txt", "AZE and TUR signed the Shusha Pact on 2021-06-15.")
        time.sleep(0.3)
        assert watch.rounds == 1  # the folder is due again only after 10 s
        stop.set()
        runner.join(timeout=5)
        assert not runner.is_alive() and kb.count_articles() == 0


def test_feeds_to_a_webhook_round_after_round(tmp_path: Path) -> None:
    """The real extractor on our stories: the first round ingests every good item and sends the
    alerts (signed), naming each broken source and page; the second reads nothing and sends nothing;
    a new item gives exactly its alerts; a notice deadline coming near alerts once."""
    from articles import ATOM_STORIES, IN_FORCE, RSS_STORIES
    from feed_server import FeedServer
    from webhook_receiver import WebhookReceiver

    today = [date(2026, 12, 1)]
    (tmp_path / "drops").mkdir()
    with FeedServer(slow_s=1.0, huge_bytes=300_000) as site, WebhookReceiver(b"s3cret") as hook:
        config = tmp_path / "watch.toml"
        config.write_text(f"""
[[source]]
url = "{site.url('/rss.xml')}"
name = "rss"
[[source]]
url = "{site.url('/atom.xml')}"
name = "atom"
[[source]]
url = "{site.url('/mixed.xml')}"
name = "mixed"
[[source]]
url = "{site.url('/broken.xml')}"
name = "broken"
[[source]]
path = "drops"
[fetch]
timeout_s = 0.5
max_bytes = 200000
retries = 0
per_host_delay_s = 0
[[alert]]
to = ["log:alerts.jsonl", "webhook:{hook.url}"]
notice_within_days = 120
[[alert]]
party = "NOR"
to = "log:norway.jsonl"
""", encoding="utf-8")
        loaded = load_config(config, environ={"PACTWATCH_WEBHOOK_SECRET": "s3cret"})
        with pactwatch.open(f"sqlite:///{tmp_path / 'kb.db'}") as kb, \
                Watcher(loaded, kb, secret=b"s3cret", today=lambda: today[0], stdout=io.StringIO(),
                        stderr=io.StringIO()) as watch:
            first = watch.run_round()
            assert (first.new, first.clean) == (len(RSS_STORIES) + len(ATOM_STORIES) + 1, False)  # + the deep page
            named = "\n".join(first.problems)
            for path in ("/error", "/slow", "/huge", "/loop", "/file.pdf", "/private/briefing.html"):
                assert f"mixed: {site.url(path)}: " in named
            assert "mixed: " in named and "has no link" in named
            assert f"broken: {site.url('/broken.xml')}: not a feed" in named
            kinds = {a["kind"] for a in first.alerts}
            assert {"new_agreement", "ratified"} <= kinds
            sent = hook.wait_for(len(first.alerts))
            assert sorted(a["id"] for a in sent) == sorted(a["id"] for a in first.alerts)
            assert all(r.signature_ok and r.headers.get("X-Pactwatch-Alert") for r in hook.requests)
            norway = [json.loads(line) for line in (tmp_path / "norway.jsonl").read_text().splitlines()]
            assert any("problem" in line for line in norway)  # problems go to every log
            norway = [line for line in norway if "id" in line]
            assert norway and all("NOR" in a["parties"] for a in norway)

            second = watch.run_round()
            assert (second.new, second.refused, second.alerts) == (0, 0, [])
            # the pages that may answer next time (the 500, the slow one) are tried again; the ones that
            # would fail the same way (huge, redirect loop, robots.txt) were given up in the first round
            assert second.failed == 2
            assert any(f"{site.url('/loop')}: " in p and "given up: would fail the same way again" in p
                       for p in first.problems)
            assert [p for p in second.problems if "/loop" in p or "/huge" in p or "/private" in p] == []
            rss_reads = [r for r in site.requests if r.path == "/rss.xml"]
            assert rss_reads[-1].if_none_match  # a conditional GET: nothing new, nothing read

            site.add_item("rss", IN_FORCE)
            third = watch.run_round()
            assert third.new == 1 and third.alerts
            # the headline's "Azerbaijan-Turkey defence agreement" is the pact signed in the first round
            assert "in_force" in {a["kind"] for a in third.alerts}
            assert "new_agreement" not in {a["kind"] for a in third.alerts}
            assert any(IN_FORCE.slug in ((a.get("evidence") or {}).get("source") or "") for a in third.alerts)
            sent = hook.wait_for(len(first.alerts) + len(third.alerts))
            assert sorted(a["id"] for a in sent[len(first.alerts):]) == sorted(a["id"] for a in third.alerts)

            today[0] = date(2036, 3, 1)
            fourth = watch.run_round()
            assert [a["kind"] for a in fourth.alerts] == ["notice_due"]
            assert "2036-03-01" <= fourth.alerts[0]["day"] <= "2036-06-29"
            assert watch.run_round().alerts == []  # each deadline alerts once
        assert len(hook.requests) == len(first.alerts) + len(third.alerts) + 1
        logged = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text().splitlines()]
        ids = [a["id"] for a in logged if "id" in a]
        assert len(ids) == len(set(ids)) == len(hook.requests)


def test_a_stop_ends_the_round_after_the_item_in_hand_and_the_next_round_resumes(tmp_path: Path) -> None:
    """The stop flag (set by SIGINT/SIGTERM) is set while the first item is being extracted: that item
    is stored and marked, no other is read, the feed's validators are not kept; the next round reads
    the feed whole again and takes the rest."""
    from articles import RSS_STORIES
    from feed_server import FeedServer

    stop = threading.Event()

    def stopping_extractor(article: Article) -> ArticleFacts:
        stop.set()
        return ArticleFacts(article.id, article.published, [], [])

    stopping_extractor.version = "watch-stop-1"  # type: ignore[attr-defined]
    with FeedServer() as site:
        config = tmp_path / "watch.toml"
        config.write_text(f'[[source]]\nurl = "{site.url("/rss.xml")}"\n[fetch]\nper_host_delay_s = 0\n')
        with pactwatch.open(f"sqlite:///{tmp_path / 'kb.db'}", extractor=stopping_extractor) as kb, \
                watcher(config, kb, stop=stop) as watch:
            first = watch.run_round()
            assert (first.new, first.interrupted) == (1, True)
            assert watch.stdout.getvalue().endswith("1 items new, 0 refused, 0 failed; 0 alerts (stopped early)\n")  # type: ignore[attr-defined]
            assert kb.source_state(site.url("/rss.xml"))["etag"] is None
            stop.clear()
            watch.stop = threading.Event()  # a new run: nothing asks it to stop
            second = watch.run_round()
            assert (second.new, second.interrupted, kb.count_articles()) == (len(RSS_STORIES) - 1, False,
                                                                             len(RSS_STORIES))
            assert [r.if_none_match for r in site.requests if r.path == "/rss.xml"] == [None, None]
