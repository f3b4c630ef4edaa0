"""`play --watch` reloads when a shared part the scenario includes is saved (issue 15)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tuihelpers import make_app, run_async, settle

from simulator.tui.screens.briefing import FileScreen

INCLUDE = Path(__file__).resolve().parent.parent / "fixtures" / "include"


def visible_text(screen) -> str:
    return "\n".join(str(widget.render()) for widget in screen.query("Static"))


@run_async
async def test_watch_reloads_when_an_included_part_changes(home, tmp_path):
    shutil.copytree(INCLUDE, tmp_path / "lib")
    path = tmp_path / "lib" / "first.yaml"
    part = tmp_path / "lib" / "shared" / "topics.yaml"  # included by a part it includes
    app = make_app(home, scenario_file=path, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FileScreen) and screen.scenario is not None
        text = part.read_text()
        part.write_text(text + "reactions:\n  - moves: [greting]\n")
        for _ in range(30):  # a busy machine: up to 6 s for the half-second watch
            await pilot.pause(0.2)
            if screen.scenario is None:
                break
        await settle(pilot)
        assert screen.scenario is None
        shown = visible_text(screen)
        assert "topics.yaml:6:13" in shown and "greting" in shown
        assert "first.yaml:5:11" in shown  # the chain of files that included it
        part.write_text(text.replace("next time", "next week"))
        for _ in range(30):
            await pilot.pause(0.2)
            if screen.scenario is not None:
                break
        await settle(pilot)
        assert screen.scenario is not None
        assert "next week" in screen.scenario.topics["appointment"].words


@run_async
async def test_the_library_lists_the_scenarios_not_their_shared_parts(home, tmp_path, monkeypatch):
    from simulator.tui.screens.library import LibraryScreen

    shutil.copytree(INCLUDE, tmp_path / "lib")
    monkeypatch.setenv("KOHTAAMO_SCENARIOS", str(tmp_path / "lib"))
    app = make_app(home)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and screen.checked
        assert sorted(c.id for c in screen.scenarios) == ["include-first", "include-second"]
        assert screen.problems == []
        assert "2 of 2 scenarios" in visible_text(screen)
        first = next(c for c in screen.scenarios if c.id == "include-first")
        assert first.scenario is not None and "appointment" in first.scenario.topics
