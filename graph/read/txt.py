"""Plain text in UTF-8 (with or without BOM) or GB18030/GBK, detected from the bytes."""
from __future__ import annotations

from pathlib import Path

from ..model import GovkgError


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) * 0.05


def decode(data: bytes, name: str = "input") -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if looks_binary(data):
        raise GovkgError(f"{name} is a binary file, not a text report")
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise GovkgError(f"{name}: cannot decode as UTF-8 or GB18030")


def read_txt(data: bytes, path: Path) -> str:
    return decode(data, path.name)
