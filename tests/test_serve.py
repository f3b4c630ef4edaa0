"""`kohtaamo serve` without a browser: nicknames, the class code, limits, the command line.

The server is exercised through aiohttp's test client on loopback; the tests that open a
websocket start the real classroom app behind it (one process each, about a second).
"""

from __future__ import annotations

import asyncio
import os
import stat
import sys

import pytest

from simulator import classroom
from simulator.cli import main

# -- nicknames and the class folder ----------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("kettu_7", None),
        ("Äijä-3", None),
        ("  mirri  ", None),
        ("a", "nick_too_short"),
        ("x" * 25, "nick_too_long"),
        ("Anna Virtanen", "nick_space"),
        ("../etc", "nick_chars"),
        ("a/b", "nick_chars"),
        (".hidden", "nick_chars"),
        ("_x", "nick_chars"),
        ("sessions", "nick_reserved"),
        ("<b>x</b>", "nick_chars"),
    ],
)
def test_nicknames_are_checked(raw, problem):
    assert classroom.nickname_problem(raw) == problem


def test_a_student_folder_is_private_and_case_folded(tmp_path):
    home = classroom.student_home(tmp_path / "class", "Kettu")
    assert home == tmp_path / "class" / "kettu"
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "class").stat().st_mode) == 0o700
    with pytest.raises(ValueError):
        classroom.student_home(tmp_path / "class", "../up")


def test_one_nickname_one_tab(tmp_path):
    home = classroom.student_home(tmp_path, "kettu")
    first = classroom.claim(home)
    assert first is not None
    # flock is per open file: a second open in this process stands for a second tab
    assert classroom.claim(home) is None
    os.close(first)
    again = classroom.claim(home)
    assert again is not None
    os.close(again)


def test_class_codes_are_fresh_and_readable():
    codes = {classroom.class_code() for _ in range(50)}
    assert len(codes) == 50
    assert all(len(c) == 8 and c.isalnum() and not set(c) & set("01lIoO") for c in codes)


# -- the command line ------------------------------------------------------------------


def test_no_code_beyond_loopback_is_refused(capsys):
    assert main(["serve", "--host", "0.0.0.0", "--no-code", "--lang", "en"]) == 2
    assert "Without a class code nothing listens beyond this machine" in capsys.readouterr().err


def test_a_weak_code_is_refused(capsys):
    assert main(["serve", "--code", "abc", "--lang", "en"]) == 2
    assert "at least 6 letters or digits" in capsys.readouterr().err


def test_addresses_for_the_class_are_not_loopback():
    from simulator.commands.serve import lan_addresses

    assert all(not a.startswith("127.") and ":" not in a for a in lan_addresses())


def test_loopback_detection():
    from simulator.commands.serve import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.7")


# -- the server ------------------------------------------------------------------------

aiohttp = pytest.importorskip("aiohttp", reason="the serve extra is not installed")
pytest.importorskip("textual_serve", reason="the serve extra is not installed")


def make_server(tmp_path, **limits):
    from simulator.serving import ClassServer

    command = f"{sys.executable} -m simulator.tui.classroom_app {tmp_path / 'class'} --lang en"
    options = {"code": "testclass42", "max_sessions": 40, "idle_seconds": 600.0} | limits
    return ClassServer(command, **options)


async def with_client(server, body):
    from aiohttp.test_utils import TestClient, TestServer

    client = TestClient(TestServer(await server._make_app()))
    await client.start_server()
    try:
        return await body(client)
    finally:
        await drained(server)
        await client.close()


async def drained(server) -> None:
    """Wait until every tab's app process has quit and the server has let it go."""
    for _ in range(200):
        if not server.sessions:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{len(server.sessions)} sessions never closed")


def test_no_code_no_app(tmp_path):
    async def body(client):
        for path in ("/", "/ws", "/static/js/textual.js", "/download/abc", "/?code=wrong"):
            response = await client.get(path)
            assert response.status == 403, path
            text = await response.text()
            assert "needs its class code" in text and "tarvitsee luokkakoodin" in text
        page = await client.get("/?code=testclass42")
        assert page.status == 200
        html = await page.text()
        assert "textual.js" in html and "googleapis" not in html
        cookie = page.cookies["kohtaamo_class"]
        assert cookie.value == "testclass42" and cookie["samesite"] == "Strict"
        # the page's own requests carry the code in the cookie
        assert (await client.get("/static/js/textual.js")).status == 200

    asyncio.run(with_client(make_server(tmp_path), body))


def test_without_a_code_on_loopback_the_app_opens(tmp_path):
    async def body(client):
        assert (await client.get("/")).status == 200

    asyncio.run(with_client(make_server(tmp_path, code=None), body))


