"""pactwatch.nlp"""
