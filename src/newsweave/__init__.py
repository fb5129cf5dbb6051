"""newsweave: cited multi-source news briefs."""

import logging

from .api import Newsweave, brief
from .config import FetchOptions, Options
from .errors import InputError, NewsweaveError, OptionsError
from .model import Brief, Document, RawDocument, Rejection, SourceRef

__version__ = "0.1.0"
__all__ = ["Newsweave", "brief", "Options", "FetchOptions", "Brief", "Document", "RawDocument",
           "Rejection", "SourceRef", "NewsweaveError", "InputError", "OptionsError", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
