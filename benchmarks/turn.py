"""One engine turn without recognition, on a generated 1,000-state scenario.

    python benchmarks/turn.py [--states 1000] [--turns 20000]

Prints the machine build time, the session start time and the median / p99 of one
`Session.say` with a given recognition (pinned moves). Target: p99 < 5 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.language.base import Recognition  # noqa: E402
from simulator.moves import MOVES  # noqa: E402
from simulator.scenario.model import Scenario  # noqa: E402


def generated(n_states: int) -> tuple[Scenario, str]:
    """The shared generator's scenario (loaded like a file), else a chain of our own."""
    try:
        from generate import generate  # benchmarks/generate.py, beside this script
    except ImportError:
        return _chain(n_states), "own chain"
    from simulator.scenario.loader import load_scenario_text

    return load_scenario_text(generate(n_states), "<generated>"), "benchmarks/generate.py"


def _chain(n_states: int) -> Scenario:
    from simulator.scenario.conditions import parse_condition
    from simulator.scenario.model import Briefing, Client, Effect, State, Topic, Transition

    ids = [f"s{i}" for i in range(n_states - 2)]
    states = {
        sid: State(id=sid, say=(f"Line one of {sid}.", f"Line two of {sid}."), fallback=("Hm.",))
        for sid in ids
    }
    states["good_end"] = State(id="good_end", ending="good", say=("Thanks.",))
    states["poor_end"] = State(id="poor_end", ending="poor", say=("Bye.",))
    transitions = []
    for i, sid in enumerate(ids):
        following = ids[i + 1] if i + 1 < len(ids) else "good_end"
        transitions += [
            Transition(
                id=f"{sid}.on[0]",
                sources=(sid,),
                moves=("open_question", "complex_reflection"),
                condition=parse_condition("trust >= opens_up or turn > 3"),
                condition_text="trust >= opens_up or turn > 3",
                effects=(Effect("trust", 5),),
                target=following,
            ),
            Transition(
                id=f"{sid}.on[1]",
                sources=(sid,),
                moves=("simple_reflection",),
                topics=("work",),
                effects=(Effect("trust", 3),),
                reply=("Work, yes.", "Mm, work."),
            ),
            Transition(
                id=f"{sid}.on[2]",
                sources=(sid,),
                moves=("dismiss",),
                condition=parse_condition("trust < 10"),
                condition_text="trust < 10",
                target="poor_end",
            ),
        ]
    reactions = (
        Transition(
            id="reactions[0]",
            sources=(),
            moves=("confront", "persuade"),
            effects=(Effect("trust", -10), Effect("distress", 10)),
            reply=("Don't blame me.", "Stop it."),
            is_reaction=True,
        ),
    )
    return Scenario(
        id="bench",
        title="Benchmark",
        language="en",
        authors=("bench",),
        reviewed_by=(),
        difficulty="easy",
        minutes=5,
        content_notes=(),
        tags=(),
        briefing=Briefing("", "", True, ""),
        client=Client("B", "", {"trust": 30, "distress": 50}, {"opens_up": 40}),
        start=ids[0],
        states=states,
        transitions=tuple(transitions),
        reactions=reactions,
        topics={"work": Topic("work", ("work",))},
        fallback=("Hmm.",),
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=1000)
    parser.add_argument("--turns", type=int, default=20_000)
    args = parser.parse_args()

    from simulator.client.machine import machine_for
    from simulator.session import Session

    scenario, source = generated(args.states)
    began = time.perf_counter()
    machine_for(scenario)
    build_ms = (time.perf_counter() - began) * 1000

    rng = random.Random(0)
    # Every move alone and with each word list the scenario has, so topic-gated
    # transitions and conditions are exercised too.
    topic_sets = [(), *((name,) for name in scenario.word_lists())]
    readings = [
        Recognition(text=f"turn with {move}", moves=(move,), topics=topics)
        for move in MOVES
        for topics in topic_sets
    ]
    timings: list[float] = []
    starts: list[float] = []
    session = None
    while len(timings) < args.turns:
        if session is None or session.ended:
            began = time.perf_counter()
            session = Session(scenario, recognizer=None, seed=len(starts))
            starts.append((time.perf_counter() - began) * 1000)
        reading = rng.choice(readings)
        began = time.perf_counter()
        session.say(reading.text, recognition=reading)
        timings.append((time.perf_counter() - began) * 1000)

    print(
        f"scenario ({source}): {len(scenario.states)} states, "
        f"{len(scenario.transitions)} transitions, {len(scenario.reactions)} reactions"
    )
    print(f"machine build: {build_ms:.1f} ms (once per scenario)")
    print(f"session start: median {statistics.median(starts):.2f} ms over {len(starts)} sessions")
    print(
        f"turn: median {statistics.median(timings):.3f} ms, p99 {percentile(timings, 0.99):.3f} ms"
    )
    print(f"      over {len(timings)} turns (target p99 < 5 ms)")


if __name__ == "__main__":
    main()
