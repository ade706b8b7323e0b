"""Writing a chunk of named graphs at once (graph/store/bulk.py): what a corpus build relies on."""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from graph.store import graph_names, open_store
from graph.store.bulk import ChunkWriter, nquads, replace_graphs

EX = "https://example.org/"


def _graph(*objects: str) -> Graph:
    g = Graph()
    for i, o in enumerate(objects):
        g.add((URIRef(f"{EX}s{i}"), URIRef(f"{EX}p"), Literal(o, lang="zh")))
    return g


def _objects(store, name: str) -> list[str]:
    import pyoxigraph as ox

    return sorted(q.object.value for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name)))


def test_a_chunk_replaces_each_graph_as_a_unit_and_leaves_the_others(tmp_path):
    store = open_store(tmp_path / "store")
    a, b, c = f"{EX}a", f"{EX}b", f"{EX}c"
    assert replace_graphs(store, [(a, nquads(a, _graph("旧一", "旧二", "旧三"))), (b, nquads(b, _graph("乙")))]) == []
    assert replace_graphs(store, [(a, nquads(a, _graph("新"))), (c, nquads(c, _graph("丙")))]) == []
    assert _objects(store, a) == ["新"]
    assert _objects(store, b) == ["乙"] and _objects(store, c) == ["丙"]
    assert graph_names(store) == [a, b, c]


def test_the_last_graph_of_an_iri_in_a_chunk_wins(tmp_path):
    store = open_store(tmp_path / "store")
    a = f"{EX}a"
    replace_graphs(store, [(a, nquads(a, _graph("一", "二"))), (a, nquads(a, _graph("三")))])
    assert _objects(store, a) == ["三"]


def test_a_graph_the_store_refuses_is_left_out_alone(tmp_path):
    store = open_store(tmp_path / "store")
    a, bad, c = f"{EX}a", f"{EX}bad", f"{EX}c"
    broken = f'<{EX}s> <{EX}p> "unterminated <{bad}> .\n'
    refused = replace_graphs(store, [(a, nquads(a, _graph("甲"))), (bad, broken), (c, nquads(c, _graph("丙")))])
    assert [name for name, _ in refused] == [bad] and refused[0][1]
    assert graph_names(store) == [a, c]


def test_the_chunk_writer_holds_graphs_until_a_chunk_is_full(tmp_path):
    store = open_store(tmp_path / "store")
    w = ChunkWriter(store, max_graphs=2)
    assert w.add(f"{EX}a", nquads(f"{EX}a", _graph("甲")), 1) is False
    assert graph_names(store) == []
    assert w.add(f"{EX}b", nquads(f"{EX}b", _graph("乙")), 1) is True
    assert w.write() == [] and graph_names(store) == [f"{EX}a", f"{EX}b"]
    assert w.write() == []  # nothing held


def test_a_refused_new_version_leaves_the_stored_one(tmp_path):
    """A report already stored whose new graph the store refuses keeps its earlier graph whole,
    and the other graphs of the chunk (new and replaced) are written."""
    store = open_store(tmp_path / "store")
    a, b, c = f"{EX}a", f"{EX}b", f"{EX}c"
    replace_graphs(store, [(a, nquads(a, _graph("旧甲一", "旧甲二"))), (b, nquads(b, _graph("旧乙")))])
    broken = f'<{EX}s> <{EX}p> "unterminated <{a}> .\n'
    refused = replace_graphs(store, [(a, broken), (b, nquads(b, _graph("新乙"))), (c, nquads(c, _graph("丙")))])
    assert [name for name, _ in refused] == [a]
    assert _objects(store, a) == ["旧甲一", "旧甲二"]
    assert _objects(store, b) == ["新乙"] and _objects(store, c) == ["丙"]


def test_replacing_takes_one_update_for_the_chunk_and_new_graphs_one_bulk_load(tmp_path):
    """What makes a replaced report safe to kill at any moment: its drop and its new triples
    are one store operation (one transaction), never a removal followed by a separate load."""
    store = open_store(tmp_path / "store")
    a, b, c = f"{EX}a", f"{EX}b", f"{EX}c"
    replace_graphs(store, [(a, nquads(a, _graph("旧甲"))), (b, nquads(b, _graph("旧乙")))])

    calls: list[str] = []

    class Spy:
        def __getattr__(self, name):
            attr = getattr(store, name)
            if name in ("update", "bulk_load", "load", "remove_graph", "remove", "clear_graph"):
                def spied(*args, **kwargs):
                    calls.append(name)
                    return attr(*args, **kwargs)
                return spied
            return attr

    assert replace_graphs(Spy(), [(a, nquads(a, _graph("新甲"))), (b, nquads(b, _graph("新乙"))),
                                  (c, nquads(c, _graph("丙")))]) == []
    assert sorted(calls) == ["bulk_load", "update"]
    assert _objects(store, a) == ["新甲"] and _objects(store, b) == ["新乙"] and _objects(store, c) == ["丙"]
