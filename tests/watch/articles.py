"""News stories the feed server publishes: short articles about security agreements, written for these tests.

Each story reads like a wire report (a dateline, the facts, some background) so the extraction pipeline
finds the agreement, its parties, its dates and its term; the feed server wraps it in a page with
navigation and a footer, as news sites do. ``RSS_STORIES`` and ``ATOM_STORIES`` are in the feeds when
the server starts; ``LATER_STORIES`` are for tests that add an item while the server runs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Story:
    """One news story: ``slug`` names its page (``/news/<slug>.html``); ``published`` is YYYY-MM-DD."""

    slug: str
    title: str
    published: str
    paragraphs: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"/news/{self.slug}.html"


BAKU_SIGNING = Story(
    slug="aze-tur-defence-signed",
    title="Azerbaijan and Turkey sign ten-year defence cooperation agreement",
    published="2026-10-12",
    paragraphs=(
        "BAKU, October 12 — Azerbaijan and Turkey signed an agreement on defence cooperation in Baku on "
        "Monday, committing their armed forces to joint training, exchanges of officers and closer work "
        "between their defence industries.",
        "The agreement was signed by the two defence ministers on October 12, 2026, after a year of talks. "
        "It enters into force thirty days after both parliaments have ratified it.",
        "The agreement is valid for ten years and is renewed automatically for further periods of five "
        "years unless either party gives six months' written notice of termination.",
        "Officials said the first joint exercise under the new framework could take place next spring on "
        "the Caspian coast. Opposition deputies in both capitals asked to see the full text before the vote.",
    ),
)

ANKARA_RATIFIES = Story(
    slug="tur-parliament-ratifies",
    title="Turkish parliament ratifies defence agreement with Azerbaijan",
    published="2026-10-29",
    paragraphs=(
        "ANKARA, October 29 — The Grand National Assembly of Turkey ratified on Thursday the defence "
        "cooperation agreement with Azerbaijan that the two countries signed in Baku on October 12, 2026.",
        "The bill passed by a large majority after a short debate. The agreement now awaits ratification "
        "by the parliament of Azerbaijan.",
        "The agreement is valid for ten years and is renewed automatically for further periods of five "
        "years unless either party gives six months' notice.",
    ),
)

BAKU_RATIFIES = Story(
    slug="aze-parliament-ratifies",
    title="Azerbaijan's parliament approves defence pact with Turkey",
    published="2026-11-03",
    paragraphs=(
        "BAKU, November 3 — The Milli Majlis, Azerbaijan's parliament, ratified on Tuesday the defence "
        "cooperation agreement with Turkey, completing approval in both countries.",
        "Turkey's parliament ratified the agreement on October 29, 2026. The agreement, signed on "
        "October 12, 2026, will enter into force on December 3, 2026, thirty days after the last "
        "ratification.",
        "Deputies from the ruling party said the pact would bring Azerbaijan's armed forces closer to "
        "the standards of the Turkish military.",
    ),
)

IN_FORCE = Story(
    slug="aze-tur-in-force",
    title="Azerbaijan-Turkey defence agreement enters into force",
    published="2026-12-03",
    paragraphs=(
        "BAKU, December 3 — The defence cooperation agreement between Azerbaijan and Turkey entered into "
        "force on Thursday, thirty days after the parliament of Azerbaijan completed its ratification.",
        "The agreement, signed on October 12, 2026, is valid for ten years and is renewed automatically "
        "for further periods of five years unless either party gives six months' notice.",
        "The two defence ministries said a joint planning group would meet in Ankara in January.",
    ),
)

VILNIUS_WARSAW = Story(
    slug="pol-ltu-air-defence",
    title="Poland and Lithuania agree on joint air defence of the border region",
    published="2026-09-15",
    paragraphs=(
        "VILNIUS, September 15 — Poland and Lithuania signed an agreement on Tuesday to defend the air "
        "space over their shared border together, with Polish fighter jets and Lithuanian ground-based "
        "air defence units working under one command during crises.",
        "The agreement was signed in Vilnius on September 15, 2026, by the two defence ministers. It is "
        "concluded for an indefinite period and either party may terminate it with twelve months' notice.",
        "The Lithuanian parliament is expected to ratify the agreement before the end of the year. Poland "
        "said its own approval would follow in the spring.",
    ),
)

OSLO_TERMINATES = Story(
    slug="nor-isl-terminated",
    title="Norway ends coast guard agreement with Iceland",
    published="2026-10-20",
    paragraphs=(
        "OSLO, October 20 — Norway has terminated its coast guard cooperation agreement with Iceland, "
        "the foreign ministry said on Tuesday, after the two governments failed to agree on a new text.",
        "The agreement, signed in Reykjavik on June 4, 2014, ceased to have effect on October 19, 2026, "
        "six months after Norway gave written notice of termination.",
        "Both governments said they would keep sharing information on search and rescue at sea while "
        "they negotiate a broader arrangement.",
    ),
)

DEEP_STORY = Story(
    slug="jpn-phl-access-in-force",
    title="Japan-Philippines reciprocal access agreement takes effect",
    published="2026-09-11",
    paragraphs=(
        "MANILA, September 11 — The reciprocal access agreement between Japan and the Philippines entered "
        "into force on Friday, allowing troops of each country to train on the other's territory.",
        "The agreement was signed in Manila on July 8, 2024. The Philippine Senate ratified it on "
        "December 16, 2024, and the Japanese Diet approved it in June 2025.",
        "Officials in Tokyo said the first large exercise under the agreement would take place in Luzon.",
    ),
)

PRIVATE_STORY = Story(
    slug="private-briefing",
    title="Internal briefing on the Baltic air policing rotation",
    published="2026-10-01",
    paragraphs=(
        "BRUSSELS, October 1 — This page sits under a path that robots.txt forbids; a polite fetcher never "
        "reads it.",
    ),
)

RSS_STORIES: tuple[Story, ...] = (BAKU_SIGNING, ANKARA_RATIFIES, VILNIUS_WARSAW)
ATOM_STORIES: tuple[Story, ...] = (BAKU_RATIFIES, OSLO_TERMINATES)
LATER_STORIES: tuple[Story, ...] = (IN_FORCE,)
ALL_STORIES: tuple[Story, ...] = RSS_STORIES + ATOM_STORIES + LATER_STORIES + (DEEP_STORY, PRIVATE_STORY)