async def _first_screen(ws) -> str:
    """Bytes from the app until the nickname screen is drawn."""
    seen = b""
    while b"nickname" not in seen:
        message = await asyncio.wait_for(ws.receive(), timeout=20)
        if message.type != aiohttp.WSMsgType.BINARY:
            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                raise AssertionError("closed before the app was drawn")
            continue
        seen += message.data
    return seen.decode("utf-8", "replace")


def test_the_class_is_full_at_max_sessions(tmp_path):
    async def body(client):
        ws = await client.ws_connect("/ws?code=testclass42&width=100&height=30")
        await _first_screen(ws)
        full = await client.get("/?code=testclass42")
        assert full.status == 503
        assert "The class is full (1 session open)" in await full.text()
        second = await client.ws_connect("/ws?code=testclass42")
        message = await asyncio.wait_for(second.receive(), timeout=10)
        assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        await ws.close()

    asyncio.run(with_client(make_server(tmp_path, max_sessions=1), body))


def test_an_idle_session_is_closed(tmp_path):
    server = make_server(tmp_path, idle_seconds=1.0)

    async def body(client):
        ws = await client.ws_connect("/ws?code=testclass42&width=100&height=30")
        start = asyncio.get_running_loop().time()
        while True:  # nothing typed: the server closes it
            message = await asyncio.wait_for(ws.receive(), timeout=30)
            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
        assert asyncio.get_running_loop().time() - start >= 0.9  # not before the limit
        await drained(server)  # and forgets it once the app process has quit

    asyncio.run(with_client(server, body))


def test_an_oversized_message_closes_the_socket(tmp_path):
    async def body(client):
        ws = await client.ws_connect("/ws?code=testclass42&width=100&height=30")
        await _first_screen(ws)
        await ws.send_str('["stdin", "' + "x" * 70_000 + '"]')
        while True:
            message = await asyncio.wait_for(ws.receive(), timeout=15)
            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break

    asyncio.run(with_client(make_server(tmp_path), body))


def test_long_text_inserted_at_once_goes_to_the_app_as_one_paste():
    from simulator.serving import typed

    assert typed("k") == "k" and typed("\r") == "\r" and typed("\x1b[A") == "\x1b[A"
    assert typed("äö 🙏") == "äö 🙏"  # what an input method commits: as it is
    long = "You have been carrying a lot on your own. 😀" * 100
    assert typed(long) == f"\x1b[200~{long}\x1b[201~"
    pasted = f"\x1b[200~{long}\x1b[201~"  # the browser's own paste, already bracketed
    assert typed(pasted) == pasted
    assert typed(long + "\r") == long + "\r"  # keys with Enter among them stay keys


def test_an_app_that_will_not_quit_is_killed_and_its_place_freed(tmp_path, monkeypatch):
    """A closed tab's app busy or stuck: textual-serve's stop would wait for it forever,
    holding its memory and its place among --max-sessions."""
    from simulator import serving
    from simulator.commands.serve import shell_command

    monkeypatch.setattr(serving, "QUIT_SECONDS", 1.0)
    pid_file = tmp_path / "pid"
    stuck = tmp_path / "stuck.py"  # never reads the quit message, never exits
    stuck.write_text(
        "import os, pathlib, time\n"
        f"pathlib.Path({str(pid_file)!r}).write_text(str(os.getpid()))\n"
        "while True:\n    time.sleep(1)\n"
    )
    server = serving.ClassServer(
        shell_command([sys.executable, str(stuck)]), code="testclass42", max_sessions=1
    )

    async def body(client):
        ws = await client.ws_connect("/ws?code=testclass42&width=100&height=30")
        for _ in range(200):
            if pid_file.exists() and pid_file.read_text():
                break
            await asyncio.sleep(0.05)
        pid = int(pid_file.read_text())
        await ws.close()  # the student closes the tab
        await drained(server)  # within the limit, not never
        assert (await client.get("/?code=testclass42")).status == 200  # the place is free
        return pid

    pid = asyncio.run(with_client(server, body))
    with pytest.raises(ProcessLookupError):  # the app itself, not only a shell around it
        os.kill(pid, 0)


def test_the_page_speaks_the_language_the_app_starts_in(tmp_path, monkeypatch):
    """The words the page itself shows (a closed session) were Finnish under an English
    app when --lang was not given."""
    from simulator.commands.serve import page_language

    monkeypatch.setenv("KOHTAAMO_LANG", "en")
    assert page_language(None, tmp_path) == "en"
    assert page_language("fi", tmp_path) == "fi"
    (tmp_path / "settings.json").write_text('{"language": "fi"}')  # the trainer's choice
    assert page_language(None, tmp_path) == "fi"
    monkeypatch.setenv("KOHTAAMO_LANG", "fi")
    (tmp_path / "settings.json").unlink()
    assert page_language(None, tmp_path) == "fi"

    async def body(client):
        page = await (await client.get("/?code=testclass42")).text()
        assert "The session ended. Your meeting is kept" in page and "Istunto" not in page

    asyncio.run(with_client(make_server(tmp_path, lang="en"), body))
