"""Institutions and mechanisms: named things with every mention.

Institutions are found by suffix (律师事务所, 派出所 …) and extended leftwards
over name characters to a stop word.  Mechanisms are quoted names, names ending
in 制度/机制/平台 …, and numbered formulas (三重一大).  Both lists live in data/.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..model.facts import Institution, Mechanism, Mention
from ..model.lexicon import Lexicon, alternation, current
from ..model.vocab import short_hash
from .words import tagged, words_of

CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Found:
    start: int
    end: int
    label: str
    kind: str
    scope: str = "global"
    key: str = ""  # the resolution key: a region-qualified name, or the label


def _extend_left(text: str, start: int, lo: int, stops: tuple[str, ...], most: int) -> int:
    """Where a name ending at ``start`` begins: the run of CJK characters before it,
    cut after the last jieba token that is a stop word (严格落实|行政|裁量权 → 行政…;
    诉调|对接|工作室 keeps 对接, the single 对 inside a word is no stop)."""
    i = start
    while i > lo and start - i < most and CJK.match(text[i - 1]):
        if i - 2 >= lo and text[i - 2] in "0123456789":
            break  # 1个综治中心: a count, not part of the name
        i -= 1
    truncated = start - i >= most
    tokens = words_of(text[i:start])
    cut, pos = i, i
    for n, tok in enumerate(tokens):
        pos += len(tok)
        if tok in stops or (n == 0 and truncated) or any(len(w) > 1 and tok.endswith(w) for w in stops):
            cut = pos
    return cut


def _inst_rx(lexicon: Lexicon) -> re.Pattern:
    return lexicon.memo("institutions.rx",
                        lambda: re.compile(alternation(lexicon.json("institutions.json")["suffixes"])))


def _trim_leading(name: str, suffix: str, pos: tuple[str, ...]) -> str:
    """Drop leading verbs, prepositions and adverbs (支持区纪委 → 区纪委) by jieba's tags."""
    prefix = name[: len(name) - len(suffix)]
    for token in tagged(prefix):
        if not token.flag.startswith(pos) or len(token.word) >= len(prefix):
            break
        prefix = prefix[len(token.word):]
    return prefix + suffix


def find_institutions(text: str, lo: int, hi: int, region: str | None,
                      lexicon: Lexicon | None = None) -> list[Found]:
    lexicon = lexicon or current()
    lex = lexicon.json("institutions.json")
    stops = tuple(sorted(lex["stop_words"], key=len, reverse=True))
    generic, places = set(lex["generic_words"]), lex["place_words"]
    out = []
    for m in _inst_rx(lexicon).finditer(text, lo, hi):
        start = _extend_left(text, m.start(), lo, stops, lex["max_name_chars"])
        name = unicodedata.normalize("NFKC", text[start:m.end()])
        if len(name) > len(m.group()):
            name = _trim_leading(name, m.group(), tuple(lex["trim_leading_pos"]))
            start = m.end() - len(name)
        prefix = name[: len(name) - len(m.group())]
        for p in places:
            if prefix.startswith(p) and prefix != p:
                prefix = prefix[len(p):]
        if region and prefix in ("区", "县", "市") and prefix in region:
            qualified = region[: region.rfind(prefix) + 1] + m.group()
            out.append(Found(start, m.end(), name, m.group(), "global", qualified))
            continue
        rest = prefix
        while rest:
            word = next((g for g in sorted(generic, key=len, reverse=True) if rest.startswith(g)), None)
            if not word:
                break
            rest = rest[len(word):]
        if rest:  # a proper name: keep it whole; a leading bare 区/县/市 is the issuer's
            label = prefix + m.group()
            key = label
            if region and label[0] in "区县市" and label[0] in region:
                key = region[: region.rfind(label[0]) + 1] + label[1:]
            out.append(Found(start, m.end(), label, m.group(), "global", key))
        else:
            label = (prefix if prefix in generic and prefix not in places else "") + m.group()
            out.append(Found(start, m.end(), label, m.group(), "local"))
    return out


def _mech_rx(lex: dict) -> tuple[re.Pattern, re.Pattern, list[re.Pattern]]:
    quoted = re.compile(r"[“\"]([^”\"“\n]{2,%d})[”\"]" % lex["quoted_max_chars"])
    suffix = re.compile(alternation(lex["suffixes"]))
    formulas = [re.compile(p) for p in lex["formula_patterns"]]
    return quoted, suffix, formulas


def _quoted_ok(label: str, follower: str, lex: dict) -> bool:
    if "、" in label or re.search(r"\d\s*[・·.]\s*\d", label) or not CJK.search(label):
        return False
    if any(label.endswith(s) for s in lex["quoted_exclude_suffixes"]) or any(
            c in label for c in lex["quoted_exclude_chars"]):
        return False
    return not any(follower.startswith(f) for f in lex["quoted_exclude_followers"])


