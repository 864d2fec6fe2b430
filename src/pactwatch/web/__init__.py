"""The web UI and HTTP API over the knowledge base: ``create_app`` builds the FastAPI app."""

from pactwatch.web.app import create_app

__all__ = ["create_app"]
