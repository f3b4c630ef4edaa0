"""benchmarks/credibility_agreement.py: two judges' verdicts compared reply by reply."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import credibility_agreement as agreement  # noqa: E402


def judged(folder: Path, verdicts: list[bool], clients: list[str] | None = None) -> Path:
    folder.mkdir()
    clients = clients or [f"reply {i}" for i in range(len(verdicts))]
    turns = [
        {"turn": i + 1, "worker": f"w{i}", "client": c, "fits": v, "worker_kind": "skilled"}
        for i, (v, c) in enumerate(zip(verdicts, clients, strict=True))
    ]
    (folder / "m.json").write_text(json.dumps({"meeting": "en-x", "turns": turns}), "utf-8")
    return folder


def test_disagreements_are_counted_only_on_the_same_reply(tmp_path):
    first = agreement.verdicts(judged(tmp_path / "a", [True, False, True, False]))
    second = agreement.verdicts(
        judged(
            tmp_path / "b",
            [True, True, True, True],
            ["reply 0", "reply 1", "reply 2", "a reply the engine now says otherwise"],
        )
    )
    result = agreement.compare(first, second)
    assert result["replies"] == 3  # the changed fourth reply is not compared
    assert result["misfits_first"] == 1 and result["misfits_second"] == 0
    assert abs(result["agree"] - 2 / 3) < 1e-9
