"""Load on `kohtaamo serve`: N students at once, driven through textual-serve's websocket.

    python benchmarks/serve_load.py [--levels 10 20 40] [--turns 4] [--think 1.5] [--paste]

Starts `kohtaamo serve` on loopback (a free port, a class code, a temporary class folder, the
typing pause off so the reply time is the app's own work), then for each level opens that
many sessions as the browser's terminal script would (joining a quarter second apart, as a
class arriving), and each session, like a student: gives a nickname, opens the first
scenario, starts it, and plays `--turns` turns, typing each line key by key (one websocket
message per key, 50 ms apart) and pressing Enter. The time from Enter to the client's reply
(the status line showing the new turn number, drawn in the same frame as the reply) is
recorded per turn, once every session is in its meeting (the class's start-ups, timed as
"joined", are kept apart from the turns). With every session in its meeting, memory is
read from /proc for every app process under the server: RSS (which counts shared
libraries in each process) and PSS (which shares them out: what the class really costs).
Targets (issue 17): 40 sessions on 2 cores with p99 <= 300 ms and <= 150 MB per session.

The CPU the server and the apps use while the class plays (user + system time from /proc,
per turn with its typing, and in cores on average) is printed too: on a machine shared with
other work the latencies measure the contention as much as the app, the CPU does not.

Bounded: each level has a time limit, every session closes at its end, the server is
stopped at the end. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[\]P_^][^\x1b\x07]*(?:\x07|\x1b\\)|\x1b.")
LINES = [
    "Forty minutes is a long wait. I'm sorry.",
    "What happened last time you were here?",
    "It sounds like you were treated badly.",
    "You're the one who knows what Derek needs.",
    "What would make today worth your while?",
    "So you came even though you expected the worst.",
]
KEY_GAP = 0.05


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes have used so far."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / tick


def is_app(pid: int) -> bool:
    """An app process (not the `sh -c` textual-serve starts it through)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            argv = handle.read().split(b"\0")
    except OSError:
        return False
    return b"simulator.tui.classroom_app" in argv and not argv[0].endswith(b"sh")


