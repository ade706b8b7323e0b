"""The govkg command line: verbs that read like the user's intent.

Every command is a thin click wrapper; a GovkgError becomes one line on stderr
and its exit code (1 unusable data, 2 usage), never a traceback.
"""
from __future__ import annotations

import importlib
import sys

import click

from ..model import GovkgError

# (module under graph.commands, attribute) for each command; a module owns its verbs.
COMMANDS = [
    ("outline", "outline"),
    ("extract", "extract"),
    ("gaps", "gaps"),
    ("coverage", "coverage"),
    ("build", "build"),
    ("query", "query"),
    ("query", "sparql"),
    ("query", "stats"),
    ("neo4j", "neo4j"),
    ("neo4j", "load"),
    ("neo4j", "cypher"),
    ("html", "html"),
]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="govkg")
def cli() -> None:
    """govkg: rule-of-law reports into a knowledge graph of measures, issues and remedies."""


def _register() -> None:
    for module, attr in COMMANDS:
        try:
            mod = importlib.import_module(f"graph.cli.{module}")
        except ModuleNotFoundError as exc:
            if exc.name == f"graph.cli.{module}":
                continue  # that verb family is not built yet
            raise
        cmd = getattr(mod, attr, None)
        if cmd is not None:
            cli.add_command(cmd)


_register()


def main() -> None:
    try:
        rv = cli.main(standalone_mode=False)
        if isinstance(rv, int) and rv:
            sys.exit(rv)
    except GovkgError as exc:
        click.echo(f"govkg: error: {exc}", err=True)
        sys.exit(exc.code)
    except click.exceptions.Abort:
        click.echo("govkg: aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if isinstance(exc, click.UsageError) else exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except KeyboardInterrupt:
        click.echo("govkg: interrupted", err=True)
        sys.exit(130)
