"""Text bars for values 0–100 (the coach's mood panel, the debrief's axes and profile)."""

from __future__ import annotations


def bar(value: float, width: int = 10) -> str:
    filled = max(0, min(width, round(value / 100 * width)))
    return "█" * filled + "░" * (width - filled)
