"""`include:` shared parts (issue 15, item 9): merged as documented, positioned errors naming
the part and the file that included it, and every tool seeing the merged scenario."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from simulator.catalog import cached_cards, list_cards, quick_cards
from simulator.cli import main
from simulator.scenario.diagnostics import ScenarioError
from simulator.scenario.include import source_files
from simulator.scenario.loader import load_library, load_scenario, read_scenario

HERE = Path(__file__).resolve().parent / "fixtures" / "include"

HEAD = """\
kohtaamo: 1
id: {id}
title: T
language: en
client: {{name: X, variables: {{trust: 50}}}}
start: s
states:
  s:
    say: [hi]
    on:
      - moves: [open_question]
        go: e
  e: {{say: [bye], ending: good}}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def scenario(folder: Path, include: str, name: str = "main.yaml", extra: str = "") -> Path:
    return write(folder, name, HEAD.format(id=Path(name).stem) + f"include: {include}\n" + extra)


def problems_of(path: Path) -> list[str]:
    _, found = read_scenario(path)
    return [d.format("en") for d in found]


def test_the_merged_scenario_has_the_parts_and_the_own_keys_win() -> None:
    first = load_scenario(HERE / "first.yaml")
    # The part's topic (two levels down), reaction and client feedback are there.
    assert "appointment" in first.topics
    assert first.topics["appointment"].where.file.endswith("shared/topics.yaml")
    assert first.client_feedback is not None
    assert first.client_feedback.endings["good"] == "I might actually come back."
    # Own reactions first, then the part's.
    assert [r.moves for r in first.reactions] == [("confront",), ("give_information",)]
    assert first.reactions[1].where.file.endswith("shared/leave-taking.en.yaml")
    # The scenario's own default replaces the shared one, whole.
    (greeting,) = [d for d in first.defaults if d.moves == ("greeting",)]
    assert greeting.reply[0] == "Morning. Sam."
    second = load_scenario(HERE / "second.yaml")
    (shared,) = [d for d in second.defaults if d.moves == ("greeting",)]
    assert shared.reply == ("Hi.", "Hello.", "Yeah, hi.")
    assert [Path(p).name for p in second.includes] == ["leave-taking.en.yaml", "topics.yaml"]


def test_an_error_in_a_part_names_the_part_line_and_the_including_line(tmp_path: Path) -> None:
    write(tmp_path, "shared/p.yaml", "part: p\nreactions:\n  - moves: [greting]\n    go: s\n")
    main_file = scenario(tmp_path, "[shared/p.yaml]")
    (message,) = problems_of(main_file)
    assert message.startswith(f"{tmp_path}/shared/p.yaml:3:13: error K302: unknown move 'greting'")
    assert "did you mean 'greeting'?" in message
    assert message.endswith(f"included from: {main_file}:14:11")


def test_includes_of_includes_show_the_whole_chain(tmp_path: Path) -> None:
    write(tmp_path, "shared/outer.yaml", "part: outer\ninclude: inner.yaml\n")
    write(tmp_path, "shared/inner.yaml", "part: inner\nreactions:\n  - moves: [x]\n")
    main_file = scenario(tmp_path, "shared/outer.yaml")
    (message,) = problems_of(main_file)
    assert message.startswith(f"{tmp_path}/shared/inner.yaml:3:13: error K302")
    assert message.endswith(f"included from: {tmp_path}/shared/outer.yaml:2:10, {main_file}:14:10")


def test_a_cycle_is_an_error_at_the_include_that_closes_it(tmp_path: Path) -> None:
    write(tmp_path, "shared/p.yaml", "part: p\ninclude: [../main.yaml]\n")
    main_file = scenario(tmp_path, "[shared/p.yaml]")
    (message,) = problems_of(main_file)
    assert f"{tmp_path}/shared/p.yaml:2:11: error K111: include cycle:" in message
    assert "main.yaml → p.yaml → main.yaml" in message


def test_a_part_shared_by_two_parts_is_read_once(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "part: a\ninclude: common.yaml\n")
    write(tmp_path, "b.yaml", "part: b\ninclude: common.yaml\n")
    write(tmp_path, "common.yaml", "part: c\ntopics:\n  rent: {words: [rent]}\n")
    main_file = scenario(tmp_path / "s", "[../a.yaml, ../b.yaml]")
    loaded = load_scenario(main_file)
    assert list(loaded.topics) == ["rent"]


