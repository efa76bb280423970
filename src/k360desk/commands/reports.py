"""Sub-command ``report``: district profile, profile book, committee template, Sozialatlas."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from k360desk.cli import CommandError
from k360desk.commands.common import open_project
from k360desk.messages import tr

KINDS = ("profile", "book", "committee", "atlas")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``report``."""
    p = sub.add_parser(
        "report",
        help="druckfertige Berichte (PDF/Word)",
        description="Schreibt ein Quartiersprofil (profile), ein Profilbuch (book), die Beschlussvorlage "
        "einer Förderrunde (committee, auch als .docx) oder den Sozialatlas (atlas).",
    )
    p.add_argument("kind", choices=KINDS, metavar="ART", help="profile, book, committee oder atlas")
    p.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    p.add_argument("-o", "--output", required=True, metavar="DATEI", help="Zieldatei (.pdf oder .docx)")
    p.add_argument(
        "--district",
        metavar="KÜRZEL",
        help="Sozialraum (profile) bzw. Auswahl mit Komma getrennt (book, atlas)",
    )
    p.add_argument("--level", metavar="EBENE", help="alle Sozialräume einer Ebene (book, atlas)")
    p.add_argument("--round", metavar="ID|NAME", help="Förderrunde (committee)")
    p.add_argument(
        "--format",
        choices=("pdf", "docx"),
        help="pdf oder docx (docx nur für committee; Standard: nach Dateiendung)",
    )
    p.add_argument("--period", type=int, metavar="JAHR", help="Bezugsjahr der Profile (Standard: neuestes)")
    p.add_argument("--template", metavar="NAME", help="gespeicherte Profilvorlage (Standard: erste/Standard)")
    p.add_argument(
        "--workers", type=int, default=2, metavar="N", help="Prozesse für das Profilbuch (Standard: 2)"
    )
    p.set_defaults(func=_report)


def _codes(text: str | None) -> list[str]:
    return [t.strip() for t in (text or "").split(",") if t.strip()]


def _format(args: argparse.Namespace, target: Path) -> str:
    fmt = args.format or ("docx" if target.suffix.lower() == ".docx" else "pdf")
    if fmt == "docx" and args.kind != "committee":
        raise CommandError("Als Word-Dokument (.docx) gibt es nur die Beschlussvorlage (committee).")
    wanted = f".{fmt}"
    if target.suffix.lower() != wanted:
        raise CommandError(f"„{target.name}“: für --format {fmt} bitte die Endung {wanted} verwenden.")
    return fmt


def _report(args: argparse.Namespace) -> int:
    from k360desk.export.pdf import ReportError
    from k360desk.projectfile import ProjectError

    target = Path(args.output)
    if not target.parent.exists():
        raise CommandError(f"Den Ordner „{target.parent}“ gibt es nicht.")
    fmt = _format(args, target)
    project = open_project(args.file, read_only=True)
    started = time.perf_counter()
    partial = target.with_name(target.name + ".part")
    try:
        message = _write(args, project, partial, fmt)
        partial.replace(target)
    except (ReportError, ProjectError, ValueError) as exc:
        raise CommandError(str(exc)) from exc
    finally:
        partial.unlink(missing_ok=True)
        project.close()
    from k360desk.formats import format_number

    print(tr("{what} gespeichert: {target} ({seconds} s)", what=message, target=target,
             seconds=format_number(time.perf_counter() - started, 1)))
    return 0


def _template(project, name: str | None) -> dict | None:
    if not name:
        return None
    from k360desk.models import profiles

    return profiles.load_template(project, name)


def _write(args: argparse.Namespace, project, out: Path, fmt: str) -> str:
    if args.kind == "profile":
        from k360desk.export.pdf.profile import write_profile

        codes = _codes(args.district)
        if len(codes) != 1:
            raise CommandError("Bitte genau einen Sozialraum angeben (--district KÜRZEL).")
        write_profile(project, codes[0], out, period=args.period, template=_template(project, args.template))
        return tr("Quartiersprofil")
    if args.kind == "book":
        from k360desk.export.pdf.book import select_districts, write_book
        from k360desk.progress import Progress

        ids = select_districts(project, level=args.level, codes=_codes(args.district))
        last = [0.0]

        def report(done: int, total: int, text: str) -> None:
            if sys.stderr.isatty() and time.monotonic() - last[0] > 1:
                last[0] = time.monotonic()
                print(f"\r{text:<60}", end="", file=sys.stderr, flush=True)

        result = write_book(
            project,
            out,
            ids,
            progress=Progress(report),
            workers=max(1, args.workers),
            template=_template(project, args.template),
            period=args.period,
        )
        if sys.stderr.isatty():
            print(file=sys.stderr)
        return tr("Profilbuch ({profiles} Profile, {pages} Seiten)", profiles=result.profiles,
                  pages=result.pages)
    if args.kind == "committee":
        if not args.round:
            raise CommandError("Bitte die Förderrunde angeben (--round ID oder Name).")
        if fmt == "docx":
            from k360desk.export.pdf.committee_docx import write_committee_docx

            write_committee_docx(project, args.round, out)
        else:
            from k360desk.export.pdf.committee import write_committee_pdf

            write_committee_pdf(project, args.round, out)
        return tr("Beschlussvorlage")
    from k360desk.export.pdf.atlas import write_atlas

    count = write_atlas(project, out, level=args.level, codes=_codes(args.district))
    return tr("Sozialatlas ({n} Einrichtungen)", n=count)
