"""`kohtaamo check FILE...`: validate scenario files and print every problem found.

Output is built from one list of Diagnostics per file, so further checks (lint warnings,
`--strict`) only add to the list.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from simulator.i18n import t
from simulator.safetext import one_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", metavar="FILE", help=t("scenario.check_files_help"))
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("scenario.check_format_help")
    )
    parser.add_argument("--strict", action="store_true", help=t("scenario.check_strict_help"))
    parser.add_argument("--bundled", action="store_true", help=t("scenario.check_bundled_help"))


def run(args: argparse.Namespace) -> int:
    from simulator.scenario.loader import (
        bundled_scenarios_dir,
        duplicate_ids,
        read_scenario,
        scenario_files,
    )
    from simulator.scenario.paths import library_problem, scenario_path

    library = bundled_scenarios_dir() if args.bundled or not args.files else None
    if library is not None and (problem := library_problem(library)):
        # No library at all is an installation problem, not a broken scenario file.
        print(t(f"tui.library_{problem}", path=str(library)), file=sys.stderr)
        return 1
    named = [scenario_path(name) for name in args.files]
    paths = [*named, *([library] if library is not None else [])]
    files = scenario_files(paths)
    if not files:
        print(t("scenario.check_nothing", path=", ".join(map(str, paths))), file=sys.stderr)
        return 1
    results = []
    # Shared parts (`part:`) are checked with the scenarios that include them: a part named
    # alone brings those scenarios into the run (see _includers).
    parts: dict[str, list[str]] = {}
    checked_parts: set[str] = set()
    queue = list(files)
    queued = {os.path.realpath(p) for p in files}
    while queue:
        path = queue.pop(0)
        scenario, diagnostics = read_scenario(path)
        if [d.code for d in diagnostics] == ["K109"]:
            if path not in files:
                continue  # a part that includes the part named: its scenarios are found too
            parts[str(path)] = []
            for user in _includers(Path(path)):
                if os.path.realpath(user) not in queued:
                    queued.add(os.path.realpath(user))
                    queue.append(user)
            continue
        if scenario is not None:
            from simulator.authoring.lint import lint
            from simulator.authoring.source import check_file

            diagnostics = [*diagnostics, *check_file(path), *lint(scenario)]
            for part in scenario.includes:
                # A part's lines are the scenario's lines: K50x for them too, once per run.
                if os.path.realpath(part) not in checked_parts:
                    checked_parts.add(os.path.realpath(part))
                    diagnostics.extend(check_file(part))
            if args.strict:
                from simulator.authoring.playable import playability

                diagnostics.extend(playability(scenario))
        results.append((str(path), scenario, diagnostics))
    # Scenarios checked together form a library: an id used twice is an error there.
    # (A scenario is only returned when its file has no errors.)
    clashes = duplicate_ids(scenario for _, scenario, _ in results if scenario is not None)
    # Linked translations: states, topics, cues and choices one version lacks (K52x).
    from simulator.authoring.translation import compare

    loaded = [scenario for _, scenario, _ in results if scenario is not None]
    for _, scenario, diagnostics in results:
        if scenario is not None:
            diagnostics.extend(compare(scenario, loaded))
    for name, _, diagnostics in results:
        diagnostics.extend(c for c in clashes if c.where.file == name)

    from simulator.scenario.include import source_files

    seen: set[tuple[object, ...]] = set()
    for name, _, diagnostics in results:
        # A problem in a part shared by several scenarios is said once, not once each, and
        # says which scenario it was found with (lint works on the merged scenario).
        in_parts = [d for d in diagnostics if d.where.file != name]
        if not in_parts:
            continue
        kept = []
        for found in diagnostics:
            key = (found.where, found.code, found.message)
            if found.where.file != name:
                if key in seen:
                    continue
                seen.add(key)
                if not found.via:
                    found = replace(found, via=name)
            kept.append(found)
        diagnostics[:] = kept
    for part, users in parts.items():
        real = os.path.realpath(part)
        users.extend(
            name for name, _, _ in results
            if real in map(os.path.realpath, source_files(name)[1:])
        )  # fmt: skip
        if not users:
            # Included by nothing here: its YAML and lines are all that can be checked alone.
            from simulator.authoring.source import check_file
            from simulator.scenario.include import check_part

            results.append((part, None, [*check_part(part), *check_file(part)]))
    everything = [d for _, _, diagnostics in results for d in diagnostics]
    failed = [d for d in everything if d.is_error or args.strict]
    if args.format == "json":
        json.dump([d.to_dict() for d in everything], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for name, scenario, diagnostics in results:
            for found in diagnostics:
                print(found.format())
            if scenario is not None and not any(d.is_error or args.strict for d in diagnostics):
                print(t("scenario.check_ok", file=one_line(name), states=len(scenario.states)))
        if len(results) > 1:
            errors = sum(d.is_error for d in everything)
            print(
                t(
                    "scenario.check_summary",
                    files=len(results),
                    errors=errors,
                    warnings=len(everything) - errors,
                )
            )
        for part, users in parts.items():
            if users:
                names = ", ".join(one_line(name) for name in users)
                print(t("scenario.check_part_included", file=one_line(part), scenarios=names))
            else:
                print(t("scenario.check_part_alone", file=one_line(part), name=Path(part).name))
    if args.bundled and args.format == "text" and not failed:
        # The closing line an installation check looks for: where the library is and its size.
        count = sum(Path(name).is_relative_to(library) for name, _, _ in results)
        print(t("scenario.check_bundled_ok", path=str(library), count=count))
    return 1 if failed else 0


def _includers(part: Path) -> list[Path]:
    """Scenarios in the part's folder (and below) or in the folder above that include it."""
    from simulator.scenario.include import source_files
    from simulator.scenario.paths import scenario_files

    real = os.path.realpath(part)
    near = [*scenario_files([part.parent])]
    if part.parent.parent != part.parent:
        near += sorted(p for p in part.parent.parent.glob("*.y*ml") if p.is_file())
    found = []
    for candidate in near:
        if os.path.realpath(candidate) == real:
            continue
        if real in map(os.path.realpath, source_files(candidate)[1:]):
            found.append(candidate)
    return found