@pytest.mark.parametrize(
    ("include", "files", "expected"),
    [
        ("[missing.yaml]", {}, "error K110: include: cannot read 'missing.yaml': "),
        ("[/etc/hosts.yaml]", {}, "error K110: include: '/etc/hosts.yaml' is a full path"),
        ("[notes.txt]", {"notes.txt": "part: x\n"}, "'notes.txt' is not a YAML file"),
        (
            "[other.yaml]",
            {"other.yaml": "greeting: hi\n"},
            "error K112: include: 'other.yaml' is not a shared part",
        ),
        (
            "[whole.yaml]",
            {"whole.yaml": HEAD.format(id="whole")},
            "error K112: include: 'whole.yaml' is a whole scenario, not a shared part",
        ),
        (
            "[p.yaml]",
            {"p.yaml": "part: p\nid: other\n"},
            "error K202: a shared part cannot set the scenario's 'id'",
        ),
        (
            "[p.yaml]",
            {"p.yaml": "part: p\nlanguage: fi\n"},
            "error K115: the shared part is in 'fi', the scenario in 'en'",
        ),
        ("[p.yaml]", {"p.yaml": "part: p\ntopics:\n  a: &x {words: [a]}\n"}, "error K103"),
        ("[p.yaml]", {"p.yaml": "part: p\ntopics:\n\ta: 1\n"}, "error K101"),
        ("[3]", {}, "error K110: include: each item must be a file path"),
    ],
)
def test_every_include_mistake_gets_a_positioned_message(
    tmp_path: Path, include: str, files: dict[str, str], expected: str
) -> None:
    for name, text in files.items():
        write(tmp_path, name, text)
    messages = problems_of(scenario(tmp_path, include))
    assert any(expected in m for m in messages), messages
    assert all(":" in m.split(" ")[0] for m in messages)  # file:line:col first


def test_two_parts_setting_the_same_thing_clash_and_own_keys_settle_it(tmp_path: Path) -> None:
    one = "part: one\ndefaults:\n  greeting:\n    reply: [Hi.]\n"
    write(tmp_path, "one.yaml", one)
    write(tmp_path, "two.yaml", one.replace("one", "two").replace("Hi.", "Hey."))
    main_file = scenario(tmp_path, "[one.yaml, two.yaml]")
    (message,) = problems_of(main_file)
    assert f"{tmp_path}/two.yaml:3:3: error K113: 'defaults.greeting' is already set at" in message
    assert f"{tmp_path}/one.yaml:3" in message
    other = "defaults:\n  confront:\n    reply: [Hm.]\n"
    unsettled = problems_of(scenario(tmp_path, "[one.yaml, two.yaml]", extra=other))
    assert any("K113" in m for m in unsettled)  # own defaults for another move settle nothing
    own = "defaults:\n  greeting:\n    reply: [Morning.]\n"
    loaded = load_scenario(scenario(tmp_path, "[one.yaml, two.yaml]", extra=own))
    assert loaded.defaults[0].reply == ("Morning.",)


def test_finnish_messages_for_includes(tmp_path: Path) -> None:
    write(tmp_path, "p.yaml", "part: p\ninclude: [main.yaml]\n")
    main_file = scenario(tmp_path, "[p.yaml]")
    _, found = read_scenario(main_file, "fi")
    text = "\n".join(d.format("fi") for d in found)
    assert "include-kehä" in text and "vihje:" in text and "mukaan otettu:" in text


def test_limits_on_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator.scenario import include

    monkeypatch.setattr(include, "MAX_PARTS", 2)
    for name in "abc":
        write(tmp_path, f"{name}.yaml", f"part: {name}\n")
    messages = problems_of(scenario(tmp_path, "[a.yaml, b.yaml, c.yaml]"))
    assert any("K114: include: too many shared parts (at most 2" in m for m in messages)
    monkeypatch.setattr(include, "MAX_PART_BYTES", 10)
    messages = problems_of(scenario(tmp_path, "[a.yaml, b.yaml]"))
    assert any("K114: include: the shared parts are too large together" in m for m in messages)


