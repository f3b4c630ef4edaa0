"""The web server behind `kohtaamo serve`: textual-serve with a class code and limits.

Imported only by the serve command and its tests (it needs the optional `serve` extra:
textual-serve and aiohttp). See simulator/commands/serve.py for what it adds and why.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import secrets
import time

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from simulator.i18n import LANGUAGES, t

log = logging.getLogger("kohtaamo-serve")

#: How often idle tabs are looked for (at most; a short idle limit checks more often).
IDLE_CHECK_SECONDS = 30.0
#: Largest websocket message a browser may send: keystrokes and resizes are tiny; a pasted
#: novel is not a turn (the app caps a turn far below this anyway).
MAX_MESSAGE_BYTES = 64 * 1024
COOKIE = "kohtaamo_class"

# textual-serve's page, minus the web font fetched from a public host (the bundled Roboto
# Mono is served from /static instead), with our title and a closing message in both
# languages. `$` placeholders are filled by `page()`, everything else is static.
PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>Kohtaamo</title>
<link rel="stylesheet" href="/static/css/xterm.css">
<script src="/static/js/textual.js"></script>
<style>
@font-face {{ font-family: "Roboto Mono";
  src: url("/static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }}
body {{ background: #0c181f; margin: 0; }}
.dialog {{ position: absolute; inset: 0; display: none; align-items: center;
  justify-content: center; z-index: 10; }}
.box {{ font: 16px "Roboto Mono", monospace; color: #eee; background: #12232d;
  padding: 32px; max-width: 640px; text-align: center; }}
body.-closed .closed {{ display: flex; }}
body .textual-terminal {{ opacity: 0; transition: opacity 0.3s ease-out; }}
body.-first-byte .textual-terminal {{ opacity: 1; }}
button {{ padding: 12px 28px; background: #5e0ba7; color: #fff; border: none;
  font: inherit; margin-top: 16px; cursor: pointer; }}
</style>
</head>
<body>
<div class="dialog closed"><div class="box">
<p>{ended}</p>
<button type="button" onclick="window.location.reload()">{restart}</button>
</div></div>
<div id="terminal" class="textual-terminal" data-session-websocket-url="{ws}"
  data-font-size="{font_size}"></div>
</body>
</html>
"""

