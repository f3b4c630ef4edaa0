"""An installed Kohtaamo finds its library; a missing one says so plainly.

The wheel itself is built and installed in tests/test_install.py; these are the quick
checks of the rules it relies on.
"""

from __future__ import annotations

import importlib.resources
import re
from pathlib import Path

import pytest

import simulator
from simulator.cli import main
from simulator.scenario.paths import bundled_scenarios_dir, library_problem

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def english(monkeypatch, tmp_path):
    monkeypatch.setenv("KOHTAAMO_LANG", "en")
    monkeypatch.setenv("KOHTAAMO_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("KOHTAAMO_SCENARIOS", raising=False)


def test_an_installed_package_reads_the_library_it_carries(monkeypatch, tmp_path):
    """In a wheel the scenarios are inside the package (simulator/_bundled, see setup.py)."""
    package = tmp_path / "site-packages" / "simulator"
    (package / "_bundled").mkdir(parents=True)
    monkeypatch.setattr(importlib.resources, "files", lambda name: package)
    assert bundled_scenarios_dir() == package / "_bundled"


def test_a_checkout_reads_the_repository_library():
    assert bundled_scenarios_dir() == ROOT / "scenarios"
    assert library_problem(ROOT / "scenarios") is None


def test_a_missing_library_says_so_instead_of_blaming_a_file(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("KOHTAAMO_SCENARIOS", str(tmp_path / "gone"))
    assert main(["check"]) == 1
    assert main(["check", "--bundled"]) == 1
    assert main(["list"]) == 1
    err = capsys.readouterr().err
    assert err.count(f"No scenario library at {tmp_path / 'gone'}") == 3
    assert "installation is incomplete" in err and "could not be loaded" not in err
    (tmp_path / "gone").mkdir()
    assert main(["list"]) == 1
    assert "There are no scenario files (*.yaml) in" in capsys.readouterr().err


def test_check_bundled_names_the_library_and_its_size(capsys):
    assert main(["check", "--bundled"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == f"library {ROOT / 'scenarios'}: 8 scenarios, all load"


def test_list_shows_title_language_and_difficulty_translated(monkeypatch, capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["Scenario", "Lang", "Difficulty", "Min", "id"]
    assert len(out) == 1 + 8 + 1 and out[-1].startswith("8 scenarios in ")
    veikko = next(line for line in out if "fi-kotikaynti-yksin-asuva" in line)
    assert re.search(r"Veikko.*Finnish\s+medium\s+20", veikko)
    monkeypatch.setenv("KOHTAAMO_LANG", "fi")
    assert main(["list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["Skenaario", "Kieli", "Vaikeus"]
    veikko = next(line for line in out if "fi-kotikaynti-yksin-asuva" in line)
    assert re.search(r"Veikko.*suomi\s+keskitaso\s+20", veikko)


def test_list_json_and_a_folder_of_ones_own(tmp_path, capsys):
    import json
    import shutil

    shutil.copy(ROOT / "scenarios" / "en-humiliated-before.yaml", tmp_path)
    assert main(["list", "--json", str(tmp_path)]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["id"] == "en-humiliated-before" and row["language"] == "en"
    assert main(["list", str(tmp_path / "none")]) == 1
    assert "no scenario files to check" in capsys.readouterr().err


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"kohtaamo {simulator.__version__}"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {simulator.__version__}" in changelog  # every release has its entry


def test_every_data_file_is_package_data():
    """What the product reads at run time must be in the wheel: every non-Python file in
    the package matches pyproject's package-data globs (a new kind of file would not)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["simulator"]
    package = ROOT / "simulator"
    data = [
        p
        for p in package.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    assert data, "the package has data files"
    unmatched = [p for p in data if not any(p.relative_to(package).match(g) for g in patterns)]
    assert unmatched == []
