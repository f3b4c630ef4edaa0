"""Where scenario files are: the bundled library and the files under a folder.

Kept apart from the loader, and free of heavy imports, so the app's library can list the
files at start-up without paying for the loader (yaml nodes, the model, validation).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

#: The bundled library's folder inside the installed package (a wheel copies the repository's
#: top-level `scenarios/` here at build time; see setup.py).
BUNDLED = "_bundled"


def bundled_scenarios_dir() -> Path:
    """The scenario library: `$KOHTAAMO_SCENARIOS`, else the library installed with the package
    (`simulator/_bundled`, found with importlib.resources from any working directory), else the
    repository's `scenarios/` (a checkout or an editable install, which reads it in place).

    The path returned may not exist (an incomplete installation): `library_problem` says so.
    """
    override = os.environ.get("KOHTAAMO_SCENARIOS", "").strip()
    if override:
        return Path(override).expanduser()
    # Imported here, not at the top: it costs ~10 ms that commands without the library
    # (classify, assess) should not pay.
    from importlib.resources import files

    package = Path(os.fspath(files("simulator")))
    installed = package / BUNDLED
    if installed.is_dir():
        return installed
    return package.parent / "scenarios"


def library_problem(root: Path) -> str | None:
    """Why `root` cannot be a scenario library (an i18n key), or None when it holds scenarios.

    "missing": no such folder; "no_files": a folder without a single *.yaml/*.yml file. Both
    mean an installation or a path is wrong, which no scenario file can be blamed for.
    """
    if not root.is_dir():
        return "missing"
    if not scenario_files([root]):
        return "no_files"
    return None


def scenario_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files named directly, plus every *.yaml / *.yml under named directories (sorted)."""
    files: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found = [*path.rglob("*.yaml"), *path.rglob("*.yml")]
            files.extend(sorted(p for p in found if p.is_file()))
        else:
            files.append(path)
    return files


def scenario_path(name: str) -> str:
    """`name` as given when it is a path that exists; else the bundled scenario whose id it is.

    `kohtaamo list` shows each scenario's id, so a student types `kohtaamo play
    en-humiliated-before` rather than a path into the installed package. Only a bare name
    (no folder in it) is looked up, so a mistyped path is still reported as that path.
    """
    path = Path(name)
    if not name or path.exists() or path.name != name:
        return name
    library = bundled_scenarios_dir()
    for suffix in ("", ".yaml", ".yml"):
        candidate = library / f"{name}{suffix}"
        if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
            return str(candidate)
    return name
