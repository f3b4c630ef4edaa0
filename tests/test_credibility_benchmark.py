"""benchmarks/credibility.py: the harness counts what a reader would count."""

import importlib.util
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "credibility_data"


def bench():
    spec = importlib.util.spec_from_file_location("credibility", ROOT / "benchmarks/credibility.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["credibility"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_a_changed_reply_makes_its_judgement_missing_not_a_fit(tmp_path, capsys):
    cb = bench()
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data/judgements/dev-fi-lastensuojelu-hurried.json"
    judged = json.loads(path.read_text(encoding="utf-8"))
    judged["turns"][1]["client"] = "Something the client no longer says."
    judged["turns"][2]["fits"] = None  # not judged yet
    path.write_text(json.dumps(judged, ensure_ascii=False), encoding="utf-8")
    assert cb.main(["--data", str(tmp_path / "data"), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)["scenarios"]["fi-lastensuojelu-ensitapaaminen"]
    assert figures["replies"] == 5
    assert figures["judged"] == 3 and figures["missing_judgements"] == 2
    assert figures["endings"] == {"skilled": [], "hurried": ["neutral"]}


def test_repeats_and_fallbacks_are_counted_per_reply(tmp_path, capsys):
    cb = bench()
    (tmp_path / "data/meetings").mkdir(parents=True)
    (tmp_path / "data/judgements").mkdir()
    meeting = {
        "id": "parrot",
        "scenario": "en-humiliated-before",
        "seed": 3,
        "variant": "sharp",
        "style": "hurried",
        "author": "test (not blind)",
        "turns": ["zzz qqq"] * 7,
    }
    (tmp_path / "data/meetings/parrot.json").write_text(json.dumps(meeting), encoding="utf-8")
    assert cb.main(["--data", str(tmp_path / "data"), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)["all"]
    # Seven unrecognised turns: four different `when_unrecognised` lines, then the
    # in-character dry-pool lines; nothing is said twice.
    assert figures["unrecognised_rate"] == 1.0
    assert figures["repeats"] == 0
    assert figures["missing_judgements"] == 7 and figures["misfit_rate"] is None
