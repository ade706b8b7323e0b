"""Themes by keyword: a text gets the themes whose keywords it contains most."""
from __future__ import annotations

from ..model.lexicon import Lexicon, current


def theme_table(lexicon: Lexicon | None = None) -> tuple[list[dict], int, int]:
    lex = (lexicon or current()).json("themes.json")
    return lex["themes"], lex["min_hits"], lex["max_themes"]


def theme_scores(text: str, lexicon: Lexicon | None = None) -> dict[str, int]:
    themes, _, _ = theme_table(lexicon)
    return {t["slug"]: sum(text.count(k) for k in t["keywords"]) for t in themes}


def themes_of(text: str, lexicon: Lexicon | None = None) -> list[str]:
    """Slugs of the best themes, strongest first (ties in the lexicon's order)."""
    _, min_hits, most = theme_table(lexicon)
    scores = theme_scores(text, lexicon)
    top = max(scores.values(), default=0)
    if top < min_hits:
        return []
    ranked = sorted((s for s in scores.items() if s[1] >= max(min_hits, top / 2)),
                    key=lambda kv: -kv[1])
    return [slug for slug, _ in ranked[:most]]
