"""pactwatch.read"""
