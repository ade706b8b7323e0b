"""The sentence encoder and its vector cache: a cached run is the uncached run, byte for byte."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from graph.link import similarity
from graph.link.encoder import load
from graph.link.pipeline import analyse
from graph.link.vectors import VectorCache, path_for
from graph.rdf.convert import to_graph
from graph.rdf.serialize import canonical_turtle

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ["推进法治政府建设，完善行政执法程序。", "行政执法人员业务能力有待提高。", "加强执法培训",
         "Rule of law 2025", "推进法治政府建设，完善行政执法程序。"]


@pytest.fixture
def fresh():
    """A process with no encoder, no vectors in memory and no cache file, restored after."""
    previous = similarity.set_cache_file(None)
    similarity.reset_encoder()
    yield
    similarity.set_cache_file(previous)
    similarity.reset_encoder()


def _run(path: Path):
    ex = analyse(path)
    links = [(l.cause, l.shortcoming, l.action, l.score, l.evidence.lexical, l.evidence.semantic,
              l.evidence.sentence_span) for l in ex.links]
    return links, canonical_turtle(to_graph(ex)).encode("utf-8")


def test_cached_run_gives_the_uncached_links_and_turtle(fresh, sample_path, tmp_path):
    cache_file = tmp_path / "store.embeddings.sqlite"
    similarity.set_cache_file(cache_file)
    uncached = _run(sample_path)  # every vector encoded, and written to the file
    assert similarity.vector_cache().hits == 0 and similarity.vector_cache().misses > 0
    assert any(l[5] is not None for l in uncached[0])  # semantic scores are in the links
    again = _run(sample_path)  # from memory
    similarity.reset_encoder()  # nothing in memory: every vector from the file
    similarity.set_cache_file(cache_file)
    from_file = _run(sample_path)
    cache = similarity.vector_cache()
    assert cache.misses == 0 and cache.hits > 0
    assert again == uncached and from_file == uncached
    with sqlite3.connect(cache_file) as db:
        assert db.execute("SELECT count(*) FROM vectors").fetchone()[0] == cache.hits


def test_a_text_has_the_same_vector_alone_and_among_others():
    enc = load()
    together = enc.encode(TEXTS)
    for i, t in enumerate(TEXTS):
        assert enc.encode([t])[0].tobytes() == together[i].tobytes()
    assert together[0].tobytes() == together[4].tobytes()
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_cache_encodes_each_distinct_text_once(tmp_path):
    calls = []

    def encode(texts):
        calls.append(list(texts))
        return np.arange(len(texts) * 4, dtype=np.float32).reshape(len(texts), 4)

    cache = VectorCache("m", 4, tmp_path / "v.sqlite")
    v1 = cache.vectors(["a", "b", "a"], encode)
    assert calls == [["a", "b"]] and v1[0].tobytes() == v1[2].tobytes()
    v2 = VectorCache("m", 4, tmp_path / "v.sqlite").vectors(["b", "a"], encode)  # from the file
    assert len(calls) == 1 and v2.tobytes() == v1[[1, 0]].tobytes()
    VectorCache("other model", 4, tmp_path / "v.sqlite").vectors(["a"], encode)  # the model is in the key
    assert len(calls) == 2


def test_corrupt_cache_file_is_set_aside_and_rebuilt(fresh, sample_path, tmp_path, capsys):
    want = _run(sample_path)
    cache_file = path_for(tmp_path / "store")
    cache_file.write_bytes(b"this is not a database" * 100)
    similarity.reset_encoder()
    similarity.set_cache_file(cache_file)
    got = _run(sample_path)
    err = capsys.readouterr().err
    assert got == want
    assert err.count("not an embedding cache") == 1 and "Traceback" not in err
    assert cache_file.with_name(cache_file.name + ".corrupt").read_bytes().startswith(b"this is not")
    with sqlite3.connect(cache_file) as db:
        assert db.execute("SELECT count(*) FROM vectors").fetchone()[0] > 0


def test_damaged_rows_are_encoded_again(tmp_path):
    path = tmp_path / "v.sqlite"
    cache = VectorCache("m", 4, path)
    cache.vectors(["a"], lambda ts: np.ones((len(ts), 4), dtype=np.float32))
    cache.close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE vectors SET vec = x'00'")
    again = VectorCache("m", 4, path).vectors(["a"], lambda ts: np.full((len(ts), 4), 2, dtype=np.float32))
    assert again.tolist() == [[2.0] * 4]


def test_unwritable_cache_place_leaves_memory_only(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = VectorCache("m", 4, blocker / "sub" / "v.sqlite")
    assert cache.db is None and "in memory only" in capsys.readouterr().err
    assert cache.vectors(["a"], lambda ts: np.ones((1, 4), dtype=np.float32)).shape == (1, 4)


@pytest.mark.slow
def test_damaged_prepared_encoder_is_prepared_again(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path))
    first = load()
    folder = tmp_path / "encoder" / first.model_id
    want = first.encode(TEXTS)
    (folder / "weights.npz").write_bytes(b"garbage")
    second = load()
    assert "prepared encoder unreadable" in capsys.readouterr().err
    assert second.encode(TEXTS).tobytes() == want.tobytes()
    assert (folder / "done").is_file()


_CHILD = """
import hashlib, sys
from graph.link import similarity
from graph.link.pipeline import analyse
from graph.rdf.convert import to_graph
from graph.rdf.serialize import canonical_turtle
if sys.argv[2] != "-":
    similarity.set_cache_file(sys.argv[2])
texts = sys.argv[3:]
vecs = similarity.embed(texts)
ttl = canonical_turtle(to_graph(analyse(sys.argv[1]))).encode()
print(hashlib.sha256(vecs.tobytes()).hexdigest(), hashlib.sha256(ttl).hexdigest())
"""


@pytest.mark.slow
def test_deterministic_across_processes(sample_path, tmp_path):
    """A process that prepares the encoder, one that finds it prepared, and one that reads every
    vector from a cache file written by another give the same vectors and Turtle bytes."""
    env = {**os.environ, "GOVKG_CACHE": str(tmp_path / "cache")}
    cache_file = str(tmp_path / "store.embeddings.sqlite")
    outs = []
    for where, texts in (("-", TEXTS), (cache_file, TEXTS[::-1]), (cache_file, TEXTS)):
        res = subprocess.run([sys.executable, "-c", _CHILD, str(sample_path), where, *texts], env=env,
                             cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert res.returncode == 0, res.stderr
        outs.append(res.stdout.split())
    assert outs[0] == outs[2]
    assert outs[1][1] == outs[0][1]  # the same report, whatever was encoded before
    here = similarity.embed(TEXTS)
    assert hashlib.sha256(here.tobytes()).hexdigest() == outs[0][0]
