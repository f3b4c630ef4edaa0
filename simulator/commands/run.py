"""`kohtaamo run FILE --script TURNS.txt`: play scripted trainee turns, print the meeting.

A headless way to try a scenario (and to see what the recognizer made of each line), e.g.
`kohtaamo run scenarios/en/x.yaml --script turns.txt --seed 3`.

`kohtaamo run FILE --interactive` plays as a student would: the briefing, then one turn per
line from stdin, answered at once with the client's words only (no states, moves or
numbers). Blind test meetings are written this way (benchmarks/credibility_data/README.md);
by seed the same lines give the same replies, so a turns file can be grown line by line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from simulator.i18n import number, t

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario
    from simulator.session import ClientTurn


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=t("session.help_file"))
    how = parser.add_mutually_exclusive_group(required=True)
    how.add_argument("--script", metavar="TURNS.txt", help=t("session.help_script"))
    how.add_argument("--interactive", action="store_true", help=t("session.help_interactive"))
    parser.add_argument("--seed", type=int, default=None, help=t("session.help_seed"))
    parser.add_argument("--variant", default=None, metavar="ID", help=t("session.help_variant"))
    parser.add_argument("--json", action="store_true", help=t("session.help_json"))


def load_or_report(path: str) -> Scenario | None:
    """The scenario at `path` (or the bundled one with that id), or None after printing why it
    cannot be loaded."""
    from simulator.scenario.diagnostics import ScenarioError
    from simulator.scenario.loader import load_scenario
    from simulator.scenario.paths import scenario_path

    path = scenario_path(path)
    try:
        return load_scenario(path)
    except ScenarioError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
    except FileNotFoundError:
        print(t("cli.file_not_found", None, path=path), file=sys.stderr)
    return None


#: A script is typed turns: 1 MiB is thousands of them.
MAX_SCRIPT_BYTES = 1 << 20


def read_script(path: str) -> list[str] | None:
    """The script's trainee turns; None (after saying why) when the file cannot be read.

    Bounded like every reader: regular files (or stdin) of at most 1 MiB, UTF-8 text.
    """
    from simulator.safeio import Refused, read_stream_bounded, read_text_bounded

    try:
        if path == "-":
            data = read_stream_bounded(None, MAX_SCRIPT_BYTES)
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                line = data[: error.start].count(b"\n") + 1
                raise Refused("not_utf8", path, line=line) from None
        else:
            text = read_text_bounded(path, MAX_SCRIPT_BYTES)
    except Refused as refused:
        print(refused.message(), file=sys.stderr)
        return None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def run(args: argparse.Namespace) -> int:
    from simulator.session import Session

    if args.interactive:
        return interactive(args)
    scenario = load_or_report(args.file)
    script = read_script(args.script)
    if scenario is None or script is None:
        return 1
    try:
        session = Session(scenario, seed=args.seed, variant=args.variant)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1

    out = Printer(scenario, quiet=args.json)
    out.header(session.transcript.variant, session.seed)
    out.client(session.opening, before=None)
    said = 0
    for line in script:
        if session.ended:
            break
        before = session.variables
        try:
            answer = session.say(line)
        except ImportError:
            print(t("session.recognizer_missing", None, lang=scenario.language), file=sys.stderr)
            return 1
        said += 1
        out.turn(line, answer, before)

    if args.json:
        print(json.dumps(session.transcript.to_dict(), ensure_ascii=False, indent=2))
    notes = sys.stderr if args.json else sys.stdout
    out.emit()
    if session.ended:
        print(
            t(
                "session.run_ending",
                None,
                outcome=session.outcome,
                state=session.state,
                turns=session.turn,
            ),
            file=notes,
        )
        from simulator.transcript import how_it_ended

        left = how_it_ended(session.transcript)
        if left:
            print(left, file=notes)
            # Which work was left: what the debrief says under the same sentence.
            from simulator.scoring import score
            from simulator.scoring.still_open import as_text

            for line in as_text(score(session.transcript, scenario).still_open, None, "  "):
                print(line, file=notes)
        if said < len(script):
            print(t("session.run_leftover", None, count=len(script) - said), file=notes)
    else:
        print(t("session.run_not_ended", None, turns=session.turn, state=session.state), file=notes)
    return 0


def interactive(args: argparse.Namespace) -> int:
    """The briefing, then each line of stdin answered with the client's words only."""
    from simulator.session import Session

    scenario = load_or_report(args.file)
    if scenario is None:
        return 1
    try:
        session = Session(scenario, seed=args.seed, variant=args.variant)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    name = scenario.client.name
    briefing = scenario.briefing
    lang = scenario.language
    for label, text in (
        ("session.brief_setting", briefing.setting),
        ("session.brief_background", briefing.background),
        ("session.brief_goal", briefing.goal),
    ):
        if text:
            print(f"{t(label, lang)}: {' '.join(text.split())}")
    print()
    print(f"{name}: {session.opening.text}", flush=True)
    for raw in sys.stdin:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if session.ended:
            break
        try:
            answer = session.say(line)
        except ImportError:
            print(t("session.recognizer_missing", None, lang=lang), file=sys.stderr)
            return 1
        print(f"{name}: {answer.text}", flush=True)
        if answer.ended:
            # The worker learns that the meeting is over, not how it is judged.
            print(t("session.interactive_ended", lang), flush=True)
    return 0


