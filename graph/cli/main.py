"""The govkg command line: verbs that read like the user's intent.

Every command is a thin click wrapper over the library.  A GovkgError becomes one line on
stderr and its exit code (graph/cli/options.py), the same under the installed binary and
under click's CliRunner, never a traceback.
"""
from __future__ import annotations

import importlib
import sys

import click

from .options import GovkgGroup

# (module under graph.cli, attribute) for each command; a module owns its verbs.
COMMANDS = [
    ("outline", "outline"),
    ("extract", "extract"),
    ("gaps", "gaps"),
    ("suggest", "suggest"),
    ("coverage", "coverage"),
    ("build", "build"),
    ("query", "query"),
    ("query", "sparql"),
    ("query", "stats"),
    ("neo4j", "neo4j"),
    ("neo4j", "load"),
    ("neo4j", "cypher"),
    ("html", "html"),
    ("serve", "serve"),
]


@click.group(cls=GovkgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="govkg")
def cli() -> None:
    """govkg: rule-of-law reports into a knowledge graph of measures, issues and remedies."""


for _module, _attr in COMMANDS:
    cli.add_command(getattr(importlib.import_module(f"graph.cli.{_module}"), _attr))


def main() -> None:
    """The `govkg` console script: click's standalone handling, plus a quiet exit when the
    reader of a pipe goes away (`govkg query … | head`)."""
    try:
        cli.main(prog_name="govkg")
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
