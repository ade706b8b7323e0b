"""Genre data read from ``data/lexicon``: cue words, suffixes, theme keywords, weights.

Everything that varies by genre lives in these files, so another kind of report needs new
data files, not new code.  A :class:`Lexicon` is one folder of them, loaded once, checked
against :data:`SCHEMA` (a one-line error names the file and the key) and passed to the
stages; ``GOVKG_LEXICON`` points to another folder.
"""
from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from .errors import GovkgError
from .resources import LEXICON_DIR

STR_LIST = "list[str]"
# file -> {key: type}; "list[str]" lists must hold distinct strings.  Keys not listed are allowed.
SCHEMA: dict[str, dict[str, Any]] = {
    "aliases.json": {"institutions": dict, "institution_suffixes": dict, "mechanisms": dict},
    "enumerators.json": {"series": list, "numeral_verb": dict, "postfix": STR_LIST},
    "institutions.json": {"suffixes": STR_LIST, "generic_words": STR_LIST, "stop_words": STR_LIST,
                          "max_name_chars": int, "place_words": STR_LIST, "trim_leading_pos": STR_LIST},
    "linking.json": {"weights": dict, "lexical": dict, "semantic": dict, "threshold": float, "top_k": int,
                     "margin": float, "lexical_only": dict, "baseline": dict, "units": list,
                     "followthrough": dict, "attach": dict, "remedy_written_after_only": bool,
                     "candidates": int, "action_sentences": int},
    "mechanisms.json": {"suffixes": STR_LIST, "quoted_max_chars": int, "quoted_exclude_suffixes": STR_LIST,
                        "quoted_exclude_followers": STR_LIST, "leading_verbs": STR_LIST,
                        "generic_labels": STR_LIST, "formula_patterns": STR_LIST,
                        "suffix_not_followed_by": STR_LIST, "quoted_exclude_chars": STR_LIST},
    "parts.json": {"order": STR_LIST, "parts": dict, "guess": dict, "combined_words": STR_LIST,
                   "future_words": STR_LIST},
    "quantities.json": {"units": STR_LIST, "big": dict, "percent": STR_LIST, "qualifiers_after": STR_LIST,
                        "qualifiers_before": STR_LIST, "range_marks": STR_LIST, "comparators": STR_LIST,
                        "comparators_after": STR_LIST, "what_strip_prefix": STR_LIST, "comparison": dict,
                        "unit_aliases": dict, "date_before": STR_LIST, "what_verb_tail": STR_LIST,
                        "classifier_units": STR_LIST, "target_light_verbs": STR_LIST, "full_coverage": STR_LIST,
                        "target_change_verbs": STR_LIST, "target_provision_verbs": STR_LIST},
    "structure.json": {"cause_cues": STR_LIST, "cause_heading_cues": STR_LIST, "plan_frame_titles": STR_LIST,
                       "plan_action_container_cues": STR_LIST, "cause_splitters": STR_LIST,
                       "shortcoming_title_words": STR_LIST, "clause_stops": str,
                       "cue_followers": STR_LIST, "remedy_cues": STR_LIST, "remedy_verbs": STR_LIST,
                       "remedy_verb_window": int, "cause_nouns": STR_LIST, "cause_leads": STR_LIST,
                       "cause_noun_followers": STR_LIST, "cause_frames": STR_LIST, "pooled_words": STR_LIST,
                       "cause_second_openers": STR_LIST, "cause_roles": dict, "cause_part_openers": STR_LIST,
                       "lead_in_words": STR_LIST, "remedy_openers": STR_LIST,
                       "remedy_opener_lead": int, "aspect_endings": STR_LIST, "background_cause": dict,
                       "remedy_cue_verbs": STR_LIST, "remedy_opening_verbs": STR_LIST, "cause_both": dict,
                       "discussion_verbs": STR_LIST, "agent_verb": dict, "remedy_agents": STR_LIST,
                       "back_reference_leads": STR_LIST, "why_questions": STR_LIST, "cause_list_leads": STR_LIST,
                       "remedy_nouns": STR_LIST, "lead_in_weak_words": STR_LIST, "cause_counters": STR_LIST,
                       "action_modals": STR_LIST, "plan_closing_openers": STR_LIST, "plan_closing_verbs": STR_LIST,
                       "remedy_when": STR_LIST, "view_endings": STR_LIST},
    "themes.json": {"scheme": dict, "min_hits": int, "max_themes": int, "themes": list},
    "layout.json": {"page_footers": STR_LIST, "heading_starts": STR_LIST, "split_min_chars": int,
                    "join_min_chars": int, "sentence_end": str, "flat_avg_line_chars": int,
                    "flat_heading_starts": STR_LIST, "join_heading_min_chars": int,
                    "list_starts": STR_LIST},
    "clutter.txt": {}, "linking_terms.txt": {}, "stopwords.txt": {},
}