def find_mechanisms(text: str, lo: int, hi: int, titles: tuple[tuple[int, int], ...] = (),
                    lexicon: Lexicon | None = None) -> list[Found]:
    """Mechanisms in text[lo:hi]; suffix names inside heading ``titles`` are left out
    (a title such as 调解机制持续完善 sums up an area, it does not name a mechanism)."""
    lexicon = lexicon or current()
    lex = lexicon.json("mechanisms.json")
    quoted, suffix, formulas = lexicon.memo("mechanisms.rx", lambda: _mech_rx(lex))
    verbs = tuple(sorted(lex["leading_verbs"], key=len, reverse=True))
    out: list[Found] = []
    taken: list[tuple[int, int]] = []
    for m in quoted.finditer(text, lo, hi):
        if _quoted_ok(m.group(1), text[m.end():m.end() + 4], lex):
            out.append(Found(m.start(1), m.end(1), m.group(1), "quoted"))
        taken.append((m.start(), m.end()))
    for rx in formulas:
        for m in rx.finditer(text, lo, hi):
            if not any(a <= m.start() < b for a, b in taken):
                out.append(Found(m.start(), m.end(), m.group(), "formula"))
                taken.append((m.start(), m.end()))
    for m in suffix.finditer(text, lo, hi):
        if any(a <= m.start() <= b for a, b in taken) or text[m.end():m.end() + 1] in lex["suffix_not_followed_by"]:
            continue
        start = _extend_left(text, m.start(), lo, verbs, 12)
        label = text[start:m.end()]
        if len(label) - len(m.group()) < 2 or label in lex["generic_labels"] or text[start - 1:start] in "”\"":
            continue
        if any(a <= start < b for a, b in titles):
            continue
        out.append(Found(start, m.end(), label, "suffix"))
    out = [f for f in out if not any(g is not f and g.start <= f.start and f.end <= g.end
                                     and g.end - g.start > f.end - f.start for g in out)]
    return sorted(out, key=lambda f: f.start)


def _alias_key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().strip("“”\"'‘’「」 ")


def _aliases(lexicon: Lexicon | None) -> tuple[dict[str, str], list[tuple[str, str]], dict[str, str]]:
    """data/lexicon/aliases.json (docs/entity-resolution.md), normalised."""
    lexicon = lexicon or current()
    return lexicon.memo("aliases", lambda: _alias_tables(lexicon.json("aliases.json")))


def _alias_tables(lex: dict) -> tuple[dict[str, str], list[tuple[str, str]], dict[str, str]]:
    inst = {_alias_key(k): _alias_key(v) for k, v in lex.get("institutions", {}).items()}
    suffixes = sorted(((_alias_key(k), _alias_key(v)) for k, v in lex.get("institution_suffixes", {}).items()),
                      key=lambda kv: -len(kv[0]))
    mech = {_alias_key(k): _alias_key(v) for k, v in lex.get("mechanisms", {}).items()}
    return inst, suffixes, mech


def canonical_institution(key: str, lexicon: Lexicon | None = None) -> str:
    """The resolution key of an institution name: the alias table's canonical name, or
    the name with a variant suffix replaced (银水区法院 → 银水区人民法院)."""
    inst, suffixes, _ = _aliases(lexicon)
    k = _alias_key(key)
    if k in inst:
        return inst[k]
    for variant, canon in suffixes:
        if k.endswith(variant) and not k.endswith(canon):
            return inst.get(k[: len(k) - len(variant)] + canon, k[: len(k) - len(variant)] + canon)
    return key


def canonical_mechanism(label: str, lexicon: Lexicon | None = None) -> str:
    """The resolution key of a mechanism label (三项制度 → 行政执法三项制度)."""
    return _aliases(lexicon)[2].get(_alias_key(label), label)


def institution_id(key: str, scope: str, issuer_key: str, lexicon: Lexicon | None = None) -> str:
    """Proper names are one node across reports; generic ones belong to their issuer."""
    key = canonical_institution(key, lexicon)
    return f"inst-{short_hash(key if scope == 'global' else issuer_key + '/' + key, 10)}"


def mechanism_id(label: str, lexicon: Lexicon | None = None) -> str:
    return f"mech-{short_hash(canonical_mechanism(label, lexicon), 10)}"


def group_institutions(found: list[Found], issuer_key: str, text: str,
                       lexicon: Lexicon | None = None) -> list[Institution]:
    by: dict[str, Institution] = {}
    for f in found:
        key = f.key or f.label
        iid = institution_id(key, f.scope, issuer_key, lexicon)
        inst = by.setdefault(iid, Institution(iid, f.label, f.scope, f.kind, key))
        inst.mentions.append(Mention((f.start, f.end), text[f.start:f.end]))
    return list(by.values())


def group_mechanisms(found: list[Found], text: str, lexicon: Lexicon | None = None) -> list[Mechanism]:
    by: dict[str, Mechanism] = {}
    for f in found:
        mid = mechanism_id(f.label, lexicon)
        mech = by.setdefault(mid, Mechanism(mid, f.label, f.kind))
        mech.mentions.append(Mention((f.start, f.end), text[f.start:f.end]))
    return list(by.values())
