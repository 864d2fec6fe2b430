"""Event frames (being written)."""


def extract_events(article, sentences):
    return []