class Student:
    def __init__(self, number: int, url: str, session: aiohttp.ClientSession) -> None:
        self.number = number
        self.url = url
        self.http = session
        self.screen = ""
        self.latencies: list[float] = []
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.error: str | None = None
        self._reader: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()

    async def _read(self) -> None:
        assert self.ws is not None
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.screen += ANSI.sub("", message.data.decode("utf-8", "replace"))
                self.screen = self.screen[-20000:]
                self._changed.set()
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.ERROR):
                break

    async def see(self, text: str, timeout: float = 150, pattern: bool = False) -> float:
        """Wait until `text` (a regex with `pattern`) has been drawn since the last `forget`;
        returns when it was seen."""
        end = time.perf_counter() + timeout
        while not (re.search(text, self.screen) if pattern else text in self.screen):
            self._changed.clear()
            left = end - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"student {self.number} never saw {text!r}")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout=left)
        return time.perf_counter()

    def forget(self) -> None:
        self.screen = ""

    async def key(self, data: str) -> None:
        assert self.ws is not None
        await self.ws.send_json(["stdin", data])

    async def play(
        self, turns: int, arrived: asyncio.Event, go: asyncio.Event, think: float, paste: bool
    ) -> None:
        try:
            self.ws = await self.http.ws_connect(self.url + "&width=140&height=42")
            self._reader = asyncio.create_task(self._read())
            await self.see("nickname")
            self.forget()
            for ch in f"bench{self.number}":
                await self.key(ch)
            await self.key("\r")
            await self.see(r"\d+ of \d+ scenarios", pattern=True)  # the library, listed
            await asyncio.sleep(0.3)
            self.forget()
            await self.key("\r")
            await self.see("Practice (coach on)")
            await asyncio.sleep(0.3)
            self.forget()
            await self.key("\x13")  # ctrl+s: start
            await self.see("turn 0")
            await self.see("Type and press Enter")
            await asyncio.sleep(0.5)
            arrived.set()
            await go.wait()  # turns begin once the whole class is in (start-ups are apart)
            rng = random.Random(self.number)
            for turn in range(1, turns + 1):
                # a different line each turn (a line said twice running is a repeat, which
                # the meeting may treat differently)
                line = LINES[(self.number + turn) % len(LINES)]
                if paste:  # one message, as a paste: the reply's cost without the typing
                    await self.key(line)
                else:
                    for ch in line:
                        await self.key(ch)
                        await asyncio.sleep(KEY_GAP)
                self.forget()
                sent = time.perf_counter()
                await self.key("\r")
                seen = await self.see(f"turn {turn} ")
                self.latencies.append(seen - sent)
                await asyncio.sleep(rng.uniform(0.5, 1.5) * think)  # reading, thinking
        except Exception as error:  # noqa: BLE001 - reported per level, never hidden
            self.error = f"{type(error).__name__}: {error}"
        finally:
            arrived.set()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            self._reader.cancel()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def level(
    n: int,
    base: str,
    code: str,
    server_pid: int,
    turns: int,
    limit: float,
    think: float,
    paste: bool,
) -> dict:
    url = f"{base.replace('http', 'ws')}/ws?code={code}"
    async with aiohttp.ClientSession() as http:
        students = [Student(i, url, http) for i in range(n)]
        tasks, arrivals = [], []
        go = asyncio.Event()
        started = time.perf_counter()
        for student in students:
            arrived = asyncio.Event()
            arrivals.append(arrived)
            tasks.append(asyncio.create_task(student.play(turns, arrived, go, think, paste)))
            await asyncio.sleep(0.25)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*(a.wait() for a in arrivals)), timeout=limit / 2)
        joined = time.perf_counter() - started
        # CPU the class uses while playing, whatever else the machine runs: the measure of
        # what it needs that contention on a shared machine does not change.
        watched = [server_pid] + [p for p in descendants(server_pid) if is_app(p)]
        cpu_before, wall_before = cpu_seconds(watched), time.perf_counter()
        go.set()
        done, pending = await asyncio.wait(tasks, timeout=limit / 2)
        cpu_used = cpu_seconds(watched) - cpu_before
        wall = time.perf_counter() - wall_before
        for task in pending:
            task.cancel()
        apps = [p for p in descendants(server_pid) if is_app(p)]
        mems = [memory_kb(p) for p in apps]
        for student in students:
            await student.close()
    await asyncio.sleep(3)  # the app processes quit
    latencies = [x for s in students for x in s.latencies]
    errors = [s.error for s in students if s.error] + ["timed out"] * len(pending)
    return {
        "sessions": n,
        "turns": len(latencies),
        "p50": percentile(latencies, 0.5) * 1000 if latencies else float("nan"),
        "p99": percentile(latencies, 0.99) * 1000 if latencies else float("nan"),
        "max": max(latencies) * 1000 if latencies else float("nan"),
        "apps": len(apps),
        "rss": statistics.mean(m[0] for m in mems) / 1024 if mems else float("nan"),
        "pss": statistics.mean(m[1] for m in mems) / 1024 if mems else float("nan"),
        "server_rss": memory_kb(server_pid)[0] / 1024,
        "joined": joined,
        "cpu_per_turn": cpu_used / len(latencies) * 1000 if latencies else float("nan"),
        "cores": cpu_used / wall if wall else float("nan"),
        "errors": errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[10, 20, 40])
    parser.add_argument("--turns", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=400.0, help="seconds per level")
    parser.add_argument(
        "--think",
        type=float,
        default=1.5,
        help="mean seconds a student reads and thinks between turns (0.5x-1.5x; default 1.5,"
        " far quicker than a class, to load the server)",
    )
    parser.add_argument("--paste", action="store_true", help="send each line as one message")
    args = parser.parse_args()
    port, code = free_port(), secrets.token_hex(6)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, KOHTAAMO_HOME=str(Path(tmp) / "home"), KOHTAAMO_LANG="en")
        server = subprocess.Popen(
            [sys.executable, "-m", "simulator.cli", "serve", "--port", str(port),
             "--code", code, "--class-dir", str(Path(tmp) / "class"), "--lang", "en",
             "--no-typing-pause", "--max-sessions", str(max(args.levels) + 5)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            for _ in range(100):
                with socket.socket() as sock:
                    if sock.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.1)
            print(f"cores: {os.cpu_count()}; load average before: {os.getloadavg()[0]:.2f}")
            print(
                "sessions  turns  p50 ms  p99 ms  max ms  apps  RSS MB/app  PSS MB/app  server MB"
            )
            for n in args.levels:
                r = asyncio.run(
                    level(
                        n,
                        f"http://127.0.0.1:{port}",
                        code,
                        server.pid,
                        args.turns,
                        args.timeout,
                        args.think,
                        args.paste,
                    )
                )
                print(
                    f"{r['sessions']:>8}  {r['turns']:>5}  {r['p50']:>6.0f}  {r['p99']:>6.0f}"
                    f"  {r['max']:>6.0f}  {r['apps']:>4}  {r['rss']:>10.1f}  {r['pss']:>10.1f}"
                    f"  {r['server_rss']:>9.1f}"
                )
                if r["errors"]:
                    print(f"          {len(r['errors'])} sessions failed: {r['errors'][:3]}")
                print(
                    f"          CPU while playing: {r['cpu_per_turn']:.0f} ms per turn (typing"
                    f" included), {r['cores']:.2f} cores on average"
                )
                print(
                    f"          whole class in its meetings after {r['joined']:.0f} s;"
                    f" load average now: {os.getloadavg()[0]:.2f}",
                    flush=True,
                )
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
