"""pactwatch.web"""
