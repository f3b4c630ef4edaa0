"""Does the client speak in its own voice, and does a goodbye end the meeting? (issue 14)

    python benchmarks/client_lines.py [--walks 60] [--json]

Two measurements, both mechanical (no one judges a reply here):

1. Random walks through every bundled scenario (as tests/fixtures/journals/record.py walks:
   readings given, so the recognizer plays no part): `--walks` meetings of up to 30 turns of
   helpful moves, a topic now and then. Counted per scenario: the engine's built-in lines
   said (session.client_exhausted_*, client_fallback_*, client_worker_left_*), the
   scenario's top-level `exhausted:` lines said (a state ran dry without lines of its own),
   and replies word for word the same as an earlier one in the meeting.
2. The blind credibility meetings (benchmarks/credibility_data/meetings/*-hen-*.json)
   replayed through the engine with the real recognizer: engine lines said, replies that
   refer back (`touched:`) to another topic than the one the worker's turn raised (they
   answer a turn late), and meetings that ended on the worker's goodbye (with the ending).
   A meeting whose replies changed no longer shows what its writer saw; these counts are
   about the engine, not about the meetings' judged credibility (benchmarks/credibility.py).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.i18n import t  # noqa: E402
from simulator.language.base import Recognition  # noqa: E402
from simulator.moves import REFLECTIONS, SUPPORTING, mode_of  # noqa: E402
from simulator.scenario.loader import load_scenario  # noqa: E402
from simulator.scenario.paths import bundled_scenarios_dir  # noqa: E402
from simulator.session import Session, SessionEnded  # noqa: E402

HELPFUL = sorted(
    SUPPORTING | REFLECTIONS | {"open_question", "structuring", "summary", "give_information"}
)
ENGINE_KEYS = (
    *(f"session.client_exhausted_{n}" for n in range(1, 5)),
    *(f"session.client_fallback_{n}" for n in range(1, 5)),
    "session.client_worker_left_1",
    "session.client_worker_left_2",
)
MEETINGS = ROOT / "benchmarks" / "credibility_data" / "meetings"


def engine_lines(lang: str) -> set[str]:
    return {t(key, lang) for key in ENGINE_KEYS}


def walks(scenario, count: int) -> dict:
    engine = engine_lines(scenario.language)
    top = set(scenario.exhausted)
    words = sorted(scenario.word_lists())
    found = {"turns": 0, "engine": 0, "top_exhausted": 0, "repeats": 0}
    for seed in range(count):
        rng = random.Random(seed)
        session = Session(scenario, seed=seed)
        said: set[str] = set()
        for n in range(30):
            if session.ended:
                break
            moves = tuple(sorted({rng.choice(HELPFUL) for _ in range(rng.randint(1, 2))}))
            topics = tuple(rng.sample(words, 1)) if words and rng.random() < 0.3 else ()
            text = f"turn {n}"
            reading = Recognition(text=text, moves=moves, mode=mode_of(moves), topics=topics)
            reply = session.say(text, recognition=reading).text
            found["turns"] += 1
            found["engine"] += reply in engine
            found["top_exhausted"] += reply in top
            found["repeats"] += reply in said
            said.add(reply)
    return found


def replays() -> list[dict]:
    out = []
    for path in sorted(MEETINGS.glob("*-hen-*.json")):
        meeting = json.loads(path.read_text(encoding="utf-8"))
        scenario = load_scenario(bundled_scenarios_dir() / f"{meeting['scenario']}.yaml")
        gates = {}
        for tr in (*scenario.transitions, *scenario.reactions, *scenario.defaults):
            gates.update(tr.gates)
        for state in scenario.states.values():
            gates.update(state.gates)
        engine = engine_lines(scenario.language)
        session = Session(scenario, seed=meeting["seed"], variant=meeting.get("variant"))
        row = {"id": meeting["id"], "replies": 0, "engine": 0, "late_reference": 0}
        for turn in meeting["turns"]:
            try:
                answer = session.say(turn)
            except SessionEnded:
                break
            row["replies"] += 1
            row["engine"] += answer.text in engine
            gate = gates.get(answer.text)
            now = set(answer.record.recognition.topics) if answer.record else set()
            if gate and gate.touched and now and not set(gate.touched) & now:
                row["late_reference"] += 1
        last = session.transcript.turns[-1] if session.transcript.turns else None
        row["turns_written"] = len(meeting["turns"])
        row["ending"] = session.outcome if session.ended else None
        row["left"] = bool(last and last.ended and last.leaving)
        out.append(row)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walks", type=int, default=60)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    scenarios = {p.stem: load_scenario(p) for p in sorted(bundled_scenarios_dir().glob("*.yaml"))}
    result = {
        "walks": {sid: walks(sc, args.walks) for sid, sc in scenarios.items()},
        "meetings": replays(),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"Random walks ({args.walks} per scenario, up to 30 helpful turns):")
    print(f"{'scenario':42} {'turns':>6} {'engine':>7} {'top dry':>8} {'repeats':>8}")
    for sid, row in result["walks"].items():
        print(
            f"{sid:42} {row['turns']:>6} {row['engine']:>7} "
            f"{row['top_exhausted']:>8} {row['repeats']:>8}"
        )
    print("\nBlind credibility meetings replayed (real recognizer):")
    print(f"{'meeting':48} {'replies':>7} {'engine':>7} {'late ref':>8}  ending")
    for row in result["meetings"]:
        how = f"{row['ending'] or 'not ended'}" + (" (worker left)" if row["left"] else "")
        print(
            f"{row['id']:48} {row['replies']:>3}/{row['turns_written']:<3} {row['engine']:>7} "
            f"{row['late_reference']:>8}  {how}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
