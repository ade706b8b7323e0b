"""`python -m graph.cli`: the same as the `govkg` command."""
from .main import main

main()
