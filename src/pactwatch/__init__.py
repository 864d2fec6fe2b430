"""pactwatch: security-cooperation agreements from news, every value with its evidence."""

__version__ = "0.1.0"
