"""Year over year: what became of last year's plan, and which problems come back.

For the same issuer and two consecutive years Y and Y+1:

* follow-through – each action of year Y's plan (part 四) is scored against every measure of
  year Y+1's report (parts 一 and 二).  The score is the linker's lexical similarity
  (graph/similarity.py: jieba tokens, TF-IDF fitted on the two reports' actions and measures,
  cosine), mixed from the whole measure and its best sentence.  An action is carried out by
  its best measure when the score reaches ``threshold``, and by further measures within
  ``margin`` of the best (at most ``top_k``; all in data/lexicon/linking.json,
  "followthrough"); the evidence is the shared terms and the best
  matching sentence.  An action with no such measure *left no trace*;
* recurrence – a shortcoming of year Y+1 recurs a shortcoming of year Y when their texts
  (title and explanation) reach ``recur_threshold``, or share a theme and reach
  ``recur_themed``.

The work is split so that a corpus never has to be held in memory: ``digest(ex)`` keeps,
per report, only what matching needs (ids, labels, texts, themes, tokens; a few KB), and is
computed in the extraction worker; ``pairs`` finds the consecutive years of each issuer;
``follow_pair`` matches one pair; ``pair_graph`` writes it as RDF (docs/rdf-shape.md,
"Year over year"), one named graph per issuer pair.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from ..link import similarity as sim
from ..model import Report
from ..model.lexicon import current
from ..rdf.convert import iri_segment, boolean, decimal, fact_iri, integer, report_iri, theme_iri, zh
from ..rdf.serialize import new_graph
from ..model.vocab import GK, ID



def params() -> dict[str, float]:
    """The thresholds of year-over-year matching: data/lexicon/linking.json, "followthrough"."""
    return current().json("linking.json")["followthrough"]

_SENT = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")


# --------------------------------------------------------------------------- digest

def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT.findall(text or "") if s.strip()]


_CJK = re.compile(r"[\u4e00-\u9fff]+")


def features(text: str) -> list[str]:
    """jieba content tokens (graph/similarity.py) plus CJK character trigrams (``#`` + trigram):
    a phrase the tokenizer splits (纠纷排查预警 → 纠纷/排查/预警) still counts as a whole."""
    out = sim.tokens(text)
    for run in _CJK.findall(text):
        out.extend("#" + run[i:i + 3] for i in range(len(run) - 2))
    return out


def digest(ex: Report) -> dict[str, Any]:
    """What year-over-year matching needs of one report: small, picklable, JSON-able."""
    meta = ex.info.meta
    measures = []
    for m in ex.measures:
        sents = _sentences(m.text)
        measures.append({"id": m.id, "label": m.label, "themes": list(m.themes),
                         "tokens": features(f"{m.label}。{m.text}"),
                         "sentences": [[s, features(s)] for s in sents]})
    return {
        "rid": ex.info.id, "issuer": meta.issuer, "year": meta.year, "source": ex.info.source,
        "actions": [{"id": a.id, "label": a.label, "themes": list(a.themes),
                     "tokens": features(f"{a.label}。{a.text}")} for a in ex.actions],
        "measures": measures,
        "shortcomings": [{"id": s.id, "label": s.label, "themes": list(s.themes),
                          "tokens": features(f"{s.label}。{s.text}")} for s in ex.shortcomings],
    }


def consecutive(items: Iterable[tuple[str, int, Any]]) -> list[tuple[Any, Any]]:
    """(year Y, year Y+1) items of the same issuer from (issuer, year, item), sorted by issuer
    then year; of two items with the same issuer and year the last one counts."""
    by: dict[str, dict[int, Any]] = {}
    for issuer, year, item in items:
        by.setdefault(issuer, {})[int(year)] = item
    out = []
    for issuer in sorted(by):
        years = by[issuer]
        out.extend((years[y], years[y + 1]) for y in sorted(years) if y + 1 in years)
    return out


def pairs(digests: Iterable[dict]) -> list[tuple[dict, dict]]:
    """(year Y, year Y+1) digests of the same issuer, sorted by issuer then year."""
    return consecutive((d["issuer"], d["year"], d) for d in digests if d.get("issuer") and d.get("year"))


# --------------------------------------------------------------------------- matching

@dataclass
class FollowLink:
    action: str
    measure: str
    score: float
    terms: list[str] = field(default_factory=list)
    sentence: str = ""


@dataclass
class Recurrence:
    later: str      # shortcoming id in year Y+1
    earlier: str    # shortcoming id in year Y
    score: float
    terms: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)


@dataclass
class PairResult:
    earlier: dict
    later: dict
    links: list[FollowLink] = field(default_factory=list)
    untraced: dict[str, float] = field(default_factory=dict)  # action id -> best score
    recurs: list[Recurrence] = field(default_factory=list)


class CorpusIdf:
    """Document frequencies of tokens over the actions and measures of a whole corpus: a
    term every report uses (合法性审查, 矛盾纠纷) is weak evidence that a measure carries out
    an action; a term two reports of one issuer share and few others use is strong."""

    def __init__(self, digests: Iterable[dict] = ()):
        self.df: dict[str, int] = {}
        self.n = 0
        for d in digests:
            self.add(d)

    def add(self, d: dict) -> None:
        for item in d["actions"] + d["measures"]:
            self.n += 1
            for t in set(item["tokens"]):
                self.df[t] = self.df.get(t, 0) + 1

    def model(self, local: list[list[str]]) -> sim.TfIdf:
        """A TfIdf over the corpus counts (plus ``local`` documents).  The IDF of a term is
        worked out when a vector asks for it: copying the corpus vocabulary for every pair
        would make matching grow with pairs × vocabulary."""
        local_df: dict[str, int] = {}
        for toks in local:
            for t in set(toks):
                local_df[t] = local_df.get(t, 0) + 1
        m = sim.TfIdf(())
        m.n = self.n + len(local)
        m.idf = _Idf(self.df, local_df, m.n)
        m.default_idf = math.log(1 + m.n) + 1.0
        return m


class _Idf:
    """``get(term, default)`` of the smoothed IDF over corpus plus local document counts."""

    def __init__(self, corpus_df: dict[str, int], local_df: dict[str, int], n: int):
        self.corpus_df, self.local_df, self.n = corpus_df, local_df, n

    def get(self, t: str, default: float) -> float:
        c = self.corpus_df.get(t, 0) + self.local_df.get(t, 0)
        return math.log((1 + self.n) / (1 + c)) + 1.0 if c else default


def follow_pair(earlier: dict, later: dict, idf: CorpusIdf | None = None) -> PairResult:
    """Match year Y's actions to year Y+1's measures, and Y+1's shortcomings to Y's.
    ``idf``: corpus document frequencies (else those of the two reports alone)."""
    res = PairResult(earlier, later)
    prm = params()
    share, threshold = prm["sentence_share"], prm["threshold"]
    actions, measures = earlier["actions"], later["measures"]
    local = [a["tokens"] for a in actions] + [m["tokens"] for m in measures]
    model = idf.model(local) if idf is not None and idf.n else sim.TfIdf(local)
    avec = [model.vector(a["tokens"]) for a in actions]
    mvec = [model.vector(m["tokens"]) for m in measures]
    svec = [[model.vector(t) for _, t in m["sentences"]] for m in measures]
    for a, av in zip(actions, avec):
        scored = []
        for m, mv, sv in zip(measures, mvec, svec):
            whole = sim.cosine(av, mv)
            sent_scores = [sim.cosine(av, v) for v in sv]
            best_i = max(range(len(sent_scores)), key=sent_scores.__getitem__) if sent_scores else -1
            best_s = sent_scores[best_i] if sent_scores else whole
            score = round(share * best_s + (1 - share) * whole, 4)
            scored.append((score, m["id"], mv, m["sentences"][best_i][0] if best_i >= 0 else ""))
        scored.sort(key=lambda x: (-x[0], x[1]))
        if not scored or scored[0][0] < threshold:
            res.untraced[a["id"]] = scored[0][0] if scored else 0.0
            continue
        top = scored[0][0]
        for score, mid, mv, sentence in scored[:int(prm["top_k"])]:
            if score < threshold or score < top - prm["margin"]:
                break
            res.links.append(FollowLink(a["id"], mid, score, _terms(av, mv), sentence))
    res.recurs = recurrences(earlier["shortcomings"], later["shortcomings"])
    return res


def _terms(a: dict[str, float], b: dict[str, float]) -> list[str]:
    return sim.shared_terms({t: w for t, w in a.items() if t[0] != "#"}, b)


def recurrences(earlier: list[dict], later: list[dict]) -> list[Recurrence]:
    if not earlier or not later:
        return []
    prm = params()
    model = sim.TfIdf([s["tokens"] for s in earlier] + [s["tokens"] for s in later])
    ev = [model.vector(s["tokens"]) for s in earlier]
    out = []
    for s in later:
        lv = model.vector(s["tokens"])
        best = None
        for e, v in zip(earlier, ev):
            score = round(sim.cosine(lv, v), 4)
            themes = sorted(set(s["themes"]) & set(e["themes"]))
            if score >= prm["recur_threshold"] or (themes and score >= prm["recur_themed"]):
                if best is None or score > best.score:
                    best = Recurrence(s["id"], e["id"], score, _terms(lv, v), themes)
        if best is not None:
            out.append(best)
    return out


# --------------------------------------------------------------------------- RDF

def pair_iri(earlier_rid: str, later_rid: str) -> URIRef:
    return ID[f"followthrough/{iri_segment(earlier_rid)}/{iri_segment(later_rid)}"]


def pair_graph(res: PairResult) -> tuple[str, Graph]:
    """The named graph of one issuer pair: ``gkid:followthrough/{rid Y}/{rid Y+1}``."""
    e, l = res.earlier, res.later
    pg = pair_iri(e["rid"], l["rid"])
    g = new_graph()

    def add(s, p, o):
        if o is not None:
            g.add((s, p, o))

    add(pg, RDF.type, GK.YearPair)
    add(pg, RDFS.label, zh(f"{e['issuer']} {e['year']}→{l['year']}"))
    add(pg, GK.issuer, zh(e["issuer"]))
    add(pg, GK.earlier, report_iri(e["rid"]))
    add(pg, GK.later, report_iri(l["rid"]))
    add(pg, GK.earlierYear, integer(e["year"]))
    add(pg, GK.laterYear, integer(l["year"]))
    traced = set()
    for ln in res.links:
        a, m = fact_iri(e["rid"], ln.action), fact_iri(l["rid"], ln.measure)
        traced.add(ln.action)
        f = URIRef(f"{pg}/{iri_segment(ln.action)}/{iri_segment(ln.measure)}")
        add(a, GK.carriedOutBy, m)
        add(f, RDF.type, GK.FollowThrough)
        add(f, RDFS.label, zh(f"{ln.action} → {ln.measure}"))
        add(f, GK.inPair, pg)
        add(f, GK.followAction, a)
        add(f, GK.followMeasure, m)
        add(f, GK.score, decimal(ln.score))
        for t in ln.terms:
            add(f, GK.sharedTerm, zh(t))
        add(f, GK.evidenceSentence, zh(ln.sentence))
    for act in e["actions"]:
        a = fact_iri(e["rid"], act["id"])
        add(a, GK.leftNoTrace, boolean(act["id"] not in traced))
        if act["id"] in res.untraced:
            add(a, GK.bestFollowScore, decimal(res.untraced[act["id"]]))
    for r in res.recurs:
        later, earlier = fact_iri(l["rid"], r.later), fact_iri(e["rid"], r.earlier)
        add(later, GK.recurs, earlier)
        q = URIRef(f"{pg}/recurs/{iri_segment(r.later)}/{iri_segment(r.earlier)}")
        add(q, RDF.type, GK.Recurrence)
        add(q, RDFS.label, zh(f"{r.later} ↺ {r.earlier}"))
        add(q, GK.inPair, pg)
        add(q, GK.recurrenceLater, later)
        add(q, GK.recurrenceEarlier, earlier)
        add(q, GK.score, decimal(r.score))
        for t in r.terms:
            add(q, GK.sharedTerm, zh(t))
        for th in r.themes:
            add(q, GK.sharedTheme, theme_iri(th))
    return str(pg), g


def follow_corpus(digests: list[dict]) -> Iterable[tuple[PairResult, str, Graph]]:
    """Every consecutive-year pair of the digests, matched and as its named graph."""
    idf = CorpusIdf(digests)
    for e, l in pairs(digests):
        res = follow_pair(e, l, idf)
        name, g = pair_graph(res)
        yield res, name, g
