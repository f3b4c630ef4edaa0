"""`kohtaamo explore` on every bundled scenario at the defaults: CPU time and endings found.

Per file: CPU seconds (process time, so other jobs on the machine do not count), and per
variant the turns to each ending ("~" marks a path that is the shortest found rather than
proven shortest) and any ending not reached. Every path is replayed through `Session` to
check that it really ends there.

    python benchmarks/explore.py [FILE ...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from simulator.authoring.explore import explore
from simulator.language.base import Recognition
from simulator.scenario.loader import bundled_scenarios_dir, load_scenario
from simulator.session import Session


def replays(scenario, variant, state, path) -> bool:
    session = Session(scenario, seed=0, variant=variant)
    for action in path:
        session.say("", recognition=Recognition("", moves=action.moves, topics=action.topics))
    return session.state == state


def main(paths: list[str]) -> int:
    files = [Path(p) for p in paths] or sorted(bundled_scenarios_dir().glob("*.yaml"))
    failures = 0
    total = 0.0
    for path in files:
        scenario = load_scenario(path)
        started = time.process_time()
        walks = explore(scenario)
        seconds = time.process_time() - started
        total += seconds
        parts = []
        for walk in walks:
            found = ", ".join(
                f"{outcome} {'~' if state in walk.unproven else ''}{len(p)}"
                for state, (outcome, p) in sorted(walk.endings.items(), key=lambda e: e[1][0])
            )
            missing = f"; NOT REACHED {', '.join(walk.unreached_endings)}" * bool(
                walk.unreached_endings
            )
            broken = [
                s for s, (_, p) in walk.endings.items() if not replays(scenario, walk.variant, s, p)
            ]
            failures += len(walk.unreached_endings) + len(broken)
            broken_text = f"; PATH DOES NOT REPLAY: {', '.join(broken)}" * bool(broken)
            parts.append(f"{walk.variant or '-'}: {found}{missing}{broken_text}")
        print(f"{seconds:5.2f} s  {path.name}\n         " + "\n         ".join(parts))
    print(f"{total:5.2f} s  total CPU, {len(files)} files; {failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
