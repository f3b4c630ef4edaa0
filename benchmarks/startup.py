"""Start-up: time until the library is usable, against a bare Textual app on this machine.

Each app runs in a fresh Python process under Textual's headless driver. The clock starts
when the process is spawned and stops when the first screen's data is on screen (for the
bare app: its first screen mounted and refreshed; for Kohtaamo: the library's scenarios
listed), so both carry the same interpreter and Textual costs. Work that goes on in the
background after that (Kohtaamo's full validation of every scenario) does not count: the
library is already usable. Runs alternate to share machine noise; medians are reported.

Bytecode: Python caches compiled modules, so from the second start on neither app compiles
its source. Textual's cache comes with its install; ours (an editable install) is written at
the first start, unless the machine sets PYTHONDONTWRITEBYTECODE, as some CI images and
this one do. Then every start recompiles our modules while Textual's stay cached: not the
like-for-like comparison the target asks for. So by default both apps run with Python's
default caching into a private cache folder (PYTHONPYCACHEPREFIX, warmed by one start of
each before timing); `--no-bytecode-cache` measures the machine's own setting instead.

    python benchmarks/startup.py [--runs N] [--tricks]

`--tricks` also starts Kohtaamo with each start-up trick left out in turn (the strings' JSON
copy, the app's garbage-collector pause until the first frame), in shuffled order with the
others, and adds each process's CPU time (user + system), which a loaded machine disturbs
less than the wall clock: a trick stays only while it shows here.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import time
from textual.app import App
from textual.widgets import Footer, Static

class Bare(App):
    ready_at = None

    def compose(self):
        yield Static("Hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.ready)

    def ready(self):
        self.ready_at = time.time()
        self.exit()

app = Bare()
app.run(headless=True)
print(app.ready_at)
"""

KOHTAAMO = """
import time
from simulator.tui.app import KohtaamoApp

class Timed(KohtaamoApp):
    ready_at = None

    def on_library_ready(self, message):
        self.call_after_refresh(self.ready)

    def ready(self):
        self.ready_at = time.time()
        self.exit()

app = Timed()
app.run(headless=True)
print(app.ready_at)
"""


#: Kohtaamo with one start-up trick left out (patched before the app is built).
WITHOUT = {
    "without the strings' JSON copy": "import simulator.i18n as i18n\n"
    "i18n.keep_copies = lambda *args, **kwargs: None\n",
    "without the gc pause": "import gc, types, simulator.tui.app as app_module\n"
    "app_module.gc = types.SimpleNamespace(isenabled=gc.isenabled, disable=lambda: None,"
    " enable=gc.enable)\n",
}


def once(script: Path, env: dict[str, str]) -> float:
    return timed(script, env)[0]


def timed(script: Path, env: dict[str, str]) -> tuple[float, float]:
    """(seconds to ready, CPU seconds of the process) for one start."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.time()
    done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    try:
        return float(done.stdout.strip().splitlines()[-1]) - start, cpu
    except (IndexError, ValueError):
        raise SystemExit(f"{script.name} never became ready:\n{done.stdout}{done.stderr}") from None


def tricks(runs: int, bytecode_cache: bool, home: Path) -> None:
    """Each trick left out in turn, beside the bare app and Kohtaamo as it is."""
    sources = {"bare Textual app": BARE, "Kohtaamo": KOHTAAMO}
    sources.update({name: patch + KOHTAAMO for name, patch in WITHOUT.items()})
    scripts: dict[str, tuple[Path, dict[str, str]]] = {}
    for number, (name, source) in enumerate(sources.items()):
        # A folder each: the strings' copy and the bytecode of one do not serve another.
        folder = home / f"variant{number}"
        folder.mkdir()
        script = folder / ("bare.py" if number == 0 else "kohtaamo.py")
        script.write_text(source)
        own = {**os.environ, "KOHTAAMO_HOME": str(folder)}
        if bytecode_cache:
            own.pop("PYTHONDONTWRITEBYTECODE", None)
            own["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        scripts[name] = (script, own)
        once(script, own)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in sources}
    for _ in range(runs):
        order = list(sources)
        random.shuffle(order)
        for name in order:
            times[name].append(timed(*scripts[name]))
    wall0 = statistics.median(w for w, _ in times["bare Textual app"])
    cpu0 = statistics.median(c for _, c in times["bare Textual app"])
    for name, measured in times.items():
        wall = statistics.median(w for w, _ in measured)
        cpu = statistics.median(c for _, c in measured)
        print(
            f"{name:34s} {wall * 1000:6.0f} ms ({wall / wall0:.2f}x)"
            f"   CPU {cpu * 1000:5.0f} ms ({cpu / cpu0:.2f}x)   (median of {runs})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="keep this machine's bytecode setting (PYTHONDONTWRITEBYTECODE) as it is",
    )
    parser.add_argument(
        "--tricks", action="store_true", help="also start with each start-up trick left out"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "KOHTAAMO_HOME": home}
        if not args.no_bytecode_cache:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(home) / "pycache")
        # Files, not `python -c`: Textual looks for an App subclass's source file.
        bare_script, kohtaamo_script = Path(home) / "bare.py", Path(home) / "kohtaamo.py"
        bare_script.write_text(BARE)
        kohtaamo_script.write_text(KOHTAAMO)
        once(bare_script, env)  # warm the file and bytecode caches for both
        once(kohtaamo_script, env)
        bare, kohtaamo = [], []
        for _ in range(args.runs):
            bare.append(once(bare_script, env))
            kohtaamo.append(once(kohtaamo_script, env))
    b, k = statistics.median(bare), statistics.median(kohtaamo)
    print(f"bare Textual app    {b * 1000:6.0f} ms to first screen  (median of {args.runs})")
    print(f"Kohtaamo library    {k * 1000:6.0f} ms to usable list   (median of {args.runs})")
    caching = "machine's own setting" if args.no_bytecode_cache else "cached, as by default"
    print(f"ratio               {k / b:6.2f}  (target <= 1.5; bytecode {caching})")
    if args.tricks:
        with tempfile.TemporaryDirectory() as home:
            tricks(args.runs, not args.no_bytecode_cache, Path(home))


if __name__ == "__main__":
    main()
