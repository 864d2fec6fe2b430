"""pactwatch.run"""
