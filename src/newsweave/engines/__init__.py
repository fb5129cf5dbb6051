"""Engines run the batch job (``newsweave batch``): ``local`` in this process, ``dask`` on a
``dask.distributed`` cluster. Both run the same stage functions (``engines.pipeline``) and give the
same stories and briefs for the same input."""

from __future__ import annotations

from .local import run_local
from .pipeline import OUTPUTS, expand_inputs

__all__ = ["OUTPUTS", "expand_inputs", "run_dask", "run_local"]


def run_dask(*args, **kwargs):
    """``engines.dask.run_dask``, imported on use: Dask is the optional [dask] extra."""
    from .dask import run_dask as run

    return run(*args, **kwargs)
