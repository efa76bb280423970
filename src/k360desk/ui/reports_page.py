"""The "Berichte" page: choose a report, preview it (QtPdf), print it, save it as PDF or Word.

The PDF is written by ``k360desk.export.pdf`` off the GUI thread through ``run_task`` (with
progress and Cancel for the profile book) on a read-only connection to the working copy,
then loaded into a ``QPdfDocument`` for the preview. Printing renders the same PDF pages.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt, QTemporaryDir, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from k360desk.ui.tasks import run_task

KINDS = ("profile", "book", "committee", "atlas")


class ReportsPage(QWidget):
    """Report kind and options on the left, the PDF preview on the right."""

    help_topic = "reports"
    preview_ready = Signal(str)

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._tmp = QTemporaryDir()
        self._counter = 0
        self.current_pdf: Path | None = None
        self._build()
        context.project_replaced.connect(self.reload)
        context.changed.connect(self._on_changed)
        self.reload()

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        left = QWidget()
        form = QVBoxLayout(left)
        self.kind = QComboBox()
        for key, label in zip(
            KINDS,
            (
                self.tr("Quartiersprofil"),
                self.tr("Profilbuch"),
                self.tr("Beschlussvorlage (Förderrunde)"),
                self.tr("Sozialatlas"),
            ),
            strict=True,
        ):
            self.kind.addItem(label, key)
        self.kind.setAccessibleName(self.tr("Art des Berichts"))
        top = QFormLayout()
        top.addRow(self.tr("&Bericht:"), self.kind)
        form.addLayout(top)

        self.options = QStackedWidget()
        # Profile: one district.
        page = QWidget()
        lay = QFormLayout(page)
        self.district = QComboBox()
        self.district.setAccessibleName(self.tr("Sozialraum"))
        lay.addRow(self.tr("&Sozialraum:"), self.district)
        self.options.addWidget(page)
        # Book: all, one level, or a selection.
        page = QWidget()
        lay = QVBoxLayout(page)
        self.book_all = QRadioButton(self.tr("&Alle Sozialräume"))
        self.book_level = QRadioButton(self.tr("Eine &Ebene:"))
        self.book_pick = QRadioButton(self.tr("A&uswahl:"))
        self.book_group = QButtonGroup(self)
        for button in (self.book_all, self.book_level, self.book_pick):
            self.book_group.addButton(button)
        self.book_level.setChecked(True)
        self.level = QComboBox()
        self.level.setAccessibleName(self.tr("Ebene"))
        self.selection = QListWidget()
        self.selection.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.selection.setAccessibleName(self.tr("Sozialräume für das Profilbuch"))
        row = QHBoxLayout()
        row.addWidget(self.book_level)
        row.addWidget(self.level, 1)
        lay.addWidget(self.book_all)
        lay.addLayout(row)
        lay.addWidget(self.book_pick)
        lay.addWidget(self.selection, 1)
        self.options.addWidget(page)
        # Committee: a round.
        page = QWidget()
        lay = QFormLayout(page)
        self.round = QComboBox()
        self.round.setAccessibleName(self.tr("Förderrunde"))
        lay.addRow(self.tr("&Förderrunde:"), self.round)
        self.options.addWidget(page)
        # Atlas: all or one level.
        page = QWidget()
        lay = QFormLayout(page)
        self.atlas_level = QComboBox()
        self.atlas_level.setAccessibleName(self.tr("Ebene des Sozialatlas"))
        lay.addRow(self.tr("E&bene:"), self.atlas_level)
        self.options.addWidget(page)
        form.addWidget(self.options, 1)

        self.create_button = QPushButton(self.tr("&Vorschau erstellen"))
        self.print_button = QPushButton(self.tr("&Drucken …"))
        self.save_button = QPushButton(self.tr("Als &PDF speichern …"))
        self.word_button = QPushButton(self.tr("Als &Word-Dokument speichern …"))
        for button in (self.create_button, self.print_button, self.save_button, self.word_button):
            form.addWidget(button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Status"))
        form.addWidget(self.status)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(self.tr("Vorschau des Berichts"))

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 3)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.create_button.clicked.connect(self.create_preview)
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_pdf)
        self.word_button.clicked.connect(self.save_word)
        self.selection.itemSelectionChanged.connect(lambda: self.book_pick.setChecked(True))
        self._kind_changed()

    # --- state ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Fill the choices from the open project and drop the preview."""
        self.document.close()
        self.current_pdf = None
        for box in (self.district, self.level, self.round, self.atlas_level):
            box.clear()
        self.selection.clear()
        project = self.context.project
        self.create_button.setEnabled(project is not None)
        self._update_buttons()
        if project is None:
            return
        districts = project.districts_frame().sort_values(["level_rank", "code"])
        for district_id, row in districts.iterrows():
            text = f"{row['code']} {row['name']}" + (f" ({row['level']})" if row.get("level") else "")
            self.district.addItem(text, int(district_id))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, int(district_id))
            self.selection.addItem(item)
        self.atlas_level.addItem(self.tr("alle Sozialräume"), None)
        for name in dict.fromkeys(districts["level"].dropna().astype(str)):
            self.level.addItem(name, name)
            self.atlas_level.addItem(name, name)
        if self.level.count():
            self.level.setCurrentIndex(self.level.count() - 1)
        from k360desk.models import rounds

        for _, row in rounds.rounds_frame(project).iterrows():
            self.round.addItem(f"{row['name']} ({row['status_label']})", int(row["id"]))

    def _on_changed(self, changes) -> None:
        tables = {c.table for c in changes}
        if tables & {"districts", "district_levels", "funding_rounds"}:
            self.reload()

    def _kind_changed(self) -> None:
        self.options.setCurrentIndex(self.kind.currentIndex())
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current_pdf is not None
        self.print_button.setEnabled(has)
        self.save_button.setEnabled(has)
        self.word_button.setVisible(self.kind.currentData() == "committee")
        self.word_button.setEnabled(self.context.project is not None and self.round.count() > 0)

    # --- writing ---------------------------------------------------------------------------

    def _request(self) -> dict:
        kind = self.kind.currentData()
        if kind == "profile":
            return {"kind": kind, "district_id": self.district.currentData()}
        if kind == "book":
            if self.book_all.isChecked():
                return {"kind": kind, "ids": None, "level": None}
            if self.book_pick.isChecked():
                ids = [i.data(Qt.ItemDataRole.UserRole) for i in self.selection.selectedItems()]
                return {"kind": kind, "ids": ids, "level": None}
            return {"kind": kind, "ids": None, "level": self.level.currentData()}
        if kind == "committee":
            return {"kind": kind, "round_id": self.round.currentData()}
        return {"kind": kind, "level": self.atlas_level.currentData()}

    def create_preview(self) -> None:
        """Write the chosen report to a temporary PDF (off the GUI thread) and show it."""
        project = self.context.project
        if project is None:
            return
        request = self._request()
        if request["kind"] == "profile" and request["district_id"] is None:
            self.status.setText(self.tr("Bitte einen Sozialraum wählen."))
            return
        if request["kind"] == "committee" and request["round_id"] is None:
            self.status.setText(self.tr("Im Projekt gibt es noch keine Förderrunde."))
            return
        if request["kind"] == "book" and request["ids"] == []:
            self.status.setText(self.tr("Bitte mindestens einen Sozialraum auswählen."))
            return
        preload()
        self._counter += 1
        target = Path(self._tmp.path()) / f"bericht-{self._counter}.pdf"
        work = str(project.work_path)
        self.status.setText(self.tr("Bericht wird erstellt …"))
        self.create_button.setEnabled(False)
        run_task(
            self,
            self.tr("Bericht erstellen"),
            lambda progress: write_report(work, request, target, progress),
            self._shown,
            on_error=self._failed,
            key="reports-preview",
            on_cancel=self._cancelled,
        )

    def _shown(self, path: Path) -> None:
        self.create_button.setEnabled(True)
        self.document.close()
        self.document.load(str(path))
        self.current_pdf = Path(path)
        pages = self.document.pageCount()
        self.status.setText(self.tr("Vorschau: %n Seite(n).", "", pages))
        self._update_buttons()
        self.preview_ready.emit(str(path))

    def _failed(self, exc: BaseException) -> None:
        from k360desk.ui.tasks import show_error

        self.create_button.setEnabled(True)
        self.status.setText(self.tr("Der Bericht konnte nicht erstellt werden."))
        show_error(self, self.tr("Bericht erstellen"), exc)

    def _cancelled(self) -> None:
        self.create_button.setEnabled(True)
        self.status.setText(self.tr("Abgebrochen."))

    def _ask_target(self, title: str, suffix: str, filter_text: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"{self.kind.currentText().split(' (')[0]}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path(folder) / name), filter_text)
        if not path:
            return None
        target = Path(path)
        return target if target.suffix.lower() == suffix else target.with_suffix(suffix)

    def save_pdf(self) -> None:
        """Copy the previewed PDF to a place the user chooses."""
        if self.current_pdf is None:
            return
        target = self._ask_target(
            self.tr("Bericht als PDF speichern"), ".pdf", self.tr("PDF-Dateien (*.pdf)")
        )
        if target is None:
            return
        try:
            shutil.copyfile(self.current_pdf, target)
        except OSError as exc:
            from k360desk.ui.tasks import show_error

            show_error(self, self.tr("Bericht als PDF speichern"), exc)
            return
        self.status.setText(self.tr("Gespeichert: %1").replace("%1", str(target)))

    def save_word(self) -> None:
        """Write the committee template as an editable Word document."""
        project = self.context.project
        round_id = self.round.currentData()
        if project is None or round_id is None:
            return
        target = self._ask_target(
            self.tr("Beschlussvorlage als Word-Dokument speichern"),
            ".docx",
            self.tr("Word-Dokumente (*.docx)"),
        )
        if target is None:
            return
        preload()
        work = str(project.work_path)
        request = {"kind": "committee_docx", "round_id": round_id}
        run_task(
            self,
            self.tr("Word-Dokument schreiben"),
            lambda progress: write_report(work, request, target, progress),
            lambda path: self.status.setText(self.tr("Gespeichert: %1").replace("%1", str(path))),
        )

    def print_report(self) -> None:
        """Print the previewed PDF through the system print dialog."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.current_pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.current_pdf.stem)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        print_pdf(self.document, printer)


_PRELOAD = (
    "k360desk.export.pdf.profile",
    "k360desk.export.pdf.profile_data",
    "k360desk.export.pdf.book",
    "k360desk.export.pdf.committee",
    "k360desk.export.pdf.committee_docx",
    "k360desk.export.pdf.atlas",
    "k360desk.export.pdf.markdown",
    "k360desk.export.pdf.glossary",
    "k360desk.export.map_data",
    "k360desk.export.map_render",
    "k360desk.figures.rounds",
    "k360desk.models.profiles",
    "pypdf",
    "docx",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "reportlab.pdfbase.ttfonts",
    "reportlab.lib.utils",
    "PIL.Image",
    "PIL.PngImagePlugin",
    "geopandas",
    "concurrent.futures.process",
    "multiprocessing.spawn",
)


def preload() -> None:
    """Import the report modules on the GUI thread, once.

    PySide6 hooks ``import`` and inspects each newly imported module; doing that on a worker
    thread while the GUI thread runs crashed the app ("none_dealloc" in shibokensupport).
    Modules already imported pass the hook without that work.
    """
    import importlib

    for name in _PRELOAD:
        importlib.import_module(name)
    from k360desk.export.pdf.base import register_fonts

    register_fonts()


def print_pdf(document, printer) -> int:
    """Render the pages of a loaded QPdfDocument onto a QPrinter; returns pages printed."""
    first = max(printer.fromPage(), 1) if printer.fromPage() else 1
    last = printer.toPage() or document.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        for number in range(first, min(last, document.pageCount()) + 1):
            if printed:
                printer.newPage()
            area = printer.pageRect(printer.Unit.DevicePixel).toRect()
            size = document.pagePointSize(number - 1)
            scale = min(area.width() / size.width(), area.height() / size.height())
            image = document.render(number - 1, QSize(int(size.width() * scale), int(size.height() * scale)))
            painter.drawImage(0, 0, image)
            printed += 1
    finally:
        painter.end()
    return printed


def write_report(work_path: str, request: dict, target: Path, progress) -> Path:
    """Write one report on a read-only connection of its own (called on a worker thread).

    The work runs on a thread started by Python, not on the QThreadPool thread itself:
    pyproj ≥ 3.7 keeps its PROJ context in thread-local storage that needs a Python thread
    state, and creating a CRS (every GeoDataFrame does) on a bare QThread segfaults
    (pyproj issue #1509). The pool thread only waits.
    """
    import threading

    outcome: dict = {}

    def work() -> None:
        try:
            outcome["result"] = _write_report(work_path, request, target, progress)
        except BaseException as exc:  # noqa: BLE001 - re-raised on the calling thread
            outcome["error"] = exc

    thread = threading.Thread(target=work, name="k360desk-report", daemon=True)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _write_report(work_path: str, request: dict, target: Path, progress) -> Path:
    from k360desk.models import profiles

    project = profiles.open_reader(work_path)
    try:
        kind = request["kind"]
        if kind == "profile":
            from k360desk.export.pdf.profile import write_profile

            code = str(project.districts_frame().loc[request["district_id"], "code"])
            progress.step(0, 1, "Quartiersprofil …")
            write_profile(project, code, target)
        elif kind == "book":
            from k360desk.export.pdf.book import select_districts, write_book

            ids = request["ids"] or select_districts(project, level=request["level"])
            write_book(project, target, ids, progress=progress)
        elif kind == "committee":
            from k360desk.export.pdf.committee import write_committee_pdf

            write_committee_pdf(project, request["round_id"], target)
        elif kind == "committee_docx":
            from k360desk.export.pdf.committee_docx import write_committee_docx

            write_committee_docx(project, request["round_id"], target)
        else:
            from k360desk.export.pdf.atlas import write_atlas

            write_atlas(project, target, level=request["level"])
    finally:
        project._conn.close()
    return target
