"""The main window: menus, navigation, page stack and status bar. It only assembles.

Pages come from the registry in ``pages.py`` and are created when first shown (so their
imports stay out of startup); they are dropped when the project is closed or replaced.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from k360desk import FILE_SUFFIX
from k360desk.ui import icons, settings
from k360desk.ui import pages as page_registry
from k360desk.ui.context import ProjectContext
from k360desk.ui.document import DocumentController
from k360desk.ui.layout import remember_splitter
from k360desk.ui.menus import Menus
from k360desk.ui.welcome import WelcomePage


class MainWindow(QMainWindow):
    """One project per window: welcome page without a project, pages with one."""

    def __init__(self, context: ProjectContext | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.context = context or ProjectContext(self)
        self.documents = DocumentController(self.context, self)
        self._pages: dict[str, QWidget] = {}

        self.welcome = WelcomePage(self.documents, self)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setAccessibleDescription(self.tr("Bereiche des Projekts; mit Strg+1 bis Strg+9"
                                                  " direkt erreichbar"))
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setUniformItemSizes(True)
        self.nav.setSpacing(1)
        for spec in page_registry.PAGES:
            item = QListWidgetItem(icons.icon(spec.icon), spec.translated_title())
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(spec.translated_description())
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, spec.translated_description())
            item.setSizeHint(QSize(0, self.fontMetrics().height() * 2 + 4))
            self.nav.addItem(item)
        self.nav.setMinimumWidth(self.fontMetrics().horizontalAdvance("Karten & Diagramme") + 64)
        self.nav.currentRowChanged.connect(self._show_row)

        self.page_stack = QStackedWidget()
        self.page_stack.setObjectName("pages")
        self.workspace = QSplitter()
        self.workspace.setChildrenCollapsible(False)
        self.workspace.addWidget(self.nav)
        self.workspace.addWidget(self.page_stack)
        self.workspace.setStretchFactor(1, 1)
        # The navigation takes no more than its titles need: every pixel counts at 1280 px.
        nav_width = self.nav.minimumWidth() + 8
        self.workspace.setSizes([nav_width, 1280 - nav_width])
        remember_splitter(self.workspace, "navigation")

        self.central = QStackedWidget()
        self.central.addWidget(self.welcome)
        self.central.addWidget(self.workspace)
        self.setCentralWidget(self.central)

        self._build_status_bar()
        self.menus = Menus(self)
        self.context.project_replaced.connect(self._on_project_replaced)
        self.context.modified_changed.connect(self._update_title)
        self.context.selection_changed.connect(self._update_selection_label)
        self.context.changed.connect(self._on_changed)
        self.documents.document_changed.connect(self._update_title)
        self.documents.recent_changed.connect(self.welcome.refresh_recent)
        self.setAcceptDrops(True)
        geometry = settings.get(settings.WINDOW_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        self._fit_to_screen()
        self._on_project_replaced()

    # --- building ------------------------------------------------------------------------

    def _fit_to_screen(self) -> None:
        """Shrink the window to the screen's free area (a 1366×768 laptop is only 728 px
        high above the taskbar; a geometry saved on a larger monitor must not hang over)."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return
        available = screen.availableGeometry()
        # The title bar and frame are not known before the window is shown; keep room for them.
        frame_extra = QSize(16, 40)
        width = min(self.width(), available.width() - frame_extra.width())
        height = min(self.height(), available.height() - frame_extra.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        if not available.contains(self.geometry()):
            self.move(available.topLeft())

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.file_label = QLabel()
        self.file_label.setAccessibleName(self.tr("Datei"))
        self.save_label = QLabel()
        self.save_label.setAccessibleName(self.tr("Speicherstand"))
        self.selection_label = QLabel()
        self.selection_label.setAccessibleName(self.tr("Ausgewählter Sozialraum"))
        # Room between the permanent labels, or selection and save state read as one text.
        self.selection_label.setContentsMargins(0, 0, 16, 0)
        bar.addWidget(self.file_label, 1)
        bar.addPermanentWidget(self.selection_label)
        bar.addPermanentWidget(self.save_label)

    # --- pages ---------------------------------------------------------------------------

    def show_page(self, key: str) -> QWidget | None:
        """Show the page with this key (creating it on first use)."""
        keys = [spec.key for spec in page_registry.PAGES]
        if key not in keys or self.context.project is None:
            return None
        self.nav.setCurrentRow(keys.index(key))
        return self._pages.get(key)

    def current_page_key(self) -> str | None:
        """Key of the page shown, or "welcome" without a project."""
        if self.context.project is None:
            return "welcome"
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def page(self, key: str) -> QWidget | None:
        """The page widget if it has been created."""
        return self._pages.get(key)

    def _show_row(self, row: int) -> None:
        if row < 0 or self.context.project is None:
            return
        spec = page_registry.PAGES[row]
        widget = self._pages.get(spec.key)
        if widget is None:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                widget = page_registry.create_page(spec, self.context, self.page_stack)
            finally:
                QApplication.restoreOverrideCursor()
            self._pages[spec.key] = widget
            self.page_stack.addWidget(widget)
            navigate = getattr(widget, "navigate", None)
            if navigate is not None and hasattr(navigate, "connect"):
                navigate.connect(self.show_page)
        self.page_stack.setCurrentWidget(widget)
        settings.put(settings.LAST_PAGE, spec.key)

    def _drop_pages(self) -> None:
        for widget in self._pages.values():
            self.page_stack.removeWidget(widget)
            widget.deleteLater()
        self._pages.clear()

    def pages_can_close(self) -> bool:
        """Ask every page whether it may close (e.g. an unfinished form)."""
        return all(getattr(w, "can_close", lambda: True)() for w in self._pages.values())

    # --- reacting to the project ---------------------------------------------------------

    def _on_project_replaced(self) -> None:
        self._drop_pages()
        has_project = self.context.project is not None
        self.menus.enable_for_project(has_project)
        if has_project:
            self.central.setCurrentWidget(self.workspace)
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(-1)
            self.nav.blockSignals(False)
            self.show_page("overview")
            self.nav.setFocus()
            from k360desk.ui import warm_up

            warm_up.start_soon()
            warm_up.prefetch_pages(self)
        else:
            self.central.setCurrentWidget(self.welcome)
            self.welcome.refresh_recent()
        self._update_title()
        self._update_selection_label(self.context.selected_districts)

    def _on_changed(self, changes) -> None:
        if any(change.table in ("k360_meta", "districts") for change in changes):
            self._update_title()
            self._update_selection_label(self.context.selected_districts)

    def _update_title(self, *_args) -> None:
        project = self.context.project
        if project is None:
            self.setWindowTitle("k360desk")
            self.setWindowModified(False)
            self.file_label.setText(self.tr("Kein Projekt geöffnet"))
            self.save_label.setText("")
            return
        modified = self.context.is_modified()
        name = project.path.name if project.path else project.title
        suffix = self.tr(" (schreibgeschützt)") if project.read_only else ""
        self.setWindowTitle(f"{name}{suffix}[*] – k360desk")
        self.setWindowModified(modified)
        self.file_label.setText(str(project.path) if project.path
                                else self.tr("%1 (noch nicht gespeichert)").replace("%1", name))
        if project.read_only:
            state = self.tr("Schreibgeschützt – bitte „Speichern unter“")
        elif modified:
            state = self.tr("Ungespeicherte Änderungen")
        elif project.path is None:
            state = self.tr("Nicht gespeichert")
        else:
            state = self.tr("Gespeichert")
        self.save_label.setText(state)

    def _update_selection_label(self, ids) -> None:
        project = self.context.project
        if project is None or not ids:
            self.selection_label.setText("")
            return
        if len(ids) > 1:
            self.selection_label.setText(self.tr("%n Sozialräume ausgewählt", "", len(ids)))
            return
        from k360desk.projectfile import District

        district = project.get(District, ids[0])
        text = f"{district.code} {district.name}" if district else str(ids[0])
        self.selection_label.setText(self.tr("Sozialraum: %1").replace("%1", text))

    # --- commands ------------------------------------------------------------------------

    def show_help(self, topic: str | None = None) -> None:
        """Open the help for a topic (default: the current view)."""
        from k360desk.ui.help import show_help

        if topic is None:
            page = self._pages.get(self.current_page_key() or "")
            topic = getattr(page, "help_topic", None) or self.current_page_key() or "welcome"
        show_help(topic, self)

    def show_about(self) -> None:
        """Versions and licences."""
        from k360desk.ui.help import AboutDialog

        AboutDialog(self).exec()

    @staticmethod
    def _dropped_project(event) -> str | None:
        for url in event.mimeData().urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(FILE_SUFFIX):
                return url.toLocalFile()
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        """Accept a project file dragged from Explorer."""
        if self._dropped_project(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        """Open a project file dropped on the window."""
        path = self._dropped_project(event)
        if path:
            event.acceptProposedAction()
            self.documents.open_path(Path(path))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        """Quit only after the unsaved-changes question."""
        if not self.documents.close_project():
            event.ignore()
            return
        settings.put(settings.WINDOW_GEOMETRY, self.saveGeometry())
        event.accept()
