"""`kohtaamo schema`: print (or write) the JSON Schema of the scenario format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulator.i18n import t


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # How an editor finds the schema: the scaffold's first lines refer to it beside the file.
    parser.epilog = t("authoring.schema_epilog")
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("-o", "--output", metavar="FILE", help=t("authoring.schema_output"))


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.schema import SCHEMA_PATH

    text = SCHEMA_PATH.read_text(encoding="utf-8")
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(t("authoring.schema_written", path=args.output), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
