"""Load on `kohtaamo serve`: N students at once, driven through textual-serve's websocket.

    python benchmarks/serve_load.py [--levels 10,20,40] [--turns 4] [--think 1.5] [--paste]
    python benchmarks/serve_load.py --pace class      # as a class types and reads

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

Two paces. `stress` (the default) is far quicker than people: 20 keys a second, 0.75-2.25 s
between turns, every student starting their first turn at the same moment. `class` is a
class at work: each student types 3-5 characters a second (a fast typist's 200-300 a
minute), reads and thinks 8-25 s between turns, and begins within the first 20 s after
everyone is in. Both are reported because the first says where the machine saturates and
the second what a class meets.

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
#: (seconds between keys, seconds reading and thinking, seconds before the first turn),
#: each drawn per student or per turn from these ranges
PACES = {
    "stress": ((0.05, 0.05), (0.75, 2.25), (0.0, 0.0)),
    "class": ((0.2, 0.33), (8.0, 25.0), (0.0, 20.0)),
}


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
        self,
        turns: int,
        arrived: asyncio.Event,
        go: asyncio.Event,
        pace: tuple[tuple[float, float], ...],
        paste: bool,
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
            (gap_low, gap_high), thinking, first = pace
            key_gap = rng.uniform(gap_low, gap_high)  # this student's typing speed
            await asyncio.sleep(rng.uniform(*first))
            for turn in range(1, turns + 1):
                # a different line each turn (a line said twice running is a repeat, which
                # the meeting may treat differently)
                line = LINES[(self.number + turn) % len(LINES)]
                if paste:  # one message, as a paste: the reply's cost without the typing
                    await self.key(line)
                else:
                    for ch in line:
                        await self.key(ch)
                        await asyncio.sleep(key_gap)
                self.forget()
                sent = time.perf_counter()
                await self.key("\r")
                seen = await self.see(f"turn {turn} ")
                self.latencies.append(seen - sent)
                await asyncio.sleep(rng.uniform(*thinking))  # reading, thinking
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
    pace: tuple[tuple[float, float], ...],
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
            tasks.append(asyncio.create_task(student.play(turns, arrived, go, pace, paste)))
            await asyncio.sleep(0.25)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*(a.wait() for a in arrivals)), timeout=limit / 2)
        joined = time.perf_counter() - started
        # CPU the class uses while playing, whatever else the machine runs: the measure of
        # what it needs that contention on a shared machine does not change.
        app_pids = [p for p in descendants(server_pid) if is_app(p)]
        server_before, apps_before = cpu_seconds([server_pid]), cpu_seconds(app_pids)
        wall_before = time.perf_counter()
        go.set()
        done, pending = await asyncio.wait(tasks, timeout=limit / 2)
        server_used = cpu_seconds([server_pid]) - server_before
        apps_used = cpu_seconds(app_pids) - apps_before
        cpu_used = server_used + apps_used
        wall = time.perf_counter() - wall_before
        for task in pending:
            task.cancel()
        apps = [p for p in descendants(server_pid) if is_app(p)]
        mems = [memory_kb(p) for p in apps]
        for student in students:
            await student.close()
    # The next level starts only when every app of this one has quit: the server counts a
    # tab until its app is gone, and leftovers would turn the next class away as "full".
    for _ in range(60):
        if not any(is_app(p) for p in descendants(server_pid)):
            break
        await asyncio.sleep(0.5)
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
        "server_cpu_share": server_used / cpu_used if cpu_used else float("nan"),
        "cores": cpu_used / wall if wall else float("nan"),
        "errors": errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--levels",
        nargs="+",
        default=["10", "20", "40"],
        help="how many students at once, one level after another: 10 20 40 or 10,20,40",
    )
    parser.add_argument("--turns", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=400.0, help="seconds per level")
    parser.add_argument(
        "--pace", choices=sorted(PACES), default="stress", help="how fast the students go"
    )
    parser.add_argument(
        "--think",
        type=float,
        default=None,
        help="mean seconds a student reads and thinks between turns (0.5x-1.5x), instead of"
        " the pace's",
    )
    parser.add_argument("--paste", action="store_true", help="send each line as one message")
    args = parser.parse_args()
    try:  # "10 20 40" and "10,20,40" alike
        args.levels = [int(n) for part in args.levels for n in part.split(",") if n.strip()]
    except ValueError:
        parser.error(f"--levels: whole numbers, e.g. 10 20 40 or 10,20,40 (got {args.levels})")
    pace = PACES[args.pace]
    if args.think is not None:
        pace = (pace[0], (0.5 * args.think, 1.5 * args.think), pace[2])
    port, code = free_port(), secrets.token_hex(6)
    with tempfile.TemporaryDirectory() as tmp, open(Path(tmp) / "server.log", "w+") as log:
        env = dict(os.environ, KOHTAAMO_HOME=str(Path(tmp) / "home"), KOHTAAMO_LANG="en")
        server = subprocess.Popen(
            [sys.executable, "-m", "simulator.cli", "serve", "--port", str(port),
             "--code", code, "--class-dir", str(Path(tmp) / "class"), "--lang", "en",
             "--no-typing-pause", "--max-sessions", str(max(args.levels) + 5)],
            env=env, stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip
        try:
            for _ in range(100):
                with socket.socket() as sock:
                    if sock.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.1)
            print(
                f"cores: {os.cpu_count()}; load average before: {os.getloadavg()[0]:.2f}; "
                f"pace: {args.pace}"
            )
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
                        pace,
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
                    log.seek(0)
                    said = [line.rstrip() for line in log if "class full" in line or "rror" in line]
                    print("          the server said: " + (" | ".join(said[-5:]) or "nothing"))
                print(
                    f"          CPU while playing: {r['cpu_per_turn']:.0f} ms per turn (typing"
                    f" included), {r['cores']:.2f} cores on average, "
                    f"{100 * r['server_cpu_share']:.0f} % of it in the server"
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
