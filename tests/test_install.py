"""Install Kohtaamo as a user would, and use it from another folder.

Builds the wheel from a copy of the source (so no build/ or egg-info lands in the
repository), installs it into a fresh virtual environment in a temporary folder outside the
repository, and runs the installed `kohtaamo` from yet another folder: the version, the
installed library's check, the list of eight scenarios, the scenarios' own tests and a
scripted meeting, and the app's library screen headless. pip fetches the dependencies from
the package index (its cache makes a second run quick). About 30 s; deselect with
`-m "not install"` while working on something else.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import simulator

pytestmark = pytest.mark.install

ROOT = Path(__file__).resolve().parent.parent
#: What a wheel is built from (pyproject, setup.py and MANIFEST.in say how).
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", "CHANGELOG.md")
BIN = "Scripts" if os.name == "nt" else "bin"

SCRIPT = """\
# a few trainee turns, as a student would type them
Hi Jordan, thanks for coming in. We have about twenty minutes.
You sound really worn out.
What has been happening?
"""

#: The app's library screen, headless, in the installed package (its .tcss, strings, library).
APP = """\
import asyncio
from simulator.tui.app import KohtaamoApp

async def main():
    app = KohtaamoApp()
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause(0.1)
            if getattr(app.screen, "checked", False):
                break
        screen = app.screen
        print(len(screen.scenarios), screen.missing, len(screen.problems))

asyncio.run(main())
"""


def pip(python: Path, *args: str, cwd: Path) -> None:
    subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", "-q", *args],
        cwd=cwd,
        check=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path, dict[str, str], Path]:
    """(bin folder of the fresh venv, a folder outside everything, its environment, wheel)."""
    tmp = tmp_path_factory.mktemp("install")
    source = tmp / "source"
    source.mkdir()
    for name in SOURCES:
        shutil.copy(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "_bundled")
    for folder in ("simulator", "scenarios"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)

    pip(Path(sys.executable), "wheel", "--no-deps", "-w", str(tmp / "dist"), str(source), cwd=tmp)
    [wheel] = (tmp / "dist").glob("kohtaamo-*.whl")

    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / BIN / "python"
    pip(python, "install", str(wheel), cwd=tmp)

    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "KOHTAAMO_SCENARIOS", "VIRTUAL_ENV", "PYTHONHOME")
    }
    env.update(KOHTAAMO_HOME=str(tmp / "home"), KOHTAAMO_LANG="en", PYTHONSAFEPATH="1")
    return venv / BIN, elsewhere, env, wheel


def kohtaamo(installed, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    bin_dir, elsewhere, env, _ = installed
    return subprocess.run(
        [str(bin_dir / "kohtaamo"), *args],
        cwd=elsewhere,
        env={**env, "KOHTAAMO_LANG": lang},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_the_wheel_carries_the_library_and_every_data_file(installed):
    names = set(zipfile.ZipFile(installed[3]).namelist())
    scenarios = {f"simulator/_bundled/{p.name}" for p in (ROOT / "scenarios").glob("*.yaml")}
    assert len(scenarios) == 8 and scenarios <= names
    data = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "simulator").rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "_bundled" not in p.parts
    }
    assert data and data <= names, sorted(data - names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


def test_installed_kohtaamo_works_from_another_folder(installed, tmp_path):
    bin_dir, elsewhere, env, _ = installed
    version = kohtaamo(installed, "--version")
    assert version.returncode == 0 and version.stdout.strip() == f"kohtaamo {simulator.__version__}"

    # The code and the library are the installed ones, not this checkout's.
    check = kohtaamo(installed, "check", "--bundled")
    assert check.returncode == 0, check.stderr
    library = check.stdout.strip().splitlines()[-1]
    assert library.startswith(f"library {bin_dir.parent}") and "_bundled" in library
    assert library.endswith(": 8 scenarios, all load")

    listed = kohtaamo(installed, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert len(rows) == 8
    assert sorted(r["language"] for r in rows) == ["en"] * 4 + ["fi"] * 4
    finnish = kohtaamo(installed, "list", lang="fi")
    assert finnish.stdout.splitlines()[0].split()[:3] == ["Skenaario", "Kieli", "Vaikeus"]
    assert "8 skenaariota" in finnish.stdout

    jordan = next(r["path"] for r in rows if r["id"] == "en-income-support-young-adult")
    tests = kohtaamo(installed, "test", jordan)  # the recognizer's lexicons and weights
    assert tests.returncode == 0 and "0 failed" in tests.stdout, tests.stdout + tests.stderr

    script = tmp_path / "turns.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    meeting = kohtaamo(installed, "run", jordan, "--script", str(script), "--seed", "1")
    assert meeting.returncode == 0, meeting.stderr
    assert meeting.stdout.count("   You: ") == 3 and meeting.stdout.count("Jordan: ") == 4
    assert "moves: complex_reflection" in meeting.stdout

    schema = kohtaamo(installed, "schema")
    assert schema.returncode == 0 and json.loads(schema.stdout)["title"]


def test_installed_app_shows_eight_scenarios(installed):
    bin_dir, elsewhere, env, _ = installed
    shown = subprocess.run(
        [str(bin_dir / "python"), "-c", APP],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == ["8", "None", "0"]