class Printer:
    """The readable transcript: who said what, then where that left the client."""

    def __init__(self, scenario: Scenario, quiet: bool) -> None:
        self.scenario = scenario
        self.name = scenario.client.name
        self.title = scenario.title
        self.quiet = quiet
        self.worker = t("session.worker")
        self.width = max(len(self.name), len(self.worker))

    def emit(self, text: str = "") -> None:
        if not self.quiet:
            print(text)

    def header(self, variant: str | None, seed: int) -> None:
        variant_text = variant or t("session.no_variant")
        self.emit(t("session.run_header", None, title=self.title, variant=variant_text, seed=seed))
        self.emit()

    def say(self, who: str, text: str) -> None:
        self.emit(f"{who.rjust(self.width)}: {text}")

    def detail(self, text: str) -> None:
        self.emit(f"{' ' * self.width}  {text}")

    def client(self, answer: ClientTurn, before: Mapping[str, float] | None) -> None:
        self.say(self.name, answer.text)
        self.detail(f"[{answer.state}] {format_variables(answer.variables, before)}")

    def turn(self, line: str, answer: ClientTurn, before: Mapping[str, float]) -> None:
        from simulator.scenario.labels import located

        self.emit()
        self.say(self.worker, line)
        self.client(answer, before)
        record = answer.record
        if record is None:
            return
        moves = record.recognition.moves
        notes = [
            t("session.run_moves", None, moves=", ".join(moves))
            if moves
            else t("session.run_no_moves"),
            # As authors count and find it: `opening.on.1, file.yaml:41` (the journal and
            # --json keep the engine's `opening.on[0]`).
            located(self.scenario, record.transition) or t("session.run_fallback"),
        ]
        if record.cues_dropped:
            notes.append(t("session.run_cues", None, cues=", ".join(record.cues_dropped)))
        if record.choice_stated:
            notes.append(t("session.run_choice", None, choice=record.choice_stated))
        self.detail(" · ".join(notes))


def format_variables(after: Mapping[str, float], before: Mapping[str, float] | None) -> str:
    """`trust 30 (+10), distress 85 (-5)`: the values, with the change this turn made."""
    parts = []
    for name, value in after.items():
        text = f"{name} {number(value)}"
        change = value - before.get(name, value) if before is not None else 0
        if change:
            text += f" ({'+' if change > 0 else ''}{number(change)})"
        parts.append(text)
    return ", ".join(parts)
