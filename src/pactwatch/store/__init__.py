"""pactwatch.store"""
