"""End-to-end tests: the installed `kohtaamo` in tmux with the default settings."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from terminal import KOHTAAMO, Terminal, tmux_available

SCENARIOS = Path(__file__).parent / "scenarios"


def pytest_collection_modifyitems(config, items):
    # Without tmux these tests cannot run; CI installs it (.ci/run), so there they must.
    if tmux_available() and KOHTAAMO.exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError("CI must have tmux and an installed kohtaamo for tests/e2e")
    skip = pytest.mark.skip(reason="needs tmux and the installed kohtaamo command")
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def library(tmp_path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    for path in SCENARIOS.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def terminal(home):
    term = Terminal(home)
    yield term
    term.close()
