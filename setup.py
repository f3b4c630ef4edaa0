"""Build hook: the wheel carries the scenario library.

The bundled scenarios live in the repository's top-level `scenarios/` folder (scenario
authors and the design find them there), but an installed package can only read what is
inside it. So building copies every scenario file under `scenarios/` into the package as
`simulator/_bundled/`, where `simulator.scenario.paths.bundled_scenarios_dir` finds it with
importlib.resources. An editable install builds nothing and reads `scenarios/` in place.
Everything else (metadata, dependencies, package data) is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LIBRARY = Path(__file__).resolve().parent / "scenarios"
TARGET = ("simulator", "_bundled")


def library_files() -> list[Path]:
    """Every scenario file, as the app finds them (simulator.scenario.paths.scenario_files)."""
    return sorted(p for p in [*LIBRARY.rglob("*.yaml"), *LIBRARY.rglob("*.yml")] if p.is_file())


class BuildPyWithLibrary(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads scenarios/ where it is
        files = library_files()
        if not files:
            raise SystemExit(f"no scenarios to bundle in {LIBRARY}: the source tree is incomplete")
        target = Path(self.build_lib, *TARGET)
        shutil.rmtree(target, ignore_errors=True)  # a scenario removed since the last build
        target.mkdir(parents=True)
        for path in files:
            copy = target / path.relative_to(LIBRARY)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        target = Path(self.build_lib, *TARGET)
        return [*outputs, *(str(target / p.relative_to(LIBRARY)) for p in library_files())]


setup(cmdclass={"build_py": BuildPyWithLibrary})
