"""Every ending of every bundled scenario, played in a real terminal to the debrief.

    python benchmarks/e2e_endings.py [--seeds 1] [--walks 3000] [FILE ...]

What a student meets with the default settings (the typing pause on): for each scenario and
seed, random walks over the suggested responses (headless, through Session) find a way to
each of its endings; each way is then played in tmux on the installed `kohtaamo`
(`play FILE --seed S`, suggested-responses mode, keys 1–9), the ending box's button opens the
debrief, and the app is quit. Reported per way: reached the ending, reached the debrief,
the journal's end line, exit code, seconds. Endings no walk reached through suggestions are
listed as such (they may need free text).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
sys.path.insert(0, str(ROOT))

from terminal import Terminal  # noqa: E402

from simulator.i18n import t  # noqa: E402
from simulator.scenario.loader import load_scenario  # noqa: E402
from simulator.scenario.paths import bundled_scenarios_dir, scenario_files  # noqa: E402
from simulator.session import Session  # noqa: E402

MAX_TURNS = 40


def endings_of(scenario) -> set[str]:
    return {s.ending for s in scenario.states.values() if s.ending}


def find_ways(scenario, seed: int, walks: int) -> dict[str, list[int]]:
    """Per ending, the shortest sequence of suggestion indexes (0-based, < 9) found."""
    rng = random.Random(seed)
    wanted = endings_of(scenario)
    found: dict[str, list[int]] = {}
    for _ in range(walks):
        session = Session(scenario, seed=seed)
        path: list[int] = []
        while not session.ended and len(path) < MAX_TURNS:
            options = session.suggestions()[:9]
            if not options:
                break
            index = rng.randrange(len(options))
            path.append(index)
            session.choose(index)
        outcome = session.outcome
        session.close()
        if outcome and (outcome not in found or len(path) < len(found[outcome])):
            found[outcome] = path
        if set(found) == wanted and walks > 200:
            walks = min(walks, 200)  # all found: a few more walks only to shorten
    return found


def play(path: Path, scenario, seed: int, way: list[int], outcome: str) -> dict:
    lang = scenario.language
    home = Path(tempfile.mkdtemp(prefix="kohtaamo-e2e-"))
    term = Terminal(home)
    started = time.monotonic()
    result = {"reached_ending": False, "reached_debrief": False, "exit_code": None}
    try:
        term.start("play", str(path), "--seed", str(seed), lang=lang)
        term.wait_for(t("tui.input_menu", lang), timeout=30)
        time.sleep(3.0)  # the briefing takes its first focus before the student's keys
        # The briefing: the second radio set (input mode) → suggested responses.
        for key in ("Tab", "Tab", "Down", "Enter"):
            term.press(key)
            time.sleep(0.5)
        term.press("C-s")
        status = t("tui.status", lang, elapsed="", turn=0, mode="", title="").split("·")[1]
        word = status.strip().split()[0]  # "turn" / "vuoro"
        term.wait_for(f"{word} 0 ", timeout=30)
        for number, index in enumerate(way, start=1):
            term.wait_for("1. ", timeout=30)  # the menu is filled (and takes keys)
            term.press(str(index + 1))
            term.wait_for(f"{word} {number} ", timeout=30)
            if number < len(way):
                # The client answers after the typing pause; the menu takes keys again then.
                term.wait_until_gone(t("tui.typing", lang, name=scenario.client.name), 30)
        term.wait_for(t(f"tui.ended_{outcome}", lang), timeout=30)
        result["reached_ending"] = True
        term.press("Enter")
        term.wait_for(t("scoring.axis_listening", lang)[:6], timeout=30)
        result["reached_debrief"] = True
        term.press("C-q")
        result["exit_code"] = term.exit_code()
    except AssertionError as error:
        result["error"] = str(error).splitlines()[0]
        result["screen"] = term.screen()
    finally:
        term.close()
    journals = sorted((home / "sessions").glob("*.jsonl"))
    if journals:
        last = json.loads(journals[-1].read_text().splitlines()[-1])
        result["journal_end"] = last.get("outcome") if last.get("kind") == "end" else None
    result["seconds"] = round(time.monotonic() - started, 1)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--seeds", type=int, nargs="*", default=[1])
    parser.add_argument("--walks", type=int, default=3000)
    args = parser.parse_args()
    files = args.files or scenario_files([bundled_scenarios_dir()])
    rows, failures, missing = [], 0, []
    for path in files:
        scenario = load_scenario(path)
        for seed in args.seeds:
            ways = find_ways(scenario, seed, args.walks)
            for outcome in sorted(endings_of(scenario) - set(ways)):
                missing.append(f"{path.name} seed {seed}: {outcome}")
            for outcome, way in sorted(ways.items()):
                result = play(path, scenario, seed, way, outcome)
                ok = (
                    result["reached_debrief"]
                    and result["exit_code"] == 0
                    and result.get("journal_end") == outcome
                )
                failures += not ok
                rows.append((path.name, seed, outcome, len(way), ok, result))
                status = "ok" if ok else "FAILED " + result.get("error", "")
                print(
                    f"{path.name:48} seed {seed} {outcome:8} {len(way):3} turns "
                    f"{result['seconds']:6.1f} s  {status}",
                    flush=True,
                )
                if not ok and "screen" in result:
                    print(result["screen"])
    print(f"\n{len(rows)} ways played, {len(rows) - failures} reached the debrief cleanly.")
    if missing:
        print("Endings no walk through the suggestions reached:")
        for line in missing:
            print("  " + line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
