"""jieba, loaded once and quiet: word boundaries and tags for the few rules that need words
rather than characters (a modal of its own, 要 not 要求; who acts before 将; an institution's name)."""
from __future__ import annotations

from types import ModuleType


def words_of(text: str) -> list[str]:
    """jieba's words of ``text``, dictionary only (no HMM guesses)."""
    return _jieba().lcut(text, HMM=False)


def tagged(text: str) -> list:
    """jieba's (word, flag) pairs of ``text``."""
    _jieba()
    import jieba.posseg

    return jieba.posseg.lcut(text)


def _jieba() -> ModuleType:
    import jieba

    jieba.setLogLevel(60)  # no "Building prefix dict" lines on stderr
    return jieba
