"""Keeping watch: fetch feeds and pages politely, read new items, store what was seen, tell people what changed."""
