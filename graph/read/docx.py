"""Word documents (.docx): paragraphs in order, then table rows."""
from __future__ import annotations

import io
from pathlib import Path

from ..model import GovkgError


def read_docx(data: bytes, path: Path) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for broken files
        raise GovkgError(f"{path.name}: not a readable .docx file ({type(exc).__name__})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text.strip() for cell in row.cells))
    return "\n".join(lines)
