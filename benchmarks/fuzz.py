"""The long fuzz and fault run of issue 18: every reader, thousands of hostile inputs each.

    python benchmarks/fuzz.py [--per-reader 10000] [--disk-trials 60] [--kill-trials 40]

Readers: scenario text (the guarded loader), scenario files through the catalogue, the
condition parser, trainee text through a Session (and its journal), journals (the store's
reader), assess transcript lines, classify lines (the recognizer). Inputs are mutations of
real samples (bytes flipped, inserted, cut, duplicated; control characters, markup, deep
nesting, huge numbers, aliases spliced in) and random text. Counted: tracebacks (any
exception a reader does not promise) and hangs (an input taking over 2 s).

Then the fault trials: meetings on a disk that fills at random moments (short writes, then
ENOSPC) count acknowledged turns lost and check each meeting resumes; and child processes
killed (SIGKILL) at random moments while they journal turns and rebuild the history index
count acknowledged turns lost, indexes left empty and meetings that no longer resume.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator import store  # noqa: E402
from simulator.scenario.loader import load_scenario  # noqa: E402
from simulator.session import Session  # noqa: E402

MINIMAL = ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml"
HANG_SECONDS = 2.0
SNIPPETS = [
    "\x1b]0;pwned\x07", "\x1b[2J", "\x1b]52;c;cHduZWQ=\x07", "\r", "\x00", "\u202e", "\ud800",
    "[/]", "[@click=app.quit]", "<script>alert(1)</script>", "<!--", "&a [x, x]", "*a",
    "9" * 4301, "(" * 300, "not " * 1000, "[" * 2000, "{a: " * 500, "!!binary ", "!custom ",
    "\t", ": ", "- ", "'", '"', "\\", "\ufeff", "ä", "𝔘", "\x85", "\x9b",
]  # fmt: skip


def mutate(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        at = rng.randint(0, len(chars)) if chars else 0
        if roll < 0.35:
            chars[at:at] = list(rng.choice(SNIPPETS))
        elif roll < 0.55 and chars:
            del chars[at : at + rng.randint(1, 40)]
        elif roll < 0.75 and chars:
            piece = chars[at : at + rng.randint(1, 200)]
            chars[at:at] = piece * rng.randint(1, 5)
        elif roll < 0.9:
            chars[at:at] = [chr(rng.randint(0, 0x2FF)) for _ in range(rng.randint(1, 8))]
        elif chars:
            at = min(at, len(chars) - 1)
            chars[at] = chr(rng.randint(0, 0x10FFFF) if rng.random() < 0.2 else rng.randint(0, 127))
    return "".join(chars)


def run_reader(
    name: str, make: Callable[[random.Random], object], read: Callable[[object], object],
    count: int, allowed: tuple[type[BaseException], ...] = (),
) -> dict[str, object]:  # fmt: skip
    rng = random.Random(name)
    tracebacks: list[str] = []
    hangs = 0
    slowest = 0.0
    started = time.perf_counter()
    for _ in range(count):
        item = make(rng)
        begun = time.perf_counter()
        try:
            read(item)
        except allowed:
            pass
        except Exception:  # noqa: BLE001 - the point: any other exception is a finding
            if len(tracebacks) < 5:
                tracebacks.append(traceback.format_exc(limit=4))
            else:
                tracebacks.append("")
        took = time.perf_counter() - begun
        slowest = max(slowest, took)
        hangs += took > HANG_SECONDS
    return {
        "reader": name,
        "inputs": count,
        "tracebacks": len(tracebacks),
        "hangs_over_2s": hangs,
        "slowest_s": round(slowest, 3),
        "total_s": round(time.perf_counter() - started, 1),
        "examples": [t for t in tracebacks if t][:3],
    }


def readers(count: int, scratch: Path) -> list[dict[str, object]]:
    from simulator.catalog import Card
    from simulator.commands.classify import classify_stream
    from simulator.scenario.conditions import ConditionSyntaxError, parse_condition
    from simulator.scenario.loader import read_scenario_text
    from simulator.scoring.meeting_files import ReadError, parse_lines

    seed = MINIMAL.read_text(encoding="utf-8")
    scenario = load_scenario(MINIMAL)
    conditions = ["trust >= 10", "trust < opens_up and not distress > 70", "(a<1 or b>2)"]
    journal_seed = _seed_journal(scratch)
    assess_seed = '{"speaker": "client", "text": "Well."}\n{"speaker": "worker", "text": "Hi"}\n'
    results = []

    results.append(run_reader("scenario text (loader)", lambda r: mutate(r, seed),
                              lambda t: read_scenario_text(t, "fuzz.yaml"), count))  # fmt: skip

    path = scratch / "fuzz.yaml"

    def catalogue(text: object) -> None:
        path.write_bytes(str(text).encode("utf-8", "surrogatepass"))
        card = Card.peek(path)
        assert "\x1b" not in card.title + card.problem

    results.append(run_reader("scenario file (catalogue)", lambda r: mutate(r, seed),
                              catalogue, count))  # fmt: skip
    results.append(run_reader("condition", lambda r: mutate(r, r.choice(conditions)),
                              parse_condition, count, (ConditionSyntaxError,)))  # fmt: skip

    home = scratch / "home"
    state = {"session": None, "n": 0}

    def trainee(text: object) -> None:
        if state["session"] is None or state["session"].ended or state["n"] >= 30:
            session = Session(scenario, seed=state["n"])
            journal = store.Journal.start(session.transcript, {}, home)
            session.on_turn = journal.append
            state["session"], state["n"] = session, 0
        state["n"] += 1
        turn = state["session"].say(str(text))
        assert turn.saved

    results.append(run_reader("trainee text (session + journal)",
                              lambda r: mutate(r, "How have things been for you lately?"),
                              trainee, count))  # fmt: skip

    jpath = scratch / "fuzz.jsonl"

    def journal(text: object) -> None:
        jpath.write_bytes(str(text).encode("utf-8", "surrogatepass"))
        store.read_journal(jpath)

    results.append(run_reader("journal (store reader)", lambda r: mutate(r, journal_seed),
                              journal, count))  # fmt: skip
    results.append(run_reader("assess lines", lambda r: mutate(r, assess_seed),
                              lambda t: parse_lines(str(t), "x.jsonl"), count,
                              (ReadError,)))  # fmt: skip

    import io

    sink = io.StringIO()

    def classify(text: object) -> None:
        sink.seek(0)
        sink.truncate()
        classify_stream([str(text)], sink, "en", True, io.StringIO())
        sink.getvalue().encode("utf-8")

    results.append(run_reader("classify line (recognizer)",
                              lambda r: mutate(r, '{"text": "It sounds like money is tight."}'),
                              classify, count))  # fmt: skip
    return results


def _seed_journal(scratch: Path) -> str:
    session = Session(load_scenario(MINIMAL), seed=1)
    journal = store.Journal.start(session.transcript, {}, scratch / "seedhome")
    session.on_turn = journal.append
    for text in ("What brings you here?", "It sounds like money is tight."):
        session.say(text)
    return journal.path.read_text(encoding="utf-8")


TURNS = ["What brings you here?", "It sounds like money is tight.", "Tell me more.",
         "You are worried about the letter.", "What would help?", "Go on.", "I see.",
         "That sounds hard.", "What matters most to you?", "Okay."]  # fmt: skip


def disk_trials(trials: int, scratch: Path) -> dict[str, object]:
    """Meetings on a disk that fills at random turns and frees again."""
    scenario = load_scenario(MINIMAL)
    real_write = os.write
    lost = acknowledged = unsaved = not_resumable = 0
    rng = random.Random("disk")
    for trial in range(trials):
        full = {"on": False}

        def write(fd: int, data: bytes, full: dict = full) -> int:
            if not full["on"]:
                return real_write(fd, data)
            if len(data) > 8 and rng.random() < 0.5:
                return real_write(fd, bytes(data[: rng.randint(1, len(data) - 1)]))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        store.os.write = write  # type: ignore[attr-defined]
        try:
            home = scratch / f"disk{trial}"
            session = Session(scenario, seed=trial)
            journal = store.Journal.start(session.transcript, {}, home)
            session.on_turn = journal.append
            saved_texts = []
            for text in TURNS:
                if session.ended:
                    break
                full["on"] = rng.random() < 0.4
                turn = session.say(text)
                if turn.saved:
                    acknowledged += 1
                    saved_texts.append(text)
                else:
                    unsaved += 1
        finally:
            store.os.write = real_write  # type: ignore[attr-defined]
        written = [t.worker for t in store.read_journal(journal.path).turns]
        lost += sum(1 for text in saved_texts if text not in written)
        try:
            Session.resume(scenario, store.read_journal(journal.path))
        except Exception:  # noqa: BLE001
            not_resumable += 1
    return {"trials": trials, "acknowledged_turns": acknowledged, "turns_said_unsaved": unsaved,
            "acknowledged_lost": lost, "not_resumable": not_resumable}  # fmt: skip


CHILD = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from simulator import store
from simulator.scenario.loader import load_scenario
from simulator.session import Session
home = Path(sys.argv[2])
scenario = load_scenario(sys.argv[3])
while True:
    session = Session(scenario, seed=int(time.time() * 1000) % 100000)
    journal = store.Journal.start(session.transcript, {}, home)
    session.on_turn = journal.append
    for text in ["What brings you here?", "It sounds like money is tight.", "Tell me more."]:
        turn = session.say(text)
        if turn.saved:
            print("ACK", journal.path.name, turn.record.index, flush=True)
    store.Index(home).rebuild()
    journal.end(session.transcript, {}, home=home)
"""


