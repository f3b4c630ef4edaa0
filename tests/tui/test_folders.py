"""The app keeps meetings, settings and its caches in the platform's folders."""

from __future__ import annotations

from textual.widgets import DataTable
from tuihelpers import run_async, settle

from simulator.tui.app import KohtaamoApp


@run_async
async def test_settings_and_caches_go_to_their_own_folders(monkeypatch, tmp_path, library):
    monkeypatch.delenv("KOHTAAMO_HOME", raising=False)
    for kind in ("DATA", "CONFIG", "CACHE"):
        monkeypatch.setenv(f"XDG_{kind}_HOME", str(tmp_path / kind.lower()))
    app = KohtaamoApp(scenario_dir=library, lang="en", typing_pause=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        for _ in range(300):  # a busy machine may list later than settle waits
            if app.screen.query_one(DataTable).row_count == 2:
                break
            await pilot.pause(0.1)
        assert app.screen.query_one(DataTable).row_count == 2
        await pilot.press("f4")  # the theme is a setting: saved at once
        await settle(pilot)
    assert app.home == tmp_path / "data" / "kohtaamo"
    assert (tmp_path / "config" / "kohtaamo" / "settings.json").is_file()
    assert (tmp_path / "cache" / "kohtaamo" / "library-cache.json").is_file()
    assert not (tmp_path / "data" / "kohtaamo" / "settings.json").exists()
