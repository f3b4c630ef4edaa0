"""Recognizer accuracy and speed on the labelled corpus.

    python benchmarks/recognizer.py                 # the validation split ("heldout" files)
    python benchmarks/recognizer.py --split dev     # the split rules are tuned on
    python benchmarks/recognizer.py --errors        # also list the misread utterances
    python benchmarks/recognizer.py --speed-only --lang fi --runs 9   # the speed figures

Prints per-move precision/recall/F1, macro-F1 over moves, open-vs-closed question F1 and
mode accuracy per language, then latency (median and 99th percentile per utterance on one
core), the time to import and build the recognizer, and the time of `kohtaamo classify` over
5,000 lines: each in fresh processes, several times (`--runs`), wall and CPU time, median and
[fastest-slowest]. On this shared machine the wall clock varied by half between runs; the CPU
time is the steadier figure. The validation split (`*_heldout.jsonl`) was written before the
rules, but the rules have been read against it over many rounds since: it validates, it is no
blind test (see benchmarks/recognizer_blind.py for those).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "tests" / "data" / "recognizer"


def load(lang: str, split: str) -> list[dict]:
    path = DATA / f"{lang}_{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(lang: str, split: str, show_errors: bool) -> dict:
    from simulator.language import get_recognizer
    from simulator.moves import MOVES

    rec = get_recognizer(lang)
    rows = load(lang, split)
    counts = {m: [0, 0, 0] for m in MOVES}  # tp, fp, fn
    mode_ok = 0
    errors = []
    for row in rows:
        got = rec.recognize(row["text"], client_before=row.get("client_before", ""))
        gold, pred = set(row["moves"]), set(got.moves)
        for m in MOVES:
            if m in gold and m in pred:
                counts[m][0] += 1
            elif m in pred:
                counts[m][1] += 1
            elif m in gold:
                counts[m][2] += 1
        mode_ok += got.mode == row["mode"]
        if gold != pred or got.mode != row["mode"]:
            errors.append((row, got))
    name = "validation" if split == "heldout" else split
    print(f"\n== {lang} ({name}, {len(rows)} utterances) ==")
    print(f"{'move':22} {'n':>4} {'P':>6} {'R':>6} {'F1':>6}")
    f1s = []
    for m in MOVES:
        tp, fp, fn = counts[m]
        p, r, f = prf(tp, fp, fn)
        if tp + fn:
            f1s.append(f)
        print(f"{m:22} {tp + fn:4d} {p:6.2f} {r:6.2f} {f:6.2f}")
    macro = sum(f1s) / len(f1s) if f1s else 0.0
    oq = prf(*counts["open_question"])[2]
    cq = prf(*counts["closed_question"])[2]
    q_tp = counts["open_question"][0] + counts["closed_question"][0]
    q_fp = counts["open_question"][1] + counts["closed_question"][1]
    q_fn = counts["open_question"][2] + counts["closed_question"][2]
    q_micro = prf(q_tp, q_fp, q_fn)[2]
    mode_acc = mode_ok / len(rows)
    print(f"macro-F1 over moves: {macro:.3f}")
    print(f"open question F1: {oq:.3f}  closed question F1: {cq:.3f}  both (micro): {q_micro:.3f}")
    print(f"mode accuracy: {mode_acc:.3f}")
    if show_errors:
        for row, got in errors:
            print(
                f"  ✗ {row['text']!r}\n    client: {row.get('client_before', '')!r}\n"
                f"    gold {sorted(row['moves'])} {row['mode']}  got {sorted(got.moves)} {got.mode}"
            )
    return {"macro_f1": macro, "open_f1": oq, "closed_f1": cq, "mode": mode_acc}


def _percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples) * 1000, samples[int(len(samples) * 0.99)] * 1000


def latency(langs: list[str]) -> None:
    from simulator.language import get_recognizer

    wall: list[float] = []
    cpu: list[float] = []
    for lang in langs:
        rec = get_recognizer(lang)
        rows = load(lang, "dev") + load(lang, "heldout")
        for row in rows:  # warm the memo as a running session would
            rec.recognize(row["text"], client_before=row["client_before"])
        for _ in range(3):
            for row in rows:
                start, start_cpu = time.perf_counter(), time.thread_time()
                rec.recognize(row["text"], client_before=row["client_before"])
                cpu.append(time.thread_time() - start_cpu)
                wall.append(time.perf_counter() - start)
    # CPU time is the cost on one core; wall time also counts waiting for a busy machine.
    median, p99 = _percentiles(cpu)
    print(f"\nlatency over {len(cpu)} calls, CPU time: median {median:.3f} ms, p99 {p99:.3f} ms")
    median, p99 = _percentiles(wall)
    print(f"latency, wall clock: median {median:.3f} ms, p99 {p99:.3f} ms")
    long_text = "Mä en tiiä mitä sanoa. " * 500
    start = time.thread_time()
    get_recognizer("fi").recognize(long_text, client_before=long_text)
    print(f"10,000+ character turn: {(time.thread_time() - start) * 1000:.2f} ms CPU")


#: Each fresh interpreter prints the wall and CPU seconds of the code timed (`t`, `c` set first).
_CLOCKS = "import time; t, c = time.perf_counter(), time.process_time(); "
_REPORT = "; print(time.perf_counter() - t, time.process_time() - c)"
#: The app and the commands keep the parsed UI strings and the recognizer's compiled cue
#: expressions in the cache folder (simulator.cli.main, KohtaamoApp); trees before the kept
#: expressions (simulator.language.compiled) keep the strings only.
_AS_THE_APP = (
    "import contextlib; from simulator import i18n, store; "
    "i18n.keep_copies(store.cache_dir(), store.write_private)\n"
    "with contextlib.suppress(ImportError):\n"
    "    from simulator.language.compiled import keep_compiled; "
    "keep_compiled(store.cache_dir(), store.write_private)\n"
)
_FIRST_TURN = (
    "from simulator.language import get_recognizer; "
    "get_recognizer('fi').recognize('Mitä kuuluu?', client_before='Ihan ok.')"
)


def _spread(seconds: list[float]) -> str:
    ms = sorted(x * 1000 for x in seconds)
    return f"{statistics.median(ms):6.1f} ms [{ms[0]:.1f}-{ms[-1]:.1f}]"


def _environment(home: Path) -> dict[str, str]:
    """A fresh user folder; Python's default bytecode caching into a private folder, as an
    installed copy has (this machine sets PYTHONDONTWRITEBYTECODE, which would recompile our
    modules in every process and time the compiler: see benchmarks/startup.py)."""
    env = {**os.environ, "KOHTAAMO_HOME": str(home)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


def _timed(code: str, env: dict[str, str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of `code` in `runs` fresh interpreters, after one to warm caches."""
    wall, cpu = [], []
    for i in range(runs + 1):
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            check=True,
        )
        if i:
            w, c = done.stdout.split()[-2:]
            wall.append(float(w))
            cpu.append(float(c))
    return wall, cpu


