"""The govkg command line: thin click commands over the library."""
from __future__ import annotations

from .main import cli, main

__all__ = ["cli", "main"]
