"""Themes by keyword: a text gets the themes whose keywords it contains most."""
from __future__ import annotations

from functools import lru_cache

from ..model.lexicon import load_json


@lru_cache(maxsize=1)
def theme_table() -> tuple[list[dict], int, int]:
    lex = load_json("themes.json")
    return lex["themes"], lex.get("min_hits", 1), lex.get("max_themes", 3)


def theme_scores(text: str) -> dict[str, int]:
    themes, _, _ = theme_table()
    return {t["slug"]: sum(text.count(k) for k in t["keywords"]) for t in themes}


def themes_of(text: str) -> list[str]:
    """Slugs of the best themes, strongest first (ties in the lexicon's order)."""
    _, min_hits, most = theme_table()
    scores = theme_scores(text)
    top = max(scores.values(), default=0)
    if top < min_hits:
        return []
    ranked = sorted((s for s in scores.items() if s[1] >= max(min_hits, top / 2)),
                    key=lambda kv: -kv[1])
    return [slug for slug, _ in ranked[:most]]
