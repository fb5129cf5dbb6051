"""HTTP API and web pages (``newsweave serve``). Needs the ``web`` extra: pip install 'newsweave[web]'."""

from .app import create_app

__all__ = ["create_app"]
