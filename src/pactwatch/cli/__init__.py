"""pactwatch.cli"""
