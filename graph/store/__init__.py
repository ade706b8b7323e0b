"""The embedded Oxigraph store: one named graph per report, the planners' named queries."""
from __future__ import annotations

from .oxigraph import *  # noqa: F401,F403 - the store's API is its public functions
