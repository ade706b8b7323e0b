"""Load an RDF dataset (one named graph per report) into Neo4j with n10s conventions.

Mapping (compatible with neosemantics' SHORTEN / LABELS / ARRAY settings):

* every IRI (subject or object) is a ``:Resource {uri}`` node; the constraint
  ``n10s_unique_uri`` on ``(:Resource).uri`` is created first (IF NOT EXISTS);
  blank nodes get ``bnode://{sha1}`` uris derived from their graph and triples,
  so a reload produces the same uris;
* ``rdf:type`` becomes labels named ``prefix__Local``; predicates become property
  keys / relationship types ``prefix__local``.  Prefixes come from
  :data:`graph.vocab.PREFIXES`; unknown namespaces get ``ns0``, ``ns1`` … in sorted
  order of first appearance across loads, persisted on the single ``:_NsPrefDef``
  node (``{prefix: namespace}``, like n10s) so names stay stable between runs;
* literals become properties; typed literals become native values (xsd:integer
  family and gYear → int, decimal/double/float → float, date → date, dateTime →
  datetime, boolean → bool, anything else → string).  A language-tagged literal
  goes to ``{key}_{lang}`` (``rdfs__label_zh``, ``rdfs__label_en``; ``zh-Hans`` →
  ``_zh_hans``), an untagged one to ``{key}``.  A key with several values in one
  graph holds a sorted array (never last-value-wins); mixed types become strings;
* a node of class ``gk:Link`` with ``gk:linkAction A`` and ``gk:linkCause C`` is not
  a node: it is the relationship ``(A)-[:gk__addresses {uri: link}]->(C)`` carrying
  all the link's literals (and other IRIs as strings) and ``gk__accepted``: true when
  the graph also has the plain triple ``A gk:addresses C`` (which is then not written
  separately), false for a mere candidate.  A plain ``gk:addresses`` triple without a
  link is an ordinary relationship (no ``uri``).  A triple pointing at a link stores
  the link's IRI as a string property;
* provenance: every node and relationship has ``gk__graph``, the sorted list of the
  named-graph IRIs (reports) it came from.  Loading a graph first removes that graph
  from every node / relationship, deleting those left with no graph (shared nodes –
  themes, institutions, mechanisms – survive), then writes it again, in the same
  transaction: a report is replaced as one unit.  Each loaded graph has a
  ``:_GraphLoad {uri, status: 'loaded', triples, nodes, relationships, members}`` node.

Known limit: labels and properties of a node shared by several reports are written
by each report (``SET +=``); they are not withdrawn when one report drops them.
Writing (graph.neo4j.write): many reports per transaction, rows grouped by label set
and relationship type across reports into large ``UNWIND … MERGE`` lists, in managed
transactions (``execute_write``: transient errors are retried); all values are
parameters, and labels / types are sanitised to ``[A-Za-z0-9_]`` and back-ticked.
For a first load into an empty database, graph.neo4j.bulk writes the same graph as
CSV files for ``neo4j-admin database import``.
"""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import RDF

from ..model import GovkgError, first_line
from .settings import DEFAULT_SESSIONS, DEFAULT_URI, DEFAULT_USER, check_uri, default_password  # noqa: F401 - also for callers
from .write import CONSTRAINT, read_prefixes, remove_graph, write_graphs  # noqa: F401 - public here
from ..model.vocab import GK
from ..rdf.formats import by_suffix, input_suffixes, read_rdf


# --------------------------------------------------------------------------- errors

@contextlib.contextmanager
def neo4j_errors(uri: str = "", user: str = "") -> Iterator[None]:
    """Turn driver exceptions into one-line GovkgErrors naming the problem."""
    from neo4j import exceptions as ne

    try:
        yield
    except GovkgError:
        raise
    except ne.AuthError:
        raise GovkgError(f"Neo4j at {uri} refused the credentials of user '{user}' (wrong password?)") from None
    except ne.ServiceUnavailable:
        raise GovkgError(f"Neo4j is not reachable at {uri} (server down or wrong host/port)") from None
    except ne.ConfigurationError as exc:
        raise GovkgError(f"bad Neo4j URI {uri!r}: {first_line(exc)}") from None
    except ne.CypherSyntaxError as exc:
        raise GovkgError(f"Cypher syntax error: {first_line(exc.message or exc)}") from None
    except ne.Neo4jError as exc:
        code = getattr(exc, "code", None) or type(exc).__name__
        raise GovkgError(f"Neo4j error {code}: {first_line(exc.message or exc)}") from None
    except ne.DriverError as exc:
        raise GovkgError(f"Neo4j driver error at {uri}: {first_line(exc)}") from None
    except ValueError as exc:
        if "URI" in str(exc) or "scheme" in str(exc):
            raise GovkgError(f"bad Neo4j URI {uri!r}: {first_line(exc)}") from None
        raise