def kill_trials(trials: int, scratch: Path) -> dict[str, object]:
    """Children journalling meetings and rebuilding the index, killed at random moments."""
    rng = random.Random("kill")
    lost = acked = empty_index = not_resumable = 0
    scenario = load_scenario(MINIMAL)
    for trial in range(trials):
        home = scratch / f"kill{trial}"
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(ROOT), str(home), str(MINIMAL)],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(rng.uniform(0.8, 2.5))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        acks: dict[str, int] = {}
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[0] == "ACK":
                acks[parts[1]] = max(acks.get(parts[1], 0), int(parts[2]))
        acked += sum(acks.values())
        for name, index in acks.items():
            turns = store.read_journal(home / store.SESSIONS / name).turns
            lost += max(0, index - len(turns))
        journals_there = list((home / store.SESSIONS).glob("*.jsonl"))
        listed = store.history(home)
        if journals_there and not listed:
            empty_index += 1
        for entry in listed:
            if not entry.finished:
                try:
                    Session.resume(scenario, store.read_journal(entry.path))
                except Exception:  # noqa: BLE001
                    not_resumable += 1
    return {"trials": trials, "acknowledged_turns": acked, "acknowledged_lost": lost,
            "empty_index_with_journals": empty_index, "not_resumable": not_resumable}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-reader", type=int, default=10000)
    parser.add_argument("--disk-trials", type=int, default=60)
    parser.add_argument("--kill-trials", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        os.environ["KOHTAAMO_HOME"] = str(scratch / "env-home")
        report = {
            "readers": readers(args.per_reader, scratch),
            "full_disk": disk_trials(args.disk_trials, scratch),
            "kills": kill_trials(args.kill_trials, scratch),
        }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    bad = sum(r["tracebacks"] + r["hangs_over_2s"] for r in report["readers"])
    bad += report["full_disk"]["acknowledged_lost"] + report["full_disk"]["not_resumable"]
    bad += report["kills"]["acknowledged_lost"] + report["kills"]["empty_index_with_journals"]
    bad += report["kills"]["not_resumable"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
