"""One exception tree for newsweave. Catch the narrowest class that fits::

    NewsweaveError             anything newsweave raises on purpose
    ├── OptionsError           an option value is invalid (also a ValueError); fix the call
    ├── MissingDependency      an optional extra is not installed; the message has the pip command
    ├── InputError             one input could not be read; carries ``input`` and ``reason``.
    │   └── FetchError         a URL could not be fetched or was refused (private address, size…)
    ├── StoreError             the article store failed or is inconsistent
    └── EvaluationError        an evaluation dataset is malformed

Errors about one input become ``Rejection`` records in batch paths; they only propagate when the
caller asked for a single input.
"""

from __future__ import annotations


class NewsweaveError(Exception):
    """Base class of every error newsweave raises on purpose."""


class OptionsError(NewsweaveError, ValueError):
    """An option has a value outside what is allowed; the message names the allowed values."""


class MissingDependency(NewsweaveError, ImportError):
    """An optional package is missing; the message says which pip extra installs it."""

    def __init__(self, package: str, extra: str):
        super().__init__(f"{package} is not installed; install it with: pip install 'newsweave[{extra}]'")
        self.package = package
        self.extra = extra


class InputError(NewsweaveError):
    """One input (file, URL, record) could not be turned into an article."""

    def __init__(self, input: str, reason: str, *, article: str | None = None):
        super().__init__(f"{input}: {reason}")
        self.input = input
        self.reason = reason
        self.article = article


class FetchError(InputError):
    """A URL was refused or could not be fetched."""


class StoreError(NewsweaveError):
    """The article store could not complete an operation."""


class EvaluationError(NewsweaveError):
    """An evaluation dataset or prediction file is malformed."""