def connect(uri: str = DEFAULT_URI, user: str = DEFAULT_USER, password: str | None = None,
            database: str | None = None):
    """An open, verified neo4j driver; the caller closes it (driver 6 does not auto-close).
    Without ``password``, the one every client uses: settings.default_password()."""
    import neo4j

    uri = check_uri(uri)  # a bad URI is a usage error before any connection
    if password is None:
        password = default_password()
    with neo4j_errors(uri, user):
        driver = neo4j.GraphDatabase.driver(uri, auth=(user, password), connection_timeout=5,
                                            max_transaction_retry_time=15,
                                            notifications_min_severity="OFF")
        try:
            driver.verify_connectivity()
            if database:
                driver.execute_query("RETURN 1", database_=database)
        except BaseException:
            driver.close()
            raise
    return driver


# --------------------------------------------------------------------------- input

def read_input(paths: Iterable[str | Path] = (), store: str | Path | None = None) -> list[tuple[str, Graph]]:
    """``[(graph_iri, graph)]`` from RDF files and/or a store directory of RDF files.

    A quad file (.trig/.nq) gives its named graphs; triples of its default graph, and
    a triple file (.ttl/.nt …), form one graph named by its ``gk:Report`` IRI when
    there is exactly one, else by the file's ``file://`` IRI.  Graphs with the same
    name from several files are merged.
    """
    files: list[Path] = [Path(p) for p in paths]
    if store is not None:
        sdir = Path(store)
        if not sdir.is_dir():
            raise GovkgError(f"store directory not found: {sdir}")
        found = sorted(p for p in sdir.rglob("*") if p.is_file() and by_suffix(p) is not None)
        if not found:  # the Oxigraph store that `govkg build` writes
            return _merge(files, _store_graphs(sdir))
        files.extend(found)
    return _merge(files, [])


def _store_graphs(sdir: Path) -> list[tuple[str, Graph]]:
    """The store's graphs as plain triple lists (triples.TripleSet): planning needs no rdflib
    Graph, and building one per report cost more than loading it into Neo4j."""
    from ..store import open_store
    from .triples import store_graphs

    try:
        store = open_store(sdir, read_only=True, create=False)
    except GovkgError:
        raise
    except Exception as exc:  # noqa: BLE001 - not a store: a clear message, not a traceback
        raise GovkgError(f"{sdir} is neither a govkg store nor a folder of RDF files ({first_line(exc)})") from None
    return store_graphs(store)


def _merge(files: list[Path], graphs: list[tuple[str, Graph]]) -> list[tuple[str, Graph]]:
    if not files and not graphs:
        raise GovkgError("nothing to load: give KG files (.ttl/.trig/.nq) or --store DIR")
    merged: dict[str, Graph] = dict(graphs)
    for f in files:
        rf = by_suffix(f)
        if not f.is_file():
            raise GovkgError(f"input not found: {f}")
        if rf is None:
            raise GovkgError(f"unknown RDF format for {f} (use one of {', '.join(input_suffixes())})")
        g = read_rdf(f, rf)  # a syntax error or a bad literal: one line naming the file
        pairs = graphs_of(g, fallback=f.resolve().as_uri()) if rf.quads \
            else [(graph_name(g, f.resolve().as_uri()), g)]
        for name, g in pairs:
            if name in merged:
                merged[name] += g
            else:
                merged[name] = g
    return sorted(merged.items())


def graph_name(g: Graph, fallback: str) -> str:
    reports = sorted(set(g.subjects(RDF.type, GK.Report)))
    return str(reports[0]) if len(reports) == 1 and isinstance(reports[0], URIRef) else fallback


def graphs_of(ds: Dataset, fallback: str = "urn:govkg:default") -> list[tuple[str, Graph]]:
    """The non-empty graphs of a Dataset; the default graph is named like a Turtle file."""
    out = []
    for g in ds.graphs():
        if len(g) == 0:
            continue
        plain = Graph()
        for t in g:
            plain.add(t)
        ident = g.identifier
        if ident == ds.default_graph.identifier or isinstance(ident, BNode) or str(ident).startswith(
                "urn:x-rdflib:default"):
            name = graph_name(plain, fallback)
        else:
            name = str(ident)
        out.append((name, plain))
    return sorted(out, key=lambda p: p[0])


# --------------------------------------------------------------------------- loading

def load(driver, graphs: list[tuple[str, Graph]] | Dataset, database: str | None = None,
         batch_size: int = 20000, on_batch: Callable[[str, str, int], None] | None = None,
         log: Callable[[str], None] | None = None, sessions: int = DEFAULT_SESSIONS) -> dict:
    """Write each named graph, replacing its previous version; returns counts.

    ``batch_size`` is the rows (nodes + relationships) of one transaction, made of whole
    reports; ``on_batch(last graph, "graphs", reports)`` is called after every committed one.
    ``sessions``: parallel writer sessions for the reports new to the database."""
    if isinstance(graphs, Dataset):
        graphs = graphs_of(graphs)
    return write_graphs(driver, graphs, database=database, batch_size=batch_size,
                        on_batch=on_batch, log=log, sessions=sessions)
