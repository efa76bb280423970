"""The front door: ``k360desk`` (GUI), ``k360desk FILE``, ``k360desk --demo`` and batch commands.

Each group of sub-commands lives in its own module under ``k360desk.commands`` with two
functions: ``register(subparsers)`` adds its parsers (German help; no heavy imports) and
each parser's ``func`` does the work. Errors end with one German line and exit code 1.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from k360desk import __version__
from k360desk.messages import language, set_language, tr

# Modules providing sub-commands; a module that is not there yet is skipped.
COMMAND_MODULES = (
    "k360desk.commands.project",
    "k360desk.commands.imports",
    "k360desk.commands.indicators",
    "k360desk.commands.analysis",
    "k360desk.commands.maps",
    "k360desk.commands.reports",
    "k360desk.commands.rounds",
    "k360desk.commands.exchange",
    "k360desk.commands.questionnaire",
    "k360desk.commands.selftest",
)


class CommandError(Exception):
    """A user-facing error of a sub-command: printed as one German line, exit code 1."""


_ARGPARSE_GERMAN = (
    ("the following arguments are required", "diese Angaben fehlen"),
    ("unrecognized arguments", "unbekannte Angaben"),
    ("invalid choice", "ungültige Auswahl"),
    ("choose from", "möglich sind"),
    ("invalid float value", "ungültige Zahl"),
    ("invalid int value", "ungültige ganze Zahl"),
    ("expected one argument", "erwartet einen Wert"),
    ("not allowed with argument", "nicht zusammen mit"),
    ("one of the arguments", "eine dieser Angaben"),
    ("is required", "ist nötig"),
    ("argument", "Angabe"),
)


class _GermanParser(argparse.ArgumentParser):
    """argparse with German wording and a one-line error instead of usage noise."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse API
        if language() == "de":  # argparse speaks English already
            for english, german in _ARGPARSE_GERMAN:
                message = message.replace(english, german)
        self.exit(2, tr("Fehler: {message} (Hilfe: {prog} --help)", message=message, prog=self.prog) + "\n")

    def format_help(self) -> str:
        text = super().format_help()
        return (text.replace("usage:", "Aufruf:").replace("options:", "Optionen:")
                .replace("positional arguments:", "Angaben:")
                .replace("show this help message and exit", "diese Hilfe anzeigen und beenden"))


def _log_unexpected(exc: BaseException) -> str:
    """Write the traceback to the log file (never to the console); return the file's path."""
    import traceback

    from k360desk.projectfile import paths

    try:
        log_file = paths.data_dir() / "k360desk-cli.log"
        with open(log_file, "a", encoding="utf-8") as handle:
            handle.write("".join(traceback.format_exception(exc)))
        return str(log_file)
    except OSError:
        return "(kein Protokoll)"


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The complete parser with every available sub-command (``commands=False``: only the
    options of the window, for a start without a sub-command)."""
    parser = _GermanParser(
        prog="k360desk",
        description="k360desk – integrierte Sozialplanung. Ohne Angaben startet die Anwendung.",
    )
    parser.add_argument("--version", action="version", version=f"k360desk {__version__}",
                        help="Version anzeigen")
    parser.add_argument("--demo", action="store_true", help="mit dem Demo-Projekt „Musterstadt“ starten")
    parser.add_argument("--smoke", action="store_true",
                        help="Fenster unsichtbar starten, Startzeit ausgeben und beenden")
    parser.add_argument("--lang", choices=["de", "en"], help="Sprache der Oberfläche")
    parser.add_argument("--selftest", metavar="ORDNER", help=argparse.SUPPRESS)
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="BEFEHL", parser_class=_GermanParser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub)
    return parser


_OPTIONS_WITH_VALUE = ("--lang", "--selftest")


def _split_file_argument(argv: list[str]) -> tuple[list[str], str | None]:
    """``k360desk [--lang en] FILE`` opens a file; tell it apart from a sub-command."""
    index = 0
    while index < len(argv):
        token = argv[index]
        if token in _OPTIONS_WITH_VALUE:
            index += 2
            continue
        if token.startswith("-"):
            index += 1
            continue
        # The first word that is no option: a sub-command, or the file to open.
        if token.lower().endswith(".k360") or "/" in token or "\\" in token:
            return argv[:index] + argv[index + 1:], token
        break
    return argv, None


def _names_a_command(argv: list[str]) -> bool:
    """Whether the arguments hold a sub-command or ask for help (which lists them)."""
    index = 0
    while index < len(argv):
        token = argv[index]
        if token in ("-h", "--help"):
            return True
        if token in _OPTIONS_WITH_VALUE:
            index += 2
            continue
        if not token.startswith("-"):
            return True
        index += 1
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and of ``python -m k360desk``."""
    if argv is None:
        # A frozen build starts the profile book's worker processes as this executable.
        import multiprocessing

        multiprocessing.freeze_support()
    args_list = list(sys.argv[1:] if argv is None else argv)
    args_list, document = _split_file_argument(args_list)
    # The window's start must not import every command's module (70 ms CPU).
    parser = build_parser(commands=_names_a_command(args_list))
    # The language first: argparse checks values (and words its refusals) while parsing.
    for token, value in zip(args_list, args_list[1:], strict=False):
        if token == "--lang" and value in ("de", "en"):
            set_language(value)
            break
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # --help, --version, usage errors: argparse's exit code
        return int(exc.code or 0)
    if args.lang:
        # Before any work: texts of exports and errors below the UI follow the process language.
        set_language(args.lang)
    if args.selftest:
        from k360desk.selftest import run_selftest

        return run_selftest(args.selftest)
    if args.command:
        try:
            return int(args.func(args) or 0)
        except CommandError as exc:
            print(tr("Fehler: {message}", message=exc), file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print(tr("Abgebrochen."), file=sys.stderr)
            return 130
        except BrokenPipeError:  # e.g. ``k360desk info X | head``
            sys.stderr.close()
            return 0
        except Exception as exc:  # noqa: BLE001 - the last line of defence: no tracebacks
            from k360desk.projectfile.errors import ProjectError

            if isinstance(exc, ProjectError):
                print(tr("Fehler: {message}", message=exc), file=sys.stderr)
                return 1
            if isinstance(exc, OSError):
                where = getattr(exc, "filename", "") or ""
                print(tr("Fehler: {message}", message=f"{exc.strerror or exc} ({where})"), file=sys.stderr)
                return 1
            log_file = _log_unexpected(exc)
            print(tr("Fehler: unerwarteter Fehler ({kind}: {message}). Einzelheiten: {log}",
                     kind=type(exc).__name__, message=exc, log=log_file), file=sys.stderr)
            return 1
    from k360desk.ui.app import run_gui

    return run_gui(document=document, demo=args.demo, smoke=args.smoke, lang=args.lang)


if __name__ == "__main__":
    sys.exit(main())
