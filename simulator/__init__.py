"""Kohtaamo: practise client encounters with a virtual client."""

__version__ = "0.1.0"