def import_time(runs: int) -> None:
    """Building a recognizer in fresh interpreters: median and [fastest-slowest] of `runs`.
    CPU time beside wall time: on a shared machine the wall clock also counts waiting."""
    with tempfile.TemporaryDirectory() as folder:
        env = _environment(Path(folder))
        timings = {
            "import simulator.language": _timed(
                _CLOCKS + "from simulator.language import get_recognizer" + _REPORT, env, runs
            ),
            # As the app does it: UI strings loaded, the caches of a run before kept.
            "build the Finnish recognizer and read a first turn": _timed(
                _AS_THE_APP + "i18n.catalogue(); " + _CLOCKS + _FIRST_TURN + _REPORT, env, runs
            ),
            "the same, nothing kept from a run before": _timed(
                "from simulator.i18n import catalogue; catalogue(); "
                + _CLOCKS
                + _FIRST_TURN
                + _REPORT,
                env,
                runs,
            ),
            "the same from cold, UI strings loaded too": _timed(
                _CLOCKS + _FIRST_TURN + _REPORT, env, runs
            ),
        }
    for name, (wall, cpu) in timings.items():
        print(f"{name}: wall {_spread(wall)}, CPU {_spread(cpu)}  ({runs} runs)")


#: The development sets (once blind sets) whose turns `--distinct` classifies; never a blind set.
DEV_SETS = tuple(f"recognizer_dev{n}" for n in range(2, 20))


def classify_time(runs: int, lang: str = "fi", count: int = 5000, distinct: bool = False) -> None:
    """Wall and CPU time of a `kohtaamo classify` process reading `count` lines (start-up
    included; the caches of a run before kept, as for a user), median and spread of `runs`.
    The lines are the labelled corpus over and over (its 986 / 901 turns five times: the
    recognizer's memos of words, stems and context run warm from the second pass), or with
    `distinct` the development sets' turns, each once (few lines repeat; the client's lines
    do, as several replies to one line were labelled)."""
    if distinct:
        paths = [ROOT / "tests" / "data" / name / f"{lang}.jsonl" for name in DEV_SETS]
        rows = [
            json.loads(line)
            for path in paths
            if path.exists()  # dev16 is Finnish only
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    else:
        rows = load(lang, "dev") + load(lang, "heldout")
    lines = [
        json.dumps({"text": r["text"], "client_before": r.get("client_before", "")}) for r in rows
    ]
    lines = (lines * (count // len(lines) + 1))[:count]
    wall, cpu = [], []
    with tempfile.TemporaryDirectory() as folder:
        env = _environment(Path(folder))
        for i in range(runs + 1):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "simulator.cli", "classify", "--lang", lang, "--json"],
                input="\n".join(lines) + "\n",
                capture_output=True,
                text=True,
                cwd=ROOT,
                env=env,
                check=True,
            )
            took = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if i:  # the first run warms the caches
                wall.append(took)
                cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    read = len(done.stdout.splitlines())
    w, c = statistics.median(wall), statistics.median(cpu)
    which = "distinct lines" if distinct else "lines"
    print(
        f"kohtaamo classify, {read} {which} ({lang}): wall {w:.2f} s [{min(wall):.2f}-"
        f"{max(wall):.2f}], CPU {c:.2f} s [{min(cpu):.2f}-{max(cpu):.2f}]  ({runs} runs)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="validation", choices=["validation", "heldout", "dev"])
    parser.add_argument("--lang", choices=["fi", "en"], action="append")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--speed-only", action="store_true", help="skip the accuracy tables")
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per timing")
    parser.add_argument(
        "--distinct",
        action="store_true",
        help="classify the development sets' turns once each instead of the corpus five times",
    )
    args = parser.parse_args()
    langs = args.lang or ["fi", "en"]
    split = "heldout" if args.split == "validation" else args.split  # the files keep their name
    if not args.speed_only:
        for lang in langs:
            evaluate(lang, split, args.errors)
    if not args.no_speed:
        latency(langs)
        import_time(args.runs)
        for lang in langs:  # each language's lexicon and models: English reads slower
            classify_time(max(1, args.runs // 2), lang, distinct=args.distinct)
    return 0


if __name__ == "__main__":
    sys.exit(main())
