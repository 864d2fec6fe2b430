"""pactwatch.dedup"""
