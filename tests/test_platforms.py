"""Students at home use Windows and macOS: folders follow each platform, modes degrade.

This machine is Linux; the other platforms are stood in for by setting `sys.platform` (the
store picks platformdirs' class for it at call time) and by taking away what Windows lacks
(POSIX modes, os.fchmod). The README says these paths are covered by unit tests only.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path, PureWindowsPath

import pytest

from simulator import store

WINDOWS_LOCAL = r"C:\Users\Aino\AppData\Local"


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No variable chooses a folder; the home folder is a temporary one."""
    for name in ("KOHTAAMO_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def windows(monkeypatch, clean_env):
    import platformdirs.windows

    monkeypatch.setattr(sys, "platform", "win32")
    # Off Windows platformdirs cannot ask the shell for the known folders: answer for it.
    known = {"CSIDL_LOCAL_APPDATA": WINDOWS_LOCAL, "CSIDL_APPDATA": WINDOWS_LOCAL + "Roaming"}
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", known.__getitem__)


def folders() -> tuple[str, str, str]:
    return str(store.data_dir()), str(store.config_dir()), str(store.cache_dir())


def test_linux_follows_the_xdg_defaults(monkeypatch, clean_env):
    monkeypatch.setattr(sys, "platform", "linux")
    assert folders() == (
        str(clean_env / ".local/share/kohtaamo"),
        str(clean_env / ".config/kohtaamo"),
        str(clean_env / ".cache/kohtaamo"),
    )


def test_macos_uses_application_support_and_caches(monkeypatch, clean_env):
    monkeypatch.setattr(sys, "platform", "darwin")
    support = str(clean_env / "Library/Application Support/kohtaamo")
    assert folders() == (support, support, str(clean_env / "Library/Caches/kohtaamo"))


def test_windows_uses_local_appdata(windows):
    # Compared as Windows paths: off Windows the separators platformdirs joins with differ.
    data, config, cache = map(PureWindowsPath, folders())
    assert data == config == PureWindowsPath(WINDOWS_LOCAL, "kohtaamo")
    assert cache == data / "Cache"  # transcripts stay on this machine, not the roaming profile


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_kohtaamo_home_and_xdg_win_on_every_platform(monkeypatch, windows, tmp_path, platform):
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "d"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "c"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "k"))
    assert folders() == tuple(str(tmp_path / x / "kohtaamo") for x in "dck")
    monkeypatch.setenv("KOHTAAMO_HOME", str(tmp_path / "all"))
    home = tmp_path / "all"
    assert folders() == (str(home), str(home), str(home / "cache"))


def test_settings_move_to_the_settings_folder_and_old_ones_are_still_read(monkeypatch, clean_env):
    monkeypatch.setattr(sys, "platform", "linux")
    old = clean_env / ".local/share/kohtaamo" / store.SETTINGS
    old.parent.mkdir(parents=True)
    old.write_text('{"language": "fi", "theme": "light"}', encoding="utf-8")
    assert store.load_settings()["theme"] == "light"  # kept from before the move
    store.save_settings({"theme": "dark"})
    assert (clean_env / ".config/kohtaamo" / store.SETTINGS).exists()
    assert store.load_settings()["theme"] == "dark"


def test_without_posix_modes_the_store_still_keeps_a_meeting(monkeypatch, tmp_path):
    """Windows: no chmod of folders, no fchmod; the journal and settings are written."""
    monkeypatch.setenv("KOHTAAMO_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(store, "POSIX_MODES", False)

    def no_chmod(*args, **kwargs):
        raise AssertionError("chmod called where POSIX modes do not exist")

    monkeypatch.setattr(Path, "chmod", no_chmod)
    folder = store.private_dir(tmp_path / "home" / "sessions")
    assert folder.is_dir()
    store.save_settings({"theme": "light"})
    assert store.load_settings()["theme"] == "light"


def test_a_report_is_written_where_fchmod_does_not_exist(monkeypatch, tmp_path):
    from simulator.commands.report import write_private

    monkeypatch.delattr(os, "fchmod")
    target = tmp_path / "debrief.md"
    write_private(str(target), "# Debrief\n")
    assert target.read_text(encoding="utf-8") == "# Debrief\n"


def test_a_file_system_without_fsync_does_not_lose_the_turn(monkeypatch, tmp_path):
    monkeypatch.setenv("KOHTAAMO_HOME", str(tmp_path))

    def refuse(fd):
        raise OSError(errno.EINVAL, "fsync not supported")

    monkeypatch.setattr(os, "fsync", refuse)
    path = tmp_path / "kept.txt"
    store.write_private(path, "kept")
    assert path.read_text(encoding="utf-8") == "kept"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_real_write_error_is_not_hidden(monkeypatch, tmp_path):
    def broken(fd):
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError):
        store.write_private(tmp_path / "lost.txt", "lost")


def test_a_class_home_is_claimed_with_msvcrt_where_there_is_no_fcntl(monkeypatch, tmp_path):
    """Windows has no fcntl: the nickname lock uses msvcrt.locking instead."""
    import types

    from simulator import classroom

    held: set[int] = set()

    def locking(fd, mode, nbytes):
        if held:
            raise OSError(errno.EACCES, "locked by another process")
        held.add(fd)

    fake = types.SimpleNamespace(LK_NBLCK=2, locking=locking)
    monkeypatch.setitem(sys.modules, "fcntl", None)  # import fcntl -> ImportError
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    first = classroom.claim(tmp_path)
    assert first is not None and held == {first}
    assert classroom.claim(tmp_path) is None  # a second tab is refused
    os.close(first)
