"""The headless catalogue (issue 18): one colleague's file cannot break the library."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from simulator.catalog import Card, checked_cards, list_cards, matches

ROOT = Path(__file__).parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml"
#: 392 bytes that PyYAML's own safe loader expands to gigabytes.
BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{b}: &{b} [*{a},*{a},*{a},*{a},*{a},*{a},*{a},*{a},*{a}]\n"
    for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "good.yaml")
    return folder


def test_an_alias_bomb_is_a_broken_card_and_the_good_file_still_lists(shared):
    (shared / "bomb.yaml").write_text("kohtaamo: 1\nid: bomb\n" + BOMB)
    started = time.perf_counter()
    cards = list_cards(shared)
    assert time.perf_counter() - started < 2  # was 35 s and 2.6 GB
    good, bomb = cards
    assert good.id == "en-minimal-tenancy" and not good.problem
    assert bomb.title == "bomb.yaml" and "K103" in bomb.problem


def test_a_huge_number_a_pipe_and_a_device_link_are_broken_cards(shared):
    text = MINIMAL.read_text().replace("minutes: 10", "minutes: " + "9" * 4301)
    (shared / "digits.yaml").write_text(text.replace("en-minimal-tenancy", "digits"))
    os.mkfifo(shared / "pipe.yaml")
    (shared / "zero.yaml").symlink_to("/dev/zero")
    cards = {Path(c.path).name: c for c in list_cards(shared)}
    assert cards["digits.yaml"].minutes == 0  # listed; the full check says why it is wrong
    # A pipe or a device is never opened by the listing (nor hangs it); named directly, the
    # guarded reader refuses them with a message.
    assert "pipe.yaml" not in cards or "named pipe" in cards["pipe.yaml"].problem
    assert "device" in Card.peek(shared / "zero.yaml").problem
    assert "named pipe" in Card.peek(shared / "pipe.yaml").problem
    checked = {Path(c.path).name: c for c in checked_cards(shared)}
    assert "K205" in checked["digits.yaml"].problem
    assert checked["good.yaml"].scenario is not None


def test_control_characters_make_a_broken_card_not_a_title(shared):
    text = MINIMAL.read_text().replace("title: Rent", 'title: "\\e]0;pwned\\a Rent', 1)
    text = text.replace("first meeting", 'first meeting"', 1)
    (shared / "evil\x1b[2J.yaml").write_text(text.replace("en-minimal-tenancy", "evil"))
    (broken,) = [c for c in list_cards(shared) if c.problem]
    assert "K108" in broken.problem
    assert "\x1b" not in broken.title + broken.problem


def test_the_cache_keeps_broken_cards_and_notices_a_fix(shared, tmp_path):
    home = tmp_path / "home"
    (shared / "bad.yaml").write_text("kohtaamo: 1\nid: [x\n")
    first = list_cards(shared, home)
    assert [bool(c.problem) for c in first] == [False, True]
    assert list_cards(shared, home) == first  # from the cache
    shutil.copy(MINIMAL, shared / "bad.yaml")
    (shared / "bad.yaml").write_text(MINIMAL.read_text().replace("en-minimal", "en-fixed"))
    assert [bool(c.problem) for c in list_cards(shared, home)] == [False, False]


def test_broken_cards_match_a_search_but_no_filter(shared):
    card = Card.broken(shared / "x.yaml", "why")
    assert matches(card, "x.yaml", None, None, None)
    assert not matches(card, "", "en", None, None)
