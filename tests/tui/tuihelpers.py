"""Helpers for the app's tests (imported by the test modules; fixtures live in conftest)."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

from simulator.tui.app import KohtaamoApp

FIXTURES = Path(__file__).parent / "fixtures"


def run_async(test):
    """Run an async test without an asyncio pytest plugin (none is installed)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


def make_app(home: Path, lang: str = "en", **options) -> KohtaamoApp:
    """The app as a test sees it: fixed clock and seed, no typing pause."""
    options.setdefault("seed", 1)
    options.setdefault("typing_pause", False)
    return KohtaamoApp(home=home, lang=lang, clock=lambda: 0.0, **options)


async def settle(pilot) -> None:
    """Wait until every worker is done and the screen has caught up; on the library, also
    for the full check that follows the quick listing (so pictures never catch it midway)."""
    from simulator.tui.screens.library import LibraryScreen

    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    libraries = [s for s in pilot.app.screen_stack if isinstance(s, LibraryScreen)]
    for _ in range(100):
        if all(s.checked for s in libraries):
            break
        await pilot.pause(0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def start_meeting(pilot) -> None:
    """From the briefing the app opened on: start the meeting and wait for its first line."""
    await settle(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def type_text(pilot, text: str) -> None:
    """Type into the focused input the way a user would, then press Enter."""
    pilot.app.focused.insert_text_at_cursor(text)
    await pilot.press("enter")
    await settle(pilot)
