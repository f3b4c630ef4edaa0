"""`kohtaamo serve` in a real browser: Debian's chromium, headless, driven by Playwright.

The test starts the server itself as a trainer does in a classroom (`--host 0.0.0.0`, a
free port, a class code), opens the address the server printed for the class network with
the code, gives a nickname, sees the library, plays two turns, ends the meeting, reaches
the debrief and downloads the export; a page without the code is refused. Then the
trainer's `kohtaamo class-report` reads the class folder the browser left.
What the student sees is read from the bytes the page's terminal received over the
websocket (the terminal draws on a canvas, so there is no DOM text to read).

Skipped, with the reason, only where chromium or Playwright is missing outside CI; in CI
(CI=true) .ci/run installs both and a missing browser fails the test instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CODE = "testclass42"
# docs/serve.png is refreshed only on request, so a test run leaves the tree clean.
DOCS_SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "serve.png"
# Escape sequences in the terminal stream: CSI, OSC/DCS strings, two-byte escapes.
ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[\]P_^][^\x1b\x07]*(?:\x07|\x1b\\)|\x1b.")


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install playwright)"
    if not os.path.exists(CHROMIUM):
        return "Debian's chromium is not installed (apt-get install chromium)"
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        return "the serve extra is not installed (pip install -e '.[serve]')"
    return None


MISSING = _missing()
if MISSING and os.environ.get("CI", "").lower() != "true":
    pytestmark = pytest.mark.skip(reason=f"no browser test here: {MISSING}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    assert MISSING is None, MISSING  # in CI a missing browser is a failure, not a skip
    port = free_port()
    class_dir = tmp_path / "class"
    env = dict(os.environ, KOHTAAMO_HOME=str(tmp_path / "home"), KOHTAAMO_LANG="en")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "simulator.cli",
            "serve",
            "--host",
            "0.0.0.0",
            "--port",
            str(port),
            "--code",
            CODE,
            "--class-dir",
            str(class_dir),
            "--lang",
            "en",
            "--no-typing-pause",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    printed: list[str] = []
    reader = threading.Thread(target=lambda: printed.extend(proc.stdout), daemon=True)
    reader.start()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail(f"server did not start: {''.join(printed)}")
    # The addresses the trainer reads out to the class: the class network's when this
    # machine has one (CI's containers do), and always loopback, last. The test opens the
    # loopback one: a test's traffic stays on the loopback interface.
    while time.monotonic() < deadline and not any("Class code" in line for line in printed):
        time.sleep(0.1)
    urls = [m.group(0) for line in printed for m in [re.search(r"http://\S+", line)] if m]
    assert urls and all(url.endswith(f":{port}/?code={CODE}") for url in urls), printed
    assert urls[-1] == f"http://127.0.0.1:{port}/?code={CODE}", printed
    yield urls[-1].split("/?")[0], class_dir
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_a_student_plays_in_the_browser_and_downloads_the_debrief(server, tmp_path):
    from playwright.sync_api import sync_playwright

    base, class_dir = server
    received: list[str] = []

    def screen() -> str:
        return ANSI.sub("", "".join(received))

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(
                viewport={"width": 1280, "height": 800}, accept_downloads=True
            )
            # Only this machine: a page asking for anything else fails the test.
            outside: list[str] = []

            def only_loopback(route):
                url = route.request.url
                if url.startswith(base) or url.startswith(base.replace("http", "ws")):
                    route.continue_()
                else:
                    outside.append(url)
                    route.abort()

            context.route("**/*", only_loopback)
            downloads = []
            context.on("page", lambda p: p.on("download", lambda d: downloads.append(d)))
            page = context.new_page()
            page.on(
                "websocket",
                lambda ws: ws.on(
                    "framereceived",
                    lambda f: received.append(
                        f if isinstance(f, str) else f.decode("utf-8", "replace")
                    ),
                ),
            )

            def see(text: str, timeout: float = 40, pattern: bool = False) -> bool:
                end = time.monotonic() + timeout  # generous: a shared machine
                while time.monotonic() < end:
                    if re.search(text, screen()) if pattern else text in screen():
                        return True
                    page.wait_for_timeout(100)
                if timeout < 10:
                    return False
                raise AssertionError(f"the page never showed {text!r}; last: {screen()[-600:]}")

            def type_line(text: str) -> None:
                """Type into the focused field as a student does: look that the field shows
                the words before Enter, and type them again if it does not. On a loaded
                machine the first key could reach the app before its field had the focus
                and be lost (the journal then said 'orty minutes...')."""
                for _ in range(3):
                    received.clear()
                    page.keyboard.type(text)
                    if see(text, timeout=8):
                        break
                    page.keyboard.press("End")
                    page.keyboard.press("Control+u")  # empty the field, then again
                else:
                    raise AssertionError(f"the field never showed {text!r}: {screen()[-600:]}")
                page.keyboard.press("Enter")

            # Without the code: refused, and no app behind it.
            refused = page.goto(base + "/")
            assert refused.status == 403
            assert "class code" in page.inner_text("body")
            assert page.goto(base + "/static/js/textual.js").status == 403

            page.goto(f"{base}/?code={CODE}")
            see("Give a nickname, not your real name")
            page.click("#terminal")
            type_line("Anna Virtanen")  # a real name: refused
            see("No spaces")
            page.keyboard.press("End")
            page.keyboard.press("Control+u")
            type_line("kettu_7")
            see(r"\d+ of \d+ scenarios", pattern=True)  # the library
            received.clear()
            page.keyboard.press("Enter")  # the highlighted scenario's briefing
            see("Practice (coach on)")
            page.wait_for_timeout(300)
            page.keyboard.press("Control+s")  # start, practice mode, free text
            see("turn 0")
            see("Type and press Enter")
            page.wait_for_timeout(500)  # the input takes focus once the opening is shown
            for n, said in enumerate(
                ("Forty minutes is a long wait. I'm sorry.", "What happened last time?"), 1
            ):
                type_line(said)
                see(f"turn {n} ")
                page.wait_for_timeout(700)
            shot = DOCS_SCREENSHOT if os.environ.get("KOHTAAMO_UPDATE_SCREENSHOT") else None
            page.screenshot(path=str(shot or tmp_path / "serve.png"))
            received.clear()
            page.keyboard.press("Escape")  # end the meeting: asks first
            page.wait_for_timeout(500)
            page.keyboard.press("y")
            see("Listening")  # the debrief
            page.wait_for_timeout(300)
            page.keyboard.press("x")
            deadline = time.monotonic() + 15
            while not downloads and time.monotonic() < deadline:
                page.wait_for_timeout(100)
            assert downloads, "the export never reached the browser"
            # Named by the scenario, so a student's downloads folder says which is which.
            assert re.fullmatch(
                r"en-humiliated-before-\d{8}T\d{6}-\w+\.html", downloads[0].suggested_filename
            ), downloads[0].suggested_filename
            saved = tmp_path / "debrief.html"
            downloads[0].save_as(saved)
            page_text = saved.read_text(encoding="utf-8")
            assert page_text.lstrip().lower().startswith("<!doctype html")
            assert "What happened last time?" in page_text
            assert outside == []
        finally:
            browser.close()

    # Kept on the server under the class and the nickname, privately, like a local journal.
    home = class_dir / "kettu_7"
    journals = list((home / "sessions").glob("*.jsonl"))
    assert len(journals) == 1, sorted(str(p) for p in class_dir.rglob("*"))
    assert journals[0].stat().st_mode & 0o777 == 0o600
    lines = [json.loads(line) for line in journals[0].read_text().splitlines()]
    said = [line["worker"] for line in lines if line["kind"] == "turn"]
    assert said == ["Forty minutes is a long wait. I'm sorry.", "What happened last time?"]
    assert lines[-1]["kind"] == "end"

    # The trainer's report of that class: the student by nickname, the meeting, how it ended.
    out = tmp_path / "report"
    done = subprocess.run(
        [sys.executable, "-m", "simulator.cli", "class-report", str(class_dir), "-o", str(out)],
        capture_output=True,
        text=True,
        env=dict(os.environ, KOHTAAMO_LANG="en"),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    # The class folder holds the students' folders only: no caches reported as skipped.
    assert sorted(p.name for p in class_dir.iterdir()) == ["kettu_7"]
    assert "Skipped" not in done.stderr, done.stderr
    report = (out / "class-report.html").read_text(encoding="utf-8")
    assert "1 student, 1 meeting. Nicknames only." in report
    assert "kettu_7" in report and "en-humiliated-before" in report
    assert "no ending (the student stopped)" in report  # ended with Esc in the browser
