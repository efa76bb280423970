"""``k360desk --selftest OUTDIR``: prove that the installed program works on this PC.

For CI and for IT's acceptance test. Every heavy dependency is exercised once inside the
installed (frozen) program, then our own application writes the demo project, opens and
checks it, and prints a district profile. The result goes to ``selftest.json`` (machine
readable) and ``selftest.txt`` (German, for people) in OUTDIR; the exit code is 0 only if
every step that was not skipped passed.

``K360_SELFTEST_SKIP=qtpdf,print`` skips steps by key (wine cannot run QtPdf).
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from k360desk import __version__
from k360desk.selftest.context import Context, StepResult, Unavailable

SKIP_VARIABLE = "K360_SELFTEST_SKIP"
REPORT_JSON = "selftest.json"
REPORT_TEXT = "selftest.txt"

# Outcomes of one step. "unavailable" means the part of the app is not built yet; it
# does not fail the run but is reported plainly.
PASSED, FAILED, SKIPPED, UNAVAILABLE = "ok", "fehler", "übersprungen", "nicht verfügbar"


Step = tuple[str, str, Callable[[Context], dict]]


def steps() -> list[Step]:
    """All steps in order: key (for skipping), German label, function."""
    from k360desk.selftest import checks as c
    from k360desk.selftest import qt as q

    return [
        ("env", "Umgebung und Ordner", c.check_environment),
        ("qt", "Qt-Fenster (Plattform-Plugin)", q.check_window),
        ("proj", "PROJ-Datenbank (WGS84 → EPSG:25832)", c.check_proj),
        ("gdal", "GDAL über pyogrio (GeoPackage, Shapefile)", c.check_gdal),
        ("geopandas", "geopandas (Umprojektion, Flächen, Verschneidung)", c.check_geopandas),
        ("matplotlib", "matplotlib Agg mit Schriften", c.check_matplotlib_agg),
        ("matplotlib_qt", "matplotlib QtAgg", q.check_matplotlib_qt),
        ("reportlab", "reportlab PDF mit TrueType-Schrift und Umlauten", c.check_reportlab),
        ("qtpdf", "QtPdf: PDF als Bild darstellen", q.check_qtpdf),
        ("print", "QPrinter: Druck in PDF-Datei", q.check_printer),
        ("openpyxl", "openpyxl (Excel schreiben und lesen)", c.check_openpyxl),
        ("sqlite_utils", "sqlite-utils", c.check_sqlite_utils),
        ("demo", "Demo-Projekt „Musterstadt“ schreiben", c.check_demo),
        ("project", "Projekt öffnen und prüfen", c.check_project),
        ("profile", "Quartiersprofil als PDF", c.check_profile),
        ("app", "Hauptfenster: Demo öffnen, alle Seiten, Quartiersprofil", q.check_app_window),
        ("program_dir", "Programmordner unverändert", c.check_program_dir),
    ]


def skipped_keys() -> set[str]:
    """Step keys named in ``K360_SELFTEST_SKIP`` (comma or space separated)."""
    raw = os.environ.get(SKIP_VARIABLE, "")
    return {part.strip().lower() for part in raw.replace(" ", ",").split(",") if part.strip()}


def run_step(key: str, label: str, func: Callable[[Context], dict], ctx: Context,
             skip: set[str]) -> StepResult:
    """Run one step, timing it and turning any exception into a failed result."""
    if key in skip:
        return StepResult(key, label, SKIPPED, info={"grund": SKIP_VARIABLE})
    start = time.perf_counter()
    try:
        # Plain JSON types only: libraries hand back path objects and numpy numbers.
        info = json.loads(json.dumps(func(ctx) or {}, ensure_ascii=False, default=str))
        status, error, trace = PASSED, "", ""
    except Unavailable as exc:
        info, status, error, trace = {}, UNAVAILABLE, str(exc), ""
    except BaseException as exc:  # noqa: BLE001 - a self-test reports every failure
        if isinstance(exc, KeyboardInterrupt):
            raise
        info, status = {}, FAILED
        error = f"{type(exc).__name__}: {exc}"
        trace = traceback.format_exc()
    return StepResult(key, label, status, round(time.perf_counter() - start, 3), info, error, trace)


def run_selftest(outdir: str | os.PathLike) -> int:
    """Run every step, write ``selftest.json`` and ``selftest.txt`` to OUTDIR; 0 if all passed."""
    out = Path(outdir).absolute()
    out.mkdir(parents=True, exist_ok=True)
    _prepare_headless()
    ctx = Context(out)
    skip = skipped_keys()
    started = time.perf_counter()
    results = []
    for key, label, func in steps():
        result = run_step(key, label, func, ctx, skip)
        results.append(result)
        _say(f"{result.status.upper():<16} {result.seconds:7.2f} s  {key}: {label}"
             + (f" – {result.error}" if result.error else ""))
    total = round(time.perf_counter() - started, 2)
    failed = [r.key for r in results if r.status == FAILED]
    report = {
        "k360desk": __version__,
        "zeitpunkt": datetime.now().isoformat(timespec="seconds"),
        "ergebnis": "bestanden" if not failed else "fehlgeschlagen",
        "fehlgeschlagen": failed,
        "sekunden": total,
        "system": _system_info(),
        "schritte": [asdict(r) for r in results],
    }
    (out / REPORT_JSON).write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str),
                                   encoding="utf-8")
    (out / REPORT_TEXT).write_text(format_text(report), encoding="utf-8")
    _say(f"Selbsttest {report['ergebnis']} ({len(results)} Schritte, {total} s);"
         f" Bericht: {out / REPORT_TEXT}")
    return 1 if failed else 0


def format_text(report: dict) -> str:
    """The German plain-text report for people (IT acceptance test)."""
    system = report["system"]
    lines = [
        f"k360desk {report['k360desk']} – Selbsttest vom {report['zeitpunkt']}",
        f"Ergebnis: {report['ergebnis'].upper()} ({report['sekunden']} s)",
        f"Programm: {system['programm']} ({'gebündelt' if system['frozen'] else 'Python'})",
        f"System: {system['plattform']}, Python {system['python']}",
        "",
    ]
    for step in report["schritte"]:
        lines.append(f"[{step['status']:^16}] {step['seconds']:7.2f} s  {step['label']}"
                     f" ({step['key']})")
        if step["error"]:
            lines.append(f"    {step['error']}")
        for name, value in step["info"].items():
            lines.append(f"    {name}: {value}")
    skipped = [s["key"] for s in report["schritte"] if s["status"] == SKIPPED]
    if skipped:
        lines += ["", f"Übersprungen über {SKIP_VARIABLE}: {', '.join(skipped)}"]
    failed = [s for s in report["schritte"] if s["status"] == FAILED]
    for step in failed:
        lines += ["", f"--- Fehlerdetails {step['key']} ---", step["traceback"].rstrip()]
    return "\n".join(lines) + "\n"


def _system_info() -> dict:
    return {
        "programm": sys.executable,
        "frozen": bool(getattr(sys, "frozen", False)),
        "plattform": platform.platform(),
        "python": platform.python_version(),
        "qt_plattform": os.environ.get("QT_QPA_PLATFORM", ""),
    }


def _prepare_headless() -> None:
    """Without a display on Linux (CI), Qt would abort: use the offscreen platform."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                 or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _say(text: str) -> None:
    # A windowed Windows executable has no stdout; the report files are the record then.
    stream = sys.stdout
    if stream is None:
        return
    try:
        print(text, file=stream, flush=True)
    except (OSError, UnicodeEncodeError):
        print(text.encode("ascii", "replace").decode("ascii"), file=stream, flush=True)
