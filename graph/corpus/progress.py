"""A plain progress bar on stderr for long runs (no tqdm dependency)."""
from __future__ import annotations

import sys
import time


class Progress:
    """A plain progress bar on stderr: count, percentage, rate and ETA.  On a terminal it
    redraws in place (at most 10 times a second); otherwise it prints a line every 10%."""

    def __init__(self, total: int, label: str = "build", enabled: bool = True, stream=None):
        self.total, self.label, self.enabled = total, label, enabled and total > 0
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.done = self.skipped = 0
        self.t0 = time.perf_counter()
        self._last = 0.0
        self._decile = -1

    def update(self, ok: bool = True) -> None:
        self.done += 1
        self.skipped += 0 if ok else 1
        if not self.enabled:
            return
        now = time.perf_counter()
        if self.tty:
            if now - self._last >= 0.1 or self.done == self.total:
                self._last = now
                self.stream.write("\r" + self.line(now))
                self.stream.flush()
        else:
            decile = self.done * 10 // self.total
            if decile != self._decile:
                self._decile = decile
                self.stream.write(self.line(now) + "\n")
                self.stream.flush()

    def line(self, now: float | None = None) -> str:
        now = now or time.perf_counter()
        dt = max(now - self.t0, 1e-9)
        rate = self.done / dt
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        width = 24
        fill = int(width * self.done / self.total) if self.total else width
        skipped = f" {self.skipped} skipped" if self.skipped else ""
        return (f"{self.label} [{'#' * fill}{'.' * (width - fill)}] {self.done}/{self.total} "
                f"{100 * self.done / self.total:3.0f}% {rate:6.1f}/s ETA {_fmt_secs(left)}{skipped}")

    def close(self) -> None:
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()


def _fmt_secs(s: float) -> str:
    s = int(round(s))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
