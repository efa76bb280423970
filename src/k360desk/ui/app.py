"""Startup of the GUI. ``run_gui`` is its only owner.

Order: data folders → logging to a file → exception hook → QApplication → translators →
matplotlib config folder → the document (file, demo, or a crash leftover) → windows.
Nothing here runs at import time; heavy libraries are not imported on this path.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
import time
import traceback
from pathlib import Path

from k360desk import APP_NAME, __version__
from k360desk.projectfile import paths

log = logging.getLogger("k360desk")

_started = time.perf_counter()
_handling_error = False


def log_file() -> Path:
    """The application's log file in the local data folder."""
    folder = paths.data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "k360desk.log"


def setup_logging() -> Path:
    """Log to a rotating file under the local data folder (once per process)."""
    target = log_file()
    root = logging.getLogger("k360desk")
    if not any(getattr(h, "_k360desk", False) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(target, maxBytes=1_000_000, backupCount=3,
                                                       encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler._k360desk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return target


def _excepthook(exc_type, exc, tb) -> None:
    """Log an unexpected error and tell the user calmly; the working copy keeps the work."""
    global _handling_error
    log.critical("unexpected error", exc_info=(exc_type, exc, tb))
    if issubclass(exc_type, KeyboardInterrupt):
        return
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance()
    if app is None or _handling_error or app.property("k360_smoke"):
        traceback.print_exception(exc_type, exc, tb)
        return
    _handling_error = True
    try:
        box = QMessageBox(QMessageBox.Icon.Critical,
                          QApplication.translate("app", "Unerwarteter Fehler"),
                          QApplication.translate(
                              "app", "In k360desk ist ein unerwarteter Fehler aufgetreten."),
                          QMessageBox.StandardButton.Ok, QApplication.activeWindow())
        box.setInformativeText(QApplication.translate(
            "app", "Ihre Änderungen stehen in der Arbeitskopie und gehen nicht verloren. "
            "Speichern Sie bitte und starten Sie k360desk neu, wenn etwas nicht stimmt.\n\n"
            "Details stehen im Protokoll: %1").replace("%1", str(log_file())))
        box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
        box.exec()
    finally:
        _handling_error = False


def _qt_message(mode, context, message: str) -> None:
    """Send Qt's own warnings to our log instead of the console."""
    if "propagateSizeHints" in message:
        return  # noise of the offscreen platform
    from PySide6.QtCore import QtMsgType

    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING}.get(mode, logging.ERROR)
    logging.getLogger("k360desk.qt").log(level, "%s", message)


def install_exception_hook() -> None:
    """Route unexpected errors of the GUI thread and of worker threads to ``_excepthook``."""
    sys.excepthook = _excepthook

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        log.critical("unexpected error in thread %s", args.thread,
                     exc_info=(args.exc_type, args.exc_value, args.exc_traceback))

    threading.excepthook = thread_hook
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(_qt_message)


def process_age() -> float:
    """Seconds since this process started (falls back to the import of this module)."""
    try:
        if sys.platform.startswith("linux"):
            ticks = os.sysconf("SC_CLK_TCK")
            with open("/proc/self/stat", encoding="ascii") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            start = int(fields[19]) / ticks
            with open("/proc/uptime", encoding="ascii") as handle:
                uptime = float(handle.read().split()[0])
            return max(0.0, uptime - start)
        if sys.platform == "win32":
            import ctypes

            age = _windows_process_age(ctypes.windll.kernel32)
            if age is not None:
                return age
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    return time.perf_counter() - _started


def _windows_process_age(kernel32) -> float | None:
    """Seconds since process creation from kernel32, or None if Windows did not say."""
    import ctypes
    from ctypes import wintypes

    # Without these declarations ctypes passes the pseudo handle as a 32-bit int, the
    # call fails, the creation time stays 0 (the year 1601), and the start took 13 billion s.
    filetime_p = ctypes.POINTER(wintypes.FILETIME)
    kernel32.GetCurrentProcess.argtypes = []
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    kernel32.GetProcessTimes.argtypes = [wintypes.HANDLE, filetime_p, filetime_p, filetime_p,
                                         filetime_p]
    kernel32.GetProcessTimes.restype = wintypes.BOOL
    kernel32.GetSystemTimeAsFileTime.argtypes = [filetime_p]
    kernel32.GetSystemTimeAsFileTime.restype = None
    times = [wintypes.FILETIME() for _ in range(4)]
    if not kernel32.GetProcessTimes(kernel32.GetCurrentProcess(), *[ctypes.byref(t) for t in times]):
        return None
    now = wintypes.FILETIME()
    kernel32.GetSystemTimeAsFileTime(ctypes.byref(now))

    def ticks(value) -> int:
        return (value.dwHighDateTime << 32) + value.dwLowDateTime

    created = ticks(times[0])
    if created == 0 or ticks(now) < created:
        return None
    return (ticks(now) - created) / 1e7


def choose_language(lang: str | None) -> str:
    """The UI language: the command line wins, then the stored preference, then German."""
    from k360desk.ui import settings

    if lang in ("de", "en"):
        return lang
    stored = settings.get(settings.LANGUAGE)
    return stored if stored in ("de", "en") else "de"


def install_translators(app, lang: str) -> list:
    """Install Qt's own translation (standard dialogs) and ours; return the translators."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from k360desk import messages
    from k360desk.ui import i18n

    # Maps, charts, PDFs and errors from the layers below speak the same language as the window.
    messages.set_language(lang)
    installed = []
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    ours = i18n.load_translator(app, lang)
    if ours is not None:
        app.installTranslator(ours)
        installed.append(ours)
    # Numbers and dates in widgets follow the UI language (German: 1.234,5 and 21.11.2026).
    QLocale.setDefault(QLocale(QLocale.Language.German if lang == "de"
                               else QLocale.Language.English,
                               QLocale.Country.Germany))
    return installed


def create_application(argv: list[str] | None = None, smoke: bool = False):
    """Create (or reuse) the QApplication with our names, DPI and style settings."""
    if smoke:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_NAME)
    # Title bar and taskbar: Qt does not take the icon embedded in k360desk.exe by itself.
    from PySide6.QtGui import QIcon

    icon = Path(__file__).resolve().parent.parent / "resources" / "k360desk.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    app.setProperty("k360_smoke", smoke)
    return app


def run_gui(document: str | None = None, demo: bool = False, smoke: bool = False,
            lang: str | None = None) -> int:
    """Start the desktop application; returns the process exit code."""
    data = paths.data_dir()
    setup_logging()
    log.info("k360desk %s starting (python %s)", __version__, sys.version.split()[0])
    install_exception_hook()
    os.environ.setdefault("MPLCONFIGDIR", str(data / "matplotlib"))
    app = create_application(smoke=smoke)

    from k360desk.ui import settings

    settings.upgrade()
    language = choose_language(lang)
    app._k360_translators = install_translators(app, language)  # keep them alive

    from k360desk.ui.main_window import MainWindow

    window = MainWindow()
    documents = window.documents
    documents.interactive = not smoke
    if document:
        documents.open_path(document)
    elif demo or smoke:
        documents.open_demo()

    if smoke:
        window.show()
        app.processEvents()
        window.grab()  # paint once: "ready" means drawn, not just created
        ready = process_age()
        from k360desk.formats import format_number

        ok = documents.context.project is not None
        print(f"Hauptfenster bereit nach {format_number(ready, 2)} s"
              + ("" if ok else " (ohne Projekt)"))
        log.info("smoke: main window ready after %.2f s", ready)
        window.documents.discard_and_close()
        window.close()
        window.deleteLater()
        app.processEvents()
        return 0 if ok else 1

    window.show()
    if document is None and not demo:
        # After the window is up, so the question has a parent and the welcome page behind it.
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, documents.offer_recovery)
    code = app.exec()
    log.info("k360desk ended (%s)", code)
    return int(code)