def test_check_of_a_part_checks_the_scenarios_that_include_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOHTAAMO_LANG", "en")
    shutil.copytree(HERE, tmp_path / "lib")
    monkeypatch.chdir(tmp_path / "lib")
    code = main(["check", "shared/topics.yaml"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "ok: first.yaml" in out and "ok: second.yaml" in out
    assert (
        "shared part: shared/topics.yaml – checked with the scenarios that include it: "
        "first.yaml, second.yaml" in out
    )
    # An error in the part fails the check of the part, said once for both scenarios.
    part = Path("shared/topics.yaml")
    part.write_text(part.read_text() + "reactions:\n  - moves: [greting]\n", encoding="utf-8")
    code = main(["check", "shared/topics.yaml"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.count("shared/topics.yaml:6:13: error K302") == 1
    assert "included from: shared/leave-taking.en.yaml:3:11, first.yaml:5:11" in out
    assert "shared part: shared/leave-taking" not in out  # only the part named is reported


def test_check_of_a_part_nobody_includes_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOHTAAMO_LANG", "en")
    lonely = write(tmp_path, "lonely/p.yaml", "part: p\nreactions:\n  - moves: [greeting]\n")
    assert main(["check", str(lonely)]) == 0
    out = capsys.readouterr().out
    assert "no scenario in its folder or the folder above includes it" in out
    write(tmp_path, "lonely/p.yaml", "part: p\nid: nope\nstuff: 1\n")
    assert main(["check", "--format", "json", str(lonely)]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [d["code"] for d in found] == ["K202", "K202"]


def test_json_names_the_including_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "p.yaml", "part: p\nreactions:\n  - moves: [x]\n")
    main_file = scenario(tmp_path, "[p.yaml]")
    main(["check", "--format", "json", str(main_file)])
    (found,) = json.loads(capsys.readouterr().out)
    assert found["file"] == f"{tmp_path}/p.yaml" and found["line"] == 3
    assert found["included_from"] == f"{main_file}:14:11"


def test_the_library_lists_scenarios_not_parts_and_notices_a_changed_part(
    tmp_path: Path,
) -> None:
    library = tmp_path / "lib"
    shutil.copytree(HERE, library)
    scenarios, problems = load_library(library)
    assert sorted(s.id for s in scenarios) == ["include-first", "include-second"]
    assert problems == []
    assert [c.id for c in list_cards(library)] == ["include-first", "include-second"]
    home = tmp_path / "home"
    home.mkdir()
    assert len(quick_cards(sorted(library.rglob("*.yaml")), home)) == 2
    files = sorted(library.rglob("*.yaml"))
    assert cached_cards(files, home) is not None
    part = library / "shared" / "topics.yaml"
    part.write_text(part.read_text() + "# edited\n", encoding="utf-8")
    assert cached_cards(files, home) is None  # a part changed: the listing reads again


def test_a_part_outside_the_library_folder_is_watched_too(tmp_path: Path) -> None:
    write(tmp_path, "shared/p.yaml", "part: p\n")
    main_file = scenario(tmp_path / "lib", "[../shared/p.yaml]")
    home = tmp_path / "home"
    home.mkdir()
    quick_cards([main_file], home)
    assert cached_cards([main_file], home) is not None
    part = tmp_path / "shared" / "p.yaml"
    part.write_text("part: p, edited\n", encoding="utf-8")
    assert cached_cards([main_file], home) is None
    assert [Path(p).name for p in source_files(main_file)] == ["main.yaml", "p.yaml"]


def test_tools_see_the_merged_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOHTAAMO_LANG", "en")
    first = str(HERE / "first.yaml")
    out_file = tmp_path / "script.html"
    assert main(["preview", first, "-o", str(out_file)]) == 0
    page = out_file.read_text(encoding="utf-8")
    assert "Thursday, right. I&#x27;ll write it down." in page or "Thursday, right." in page
    assert "leave-taking.en.yaml" in page  # where the shared reaction is written
    capsys.readouterr()
    assert main(["graph", first]) == 0
    assert "opening" in capsys.readouterr().out


def test_a_part_is_not_a_scenario_to_open(tmp_path: Path) -> None:
    part = write(tmp_path, "p.yaml", "part: p\n")
    with pytest.raises(ScenarioError) as raised:
        load_scenario(part)
    assert "K109" in str(raised.value) and "shared part" in str(raised.value)


def test_include_paths_are_relative_to_the_including_file_not_the_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    os.makedirs("elsewhere")
    monkeypatch.chdir("elsewhere")
    loaded = load_scenario(HERE / "first.yaml")
    assert "appointment" in loaded.topics


def test_kohtaamo_test_runs_the_scenarios_and_passes_over_a_part(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOHTAAMO_LANG", "en")
    shutil.copytree(HERE, tmp_path / "lib")
    lib = tmp_path / "lib"
    test = "tests:\n  - name: a shared topic\n    turns:\n      - say: See you Thursday?\n"
    part = lib / "shared" / "topics.yaml"
    part.write_text(part.read_text() + test + "        expect: opening\n", encoding="utf-8")
    code = main(["test", str(lib / "first.yaml"), str(part)])
    captured = capsys.readouterr()
    assert code == 0, captured
    assert "shared part: " in captured.err and "topics.yaml" in captured.err
    assert "a shared topic" in captured.out


def test_the_schema_knows_parts_and_includes() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    from simulator.authoring.schema import SCHEMA_PATH

    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))

    def errors(data: object) -> list[str]:
        return [e.message for e in validator.iter_errors(data)]

    for path in sorted(HERE.rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        assert "include" in data or "part" in data
    assert errors({"part": "p", "reactions": []}) == []
    assert errors({"part": "p", "id": "x"})  # a part never sets the scenario's id
    # With parts, the client, start and states may come from them.
    head = {"kohtaamo": 1, "id": "x", "title": "t", "language": "en"}
    assert not errors({**head, "include": "a.yaml"})
    assert errors(head)  # no client, start or states from anywhere
    assert errors({"part": "p", "include": ["notes.txt"]})


def test_the_readme_part_works_with_the_readme_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """README, "Shared parts": its part and the rent-letter scenario including it pass
    `check --strict` and the tests; the shown message is what check prints."""
    import re

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, flags=re.DOTALL)
    (part,) = [b for b in blocks if b.startswith("# shared/course.en.yaml\npart:")]
    (scenario_text,) = [b for b in blocks if b.startswith("kohtaamo: 1")]
    (shown,) = re.findall(r"```\n(shared/course.en.yaml:.*?)```", readme, flags=re.DOTALL)
    monkeypatch.setenv("KOHTAAMO_LANG", "en")
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "shared/course.en.yaml", part)
    lines = scenario_text.splitlines(keepends=True)
    tags = next(i for i, line in enumerate(lines) if line.startswith("tags:"))
    lines.insert(tags + 1, "include: [shared/course.en.yaml]\n")
    text = "".join(lines)
    # The scenario's own structuring and summary defaults may go: the part's answer.
    text = re.sub(r"  (structuring|summary):\n    reply: \[.*\]\n", "", text)
    write(tmp_path, "en-rent-letter.yaml", text)
    loaded = load_scenario("en-rent-letter.yaml")
    unrecognised = next(r for r in loaded.reactions if r.unrecognised)
    assert unrecognised.note.startswith("No move was recognised") and unrecognised.reply
    assert main(["check", "--strict", "en-rent-letter.yaml"]) == 0
    assert main(["test", "en-rent-letter.yaml"]) == 0
    capsys.readouterr()
    write(tmp_path, "shared/course.en.yaml", part.replace("  structuring:", "  structurin:"))
    assert main(["check", "en-rent-letter.yaml"]) == 1
    assert capsys.readouterr().out == shown


def test_an_include_of_another_yaml_file_quotes_nothing_from_it(tmp_path: Path) -> None:
    write(tmp_path, "config.yaml", "password: hunter2\npassword: swordfish\n")
    messages = problems_of(scenario(tmp_path, "[config.yaml]"))
    assert len(messages) == 1 and "K112" in messages[0]
    assert "password" not in messages[0] and "hunter2" not in messages[0]


def test_the_watch_panel_names_the_part_for_a_shared_reaction() -> None:
    from simulator.scenario.labels import located

    first = load_scenario(HERE / "first.yaml")
    shared = first.reactions[1]
    assert located(first, shared.id) == f"reactions.2, {HERE}/shared/leave-taking.en.yaml:11"


def test_the_wheel_build_takes_parts_in_subfolders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """setup.py copies every *.yaml under scenarios/ into the package, subfolders kept, so a
    part in scenarios/shared/ ships beside the scenarios including it (a wheel built by hand
    with one was checked the same way: `check --bundled` and the include resolved)."""
    import runpy

    import setuptools

    monkeypatch.setattr(setuptools, "setup", lambda **_: None)
    build = runpy.run_path(str(Path(__file__).resolve().parent.parent / "setup.py"))
    write(tmp_path, "a.yaml", "kohtaamo: 1\n")
    write(tmp_path, "shared/course.en.yaml", "part: p\n")
    build["library_files"].__globals__["LIBRARY"] = tmp_path
    found = [p.relative_to(tmp_path).as_posix() for p in build["library_files"]()]
    assert found == ["a.yaml", "shared/course.en.yaml"]


def test_a_broken_part_shows_as_the_broken_scenario_in_the_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from simulator.catalog import checked_cards

    monkeypatch.setenv("KOHTAAMO_LANG", "en")
    library = tmp_path / "lib"
    shutil.copytree(HERE, library)
    part = library / "shared" / "topics.yaml"
    part.write_text(part.read_text() + "reactions:\n  - moves: [greting]\n", encoding="utf-8")
    cards = checked_cards(library, "en")
    broken = {Path(c.path).name: c.problem for c in cards if c.problem}
    assert set(broken) == {"first.yaml", "second.yaml"}  # the scenarios, not the part
    assert all("topics.yaml:6:13: error K302" in p for p in broken.values())
    assert main(["list", str(library)]) == 0
    assert "2 files could not be loaded" in capsys.readouterr().err  # not 1: the part


def test_a_misspelt_include_path_gets_the_file_beside_it(tmp_path: Path) -> None:
    write(tmp_path, "shared/leave-taking.yaml", "part: p\n")
    (message,) = problems_of(scenario(tmp_path, "[shared/leave-takng.yaml]"))
    assert "K110: include: cannot read 'shared/leave-takng.yaml': file not found" in message
    assert "hint: did you mean 'shared/leave-taking.yaml'?" in message


def test_a_persona_part_is_reused_and_the_scenario_changes_a_start_value(tmp_path: Path) -> None:
    """Issue 15's own case: one client written once, played in several scenarios."""
    write(tmp_path, "sam.yaml", (
        "part: Sam, the client of the housing course\n"
        "client:\n  name: Sam\n  persona: Tired, proud.\n"
        "  variables: {trust: 20, distress: 60}\n"
    ))  # fmt: skip
    text = HEAD.format(id="s").replace(
        "client: {name: X, variables: {trust: 50}}\n", "client:\n  variables: {trust: 40}\n"
    )
    write(tmp_path, "s.yaml", text + "include: sam.yaml\n")
    loaded = load_scenario(tmp_path / "s.yaml")
    assert (loaded.client.name, loaded.client.persona) == ("Sam", "Tired, proud.")
    assert loaded.client.variables == {"trust": 40, "distress": 60}
    assert loaded.client.declared_at["distress"].file == f"{tmp_path}/sam.yaml"


def test_lines_in_a_part_are_checked_for_silent_changes_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOHTAAMO_LANG", "en")
    write(tmp_path, "p.yaml", (
        "part: p\nreactions:\n  - moves: [dismiss]\n    reply:\n"
        "      - Number #1 nurse, are you?\n      - Right.\n      - Sure.\n"
    ))  # fmt: skip
    scenario(tmp_path, "[p.yaml]", name="a.yaml")
    scenario(tmp_path, "[p.yaml]", name="b.yaml")
    main(["check", str(tmp_path)])
    out = capsys.readouterr().out
    assert out.count(f"{tmp_path}/p.yaml:5:9: warning K502: '#' cut the line") == 1
