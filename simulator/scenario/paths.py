"""Where scenario files are: the bundled library and the files under a folder.

Kept apart from the loader, and free of heavy imports, so the app's library can list the
files at start-up without paying for the loader (yaml nodes, the model, validation).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def bundled_scenarios_dir() -> Path:
    """The scenario library: `$KOHTAAMO_SCENARIOS`, else the repository's `scenarios/`."""
    override = os.environ.get("KOHTAAMO_SCENARIOS", "").strip()
    if override:
        return Path(override).expanduser()
    import simulator

    return Path(simulator.__file__).resolve().parent.parent / "scenarios"


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
