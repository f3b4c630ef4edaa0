"""Drive the installed `kohtaamo` in a real terminal (tmux), as a student would.

Each Terminal runs on its own tmux server socket, so tests never touch a user's tmux and
never see each other's windows.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

#: The command the package installs, beside the interpreter running the tests.
KOHTAAMO = Path(sys.executable).with_name("kohtaamo")
EXIT_MARK = "__kohtaamo_exit="


def tmux_available() -> bool:
    return shutil.which("tmux") is not None


class Terminal:
    def __init__(self, home: Path, width: int = 120, height: int = 40) -> None:
        self.home = home
        self.socket = f"kohtaamo-e2e-{uuid.uuid4().hex[:8]}"
        self.width = width
        self.height = height
        self.session = "app"

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20
        )
        return result.stdout

    def start(self, *arguments: str, lang: str = "en") -> None:
        """Start `kohtaamo ARGUMENTS` with the default settings: only the data folder and
        the UI language are chosen (a fresh folder holds no settings)."""
        env = {
            "KOHTAAMO_HOME": str(self.home),
            "KOHTAAMO_LANG": lang,
            "PATH": os.environ.get("PATH", ""),
            "HOME": os.environ.get("HOME", str(self.home)),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
        }
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        command = " ".join(shlex.quote(x) for x in (str(KOHTAAMO), *arguments))
        # After the app ends, the shell prints its exit code and waits, so the test can read
        # both the last screen and the code.
        script = f"env -i {exports} {command}; echo {EXIT_MARK}$?; sleep 600"
        if self.alive():
            # Restart inside the live session: killing its only session stops the tmux server,
            # and a new-session racing that exit failed under load in CI ("returned non-zero
            # exit status 1"). respawn-pane keeps the server and starts on a cleared pane.
            subprocess.run(
                ["tmux", "-L", self.socket, "respawn-pane", "-k", "-t", self.session]
                + ["bash", "-c", script],
                check=True,
                timeout=20,
            )
            return
        subprocess.run(
            [
                "tmux",
                "-L",
                self.socket,
                "new-session",
                "-d",
                "-s",
                self.session,
                "-x",
                str(self.width),
                "-y",
                str(self.height),
                "bash",
                "-c",
                script,
            ],
            check=True,
            timeout=20,
        )

    def alive(self) -> bool:
        return (
            subprocess.run(
                ["tmux", "-L", self.socket, "has-session", "-t", self.session],
                capture_output=True,
            ).returncode
            == 0
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def wait_for(self, text: str, timeout: float = 45.0) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            if EXIT_MARK in shown and EXIT_MARK not in text:
                break
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{shown}")

    def wait_for_count(self, text: str, count: int, timeout: float = 45.0) -> str:
        """Wait until `text` is shown at least `count` times (rows that arrive one by one)."""
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if shown.count(text) >= count:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never shown {count} times; the screen was:\n{shown}")

    def wait_until_gone(self, text: str, timeout: float = 45.0) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text not in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never went away; the screen was:\n{shown}")

    def press(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.session, key)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        """Type a line the way a person does and press Enter."""
        self.tmux("send-keys", "-t", self.session, "-l", text)
        time.sleep(0.2)
        self.press("Enter")

    def exit_code(self, timeout: float = 15.0) -> int:
        shown = self.wait_for(EXIT_MARK, timeout)
        tail = shown[shown.index(EXIT_MARK) + len(EXIT_MARK) :]
        return int(tail.split()[0])

    def kill_app(self) -> None:
        """Kill the app as a power cut or a closed laptop would (SIGKILL)."""
        pid = self.tmux("display-message", "-p", "-t", self.session, "#{pane_pid}").strip()
        subprocess.run(["pkill", "-KILL", "-P", pid], check=False)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
