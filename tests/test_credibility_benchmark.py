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


DEV = "dev-fi-lastensuojelu-hurried"


def dev_meeting_as_played_today(cb, tmp_path, capsys):
    """Only the developer meeting, with its judged replies set to how it plays today: blind
    meetings of the same scenario land in DATA over time, and a recognizer change can change a
    reply; these tests are about the harness, not about which replies the client gives."""
    for part in ("meetings", "judgements"):
        (tmp_path / "data" / part).mkdir(parents=True)
        shutil.copy(DATA / part / f"{DEV}.json", tmp_path / "data" / part / f"{DEV}.json")
    path = tmp_path / f"data/judgements/{DEV}.json"
    judged = json.loads(path.read_text(encoding="utf-8"))
    assert cb.main(["--data", str(tmp_path / "data"), "--template", DEV]) == 0
    today = {t["turn"]: t["client"] for t in json.loads(capsys.readouterr().out)["turns"]}
    for turn in judged["turns"]:
        turn["client"] = today[turn["turn"]]
    return path, judged, today


def test_a_changed_reply_makes_its_judgement_missing_not_a_fit(tmp_path, capsys):
    cb = bench()
    path, judged, _ = dev_meeting_as_played_today(cb, tmp_path, capsys)
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


def test_worker_turn_labels_give_issue_12s_free_text_figures(tmp_path, capsys):
    """A judge's label belongs to the worker's words; the recognizer's mode is read per turn."""
    cb = bench()
    (tmp_path / "data/meetings").mkdir(parents=True)
    (tmp_path / "data/judgements").mkdir()
    turns = [
        "Hello, I'm Alex from the office.",
        "You have to sign this now, I don't have time for this.",
        "It sounds like last time here really hurt you.",
    ]
    meeting = {
        "id": "labelled",
        "scenario": "en-humiliated-before",
        "seed": 3,
        "variant": None,
        "style": "hurried",
        "author": "test (not blind)",
        "turns": turns,
    }
    (tmp_path / "data/meetings/labelled.json").write_text(json.dumps(meeting), encoding="utf-8")
    kinds = ["neutral", "pushing", None]
    judged = {
        "meeting": "labelled",
        "judge": "test",
        "turns": [
            {"turn": i, "worker": t, "worker_kind": k, "client": "", "fits": None, "why": ""}
            for i, (t, k) in enumerate(zip(turns, kinds, strict=True), start=1)
        ],
    }
    (tmp_path / "data/judgements/labelled.json").write_text(json.dumps(judged), encoding="utf-8")
    assert cb.main(["--data", str(tmp_path / "data"), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)["all"]
    assert figures["pushing_turns"] == 1 and figures["skilled_turns"] == 0
    assert figures["pushing_read_encountering"] in (0.0, 1.0)
    assert figures["skilled_read_harsh"] is None
    assert figures["unlabelled_worker_turns"] == 1

    judged["turns"][0]["worker_kind"] = "kind-of"
    (tmp_path / "data/judgements/labelled.json").write_text(json.dumps(judged), encoding="utf-8")
    try:
        cb.main(["--data", str(tmp_path / "data"), "--json"])
    except SystemExit as stop:
        assert "worker_kind must be one of skilled, neutral, pushing" in str(stop)
    else:
        raise AssertionError("a label outside the three kinds must be refused")


def test_changed_lists_the_judged_replies_the_client_now_says_otherwise(tmp_path, capsys):
    cb = bench()
    path, judged, today = dev_meeting_as_played_today(cb, tmp_path, capsys)
    for turn in judged["turns"]:
        turn["fits"] = True
    judged["turns"][1]["client"] = "Something the client no longer says."
    judged["turns"][1]["fits"] = False
    path.write_text(json.dumps(judged, ensure_ascii=False), encoding="utf-8")
    assert cb.main(["--data", str(tmp_path / "data"), "--changed", "lastensuojelu"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "dev-fi-lastensuojelu-hurried t2 (was a MISFIT)"
    assert out[2] == "  judged: Something the client no longer says."
    assert out[3] == f"  now:    {today[2]}"
    assert out[-1] == "1 judged replies now differ"


def test_show_says_when_the_meeting_ended_on_its_last_turn(tmp_path, capsys):
    """A writer adding one line at a time learns the meeting is over from --show."""
    cb = bench()
    dev_meeting_as_played_today(cb, tmp_path, capsys)
    assert cb.main(["--data", str(tmp_path / "data"), "--show", DEV]) == 0
    shown = capsys.readouterr().out.rstrip().splitlines()
    assert shown[-1] == "(the meeting ended here)"
    meeting = tmp_path / f"data/meetings/{DEV}.json"
    data = json.loads(meeting.read_text(encoding="utf-8"))
    data["turns"] = data["turns"][:2]  # cut before the ending
    meeting.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert cb.main(["--data", str(tmp_path / "data"), "--show", DEV]) == 0
    assert "ended" not in capsys.readouterr().out


def test_an_empty_judgement_file_is_skipped_and_a_broken_one_named(tmp_path, capsys):
    """A judge's `--template ID > judgements/ID.json` leaves an empty file for a moment."""
    cb = bench()
    dev_meeting_as_played_today(cb, tmp_path, capsys)
    judgements = tmp_path / "data" / "judgements"
    (judgements / "being-written.json").write_text("", encoding="utf-8")
    assert cb.main(["--data", str(tmp_path / "data"), "--show", DEV]) == 0
    captured = capsys.readouterr()
    assert "being-written.json: empty - skipped" in captured.err
    assert captured.out.startswith(f"# {DEV}")
    (judgements / "being-written.json").write_text(
        '{"meeting": "x",\n  "turns": [', encoding="utf-8"
    )
    try:
        cb.main(["--data", str(tmp_path / "data"), "--show", DEV])
    except SystemExit as stop:
        assert "being-written.json:2:" in str(stop) and "not valid JSON" in str(stop)
    else:
        raise AssertionError("a broken judgement file must stop the run with its name")


def test_show_reads_only_its_own_meeting_while_another_is_half_written(tmp_path, capsys):
    """Round writers show their own meeting while another writer's file is mid-write (stop 30:
    two writers got a traceback from someone else's half-written file)."""
    cb = bench()
    dev_meeting_as_played_today(cb, tmp_path, capsys)
    meetings = tmp_path / "data" / "meetings"
    (meetings / "other-writer.json").write_text('{"id": "other",\n  "turns": [', encoding="utf-8")
    assert cb.main(["--data", str(tmp_path / "data"), "--show", DEV]) == 0
    assert capsys.readouterr().out.startswith(f"# {DEV}")
    try:
        cb.main(["--data", str(tmp_path / "data")])
    except SystemExit as stop:
        assert "other-writer.json:2:" in str(stop) and "not valid JSON" in str(stop)
    else:
        raise AssertionError("a broken meeting file must stop the whole run with its name")
