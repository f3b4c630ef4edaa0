"""A guard around Textual's decoding of terminal input (issue 18).

Textual's drivers read the terminal with a strict incremental UTF-8 decoder
(`getincrementaldecoder("utf-8")()` in drivers/linux_driver.py, linux_inline_driver.py and
web_driver.py). One byte that is not UTF-8 (a Latin-1 terminal, a paste of odd bytes, Alt
sending a meta byte) raises UnicodeDecodeError in the input thread, and the app dies with
exit code 0. Here the drivers' decoder factory is replaced by one that decodes the same way
but turns undecodable bytes into U+FFFD, which the input then shows. Reported upstream:
docs/upstream/textual-utf8.md.
"""

from __future__ import annotations

import codecs
import importlib
from collections.abc import Callable
from typing import Any

#: Textual's modules that build a strict decoder for their input thread.
DRIVERS = (
    "textual.drivers.linux_driver",
    "textual.drivers.linux_inline_driver",
    "textual.drivers.web_driver",
)


def lenient_decoder_factory(encoding: str) -> Callable[..., Any]:
    """codecs.getincrementaldecoder, but the decoders it makes replace bad bytes."""
    factory = codecs.getincrementaldecoder(encoding)

    def make(errors: str = "replace") -> codecs.IncrementalDecoder:
        return factory(errors="replace")

    return make


def install() -> list[str]:
    """Guard every driver module that has the strict factory; returns the modules guarded."""
    guarded = []
    for name in DRIVERS:
        try:
            module = importlib.import_module(name)
        except ImportError:  # a driver of another platform (or a Textual without it)
            continue
        if getattr(module, "getincrementaldecoder", None) is codecs.getincrementaldecoder:
            module.getincrementaldecoder = lenient_decoder_factory  # type: ignore[attr-defined]
            guarded.append(name)
        elif getattr(module, "getincrementaldecoder", None) is lenient_decoder_factory:
            guarded.append(name)
    return guarded
