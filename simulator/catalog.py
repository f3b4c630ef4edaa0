"""The scenario catalogue: list and filter the scenarios of a folder, headless.

Used by the app's library, the CLI and the server alike. Listing reads each file through
the guarded reader (regular files of at most 1 MiB, no aliases, libyaml's depth limit, no
number of thousands of digits), and only the fields a listing shows, so one colleague's
hostile or broken file comes back as a broken card with its message and never blocks, slows
or hides the others. A small cache in the data folder (one entry per file, trusted while
its mtime and size are unchanged) spares re-reading unchanged files at every start.
"""

from __future__ import annotations

import json
from contextlib import suppress
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

CACHE = "library-cache.json"


def stamp(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_mtime_ns, info.st_size]


@dataclass(frozen=True)
class Card:
    """What the library shows of a scenario; `scenario` is set once it is fully loaded."""

    path: str
    id: str
    title: str
    language: str
    difficulty: str
    minutes: int
    content_notes: tuple[str, ...]
    tags: tuple[str, ...]
    authors: tuple[str, ...]
    reviewed_by: tuple[str, ...]
    client_name: str
    setting: str
    #: Why the file cannot be used ("" for a scenario): a broken card lists and says so.
    problem: str = ""
    scenario: Scenario | None = None
    #: a shared part (`part:`), not a scenario: never listed, but watched (see `parts`)
    is_part: bool = False
    #: the shared parts this scenario includes, at every level: a change in one of them,
    #: even outside the folder, makes the listing read the scenario again
    includes: tuple[str, ...] = ()

    @classmethod
    def of(cls, scenario: Scenario) -> Card:
        return cls(
            path=scenario.path,
            id=scenario.id,
            title=scenario.title,
            language=scenario.language,
            difficulty=scenario.difficulty,
            minutes=scenario.minutes,
            content_notes=scenario.content_notes,
            tags=scenario.tags,
            authors=scenario.authors,
            reviewed_by=scenario.reviewed_by,
            client_name=scenario.client.name,
            setting=scenario.briefing.setting,
            scenario=scenario,
            includes=scenario.includes,
        )

    @classmethod
    def peek(cls, path: Path) -> Card:
        """The listing fields of a file, read through the guarded reader.

        Regular files of at most 1 MiB, no anchors or aliases, libyaml's depth limit,
        numbers of sane length: a colleague's file cannot hang or flood the library. A
        file that is not a usable scenario comes back as a broken card with the reason.
        """
        try:
            return cls._peek(path)
        except Exception as error:  # noqa: BLE001 - one file must never block the others
            return cls.broken(path, f"{type(error).__name__}: {error}")

    @classmethod
    def _peek(cls, path: Path) -> Card:
        from yaml.nodes import MappingNode, ScalarNode, SequenceNode

        from simulator.safeio import Refused, read_bounded
        from simulator.scenario.yamlsafe import MAX_BYTES, STR, compose_text

        try:
            data = read_bounded(path, MAX_BYTES)
        except Refused as refused:
            return cls.broken(path, refused.message())
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            from simulator.i18n import t

            return cls.broken(path, t("scenario.not_utf8"))
        root, problems = compose_text(text, str(path))
        errors = [p for p in problems if p.is_error]
        if root is None or errors or not isinstance(root, MappingNode):
            reason = errors[0].format().split("\n")[0] if errors else ""
            return cls.broken(path, reason)

        def get(node: Any, key: str) -> Any:
            if isinstance(node, MappingNode):
                for k, v in node.value:
                    if isinstance(k, ScalarNode) and k.value == key:
                        return v
            return None

        def text_of(node: Any) -> str:
            ok = isinstance(node, ScalarNode) and node.tag == STR
            return node.value if ok else ""

        def words(key: str) -> tuple[str, ...]:
            node = get(root, key)
            if not isinstance(node, SequenceNode):
                return ()
            return tuple(v.value for v in node.value if isinstance(v, ScalarNode))

        from simulator.scenario.include import includes_of, is_part, resolve

        if is_part(root):
            return cls.broken(path, "").part_of_library()
        includes: tuple[str, ...] = ()
        if includes_of(root):
            includes = tuple(resolve(root, str(path)).files)
        scenario_id = text_of(get(root, "id"))
        if not scenario_id:
            return cls.broken(path, "")
        minutes_node = get(root, "minutes")
        minutes = 0
        if isinstance(minutes_node, ScalarNode) and minutes_node.value.isdigit():
            # Never int() a number of thousands of digits: Python refuses past 4,300.
            minutes = int(minutes_node.value) if len(minutes_node.value) <= 4 else 0
        return cls(
            path=str(path),
            id=scenario_id,
            title=text_of(get(root, "title")) or scenario_id,
            language=text_of(get(root, "language")),
            difficulty=text_of(get(root, "difficulty")),
            minutes=minutes,
            content_notes=words("content_notes"),
            tags=words("tags"),
            authors=words("authors"),
            reviewed_by=words("reviewed_by"),
            client_name=text_of(get(get(root, "client"), "name")),
            setting=text_of(get(get(root, "briefing"), "setting")),
            includes=includes,
        )

    def part_of_library(self) -> Card:
        """This file as a shared part: listed nowhere, its changes still noticed."""
        from dataclasses import replace

        return replace(self, id=f"part:{self.path}", problem="", is_part=True)

    @classmethod
    def broken(cls, path: Path | str, problem: str) -> Card:
        """A file that does not list: shown with its name and why, never hiding the rest."""
        from simulator.i18n import t
        from simulator.safetext import one_line

        name = one_line(Path(path).name)
        return cls(
            path=str(path), id=f"broken:{path}", title=name, language="", difficulty="",
            minutes=0, content_notes=(), tags=(), authors=(), reviewed_by=(),
            client_name="", setting="",
            problem=one_line(problem or t("cli.not_a_scenario")),
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("scenario")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Card | None:
        names = {f.name for f in fields(cls)} - {"scenario"}
        if not isinstance(data, dict) or set(data) != names:
            return None
        for key in ("content_notes", "tags", "authors", "reviewed_by", "includes"):
            data[key] = tuple(data[key])
        return cls(**data)


def read_cache(home: Path) -> dict[str, Any]:
    try:
        data = json.loads((home / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_cache(home: Path, entries: dict[str, Any]) -> None:
    from simulator import store

    # Only a cache: if it cannot be written, the next start reads the files again.
    with suppress(OSError):
        store.write_private(home / CACHE, json.dumps(entries, ensure_ascii=False))


def cached_cards(files: list[Path], home: Path) -> list[Card] | None:
    """The listing straight from the cache, or None if any file is new or changed.

    Only file stats and one small JSON read: cheap enough to do before the first frame, so
    the library appears with its list instead of an empty table filled a moment later.
    """
    cache = read_cache(home)
    if set(cache) != {str(path) for path in files}:
        return None
    cards: list[Card] = []
    for path in files:
        entry = cache[str(path)]
        try:
            current = stamp(path)
        except OSError:
            return None
        if not isinstance(entry, dict) or entry.get("stamp") != current:
            return None
        card = Card.from_dict(dict(entry.get("card") or {}))
        if card is None or entry.get("parts") != part_stamps(card):
            return None
        cards.append(card)
    return [card for card in cards if not card.is_part]


def part_stamps(card: Card) -> dict[str, list[int] | None]:
    """The stamps of the parts a scenario includes (None for one that is gone)."""
    found: dict[str, list[int] | None] = {}
    for part in card.includes:
        try:
            found[part] = stamp(Path(part))
        except OSError:
            found[part] = None
    return found


def quick_cards(files: list[Path], home: Path) -> list[Card]:
    """The listing, from the cache where the file is unchanged, else a quick read."""
    cache = read_cache(home)
    cards: list[Card] = []
    fresh: dict[str, Any] = {}
    for path in files:
        try:
            current = stamp(path)
        except OSError:
            continue
        entry = cache.get(str(path))
        card = None
        if isinstance(entry, dict) and entry.get("stamp") == current:
            card = Card.from_dict(dict(entry.get("card") or {}))
            if card is not None and entry.get("parts") != part_stamps(card):
                card = None  # a part it includes changed: read the scenario again
        if card is None:
            card = Card.peek(path)
        cards.append(card)
        fresh[str(path)] = {"stamp": current, "card": card.to_dict(), "parts": part_stamps(card)}
    if fresh != cache:
        write_cache(home, fresh)
    return [card for card in cards if not card.is_part]


def matches(scenario: Card, query: str, lang: object, level: object, tag: object) -> bool:
    """Whether a scenario passes the filters; the search looks at every text a user sees."""
    if isinstance(lang, str) and scenario.language != lang:
        return False
    if isinstance(level, str) and scenario.difficulty != level:
        return False
    if isinstance(tag, str) and tag not in scenario.tags:
        return False
    if scenario.problem and (lang or level or tag):
        return False  # a broken file has no language or tags to filter by
    words = query.casefold().split()
    if not words:
        return True
    haystack = " ".join(
        (
            scenario.title,
            scenario.id,
            scenario.client_name,
            scenario.setting,
            *scenario.tags,
            *scenario.content_notes,
            *scenario.authors,
            *scenario.reviewed_by,
        )
    ).casefold()
    return all(word in haystack for word in words)


def sort_cards(cards: Any) -> list[Card]:
    """By language, then title; broken files last (they are for the author to fix)."""
    return sorted(cards, key=lambda c: (bool(c.problem), c.language, c.title.casefold()))


def list_cards(directory: Path, home: Path | None = None) -> list[Card]:
    """Every scenario file under `directory` as a card (broken ones included), sorted."""
    from simulator.scenario.paths import scenario_files

    files = scenario_files([directory]) if directory.is_dir() else []
    if home is None:
        return sort_cards(c for c in map(Card.peek, files) if not c.is_part)
    return sort_cards(quick_cards(files, home))


def checked_cards(directory: Path, lang: str | None = None) -> list[Card]:
    """Every file fully loaded: scenarios with their model, files that fail as broken cards
    with their first error (what the full validation in the background gives)."""
    from simulator.scenario.loader import load_library

    scenarios, problems = load_library(directory, lang)
    cards = [Card.of(s) for s in scenarios]
    first: dict[str, str] = {}
    for problem in problems:
        if problem.is_error:
            # A problem in a shared part breaks the scenario that includes it.
            first.setdefault(problem.scenario_file, problem.format(lang).split("\n")[0])
    cards.extend(Card.broken(path, message) for path, message in first.items())
    return sort_cards(cards)
