"""An incomplete installation shows a plain message, not an empty table or a broken file."""

from __future__ import annotations

from tuihelpers import make_app, run_async, settle

from simulator.tui.screens.library import LibraryScreen


async def checked(pilot) -> LibraryScreen:
    """The library once its full check is done (a busy machine may need more than settle's
    five seconds)."""
    await settle(pilot)
    for _ in range(300):
        if isinstance(pilot.app.screen, LibraryScreen) and pilot.app.screen.checked:
            break
        await pilot.pause(0.1)
    return pilot.app.screen


def shown(screen) -> str:
    status = screen.query_one("#library-status").render()
    details = screen.query_one("#details").render()
    return f"{getattr(status, 'plain', status)}\n{getattr(details, 'plain', details)}"


@run_async
async def test_a_missing_library_is_named_as_such(home, tmp_path, monkeypatch):
    monkeypatch.setenv("KOHTAAMO_SCENARIOS", str(tmp_path / "gone"))
    app = make_app(home)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await checked(pilot)
        assert isinstance(screen, LibraryScreen) and screen.checked
        text = shown(screen)
        assert f"No scenario library at {tmp_path / 'gone'}" in text
        assert "reinstall Kohtaamo" in text and "could not be loaded" not in text


@run_async
async def test_a_folder_without_scenarios_says_so(home, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(home, lang="fi", scenario_dir=empty)
    async with app.run_test(size=(120, 30)) as pilot:
        text = shown(await checked(pilot))
        assert f"Kansiossa {empty} ei ole skenaariotiedostoja" in text
        assert "asenna" not in text  # a folder the user chose is no broken installation
