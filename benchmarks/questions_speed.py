"""`kohtaamo questions` on every bundled scenario: wall and CPU seconds, as a trainer waits.

Each run is the whole command in a fresh Python process (`questions FILE --format json`:
start-up, the walk to every state, every question said), so the figures are what a trainer
waits for after an edit. CPU is the process's user + system time, which a loaded machine
disturbs less than the wall clock. Medians of `--runs` runs per scenario.

`--against DIR` also times the code of another checkout (DIR: its root, e.g. a worktree of
the commit before a change) on this checkout's scenario files, runs alternating so both
share the machine's noise, and says whether the two outputs are the same byte for byte.

Bytecode: the machine may set PYTHONDONTWRITEBYTECODE, and then every start recompiles the
source; each checkout gets a private bytecode cache (PYTHONPYCACHEPREFIX), warmed by one
untimed start, so start-up is what an installed copy pays.

    python benchmarks/questions_speed.py [--runs N] [--against DIR] [FILE ...]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
COMMAND = "import sys; from simulator.cli import main; sys.exit(main(sys.argv[1:]))"


def run_once(code: Path, cache: str, scenario: Path) -> tuple[float, float, bytes]:
    """(wall seconds, CPU seconds, the JSON output) of one `questions` command."""
    env = {**os.environ, "PYTHONPATH": str(code), "PYTHONPYCACHEPREFIX": cache}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", COMMAND, "questions", str(scenario), "--format", "json"],
        env=env,
        cwd=code,  # `python -c` puts the working folder first on the path, before PYTHONPATH
        capture_output=True,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):  # 1: some question is passed over
        raise SystemExit(f"{scenario.name}: exit {done.returncode}\n{done.stderr.decode()}")
    return wall, cpu, done.stdout


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another checkout's root, timed alongside")
    args = parser.parse_args(argv)
    files = [f.resolve() for f in args.files] or sorted((HERE / "scenarios").glob("*.yaml"))
    trees = {"this": HERE}
    if args.against:
        trees = {"against": args.against.resolve(), **trees}
    caches = {name: tempfile.mkdtemp(prefix=f"qspeed-{name}-") for name in trees}
    for name, code in trees.items():  # warm each bytecode cache
        run_once(code, caches[name], files[0])
    print(f"medians of {args.runs} runs; " + ", ".join(f"{n}: {c}" for n, c in trees.items()))
    totals = {name: [0.0, 0.0] for name in trees}
    differ = 0
    for scenario in files:
        walls: dict[str, list[float]] = {name: [] for name in trees}
        cpus: dict[str, list[float]] = {name: [] for name in trees}
        outputs: dict[str, set[bytes]] = {name: set() for name in trees}
        for _ in range(args.runs):
            for name, code in trees.items():
                wall, cpu, out = run_once(code, caches[name], scenario)
                walls[name].append(wall)
                cpus[name].append(cpu)
                outputs[name].add(out)
        parts = []
        for name in trees:
            wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
            totals[name][0] += wall
            totals[name][1] += cpu
            parts.append(f"{name} {wall:6.2f} s wall {cpu:6.2f} s CPU")
        same = len(set().union(*outputs.values())) == 1
        differ += not same
        verdict = ("same output" if same else "OUTPUT DIFFERS") if args.against else ""
        print(f"{scenario.name:45} " + " | ".join(parts) + f"  {verdict}".rstrip())
    summary = " | ".join(f"{n} {w:6.2f} s wall {c:6.2f} s CPU" for n, (w, c) in totals.items())
    print(f"{'total':45} {summary}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
