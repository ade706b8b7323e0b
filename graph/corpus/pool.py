"""Worker processes with a time limit per task.

``concurrent.futures`` cannot stop one running task: a report that takes minutes would hold its
worker to the end. Here each worker runs one task at a time over its own pipe; a task still
running at its deadline is abandoned, its worker killed (and reaped) and replaced, and the run
goes on. The clock of a task starts when it is handed to a worker that has finished starting
up (imports, dictionaries), so start-up is never billed to a report. Results come back in the
order of the tasks, with at most ``2 × workers`` tasks handed out ahead of the first not yet
returned, so finished results wait in bounded numbers.
"""
from __future__ import annotations

import multiprocessing as mp
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterator, Sequence

from ..model import GovkgError

Failed = Callable[[Any, str], Any]  # (task, reason) → the result that stands for it


def _serve(conn: Connection, fn: Callable[[Any], Any], init: Callable[..., None], initargs: tuple) -> None:
    """A worker: start up, say so, then run each task sent until told to stop (None). Ctrl-C is
    the parent's to handle: it stops the workers (no traceback from each of them)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    init(*initargs)
    conn.send(("ready", None, None))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        k, task = msg
        try:
            conn.send(("done", k, fn(task)))
        except Exception as exc:  # noqa: BLE001 - the parent turns it into a skipped task
            conn.send(("failed", k, f"{type(exc).__name__}: {exc}"))


@dataclass
class _Worker:
    proc: Any  # multiprocessing.Process
    conn: Connection
    ready: bool = False
    task: int | None = None
    deadline: float = float("inf")


class TimedPool:
    """``workers`` processes running ``fn`` over tasks, each task within ``timeout`` seconds
    (None or 0: no limit); ``failed(task, reason)`` makes the result of a task over time, or
    whose worker died or raised."""

    def __init__(self, workers: int, fn: Callable[[Any], Any], failed: Failed, timeout: float | None = None,
                 init: Callable[..., None] = lambda: None, initargs: tuple = ()):
        self.fn, self.failed, self.timeout = fn, failed, timeout or None
        self.init, self.initargs = init, initargs
        self.size = max(1, workers)
        self.workers: list[_Worker] = []

    def _start(self) -> _Worker:
        parent, child = mp.Pipe()
        proc = mp.Process(target=_serve, args=(child, self.fn, self.init, self.initargs), daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def _stop(self, w: _Worker) -> None:
        """Kill a worker and reap it: no process is left behind."""
        w.proc.kill()
        w.proc.join()
        w.conn.close()

    def close(self) -> None:
        """Stop every worker: asked first, killed if it does not end within a second."""
        for w in self.workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
        for w in self.workers:
            w.proc.join(1.0)
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join()
            w.conn.close()
        self.workers = []

    def map(self, tasks: Sequence[Any]) -> Iterator[Any]:
        """The result of every task, in task order."""
        self.workers = [self._start() for _ in range(min(self.size, len(tasks)))]
        done: dict[int, Any] = {}
        sent, nxt = 0, 0
        try:
            while nxt < len(tasks):
                while nxt in done:
                    yield done.pop(nxt)
                    nxt += 1
                if nxt >= len(tasks):
                    break
                for w in self.workers:
                    if w.ready and w.task is None and sent < len(tasks) and sent < nxt + 2 * self.size:
                        w.conn.send((sent, tasks[sent]))
                        w.task, w.deadline = sent, time.monotonic() + (self.timeout or float("inf"))
                        sent += 1
                self._wait(tasks, done)
        finally:
            self.close()

    def _wait(self, tasks: Sequence[Any], done: dict[int, Any]) -> None:
        """Take what the workers sent; replace the workers that died or ran over time."""
        soonest = min((w.deadline for w in self.workers), default=float("inf"))
        left = None if soonest == float("inf") else max(0.0, soonest - time.monotonic())
        for conn in wait([w.conn for w in self.workers], left):
            w = next(w for w in self.workers if w.conn is conn)
            try:
                kind, k, value = conn.recv()
            except (EOFError, OSError):  # the worker died (killed, out of memory)
                if not w.ready:  # while starting up: a replacement would die the same way
                    raise GovkgError("a worker process could not start") from None
                self._replace(w, tasks, done, "the worker stopped while reading it")
                continue
            if kind == "ready":
                w.ready = True
                continue
            done[k] = value if kind == "done" else self.failed(tasks[k], value)
            w.task, w.deadline = None, float("inf")
        now = time.monotonic()
        for w in list(self.workers):
            if w.task is not None and now >= w.deadline:
                self._replace(w, tasks, done, f"took longer than {self.timeout:g} s, the time limit of a report")

    def _replace(self, w: _Worker, tasks: Sequence[Any], done: dict[int, Any], reason: str) -> None:
        self._stop(w)
        if w.task is not None:
            done[w.task] = self.failed(tasks[w.task], reason)
        self.workers[self.workers.index(w)] = self._start()
