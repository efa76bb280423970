"""The document lifecycle: New, Open, Save, Save As, Close, recent files, crash recovery.

``DocumentController`` is the only GUI code that creates, opens, saves or closes a
``Project``. Every question it asks the user goes through one ``ask_*``/``show_*`` method,
so tests replace exactly those and drive the real workflow.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir, QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from k360desk import FILE_SUFFIX, __version__
from k360desk.projectfile import Project, ProjectError, workfile
from k360desk.projectfile import paths as model_paths
from k360desk.ui import settings
from k360desk.ui.context import ProjectContext
from k360desk.ui.new_project_dialog import NewProjectDialog, NewProjectSpec

log = logging.getLogger(__name__)

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
DEMO_NAME = "Musterstadt"


class _WaitCursor:
    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc) -> None:
        QGuiApplication.restoreOverrideCursor()


class DocumentController(QObject):
    """Creates, opens, saves and closes the project shown in one main window."""

    recent_changed = Signal()
    document_changed = Signal()
    """The file name or read-only state changed (after open, save as, close)."""

    def __init__(self, context: ProjectContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        # False for unattended runs (--smoke): messages go to stderr instead of dialogs.
        self.interactive = True

    # --- questions to the user (replaced in tests) -------------------------------------

    def ask_new_project(self) -> NewProjectSpec | None:
        """Ask for name, AGS and CRS of a new project; None when cancelled."""
        dialog = NewProjectDialog(self.window)
        return dialog.spec() if dialog.exec() == NewProjectDialog.DialogCode.Accepted else None

    def _filter(self) -> str:
        return self.tr("k360desk-Projekte (*.k360);;Alle Dateien (*)")

    def ask_open_path(self) -> str | None:
        """Ask which project file to open."""
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Projekt öffnen"),
                                              self._start_folder(), self._filter())
        return path or None

    def ask_save_path(self, suggested: str) -> str | None:
        """Ask where to save the project."""
        start = str(Path(self._start_folder()) / suggested)
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Projekt speichern unter"),
                                              start, self._filter())
        return path or None

    def ask_save_changes(self) -> str:
        """Ask whether to save unsaved changes: SAVE, DISCARD or CANCEL."""
        project = self.context.project
        title = project.title if project else ""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Änderungen speichern?"),
                          self.tr("Möchten Sie die Änderungen an „%1“ speichern?").replace(
                              "%1", title), QMessageBox.StandardButton.NoButton, self.window)
        box.setInformativeText(self.tr("Ohne Speichern gehen die Änderungen verloren."))
        save = box.addButton(self.tr("&Speichern"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("&Nicht speichern"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Abbrechen"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return SAVE if clicked is save else DISCARD if clicked is discard else CANCEL

    def ask_overwrite_changed(self) -> str:
        """The file changed on disk since it was opened: "overwrite", "save_as" or "cancel"."""
        project = self.context.project
        title = project.title if project else ""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Datei wurde geändert"),
                          self.tr("„%1“ wurde seit dem Öffnen außerhalb von k360desk geändert"
                                  " (z. B. in QGIS oder von einer Kollegin).").replace("%1", title),
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setInformativeText(self.tr("Beim Überschreiben gehen diese Änderungen verloren (eine"
                                       " Sicherung der bisherigen Fassung wird aufbewahrt)."))
        save_as = box.addButton(self.tr("Speichern &unter …"), QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton(self.tr("Ü&berschreiben"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Abbrechen"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save_as)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "save_as" if clicked is save_as else "overwrite" if clicked is overwrite else "cancel"

    def ask_recover(self, leftover: workfile.Leftover) -> str:
        """Offer unsaved work after a crash: "recover", "discard" or "later"."""
        info = leftover.info
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Ungesicherte Arbeit gefunden"),
                          self.tr("k360desk wurde beim letzten Mal nicht regulär beendet. Es gibt"
                                  " ungesicherte Änderungen an „%1“ (geöffnet am %2).").replace(
                              "%1", info.title).replace("%2", _german_datetime(info.opened)),
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setInformativeText(self.tr("Möchten Sie diese Arbeit wiederherstellen?"))
        recover = box.addButton(self.tr("&Wiederherstellen"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("&Verwerfen"), QMessageBox.ButtonRole.DestructiveRole)
        later = box.addButton(self.tr("&Später"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(recover)
        box.setEscapeButton(later)
        box.exec()
        clicked = box.clickedButton()
        return "recover" if clicked is recover else "discard" if clicked is discard else "later"

    def show_error(self, title: str, text: str) -> None:
        """Tell the user something did not work (German, no traceback)."""
        if not self.interactive:
            print(f"{title}: {text}", file=sys.stderr)
            return
        QMessageBox.warning(self.window, title, text)

    def show_notice(self, title: str, text: str) -> None:
        """Tell the user something worth knowing (read-only file, upgraded format …)."""
        if not self.interactive:
            print(f"{title}: {text}", file=sys.stderr)
            return
        QMessageBox.information(self.window, title, text)

    # --- actions -----------------------------------------------------------------------

    def new_project(self) -> bool:
        """Create a new, untitled project after asking for its basics."""
        # Ask first: cancelling the dialog leaves the open project as it was.
        spec = self.ask_new_project()
        if spec is None or not self._maybe_save():
            return False
        try:
            project = Project.create(spec.name, crs=spec.crs, ags=spec.ags)
        except (ProjectError, OSError) as exc:
            self.show_error(self.tr("Neues Projekt"), _message(exc))
            return False
        self._close_current()
        self._replace(project)
        return True

    def open_dialog(self) -> bool:
        """Ask for a file and open it."""
        path = self.ask_open_path()
        return self.open_path(path) if path else False

    def open_path(self, path: str | Path) -> bool:
        """Open a project file; the current project stays open if that fails."""
        path = Path(path).absolute()
        current = self.context.project
        if current is not None and current.path is not None and current.path == path:
            self.show_notice(self.tr("Projekt öffnen"),
                             self.tr("„%1“ ist bereits geöffnet.").replace("%1", path.name))
            return True
        if not path.exists():
            settings.remove_recent_file(str(path))
            self.recent_changed.emit()
            self.show_error(self.tr("Projekt öffnen"), self.tr(
                "Die Datei „%1“ gibt es nicht (mehr).").replace("%1", str(path)))
            return False
        if not self._maybe_save():
            return False
        try:
            with _WaitCursor():
                project = Project.open(path)
        except (ProjectError, OSError, sqlite3.DatabaseError) as exc:
            log.info("open failed: %s: %s", path, exc)
            from k360desk.ui import damaged

            if damaged.is_damage(exc):
                return self._open_damaged(path)
            self.show_error(self.tr("Projekt öffnen"), _message(exc))
            return False
        self._close_current()
        self._replace(project)
        settings.add_recent_file(str(path))
        settings.put(settings.LAST_FOLDER, str(path.parent))
        self.recent_changed.emit()
        if project.notices:
            self.show_notice(self.tr("Hinweis zu „%1“").replace("%1", path.name),
                             "\n\n".join(project.notices))
        return True

    def _open_damaged(self, path: Path) -> bool:
        """Explain the damage; offer the newest kept version as a new file beside it."""
        from k360desk.ui import damaged

        backups = damaged.find_backups(path)
        text = damaged.explanation(path, backups)
        if not backups or not self.interactive:
            self.show_error(self.tr("Projekt öffnen"), text)
            return False
        chosen = self.ask_open_backup(text, backups)
        if chosen is None:
            return False
        try:
            restored = damaged.restore_beside(path, chosen)
        except OSError as exc:
            self.show_error(self.tr("Projekt öffnen"), _message(exc))
            return False
        return self.open_path(restored)

    def ask_open_backup(self, text: str, backups) -> object | None:
        """Offer the kept versions of a damaged file; the one chosen, or None."""
        from PySide6.QtWidgets import QInputDialog

        from k360desk.ui import damaged

        labels = [self.tr("Fassung vom %1").replace("%1", damaged.backup_label(b)) for b in backups]
        choice, ok = QInputDialog.getItem(
            self.window, self.tr("Beschädigte Datei"),
            text + "\n\n" + self.tr("Eine gesicherte Fassung als neue Datei öffnen:"),
            labels, 0, False)
        return backups[labels.index(choice)] if ok and choice in labels else None

    def open_demo(self) -> bool:
        """Open the demo project "Musterstadt" as an untitled document."""
        if not self._maybe_save():
            return False
        try:
            with _WaitCursor():
                project = load_demo()
        except (ProjectError, OSError) as exc:
            self.show_error(self.tr("Demo öffnen"), _message(exc))
            return False
        self._close_current()
        self._replace(project)
        return True

    def save(self) -> bool:
        """Save to the project's file; untitled or read-only projects go to Save As."""
        project = self.context.project
        if project is None:
            return False
        if project.path is None or project.read_only:
            return self.save_as()
        overwrite = False
        if project.changed_on_disk():
            answer = self.ask_overwrite_changed()
            if answer == "save_as":
                return self.save_as()
            if answer != "overwrite":
                return False
            overwrite = True
        try:
            with _WaitCursor():
                project.save(overwrite_changed=overwrite)
        except (ProjectError, OSError) as exc:
            self.show_error(self.tr("Speichern"), _message(exc))
            return False
        self.context.mark_saved()
        self.document_changed.emit()
        return True

    def save_as(self) -> bool:
        """Ask for a new file name and save there; that file becomes the document."""
        project = self.context.project
        if project is None:
            return False
        suggested = project.path.name if project.path else project.title + FILE_SUFFIX
        target = self.ask_save_path(suggested)
        if not target:
            return False
        try:
            with _WaitCursor():
                project.save_as(target)
        except (ProjectError, OSError) as exc:
            self.show_error(self.tr("Speichern unter"), _message(exc))
            return False
        settings.add_recent_file(str(project.path))
        settings.put(settings.LAST_FOLDER, str(Path(project.path).parent))
        self.recent_changed.emit()
        self.context.mark_saved()
        self.document_changed.emit()
        return True

    def close_project(self) -> bool:
        """Close the project after the unsaved-changes question; False if cancelled."""
        if self.context.project is None:
            return True
        if not self._maybe_save():
            return False
        self._close_current()
        self.context.set_project(None)
        self.document_changed.emit()
        return True

    def discard_and_close(self) -> None:
        """Close without asking (smoke runs, tests, after a confirmed quit)."""
        self._close_current()
        self.context.set_project(None)

    def offer_recovery(self) -> bool:
        """After a crash, offer the unsaved work of earlier sessions; True if recovered."""
        if not settings.get(settings.OFFER_RECOVERY):
            return False
        for leftover in workfile.leftovers():
            answer = self.ask_recover(leftover)
            if answer == "discard":
                workfile.remove_work(leftover.work)
            elif answer == "recover":
                if not self._maybe_save():
                    return False
                try:
                    project = Project.recover(leftover)
                except Exception as exc:  # noqa: BLE001 - a damaged leftover must not stop the app
                    self.show_error(self.tr("Wiederherstellen"), _message(exc))
                    continue
                self._close_current()
                self._replace(project)
                return True
        return False

    # --- helpers -------------------------------------------------------------------------

    def _maybe_save(self) -> bool:
        if self.context.project is None or not self.context.is_modified():
            return True
        can_close = getattr(self.window, "pages_can_close", None)
        if can_close is not None and not can_close():
            return False
        answer = self.ask_save_changes()
        if answer == CANCEL:
            return False
        if answer == SAVE:
            return self.save()
        return True

    def _close_current(self) -> None:
        from k360desk.ui.tasks import cancel_all

        project = self.context.project
        if project is None:
            return
        cancel_all()
        self.context.set_project(None)
        project.close()

    def _replace(self, project: Project) -> None:
        self.context.set_project(project)
        self.document_changed.emit()

    def _start_folder(self) -> str:
        folder = settings.get(settings.LAST_FOLDER)
        if folder and Path(folder).is_dir():
            return folder
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return docs or QDir.homePath()


