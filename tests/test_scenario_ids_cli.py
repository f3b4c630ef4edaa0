"""A bundled scenario named by the id `kohtaamo list` shows, as a student types it."""

import io

import pytest

from simulator.cli import main
from simulator.scenario.paths import bundled_scenarios_dir, scenario_path

LEE = "en-substance-use-no-treatment"


def test_the_id_that_list_shows_finds_the_bundled_file(capsys):
    assert main(["list"]) == 0
    listed = capsys.readouterr().out
    assert LEE in listed
    assert scenario_path(LEE) == str(bundled_scenarios_dir() / f"{LEE}.yaml")


def test_run_and_check_take_the_id(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Hi Lee, I'm Sam.\n"))
    assert main(["run", LEE, "--interactive", "--seed", "1"]) == 0
    out, err = capsys.readouterr()
    assert "Lee:" in out and err == ""
    assert main(["check", "fi-kotikaynti-yksin-asuva"]) == 0
    assert "fi-kotikaynti-yksin-asuva.yaml" in capsys.readouterr().out


def test_a_file_of_that_name_in_the_working_folder_wins(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / LEE).write_text("not a scenario", encoding="utf-8")
    assert scenario_path(LEE) == LEE


@pytest.mark.parametrize("name", ["no-such-scenario", "scenarios/" + LEE + "-typo.yaml"])
def test_an_unknown_name_is_reported_as_typed(capsys, name):
    assert main(["graph", name]) != 0
    err = capsys.readouterr().err
    assert err.startswith(f"{name}:1:1: error K107")
