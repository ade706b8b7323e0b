#!/usr/bin/env python3
"""Score peer remedies (`govkg suggest`) on a built corpus against the generator's truth.

    .venv/bin/python scripts/score_suggest.py CORPUS_DIR STORE_DIR [--top 5] [--format table|json]

CORPUS_DIR holds reports made by scripts/gen_corpus.py and their ``truth.jsonl``, where every
cause has a kind id (``causes[].kinds``: the causes of one kind are one template written in
several wordings).  STORE_DIR is the store ``govkg build CORPUS_DIR`` wrote.  For every cause of
every stored report, the top suggestions are made as `govkg suggest --report ID` makes them;

* precision@k = share of the suggested peer actions whose peer cause is of the same kind as
  the cause asked about (only suggestions whose two causes are both known to the truth count);
* the same, for peer causes worded differently from ours (not the same template wording);
* top-1 = share of causes whose first suggestion is of the same kind;
* precision@k with every peer cause worded exactly like ours left out: in a corpus of a few
  hundred reports each kind is written the same way dozens of times, so the plain figure
  mostly measures exact matches; this one measures finding the other wordings.

A stored cause is known to the truth when its text is one of the reasons the generator wrote
for that report (punctuation folded to ASCII).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TO_ASCII = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")"})

_SOURCES = """PREFIX gk: <https://w3id.org/govkg/ont#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?r ?src WHERE { ?r a gk:Report ; dcterms:source ?src }"""


def norm(s: str) -> str:
    return (s or "").translate(TO_ASCII).strip().rstrip("。;,")


def kinds(corpus_dir: Path) -> dict[tuple[str, str], str]:
    """{(file, reason text): kind} of every cause the generator wrote."""
    out = {}
    for line in (Path(corpus_dir) / "truth.jsonl").read_text("utf-8").splitlines():
        t = json.loads(line)
        for c in t["causes"]:
            for reason, kind in zip(c["reasons"], c.get("kinds", [])):
                out[(t["file"], norm(reason))] = kind
    return out


def score(corpus_dir: str | Path, store_dir: str | Path, top: int = 5) -> dict:
    from graph import store as st
    from graph.link.peers import PeerIndex
    from graph.views.suggest import asked_in_store, pool

    truth = kinds(Path(corpus_dir))
    if not any(True for _ in truth.values()):
        raise ValueError("the truth has no cause kinds (a corpus from an older gen_corpus.py)")
    store = st.open_store(store_dir, read_only=True)
    files = {r["r"]: Path(str(r["src"])).name for r in st.query(store, _SOURCES)[1]}
    causes = pool(store)
    kind = {(pc.report, pc.cause): truth.get((files.get(pc.report, ""), norm(pc.text))) for pc in causes}
    index = PeerIndex(causes)
    asked_n = known_n = judged = hits = other_judged = other_hits = first = first_n = rw_judged = rw_hits = 0
    by_report: dict[str, list] = {}
    for pc in causes:
        by_report.setdefault(pc.report, []).append(pc)
    for iri, own in sorted(by_report.items()):
        for a in asked_in_store(own, iri):
            asked_n += 1
            mine = kind.get((iri, a.cause))
            if mine is None:
                continue
            known_n += 1
            remedies = index.suggest(a.text, own[0].issuer, iri, top)
            for r in remedies:
                theirs = kind.get((r.peer.report, r.peer.cause))
                if theirs is None:
                    continue
                judged += 1
                hits += theirs == mine
                if norm(r.peer.text) != norm(a.text):
                    other_judged += 1
                    other_hits += theirs == mine
            for theirs in reworded(index, a.text, own[0].issuer, iri, top, kind):
                rw_judged += 1
                rw_hits += theirs == mine
            if remedies and kind.get((remedies[0].peer.report, remedies[0].peer.cause)) is not None:
                first_n += 1
                first += kind[(remedies[0].peer.report, remedies[0].peer.cause)] == mine
    return {"reports": len(by_report), "causes": asked_n, "causes known to the truth": known_n,
            "suggestions judged": judged, f"precision@{top}": round(hits / judged, 4) if judged else 0.0,
            "judged, other wording": other_judged,
            f"precision@{top}, other wording": round(other_hits / other_judged, 4) if other_judged else 0.0,
            "top-1 same kind": round(first / first_n, 4) if first_n else 0.0,
            "judged, identical wordings left out": rw_judged,
            f"precision@{top}, identical wordings left out": round(rw_hits / rw_judged, 4) if rw_judged else 0.0}


def reworded(index, text: str, issuer: str | None, report: str, top: int, kind: dict) -> list[str]:
    """Kinds of the top peer actions when every peer cause worded exactly like ``text`` is
    left out: what the similarity finds when only other wordings of a cause are in the store."""
    import numpy as np

    scores = np.round(index.similarities(text), 4)
    mine = norm(text)
    cand = [i for i in np.nonzero(scores > 0)[0] if index.causes[i].issuer != issuer
            and index.causes[i].report != report and norm(index.causes[i].text) != mine]
    cand.sort(key=lambda i: (-scores[i], index.order[i]))
    out: list[str] = []
    for i in cand:
        pc = index.causes[i]
        for _ in pc.actions:
            if len(out) == top:
                return out
            k = kind.get((pc.report, pc.cause))
            if k is not None:
                out.append(k)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus_dir", type=Path)
    ap.add_argument("store_dir", type=Path)
    ap.add_argument("--top", type=int, default=5)
    ap.add_argument("--format", choices=("table", "json"), default="table")
    args = ap.parse_args(argv)
    from graph.model import GovkgError

    try:
        res = score(args.corpus_dir, args.store_dir, args.top)
    except (GovkgError, OSError, ValueError, KeyError) as exc:
        print(f"score_suggest: error: {type(exc).__name__}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0
    for k, v in res.items():
        print(f"{k:32} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
