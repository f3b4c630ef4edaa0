"""`kohtaamo test FILE...`: run the scenarios' embedded tests, optionally with coverage."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from simulator.i18n import t

if TYPE_CHECKING:
    from simulator.authoring.testing import CaseResult, Coverage, FileResult, TurnFailure
    from simulator.scenario.model import Scenario


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help=t("session.help_files"))
    parser.add_argument("--coverage", action="store_true", help=t("session.help_coverage"))
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("session.help_format")
    )


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.testing import run_tests
    from simulator.commands.run import load_or_report

    results: list[FileResult] = []
    broken: list[str] = []
    for path in args.files:
        if len(args.files) > 1:
            from simulator.scenario.include import is_part_file

            if is_part_file(path):
                # `kohtaamo test *.yaml` beside a shared part: its tests run with its scenarios.
                print(t("scenario.test_part_skipped", None, file=path), file=sys.stderr)
                continue
        scenario = load_or_report(path)
        if scenario is None:
            broken.append(path)
            continue
        results.append(run_tests(scenario))

    if args.format == "json":
        data = {
            "files": [r.to_dict() for r in results],
            "broken": broken,
            "passed": not broken and all(r.passed for r in results),
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for result in results:
            print_file(result, args.coverage)
        tests = sum(len(r.results) for r in results)
        failed = sum(not case.passed for r in results for case in r.results)
        print(t("session.test_summary", None, tests=tests, failed=failed))
    ok = not broken and all(r.passed for r in results)
    return 0 if ok else 1


def print_file(result: FileResult, coverage: bool) -> None:
    print(f"{result.scenario.path} ({result.scenario.id})")
    if not result.results:
        print(f"  {t('session.test_no_tests')}")
    for case in result.results:
        mark = t("session.test_pass") if case.passed else t("session.test_fail")
        print(f"  {mark} {case.name}")
        if case.failure is not None:
            print(f"       {describe_failure(case.failure, result.scenario)}")
        if case.sweep:
            print_sweep(case, result.scenario)
    if coverage:
        print_coverage(result.coverage, result.scenario)
    print()


def describe_transition(scenario: Scenario, tid: str | None) -> str:
    """`opening.on.2, file.yaml:41`: counted from 1, with where to find it."""
    from simulator.scenario.labels import label

    if tid is None:
        return t("session.fallback_transition")
    found = next((tr for tr in _every_transition(scenario) if tr.id == tid), None)
    if found is None:
        return label(tid)
    return f"{label(tid)}, {found.where.file}:{found.where.line}"


def print_sweep(case: CaseResult, scenario: Scenario) -> None:
    """How many wordings did what the sweep expects; the others grouped by what happened
    instead (a fallback line: the recognizer missed it; another transition: it read the
    wording as another move), each with its file:line."""
    from simulator.scenario.labels import FALLBACK

    test = next(x for x in scenario.tests if x.name == case.name and x.sweep is not None)
    sweep = test.sweep
    assert sweep is not None
    wanted = []
    if sweep.expect_transition is not None:
        wanted.append(
            t("session.fallback_transition")
            if sweep.expect_transition == FALLBACK
            else describe_transition(scenario, sweep.expect_transition)
        )
    if sweep.expect is not None:
        wanted.append(t("session.sweep_state", None, state=sweep.expect))
    ok = sum(x.ok for x in case.sweep)
    print(
        "       "
        + t("session.sweep_summary", None, ok=ok, total=len(case.sweep), wanted="; ".join(wanted))
    )
    missed = [x for x in case.sweep if not x.ok]
    fallback = [x for x in missed if x.transition is None]
    other = [x for x in missed if x.transition is not None]
    if fallback:
        print("       " + t("session.sweep_fallback", None, count=len(fallback)))
        for x in fallback:
            print(f"         {x.where.file}:{x.where.line}  “{x.said}” ({_read_as(x.moves)})")
    if other:
        print("       " + t("session.sweep_other", None, count=len(other)))
        for x in other:
            fired = describe_transition(scenario, x.transition)
            state = t("session.sweep_state", None, state=x.state)
            read = _read_as(x.moves)
            print(f"         {x.where.file}:{x.where.line}  “{x.said}” ({read}) → {fired}; {state}")


def _read_as(moves: tuple[str, ...]) -> str:
    if not moves:
        return t("session.sweep_no_move")
    return t("session.sweep_read_as", None, moves=", ".join(moves))


def describe_failure(failure: TurnFailure, scenario: Scenario) -> str:
    if failure.reason == "error":
        return t("session.test_error", None, error=failure.error)
    values = {
        "turn": failure.turn,
        "said": failure.said,
        "expected": failure.expected,
        "actual": failure.actual,
        "transition": describe_transition(scenario, failure.transition),
    }
    if failure.where is not None:
        values["turn"] = f"{failure.turn} ({failure.where.file}:{failure.where.line})"
    if failure.reason == "ended":
        return t("session.test_ended_early", None, **values)
    if failure.reason in ("says", "not_says"):
        return t(f"session.test_{failure.reason}", None, **values)
    return t("session.test_state_mismatch", None, **values)


def print_coverage(coverage: Coverage, scenario: Scenario) -> None:
    """The ratios, then every missed state, transition and ending on its own line with its
    file:line, so an editor (or a click in a terminal) jumps to it."""
    from simulator.scenario.labels import label

    summary = coverage.to_dict()
    ratio = {part: f"{v['visited']}/{v['total']}" for part, v in summary.items()}
    print(f"  {t('session.test_coverage', None, **ratio)}")
    transitions = {tr.id: tr for tr in _every_transition(scenario)}
    for part in ("states", "transitions", "endings"):
        missed = coverage.missed(part)
        if not missed:
            continue
        print(f"    {t(f'session.test_missed_{part}', None, ids=len(missed))}")
        for item in missed:
            if part == "transitions":
                where = transitions[item].where
                name = label(item)
            else:
                where, name = scenario.states[item].where, item
            print(f"      {where.file}:{where.line}  {name}")


def _every_transition(scenario: Scenario) -> tuple:
    return (*scenario.transitions, *scenario.reactions, *scenario.defaults)
