"""``pactwatch bench``: throughput, dedup speed and memory, measured in one run on one corpus."""
