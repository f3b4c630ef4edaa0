"""Every app test gets its own data dir: the real one is never touched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tuihelpers import FIXTURES


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    data = tmp_path / "home"
    monkeypatch.setenv("KOHTAAMO_HOME", str(data))
    return data


@pytest.fixture
def library(tmp_path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    for name in ("en-demo.yaml", "fi-demo.yaml"):
        shutil.copy(FIXTURES / name, folder / name)
    return folder


@pytest.fixture(autouse=True)
def errors_fail_the_test(request, monkeypatch):
    """A bug met by a test fails it (the app would otherwise offer the way on); tests of
    that recovery itself are marked `recovery`."""
    from simulator.tui.app import KohtaamoApp

    if "recovery" not in request.keywords:
        monkeypatch.setattr(KohtaamoApp, "RECOVER", False)
