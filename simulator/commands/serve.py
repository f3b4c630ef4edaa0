"""`kohtaamo serve`: the app for a whole class, in their browsers.

textual-serve runs one app process per browser tab and relays the screen over a websocket.
What it lacks for a classroom is added around it here, without patching it:

- **Class code.** textual-serve has no authentication hook, so an aiohttp middleware guards
  every route: the page, the websocket, the downloads and the static files answer only to a
  request carrying this run's code, in the URL (`?code=`) or in the cookie the page sets
  when it was opened with the code (the terminal script opens the websocket and downloads
  at URLs of its own making, without our query). No code, no app. Listening beyond the
  loopback interface without a code is refused.
- **Limits.** At most `--max-sessions` tabs at once (the page says the class is full), a
  tab whose student has typed nothing for `--idle-minutes` is closed (every turn is already
  journaled, so the meeting resumes from History), websocket messages over 64 KiB are
  refused; the app's own input limits are those of the terminal.
- **No network.** The page is our own template: textual-serve's loads a web font from a
  public host, which a classroom laptop may not reach and a student's browser should not
  be sent to. The bundled Roboto Mono is served locally instead.
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import os
import shlex
import sys
from datetime import date
from pathlib import Path

from simulator.i18n import LANGUAGES, t

DEFAULT_PORT = 8040
DEFAULT_MAX_SESSIONS = 40
DEFAULT_IDLE_MINUTES = 30


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help=t("classroom.arg_host"))
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=t("classroom.arg_port"))
    parser.add_argument("--class-dir", metavar="DIR", help=t("classroom.arg_class_dir"))
    parser.add_argument("--library", metavar="DIR", help=t("tui.arg_library"))
    parser.add_argument(
        "--max-sessions",
        type=int,
        default=DEFAULT_MAX_SESSIONS,
        help=t("classroom.arg_max_sessions"),
    )
    parser.add_argument(
        "--idle-minutes",
        type=float,
        default=DEFAULT_IDLE_MINUTES,
        help=t("classroom.arg_idle_minutes"),
    )
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help=t("classroom.arg_lang"))
    parser.add_argument("--code", default=None, help=t("classroom.arg_code"))
    parser.add_argument("--no-code", action="store_true", help=t("classroom.arg_no_code"))
    parser.add_argument("--no-typing-pause", action="store_true", help=t("tui.arg_no_typing_pause"))


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def default_class_dir() -> Path:
    from simulator.store import data_dir

    return data_dir() / "classes" / date.today().isoformat()


def shell_command(parts: list[str]) -> str:
    """A command line for textual-serve, which runs it through a shell. On POSIX the shell
    execs it, so the process the server holds (and kills when a closed tab's app will not
    quit) is the app itself, not a shell whose child would be left running."""
    return ("exec " if os.name == "posix" else "") + shlex.join(parts)


def app_command(class_dir: Path, args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each tab (this Python, so this install)."""
    parts = [sys.executable, "-m", "simulator.tui.classroom_app", str(class_dir)]
    if args.library:
        parts += ["--library", str(Path(args.library).resolve())]
    if args.lang:
        parts += ["--lang", args.lang]
    if args.no_typing_pause:
        parts.append("--no-typing-pause")
    return shell_command(parts)


def page_language(lang: str | None, class_dir: Path) -> str:
    """The language of the page's own words (a session closed) when --lang is not given:
    the one each tab's app starts in, chosen as the app chooses it (the class folder's
    settings, else KOHTAAMO_LANG or the locale). It was Finnish under an English app."""
    from simulator.i18n import ui_language
    from simulator.store import load_settings

    return lang or load_settings(class_dir).get("language") or ui_language()


def lan_addresses() -> list[str]:
    """IPv4 addresses students can type when the server listens on every interface, read
    from this machine's own configuration (nothing is sent anywhere)."""
    import socket
    import subprocess

    found: set[str] = set()
    try:  # Linux: every configured address
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=2)
        found.update(out.stdout.split())
    except (OSError, subprocess.SubprocessError):
        pass  # not Linux, or no `hostname`: the host name's addresses below
    with contextlib.suppress(OSError):
        found.update(i[4][0] for i in socket.getaddrinfo(socket.gethostname(), None))
    usable = []
    for address in sorted(found):
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            continue
        if ip.version == 4 and not ip.is_loopback and not ip.is_link_local:
            usable.append(address)
    return usable


def run(args: argparse.Namespace) -> int:
    from simulator import classroom

    lang = args.lang
    loopback = is_loopback(args.host)
    if args.no_code and not loopback:
        print(t("classroom.err_no_code_beyond_loopback", lang, host=args.host), file=sys.stderr)
        return 2
    if args.max_sessions < 1 or args.idle_minutes <= 0:
        print(t("classroom.err_limits", lang), file=sys.stderr)
        return 2
    code = None if args.no_code else (args.code or classroom.class_code())
    if code is not None and (len(code) < 6 or not code.isalnum()):
        print(t("classroom.err_code", lang), file=sys.stderr)
        return 2
    try:
        from simulator.serving import ClassServer
    except ImportError as error:  # the optional extra is missing
        print(t("classroom.err_no_serve", lang, error=str(error)), file=sys.stderr)
        return 2
    from simulator.store import private_dir

    class_dir = Path(args.class_dir).expanduser() if args.class_dir else default_class_dir()
    class_dir = private_dir(class_dir.resolve())
    server = ClassServer(
        app_command(class_dir, args),
        host=args.host,
        port=args.port,
        code=code,
        max_sessions=args.max_sessions,
        idle_seconds=args.idle_minutes * 60,
        lang=page_language(lang, class_dir),
    )
    query = f"/?code={code}" if code else "/"
    shown = ["127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host]
    if not loopback:
        shown = lan_addresses() + shown
    print(t("classroom.serving", lang, folder=str(class_dir)))
    for host in shown:
        print(f"  http://{host}:{args.port}{query}")
    if not loopback:
        print(t("classroom.address_hint", lang, port=args.port))
    if code:
        print(t("classroom.code_is", lang, code=code))
    print(
        t(
            "classroom.limits_are",
            lang,
            sessions=args.max_sessions,
            minutes=f"{args.idle_minutes:g}",
        )
    )
    sys.stdout.flush()
    server.serve()
    return 0
