"""Text similarity for the linker: jieba TF-IDF, character-bigram overlap, sentence embeddings.

* ``tokens``      – jieba search-mode tokens minus domain stop-words (data/lexicon/stopwords.txt),
                    with the domain terms of data/lexicon/linking_terms.txt kept whole.  A private
                    ``jieba.Tokenizer`` is used so the extractors' global jieba is left untouched.
* ``TfIdf``       – sublinear TF, smoothed IDF fitted on the sentences of the report at hand.
* ``bigram_sim``  – Dice overlap of character bigrams (plus single characters for short texts).
* ``embed``       – the multilingual Universal Sentence Encoder (graph.link.encoder), loaded once
                    per process, each distinct text encoded once (graph.link.vectors, in memory and
                    beside the store: ``set_cache_file``); ``None`` when unavailable, after one
                    warning on stderr.
"""
from __future__ import annotations

import math
import re
import sys
import threading
from functools import lru_cache
from collections import Counter, OrderedDict
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from .encoder import DIM
from .vectors import VectorCache
from ..model.lexicon import current

_LOCK = threading.Lock()
_TOKENIZER = None
_ENCODER: object = None  # None: not tried yet; False: unavailable; else the USE instance
_WARNED = False

WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")
NUMERIC = re.compile(r"^[\d.%％]+$")


# --------------------------------------------------------------------------- tokens

def _tokenizer():
    global _TOKENIZER
    with _LOCK:
        if _TOKENIZER is None:
            import jieba

            jieba.setLogLevel(60)
            tk = jieba.Tokenizer()
            tk.initialize()
            for term in current().lines("linking_terms.txt"):
                tk.add_word(term, freq=20000)
            _TOKENIZER = tk
    return _TOKENIZER


def _stopwords(lex) -> frozenset[str]:
    return lex.memo("stopwords", lambda: frozenset(lex.lines("stopwords.txt")))


_MEMO_LIMIT = 20000


def tokens(text: str) -> list[str]:
    """Content tokens of ``text`` (search mode: long words and their parts), in order."""
    return tokens_of([text])[0]


def tokens_of(texts: Sequence[str]) -> list[list[str]]:
    """:func:`tokens` of each text.  Remembered per lexicon (bounded): a report's sentences are
    tokenized for its IDF and again as parts of causes and actions, and a corpus repeats its
    wording."""
    lex = current()
    memo: OrderedDict = lex.memo("token_memo", OrderedDict)
    out = []
    for text in texts:
        got = memo.get(text)
        if got is None:
            stop = _stopwords(lex)
            got = tuple(tok for tok in (t.strip() for t in _tokenizer().cut_for_search(text, HMM=True))
                        if len(tok) >= 2 and tok not in stop and WORD.search(tok) and not NUMERIC.match(tok))
            with _LOCK:
                memo[text] = got
                if len(memo) > _MEMO_LIMIT:
                    memo.popitem(last=False)
        out.append(list(got))
    return out


class TfIdf:
    """Sublinear-TF × smoothed-IDF vectors over a fitted set of documents (sentences)."""

    def __init__(self, docs: Iterable[Sequence[str]]):
        df: Counter = Counter()
        n = 0
        for toks in docs:
            n += 1
            df.update(set(toks))
        self.n = n
        self.idf = {t: _idf(n, c) for t, c in df.items()}
        self.default_idf = math.log(1 + n) + 1.0

    def vector(self, toks: Sequence[str], weight: float = 1.0) -> dict[str, float]:
        tf: dict[str, int] = {}
        for t in toks:
            tf[t] = tf.get(t, 0) + 1
        idf, default = self.idf, self.default_idf
        return {t: weight * _sublinear(c) * idf.get(t, default) for t, c in tf.items()}


@lru_cache(maxsize=65536)
def _idf(n: int, c: int) -> float:
    """Smoothed IDF (few distinct document counts in a report: each logarithm once)."""
    return math.log((1 + n) / (1 + c)) + 1.0


@lru_cache(maxsize=4096)
def _sublinear(c: int) -> float:
    return 1.0 + math.log(c)


def add(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    out = dict(a)
    for t, w in b.items():
        out[t] = out.get(t, 0.0) + w
    return out


def norm(a: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in a.values()))


