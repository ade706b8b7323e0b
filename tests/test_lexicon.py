"""The lexicon: one folder of genre data, loaded once and checked, with one-line errors."""
from __future__ import annotations

import json
import shutil

import pytest

from graph.model import GovkgError
from graph.model.lexicon import SCHEMA, current, load
from graph.model.resources import LEXICON_DIR


@pytest.fixture()
def folder(tmp_path):
    d = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR, d)
    load.cache_clear()
    yield d
    load.cache_clear()


def _edit(folder, name, change):
    p = folder / name
    data = json.loads(p.read_text(encoding="utf-8"))
    change(data)
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


BROKEN = [
    ("missing file", lambda d: (d / "parts.json").unlink(), "parts.json: lexicon file missing"),
    ("not JSON", lambda d: (d / "themes.json").write_text("{oops", encoding="utf-8"), "themes.json: not valid JSON"),
    ("missing key", lambda d: _edit(d, "structure.json", lambda x: x.pop("cause_cues")),
     "structure.json: key 'cause_cues' is missing"),
    ("wrong type", lambda d: _edit(d, "institutions.json", lambda x: x.update(max_name_chars="12")),
     "institutions.json: key 'max_name_chars' must be an integer"),
    ("not strings", lambda d: _edit(d, "mechanisms.json", lambda x: x.update(suffixes=["机制", 3])),
     "mechanisms.json: key 'suffixes' must be list[str]"),
    ("duplicate entry", lambda d: _edit(d, "quantities.json", lambda x: x["units"].append(x["units"][0])),
     "quantities.json: key 'units' lists"),
    ("duplicate line", lambda d: (d / "stopwords.txt").write_text("方面\n# c\n方面\n", encoding="utf-8"),
     "stopwords.txt: '方面' is listed twice"),
]


@pytest.mark.parametrize("name,breaks,message", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_lexicon_is_one_line_naming_file_and_key(folder, name, breaks, message):
    breaks(folder)
    with pytest.raises(GovkgError) as err:
        load(str(folder))
    assert message in str(err.value) and "\n" not in str(err.value)


def test_the_bundled_lexicon_is_valid_and_loaded_once():
    lex = current()
    assert lex is current()
    assert set(lex.files) == set(SCHEMA)


def test_a_lexicon_folder_is_passed_through_every_stage(folder, sample_path):
    """Another folder changes what the stages find, without touching code: with the plan's
    cues and words removed from parts.json the plan part is not recognised, and with the cause
    cues, nouns and words of a lack removed from structure.json no cause is found."""
    import graph

    base = graph.analyse(sample_path, linked=False)
    assert "plan" not in base.info.missing_parts
    def no_plan(x):
        x["parts"]["plan"].update(cues=["这条线索不会出现"], year_offset=99)
        x["guess"]["plan"] = []

    _edit(folder, "parts.json", no_plan)
    _edit(folder, "structure.json", lambda x: x.update(
        cause_cues=["这条线索不会出现"], cause_nouns=["这条线索不会出现"],
        background_cause={"illustrators": [], "time_openers": [], "symptom_words": [], "deficiency_words": [],
                          "people": [], "capacities": [], "awareness_lacks": [], "probe_words": []}))
    other = graph.analyse(sample_path, linked=False, lexicon=load(str(folder)))
    assert not any("guessed" in w for w in base.outline.warnings)
    assert "plan" in other.info.missing_parts and not other.actions
    assert any("guessed from the content" in w for w in other.outline.warnings)
    assert base.causes and not other.causes


def test_govkg_lexicon_without_the_files_is_a_one_line_error(tmp_path, sample_path):
    from kgutil import govkg

    res = govkg("extract", str(sample_path), env={"GOVKG_LEXICON": str(tmp_path)})
    assert res.returncode == 1
    assert res.stderr.strip().count("\n") == 0 and "lexicon file missing" in res.stderr
