"""The govkg command line: thin click commands over the library."""
from __future__ import annotations

try:
    from .main import cli, main
except KeyboardInterrupt:  # Ctrl-C while the commands load: the same one line and exit code as later
    import sys

    sys.stderr.write("govkg: error: interrupted\n")
    sys.exit(130)

__all__ = ["cli", "main"]
