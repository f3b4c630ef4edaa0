"""Text from files and journals made safe where it is shown.

A scenario or a journal is written by someone else. Shown raw, an escape sequence in it can
set the terminal's title, clear the screen or write the clipboard (OSC 52), a carriage
return or newline can make `check` print a line of its own ("ok: ..."), and Unicode's
bidirectional overrides can make text read other than it is. Here they are made visible
(`\\u001b`, `\\n`) instead: the author sees what is in their file, the terminal obeys none
of it. Lone surrogates (which cannot be written as UTF-8) become U+FFFD.
"""

from __future__ import annotations

import re

#: C0 controls, DEL, C1 controls, bidirectional embeddings/overrides/isolates, lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: The same, but newline and tab stay (multi-line output to a terminal).
_UNSAFE_KEEP_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _show(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    if char == "\r":
        return "\\r"
    return f"\\u{code:04x}"


def one_line(text: object) -> str:
    """`text` as one line with every control character shown as an escape."""
    value = text if isinstance(text, str) else str(text)
    return _UNSAFE.sub(_show, value) if _UNSAFE.search(value) else value


def for_terminal(text: object) -> str:
    """`text` for a terminal: newlines and tabs kept, every other control shown as an escape."""
    value = text if isinstance(text, str) else str(text)
    return _UNSAFE_KEEP_LINES.sub(_show, value) if _UNSAFE_KEEP_LINES.search(value) else value


def has_unsafe(text: str, keep_lines: bool = True) -> re.Match[str] | None:
    """The first control character that `for_terminal` (or `one_line`) would change."""
    return (_UNSAFE_KEEP_LINES if keep_lines else _UNSAFE).search(text)


def clean_surrogates(text: str) -> str:
    """Lone surrogates (not encodable as UTF-8) replaced by U+FFFD; everything else kept."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return re.sub("[\ud800-\udfff]", "\ufffd", text)
    return text


def markup_escape(text: object) -> str:
    """For Textual markup (notifications, Static with markup): no `[` can open a tag.

    `[/]` would raise MarkupError, `[@click=app.quit]` would run an action when clicked.
    Control characters are shown as escapes first, as everywhere on a terminal.
    """
    from textual.markup import escape

    return escape(for_terminal(text))


class TerminalWriter:
    """A text stream that shows control characters as escapes before they reach a terminal.

    Wrapped around stdout and stderr by the CLI, so no command can print a raw escape that
    came from a file, whatever path the text took to the print.
    """

    def __init__(self, stream):  # noqa: ANN001 - any text stream
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(for_terminal(text))
        return len(text)

    def writelines(self, lines) -> None:  # noqa: ANN001
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):  # noqa: ANN204 - flush, fileno, isatty, buffer, ...
        return getattr(self._stream, name)