@dataclass(eq=False)
class Lexicon:
    """One folder of genre data, validated; compiled patterns are memoised per lexicon."""

    folder: Path
    files: dict[str, Any]
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def json(self, name: str) -> dict:
        return self.files[name]

    def lines(self, name: str) -> tuple[str, ...]:
        """Non-empty, non-comment lines of a text lexicon."""
        return self.files[name]

    def memo(self, key: str, build: Callable[[], Any]) -> Any:
        """``build()`` once per lexicon: the compiled form of its data (patterns, tables)."""
        try:
            return self._memo[key]
        except KeyError:
            with self._lock:
                if key not in self._memo:
                    self._memo[key] = build()
            return self._memo[key]


def _type_name(t: Any) -> str:
    return t if isinstance(t, str) else {dict: "an object", list: "a list", int: "an integer", bool: "true or false",
                                         float: "a number", str: "a string"}[t]


def _check(path: Path, data: Any, keys: dict[str, Any]) -> None:
    if not isinstance(data, dict):
        raise GovkgError(f"{path}: must hold a JSON object")
    for key, want in keys.items():
        if key not in data:
            raise GovkgError(f"{path}: key {key!r} is missing")
        v = data[key]
        ok = (isinstance(v, list) and all(isinstance(x, str) for x in v)) if want == STR_LIST else \
            isinstance(v, (int, float)) and not isinstance(v, bool) if want is float else \
            isinstance(v, want) and (want is bool or not isinstance(v, bool))
        if not ok:
            raise GovkgError(f"{path}: key {key!r} must be {_type_name(want)}")
        if want == STR_LIST:
            dup = next((x for i, x in enumerate(v) if x in v[:i]), None)
            if dup is not None:
                raise GovkgError(f"{path}: key {key!r} lists {dup!r} twice")


def _read(path: Path) -> Any:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GovkgError(f"{path}: lexicon file missing (GOVKG_LEXICON={path.parent}?)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GovkgError(f"{path}: cannot read: {exc}") from None
    if path.suffix == ".txt":
        lines = tuple(ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#"))
        dup = next((x for i, x in enumerate(lines) if x in lines[:i]), None)
        if dup is not None:
            raise GovkgError(f"{path}: {dup!r} is listed twice")
        return lines
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GovkgError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None


@lru_cache(maxsize=None)
def load(folder: str | Path) -> Lexicon:
    """The lexicon in ``folder``, read and checked once per process."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GovkgError(f"{folder}: no lexicon folder (GOVKG_LEXICON?)")
    files = {}
    for name, keys in SCHEMA.items():
        data = _read(folder / name)
        if name.endswith(".json"):
            _check(folder / name, data, keys)
        files[name] = data
    return Lexicon(folder, files)


def lexicon_dir() -> Path:
    return Path(os.environ.get("GOVKG_LEXICON") or LEXICON_DIR)


def current() -> Lexicon:
    """The lexicon of this process: ``GOVKG_LEXICON`` or the bundled one."""
    return load(str(lexicon_dir()))


def alternation(words) -> str:
    """A regex alternation, longest words first so that the longest match wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