def cosine(a: dict[str, float], b: dict[str, float], na: float | None = None, nb: float | None = None) -> float:
    """Cosine of two sparse vectors; ``na`` and ``nb`` are their norms when known (a vector
    compared with many others need not be summed again for each)."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b, na, nb = b, a, nb, na
    dot = sum(w * b[t] for t, w in a.items() if t in b)
    if dot == 0.0:
        return 0.0
    na = norm(a) if na is None else na
    nb = norm(b) if nb is None else nb
    return dot / (na * nb)


def cosines(rows: Sequence[dict[str, float]], cols: Sequence[dict[str, float]]) -> np.ndarray:
    """The (len(rows), len(cols)) matrix of :func:`cosine`, as one product of dense unit rows."""
    index: dict[str, int] = {}
    for v in list(rows) + list(cols):
        for t in v:
            index.setdefault(t, len(index))

    def dense(vs):
        rows: list[int] = []
        terms: list[int] = []
        weights: list[float] = []
        for i, v in enumerate(vs):
            rows.extend([i] * len(v))
            terms.extend(index[t] for t in v)
            weights.extend(v.values())
        m = np.zeros((len(vs), len(index)))
        m[rows, terms] = weights
        norms = np.linalg.norm(m, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return m / norms

    return dense(rows) @ dense(cols).T


def shared_terms(a: dict[str, float], b: dict[str, float], limit: int = 8) -> list[str]:
    """Terms in both vectors, by their contribution to the dot product (ties by term)."""
    common = [(a[t] * b[t], t) for t in a if t in b]
    common.sort(key=lambda x: (-x[0], x[1]))
    terms: list[str] = []
    for _, t in common:
        if any(t in u for u in terms):  # 法治人才 already covers 人才
            continue
        terms.append(t)
        if len(terms) == limit:
            break
    return terms


# --------------------------------------------------------------------------- characters

@lru_cache(maxsize=8192)
def grams(text: str) -> frozenset[str]:
    """The character bigrams of ``text`` (letters and CJK only); remembered, as each target is
    compared with every indicator of its report."""
    chars = [c for c in text if WORD.match(c)]
    return frozenset(a + b for a, b in zip(chars, chars[1:]))


def dice(ga: frozenset[str], gb: frozenset[str]) -> float:
    """Dice overlap of two bigram sets."""
    if not ga or not gb:
        return 0.0
    return 2 * len(ga & gb) / (len(ga) + len(gb))


def containment(ga: frozenset[str], gb: frozenset[str]) -> float:
    """Share of the bigrams of ``ga`` found in ``gb``."""
    if not ga:
        return 0.0
    return len(ga & gb) / len(ga)


def bigram_sim(a: str, b: str) -> float:
    """Dice overlap of character bigrams (letters and CJK only)."""
    return dice(grams(a), grams(b))


def bigram_containment(a: str, b: str) -> float:
    """Share of ``a``'s bigrams found in ``b``."""
    return containment(grams(a), grams(b))


# --------------------------------------------------------------------------- embeddings

def _make_encoder():
    """Construct the encoder and load its weights (raises when the package is missing)."""
    from .encoder import load

    return load()


_ENABLED = True
_CACHE: VectorCache | None = None
_CACHE_FILE: Path | None = None


def set_semantic(enabled: bool) -> bool:
    """Use the sentence encoder in this process or not (lexical links only, no warning);
    returns the previous setting so that a caller can restore it."""
    global _ENABLED
    previous, _ENABLED = _ENABLED, enabled
    return previous


def set_cache_file(path: str | Path | None) -> Path | None:
    """Keep sentence vectors in this SQLite file too (beside a store: graph.link.vectors), or in
    memory only (None); returns the previous file."""
    global _CACHE, _CACHE_FILE
    with _LOCK:
        previous, _CACHE_FILE = _CACHE_FILE, Path(path) if path else None
        if _CACHE is not None and previous != _CACHE_FILE:
            _CACHE.close()
            _CACHE = None
    return previous


def encoder():
    """The process-wide encoder, or None (after one warning on stderr) when it cannot load."""
    global _ENCODER, _WARNED
    if not _ENABLED:
        return None
    with _LOCK:
        if _ENCODER is None:
            try:
                _ENCODER = _make_encoder()
            except Exception:  # ImportError, missing weights, numpy trouble …
                _ENCODER = False
        if _ENCODER is False:
            if not _WARNED:
                print("govkg: warning: semantic encoder unavailable; lexical links only", file=sys.stderr)
                _WARNED = True
            return None
    return _ENCODER


def vector_cache() -> VectorCache | None:
    """The process-wide sentence-vector cache of the encoder (None without an encoder)."""
    global _CACHE
    enc = encoder()
    if enc is None:
        return None
    with _LOCK:
        if _CACHE is None:
            _CACHE = VectorCache(enc.model_id, DIM, _CACHE_FILE)
    return _CACHE


def forget(vectors: bool = True, words: bool = True) -> None:
    """Drop what this process remembers of texts seen (the vectors in memory, the tokens and
    bigrams), not the encoder nor the cache file: the next report is scored as a new process
    would score it (benchmarks)."""
    with _LOCK:
        if vectors and _CACHE is not None:
            _CACHE.mem.clear()  # the file stays open: what a new process sees
        if words:
            current().memo("token_memo", OrderedDict).clear()
            grams.cache_clear()


def reset_encoder() -> None:
    """Forget the cached encoder, vectors and warning (tests)."""
    global _ENCODER, _WARNED, _CACHE
    with _LOCK:
        _ENCODER, _WARNED = None, False
        if _CACHE is not None:
            _CACHE.close()
        _CACHE = None


def embed(texts: Sequence[str]) -> np.ndarray | None:
    """L2-normalised embeddings of ``texts`` (each distinct text encoded once, through the
    cache), or None without an encoder."""
    global _ENCODER
    cache = vector_cache()
    if cache is None:
        return None
    if not texts:
        return np.zeros((0, DIM), dtype=np.float64)
    try:
        vecs = cache.vectors(texts, _ENCODER.encode).astype(np.float64)
    except Exception:
        with _LOCK:
            _ENCODER = False
        return encoder()
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vecs / norms
