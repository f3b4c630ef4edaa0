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

    python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
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


def once(script: Path, env: dict[str, str]) -> float:
    start = time.time()
    done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True)
    try:
        return float(done.stdout.strip().splitlines()[-1]) - start
    except (IndexError, ValueError):
        raise SystemExit(f"{script.name} never became ready:\n{done.stdout}{done.stderr}") from None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="keep this machine's bytecode setting (PYTHONDONTWRITEBYTECODE) as it is",
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


if __name__ == "__main__":
    main()