def _message(exc: BaseException) -> str:
    if isinstance(exc, ProjectError):
        return str(exc)
    if isinstance(exc, OSError):
        return QCoreApplication.translate("DocumentController",
                                          "Die Datei ist nicht zugänglich: %1").replace(
            "%1", str(exc.strerror or exc))
    log.exception("unexpected error", exc_info=exc)
    return f"{type(exc).__name__}: {exc}"


def _german_datetime(iso: str) -> str:
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).strftime("%d.%m.%Y %H:%M")
    except ValueError:
        return iso


# --- the demo project --------------------------------------------------------------------

def _demo_stamp() -> str:
    """Changes whenever the demo generator changes, so the cached demo is rebuilt."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("k360desk.demo")
    except ImportError:
        spec = None
    if spec is None or spec.origin is None:
        return "leer"
    origin = Path(spec.origin)
    files = origin.parent.glob("*.py") if origin.name == "__init__.py" else [origin]
    stamps = [int(f.stat().st_mtime) for f in files if f.is_file()]
    if not stamps:
        # A frozen bundle keeps the generator inside its archive, not as files: the
        # executable changes with every build, and with it the generator it carries.
        exe = Path(sys.executable)
        return f"b{int(exe.stat().st_mtime)}" if exe.is_file() else "gebuendelt"
    return str(max(stamps))


def load_demo() -> Project:
    """The demo project "Musterstadt", untitled; generated once and then cached."""
    cache_dir = model_paths.data_dir() / "demo"
    cache = cache_dir / f"{DEMO_NAME}-{__version__}-{_demo_stamp()}{FILE_SUFFIX}"
    if not cache.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob(f"*{FILE_SUFFIX}"):
            old.unlink(missing_ok=True)
        try:
            from k360desk.demo import create_demo
        except ImportError:
            # Without the generator (early builds) the demo is an empty "Musterstadt".
            return Project.create(DEMO_NAME)
        project = create_demo(scale="demo", seed=360)
        project.write_copy(cache)
        return _as_untitled(project)
    return _as_untitled(Project.open(cache, read_only=True))


def _as_untitled(project: Project) -> Project:
    """Detach a project from its file: Save then asks where to put it."""
    if project.path is not None:
        workfile.release_lock(project.path)
    project.path = None
    project.read_only = False
    project.read_only_reason = ""
    project.modified = False
    workfile.write_info(project.work_path, workfile.make_info(None, DEMO_NAME))
    return project
