"""Subcommands of `kohtaamo`, one module each (see simulator/cli.py)."""