REFUSAL = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Kohtaamo</title>
<style>body {{ font: 18px sans-serif; background: #0c181f; color: #eee; padding: 48px; }}</style>
</head><body>{body}</body></html>
"""


def both(key: str, **values: object) -> str:
    """A message in Finnish and English, for pages shown before we know whose browser."""
    return "".join(
        f'<p lang="{lang}">{html.escape(t(key, lang, **values))}</p>' for lang in LANGUAGES
    )


#: Seconds a closed tab's app has to quit before it is killed.
QUIT_SECONDS = 5.0
#: A stdin message of this many plain characters or more is text inserted at once, not keys.
PASTE_FROM = 32


def typed(text: str) -> str:
    """What the app is sent for one stdin message from the browser. A key (or the few
    characters an input method commits) goes as it is; a long run of plain text inserted at
    once (an input method, autofill, a script typing) goes as a bracketed paste, which the
    app's field takes in one go. As keys, 20,000 characters kept a tab's app busy for
    minutes, one key event each, its memory growing. A browser's own paste already arrives
    bracketed (the app turns that mode on), and control characters (Enter, arrows) are keys."""
    if len(text) >= PASTE_FROM and text.isprintable():
        return f"\x1b[200~{text}\x1b[201~"
    return text


async def _stop(app_service: AppService) -> None:
    """Ask a closed tab's app to quit and wait until its process has exited; kill it if it
    has not within QUIT_SECONDS. textual-serve's own stop waits for the app without a limit
    (an app busy or stuck held its memory and its place among --max-sessions for as long as
    it liked), and never reaps the process (an exited app stays a zombie until the server
    ends). The command is exec'd by the shell (serve.shell_command), so the process killed
    is the app itself, not a shell that would leave it running."""
    process = app_service._process  # textual-serve keeps it private; nothing else has it
    try:
        await asyncio.wait_for(app_service.stop(), timeout=QUIT_SECONDS)
        quit_in_time = True
    except TimeoutError:
        quit_in_time = False
    if process is None or process.returncode is not None:
        return
    if quit_in_time:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), timeout=QUIT_SECONDS)
    if process.returncode is None:
        log.warning("a closed tab's app did not quit within %.0f s: killed", QUIT_SECONDS)
        process.kill()
        await process.wait()


class ClassServer(Server):
    """textual-serve's Server with a class code, a session limit and an idle limit."""

    def __init__(
        self,
        command: str,
        *,
        host: str = "127.0.0.1",
        port: int = 8040,
        code: str | None,
        max_sessions: int = 40,
        idle_seconds: float = 1800.0,
        lang: str | None = None,
    ) -> None:
        super().__init__(command, host=host, port=port, title="Kohtaamo")
        self.code = code
        self.max_sessions = max_sessions
        self.idle_seconds = idle_seconds
        self.lang = lang or "fi"
        #: open websockets -> monotonic time of the student's last keystroke
        self.sessions: dict[web.WebSocketResponse, float] = {}
        self._idle_task: asyncio.Task[None] | None = None
        #: closed tabs whose apps are being stopped (held so the tasks are not collected)
        self._stopping: set[asyncio.Task[None]] = set()

    # -- the class code ------------------------------------------------------------------

    def allowed(self, request: web.Request) -> bool:
        if self.code is None:
            return True
        given = request.query.get("code") or request.cookies.get(COOKIE) or ""
        return secrets.compare_digest(given.encode(), self.code.encode())

    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:  # noqa: ANN001
        if not self.allowed(request):
            return web.Response(
                status=403,
                text=REFUSAL.format(body=both("classroom.page_no_code")),
                content_type="text/html",
            )
        response = await handler(request)
        if self.code is not None and request.query.get("code") and not response.prepared:
            # The terminal script opens the websocket and downloads at URLs of its own
            # making; the cookie carries the code there. Strict: never sent cross-site.
            response.set_cookie(COOKIE, self.code, httponly=True, samesite="Strict", path="/")
        return response

    # -- routes ----------------------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        self._idle_task = asyncio.create_task(self._close_idle())

    async def on_shutdown(self, app: web.Application) -> None:
        if self._idle_task is not None:
            self._idle_task.cancel()
        for websocket in list(self.sessions):
            await websocket.close()

    async def handle_index(self, request: web.Request) -> web.Response:  # type: ignore[override]
        if len(self.sessions) >= self.max_sessions:
            body = both("classroom.page_full", sessions=self.max_sessions)
            return web.Response(
                status=503, text=REFUSAL.format(body=body), content_type="text/html"
            )
        font_size = max(8, min(40, to_int(request.query.get("fontsize", "16"), 16)))
        # The websocket URL from the address the browser used: with --host 0.0.0.0 the
        # listening address is no address a student's browser can reach.
        scheme = "wss" if request.secure else "ws"
        ws_url = f"{scheme}://{request.host}/ws"
        page = PAGE.format(
            lang=self.lang,
            ended=html.escape(t("classroom.page_ended", self.lang)),
            restart=html.escape(t("classroom.page_restart", self.lang)),
            ws=html.escape(ws_url, quote=True),
            font_size=font_size,
        )
        return web.Response(text=page, content_type="text/html")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE_BYTES)
        await websocket.prepare(request)
        if len(self.sessions) >= self.max_sessions:
            # On the trainer's console: the limit, not a fault, turned a student away.
            log.warning("class full: a tab was refused (%d sessions open)", len(self.sessions))
            await websocket.close(message=b"class full")
            return websocket
        width = max(20, min(400, to_int(request.query.get("width", "80"), 80)))
        height = max(10, min(200, to_int(request.query.get("height", "24"), 24)))
        self.sessions[websocket] = time.monotonic()
        app_service: AppService | None = None
        try:
            app_service = AppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await app_service.start(width, height)
            await self._relay(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one broken tab must not stop the class
            log.exception(error)
        finally:
            # Shielded: aiohttp cancels this handler when the browser goes away, and a
            # cancelled clean-up left the app running with its place among the sessions.
            stopping = asyncio.create_task(self._let_go(websocket, app_service))
            self._stopping.add(stopping)
            stopping.add_done_callback(self._stopping.discard)
            await asyncio.shield(stopping)
        return websocket

    async def _let_go(
        self, websocket: web.WebSocketResponse, app_service: AppService | None
    ) -> None:
        try:
            if app_service is not None:
                await _stop(app_service)
        finally:  # counted until its app process has quit
            self.sessions.pop(websocket, None)

    async def _relay(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """textual-serve's message loop, noting when the student last typed."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
                kind = envelope[0]
            except (ValueError, IndexError, KeyError, TypeError):
                continue  # not the terminal script talking: ignore, don't crash the tab
            if kind == "stdin" and isinstance(envelope[1], str):
                self.sessions[websocket] = time.monotonic()
                await app_service.send_bytes(typed(envelope[1]).encode("utf-8"))
            elif kind == "resize" and isinstance(envelope[1], dict):
                size = envelope[1]
                await app_service.set_terminal_size(
                    max(20, min(400, int(size.get("width", 80)))),
                    max(10, min(200, int(size.get("height", 24)))),
                )
            elif kind == "ping":
                await websocket.send_json(["pong", envelope[1]])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    async def _close_idle(self) -> None:
        every = min(IDLE_CHECK_SECONDS, max(0.5, self.idle_seconds / 4))
        while True:
            await asyncio.sleep(every)
            now = time.monotonic()
            for websocket, last in list(self.sessions.items()):
                if now - last > self.idle_seconds:
                    log.info("closing a tab idle for %.0f s", now - last)
                    await websocket.close(message=b"idle")

    def serve(self, debug: bool = False) -> None:  # quieter than textual-serve's banner
        self.debug = debug
        logging.basicConfig(level="INFO", format="%(message)s")
        web.run_app(self._make_app(), host=self.host, port=self.port, print=lambda *args: None)
