"""`kohtaamo classify`: utterances in on standard input, one JSON object per line out."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from simulator.cli import main


def classify(stdin: str, *args: str, monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["classify", *args]) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_plain_lines_give_one_object_each_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = classify(
        "Moi, mitä kuuluu?\nOotko miettinyt, että hakisit töitä?\n\nNo kyllä se siitä!\n",
        "--lang",
        "fi",
        monkeypatch=monkeypatch,
    )
    assert [r["text"] for r in rows] == [
        "Moi, mitä kuuluu?",
        "Ootko miettinyt, että hakisit töitä?",
        "",
        "No kyllä se siitä!",
    ]
    assert rows[0]["moves"] == ["greeting", "open_question"]
    assert rows[1]["moves"] == ["advice"]
    assert rows[2]["moves"] == [] and rows[2]["mode"] is None
    assert rows[3]["mode"] == "rejecting"
    assert set(rows[0]) == {"text", "moves", "mode", "topics", "evidence"}


def test_json_lines_use_the_clients_words(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [
        {"text": "You must be exhausted.", "client_before": "I haven't slept in weeks."},
        {"text": "Weeks without sleep.", "client_before": "I haven't slept in weeks."},
        {"text": "How are the kids?", "topics": {"kids": ["kid", "child"]}},
    ]
    rows = classify(
        "\n".join(json.dumps(x) for x in lines), "--lang", "en", "--json", monkeypatch=monkeypatch
    )
    assert rows[0]["moves"] == ["complex_reflection"]
    assert rows[1]["moves"] == ["simple_reflection"]
    assert rows[1]["evidence"][0]["reflected"]  # shows which client words were reflected
    assert rows[2]["topics"] == ["kids"]


def test_request_objects_are_recognised_without_the_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    request = {"text": "Weeks without sleep.", "client_before": "I haven't slept in weeks."}
    rows = classify(json.dumps(request) + "\n{not json\n", "--lang", "en", monkeypatch=monkeypatch)
    assert rows[0]["text"] == "Weeks without sleep."
    assert rows[0]["moves"] == ["simple_reflection"]
    assert rows[1]["text"] == "{not json"  # anything else stays an utterance


def test_a_broken_json_line_still_gets_its_output_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = classify(
        '{"text": "Hei"}\n{not json\n[1, 2]\n', "--lang", "fi", "--json", monkeypatch=monkeypatch
    )
    assert len(rows) == 3
    assert rows[0]["moves"] == ["greeting"]
    assert rows[1]["text"] == "{not json"


def test_one_process_handles_thousands_of_lines() -> None:
    lines = "\n".join(
        json.dumps({"text": f"Kerro lisää {i}", "client_before": "Mä en jaksa."})
        for i in range(3000)
    )
    done = subprocess.run(
        [sys.executable, "-m", "simulator.cli", "classify", "--lang", "fi", "--json"],
        input=lines.encode(),
        capture_output=True,
        timeout=60,
        check=True,
    )
    out = done.stdout.decode().splitlines()
    assert len(out) == 3000
    assert json.loads(out[-1])["text"] == "Kerro lisää 2999"
    assert json.loads(out[-1])["moves"] == ["open_question"]


def test_undecodable_bytes_and_control_characters_do_not_stop_the_batch() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "simulator.cli", "classify", "--lang", "en"],
        input=b"hello\n\xff\xfe bad bytes\n\x1b[31mred\x00\nWhat happened?\n",
        capture_output=True,
        timeout=60,
        check=True,
    )
    rows = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(rows) == 4
    assert rows[3]["moves"] == ["open_question"]
