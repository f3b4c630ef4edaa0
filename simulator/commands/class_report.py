"""`kohtaamo class-report PATH... [-o DIR] [--no-text] [--lang fi|en] [--title T]`.

PATH is a class folder from `kohtaamo serve`, a student's data folder, or JSON debriefs
(`kohtaamo report --format json`) handed in, as files or folders of them. Writes
`class-report.html` (self-contained: inline SVG charts, no scripts, nothing fetched) and
`meetings.csv`, `slips.csv`, `cues.csv`, `states.csv` into DIR, each private to the user
(0600): a class report is about people. Nicknames only; `--no-text` leaves every student's
and client's words out, for figures that can be shared.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulator.i18n import LANGUAGES, t


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help=t("classroom.arg_paths"))
    parser.add_argument(
        "-o", "--output", metavar="DIR", default="class-report", help=t("classroom.arg_output")
    )
    parser.add_argument("--no-text", action="store_true", help=t("classroom.arg_no_text"))
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=None, help=t("scoring.arg_report_lang")
    )
    parser.add_argument("--title", default="", help=t("classroom.arg_title"))


def run(args: argparse.Namespace) -> int:
    from simulator.classroom_report import build, read_class, to_csv, to_html
    from simulator.i18n import ui_language
    from simulator.store import private_dir, write_private

    lang = args.lang or ui_language()
    paths = [Path(p).expanduser() for p in args.paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(t("cli.file_not_found", lang, path=", ".join(missing)), file=sys.stderr)
        return 2
    meetings, skipped = read_class(paths, lang)
    for path in skipped:
        print(t("classroom.skipped", lang, path=path), file=sys.stderr)
    if not meetings:
        print(t("classroom.nothing", lang), file=sys.stderr)
        return 1
    report = build(meetings)
    with_text = not args.no_text
    out = private_dir(Path(args.output).expanduser())
    page = out / "class-report.html"
    try:
        write_private(page, to_html(report, lang, title=args.title, with_text=with_text))
        for name, text in to_csv(report, with_text=with_text).items():
            write_private(out / name, text)
    except OSError as error:
        print(t("classroom.write_failed", lang, path=str(out), error=str(error)), file=sys.stderr)
        return 1
    print(
        t(
            "classroom.report_written",
            lang,
            page=str(page),
            students=len(report.students),
            meetings=len(meetings),
        )
    )
    return 0
