"""Tests for scripts/gen_corpus.py: the synthetic report generator and its truth file.

The structure of the reports is checked with regular expressions on the text (not with
the project's parser), so these tests also document what the generated text looks like.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "gen_corpus.py"


def _load():
    spec = importlib.util.spec_from_file_location("gen_corpus", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["gen_corpus"] = mod
    spec.loader.exec_module(mod)
    return mod


gc = _load()

N = 240
SEED = 11

PART_RE = re.compile(r"^(?:([一二三四五])、|第([一二三四五])部分[ :])(.+)$")
AREA_RE = re.compile(r"^[(（]([一二三四五六七八九十])[)）](.+)$")
ITEM_RE = re.compile(r"^(\d+)[.、．]([^。]+)。(.+)$")
DATE_RE = re.compile(r"^(\d{4})年1月(\d{1,2})日$")
NAME_RE = re.compile(r"^(\d{5})_(\d{4})_([0-9a-f]{8})\.txt$")
TO_ASCII = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")"})
CN = "一二三四五六七八九十"


def norm(s: str) -> str:
    return s.translate(TO_ASCII)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    paths = gc.generate(out, N, SEED, pairs=0.3)
    truth = [json.loads(l) for l in (out / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    return out, paths, truth


def read(out: Path, rec: dict) -> list[str]:
    return norm((out / rec["file"]).read_text(encoding="utf-8")).splitlines()


def split_parts(lines: list[str]) -> dict[int, list[str]]:
    """Part number -> lines of that part (heading excluded); signature lines stay in the last."""
    parts: dict[int, list[str]] = {}
    cur = None
    for line in lines[3:]:
        m = PART_RE.match(line)
        if m:
            cur = CN.index(m.group(1) or m.group(2)) + 1
            assert cur not in parts, f"part {cur} twice"
            parts[cur] = []
        elif cur is not None:
            parts[cur].append(line)
    return parts


def areas_of(part: list[str]) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for line in part:
        m = AREA_RE.match(line)
        if m:
            assert CN.index(m.group(1)) == len(out), "area numbers must run 一, 二, 三 …"
            out.append((m.group(2), []))
        elif out:
            out[-1][1].append(line)
    return out


# ---------------------------------------------------------------------------------------

def test_deterministic(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    pa = gc.generate(a, 60, 5, pairs=0.4)
    pb = gc.generate(b, 60, 5, pairs=0.4)
    assert [p.name for p in pa] == [p.name for p in pb]
    for x, y in zip(pa, pb):
        assert x.read_bytes() == y.read_bytes()
    assert (a / "truth.jsonl").read_bytes() == (b / "truth.jsonl").read_bytes()
    gc.generate(c, 60, 6, pairs=0.4)
    assert (a / "truth.jsonl").read_bytes() != (c / "truth.jsonl").read_bytes()


def test_cli_matches_function(tmp_path):
    subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "cli"), "--n", "25", "--seed", "3",
                    "--pairs", "0.3", "--format", "txt"], check=True, capture_output=True)
    gc.generate(tmp_path / "fn", 25, 3, pairs=0.3)
    names = sorted(p.name for p in (tmp_path / "cli").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "fn").iterdir())
    for name in names:
        assert (tmp_path / "cli" / name).read_bytes() == (tmp_path / "fn" / name).read_bytes()


def test_files_and_truth_lines(corpus):
    out, paths, truth = corpus
    assert len(paths) == N == len(truth)
    assert sorted(p.name for p in out.glob("*.txt")) == [r["file"] for r in truth]
    for i, (p, rec) in enumerate(zip(paths, truth)):
        assert p.name == rec["file"]
        m = NAME_RE.match(p.name)
        assert m, p.name
        assert int(m.group(1)) == i and int(m.group(2)) == rec["year"]
        assert m.group(3) == hashlib.sha1(rec["issuer"].encode("utf-8")).hexdigest()[:8]
        data = p.read_bytes()
        assert 6000 <= len(data) <= 16000, (p.name, len(data))
        text = data.decode("utf-8")
        lines = text.splitlines()
        assert lines[0] == f"{rec['issuer']}关于{rec['year']}年度法治政府建设情况的报告"
        assert lines[1] == rec["issuer"]
        assert lines[-2] == rec["issuer"]
        d = DATE_RE.match(lines[-1])
        assert d and int(d.group(1)) == rec["year"] + 1 and lines[-1] == rec["date"]


def test_parts_areas_items_match_truth(corpus):
    out, _, truth = corpus
    for rec in truth:
        lines = read(out, rec)
        parts = split_parts(lines)
        assert sorted(parts) == list(range(1, rec["parts"] + 1)), rec["file"]
        # part 一: areas (一)… each with numbered items 1.title。body
        areas = areas_of(parts[1])
        assert len(areas) == len(rec["areas"]) and 3 <= len(areas) <= 5
        for (atitle, body), ta in zip(areas, rec["areas"]):
            assert atitle == ta["title"]
            items = [ITEM_RE.match(l) for l in body]
            assert all(items), (rec["file"], body)
            assert [int(m.group(1)) for m in items] == list(range(1, len(items) + 1))
            assert [m.group(2) for m in items] == [t["title"] for t in ta["items"]]
            assert 2 <= len(items) <= 4
        # part 二: 2–4 numbered or (一)-headed items
        leader = [l for l in parts[2] if AREA_RE.match(l) or ITEM_RE.match(l)]
        assert 2 <= len(leader) <= 4
        # part 三: shortcomings, each a heading then a description with 主要原因…
        sfs = areas_of(parts[3])
        assert len(sfs) == len(rec["causes"]) and 2 <= len(sfs) <= 5
        for (stitle, body), tc in zip(sfs, rec["causes"]):
            assert stitle == tc["shortcoming"]
            para = "".join(body)
            m = re.search(r"(?:主要原因|原因分析|究其原因|产生上述问题的原因主要有):(.+)。$", para)
            assert m, para
            enum = m.group(1)
            k = len(tc["reasons"])
            assert len(enum.split(";")) == k
            if tc["enum"] == "yishi":
                assert re.match("^" + ";".join(f"{CN[i]}是[^;]+" for i in range(k)) + "$", enum)
            elif tc["enum"] == "circled":
                assert re.match("^" + ";".join(f"{gc.CIRCLED[i]}[^;]+" for i in range(k)) + "$", enum)
            elif tc["enum"] == "shouxian":
                assert enum.startswith("首先,") and ";其次," in enum
            for reason in tc["reasons"]:
                assert norm(reason) in enum
        # part 四: numbered actions 1.title。body, targets in the text
        acts = [ITEM_RE.match(l) for l in parts[4]]
        acts = [m for m in acts if m]
        assert [int(m.group(1)) for m in acts] == [a["n"] for a in rec["actions"]]
        assert [m.group(2) for m in acts] == [norm(a["title"]) for a in rec["actions"]]
        assert "工作思路" in "".join(parts[4]) or not AREA_RE.match(parts[4][0])
        for t in rec["targets"]:
            body = acts[t["action"] - 1].group(3)
            assert norm(t["text"]) in body
            assert re.search(r"(不少于|以上|达到)", t["text"]) and str(t["value"]) in t["text"]
        if rec["parts"] == 5:
            assert parts[5][:-2], "part 五 has a body"


def test_numbering_styles_vary(corpus):
    out, _, truth = corpus
    part_kinds, area_kinds, item_kinds, enums, puncts = Counter(), Counter(), Counter(), Counter(), Counter()
    titles3, titles4 = Counter(), Counter()
    for rec in truth:
        raw = (out / rec["file"]).read_text(encoding="utf-8")
        for line in raw.splitlines()[3:]:
            if re.match(r"^[一二三四五]、", line):
                part_kinds["dun"] += 1
            elif re.match(r"^第[一二三四五]部分 ", line):
                part_kinds["dibufen"] += 1
            elif re.match(r"^第[一二三四五]部分:", line):
                part_kinds["dibufen_colon"] += 1
            if line.startswith("(一)"):
                area_kinds["ascii"] += 1
            elif line.startswith("（一）"):
                area_kinds["full"] += 1
            m = re.match(r"^1([.、．])", line)
            if m:
                item_kinds[m.group(1)] += 1
            m = re.match(r"^(?:三、|第三部分[ :：])(.+)$", line)
            if m:
                titles3[re.sub(r"\d{4}年", "Y年", m.group(1))] += 1
            m = re.match(r"^(?:四、|第四部分[ :：])(.+)$", line)
            if m:
                titles4[re.sub(r"\d{4}年", "Y年", m.group(1))] += 1
        enums.update(c["enum"] for c in rec["causes"][:1])
        puncts["full" if "，" in raw else "ascii"] += 1
    assert len(part_kinds) == 3, part_kinds
    assert len(area_kinds) == 2, area_kinds
    assert len(item_kinds) == 3, item_kinds
    assert set(enums) == {"yishi", "shouxian", "circled", "semi"}, enums
    assert len(puncts) == 2
    assert len(titles3) >= 4 and len(titles4) >= 4


def test_issuers_vary(corpus):
    _, _, truth = corpus
    kinds = Counter(r["issuer_kind"] for r in truth)
    assert {"街道办事处", "镇人民政府", "区人民政府", "县人民政府"} <= set(kinds)
    assert any(k.endswith("司法局") for k in kinds) and any("市场监督管理局" in k for k in kinds)
    provinces = Counter(re.match(r"^(.+?(?:省|自治区|市))", r["issuer"]).group(1) for r in truth)
    assert len(provinces) >= 15


def test_pairs(corpus):
    out, _, truth = corpus
    by_file = {r["file"]: r for r in truth}
    seconds = [r for r in truth if r.get("pair", {}).get("role") == "second"]
    firsts = [r for r in truth if r.get("pair", {}).get("role") == "first"]
    assert len(seconds) == len(firsts) > 0.15 * N / 2
    carried_any = dropped_any = 0
    for rec in seconds:
        first = by_file[rec["pair"]["with"]]
        assert first["pair"]["with"] == rec["file"]
        assert first["issuer"] == rec["issuer"] and rec["year"] == first["year"] + 1
        assert int(rec["file"][:5]) == int(first["file"][:5]) + 1
        planned = {a["n"]: a for a in first["actions"]}
        carried = [c["action"] for c in rec["carried_out"]]
        assert carried, rec["file"]
        assert sorted(carried + rec["dropped"]) == sorted(planned)
        if len(planned) > 1:
            assert rec["dropped"], "some actions must be dropped"
        lines = read(out, rec)
        areas = areas_of(split_parts(lines)[1])
        part1 = "\n".join(l for _, body in areas for l in body)
        for c in rec["carried_out"]:
            act = planned[c["action"]]
            assert c["theme"] == act["theme"] and c["key"] == act["key"]
            assert rec["areas"][c["area"] - 1]["theme"] == act["theme"]
            line = areas[c["area"] - 1][1][c["item"] - 1]
            assert ITEM_RE.match(line).group(2) == c["item_title"]
            assert act["key"] in line
            # carried out in different wording: not the plan's title
            assert c["item_title"] != act["title"] and not line.startswith(norm(act["title"]))
        for n in rec["dropped"]:
            assert planned[n]["key"] not in part1
        carried_any += len(carried)
        dropped_any += len(rec["dropped"])
    assert carried_any and dropped_any
    # non-pair reports never carry keys of an action kind in part 一 … except carried measures
    singles = [r for r in truth if "pair" not in r]
    assert all("carried_out" not in r for r in singles)


def test_actions_answer_causes(corpus):
    _, _, truth = corpus
    unanswered_causes = free_actions = answering = 0
    for rec in truth:
        sf = {c["n"]: c for c in rec["causes"]}
        assert len({c["theme"] for c in rec["causes"]}) == len(sf)
        answered = set()
        for a in rec["actions"]:
            for ref in a["addresses"]:
                assert sf[ref]["theme"] == a["theme"]
                answered.add(ref)
            if a["addresses"]:
                answering += 1
            else:
                free_actions += 1
                assert a["theme"] not in {c["theme"] for c in rec["causes"]}
        for c in rec["causes"]:
            same = [a for a in rec["actions"] if a["theme"] == c["theme"]]
            assert bool(same) == (c["n"] in answered)
        unanswered_causes += len(set(sf) - answered)
        for t in rec["targets"]:
            assert rec["actions"][t["action"] - 1]["target"] == t
    assert unanswered_causes > 0 and free_actions > 0 and answering > free_actions


def test_action_keys_only_in_their_own_texts():
    """A key term marks one action kind; generic pools must not contain it (else 'dropped' is wrong)."""
    keys = [k.key for t in gc.THEMES for k in t.actions]
    assert len(keys) == len(set(keys))
    generic = []
    for t in gc.THEMES:
        generic += t.areas + t.titles + t.bodies + [x for sf in t.shortfalls for x in sf] + t.causes
        generic += [v for vs in t.cause_variants for v in vs]
    generic += [x for li in gc.LEADER_ITEMS for x in li] + gc.CLOSINGS + gc.OPENINGS + gc.IDEAS + gc.GOALS
    generic += gc.PART5
    for key in keys:
        hits = [g for g in generic if key in g]
        assert not hits, (key, hits)
    for t in gc.THEMES:
        for k in t.actions:
            for d in k.done_bodies[:1]:
                assert k.key in d
            for other in t.actions + [a for u in gc.THEMES if u is not t for a in u.actions]:
                if other is not k:
                    assert all(other.key not in x for x in k.done_bodies + k.done_titles), (k.key, other.key)


def test_figures_present(corpus):
    out, _, truth = corpus
    text = "".join((out / r["file"]).read_text(encoding="utf-8") for r in truth[:80])
    assert re.search(r"\d+次", text)
    assert re.search(r"\d+\.\d万余人次", text)
    assert re.search(r"\d+\.\d%", text)
    assert re.search(r"\d+万元", text)
    assert re.search(r"同比\d{4}年\d+件(下降|上升)\d+\.\d%", text)
    assert re.search(r"律师事务所", text)
    assert re.search(r"“[^”]+”(工作)?机制", text)


def test_causes_have_kinds_written_in_several_wordings(corpus):
    """Every cause carries the kind id of its template; a kind is written in its template's
    words or in one of its variants, and both occur in a corpus (the peer-remedy truth)."""
    _, _, truth = corpus
    by_kind: dict[str, set[str]] = {}
    for rec in truth:
        for c in rec["causes"]:
            assert len(c["kinds"]) == len(c["reasons"]) == len(set(c["kinds"]))
            th = gc.THEME_BY_CODE[c["theme"]]
            for reason, kind in zip(c["reasons"], c["kinds"]):
                code, i = kind.split("/")
                assert code == c["theme"]
                assert reason in [th.causes[int(i)]] + th.cause_variants[int(i)]
                by_kind.setdefault(kind, set()).add(reason)
    assert all(len(t.cause_variants) == len(t.causes) for t in gc.THEMES)
    assert sum(len(w) >= 2 for w in by_kind.values()) >= len(by_kind) * 0.8
