"""The self-test steps that need Qt: a window, matplotlib in Qt, QtPdf and printing.

Kept apart from ``selftest_checks`` so the Qt imports stay in one place; everything is
imported inside the steps, so a broken Qt installation fails its steps, not the run.
"""

from __future__ import annotations

import sys

from k360desk.selftest.context import Context


def _app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "k360desk"])


def _dark_share(image) -> float:
    """Share of dark pixels in a QImage: 0 for a blank page."""
    import numpy as np
    from PySide6.QtGui import QColor, QImage, QPainter

    # QtPdf renders onto a transparent background: put the page on white paper first.
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    gray = paper.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    data = np.frombuffer(bytes(gray.constBits()), dtype=np.uint8)[: stride * height]
    pixels = data.reshape(height, stride)[:, :width]
    return float((pixels < 128).mean())


def check_window(ctx: Context) -> dict:
    """A main window with German text is laid out and painted by the platform plugin."""
    from PySide6.QtCore import QLibraryInfo, Qt, qVersion
    from PySide6.QtWidgets import QLabel, QMainWindow

    app = _app()
    window = QMainWindow()
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.setWindowTitle("k360desk – Selbsttest")
    window.setCentralWidget(QLabel("Sozialräume, Träger und Förderrunden – Größe ÄÖÜ"))
    window.resize(480, 200)
    window.show()
    app.processEvents()
    shot = window.grab()
    png = ctx.path("fenster.png")
    shot.save(str(png))
    window.close()
    if shot.isNull() or not png.exists():
        raise RuntimeError("Fenster ließ sich nicht zeichnen")
    return {"qt": qVersion(), "plattform": app.platformName(),
            "plugins": QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath),
            "uebersetzungen": QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)}


def check_matplotlib_qt(ctx: Context) -> dict:
    """A matplotlib figure inside a Qt canvas (the GUI's charts, without pyplot)."""
    import matplotlib
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    _app()
    figure = Figure(figsize=(4, 3))
    canvas = FigureCanvasQTAgg(figure)
    axes = figure.add_subplot()
    axes.plot([2019, 2020, 2021, 2022], [9.5, 10.1, 9.8, 9.2], marker="o")
    axes.set_title("Kinderarmut – Süd")
    canvas.resize(400, 300)
    canvas.draw()
    width, height = canvas.get_width_height()
    if width <= 0 or height <= 0:
        raise RuntimeError("leere Zeichenfläche")
    return {"backend_modul": FigureCanvasQTAgg.__module__, "matplotlib": matplotlib.__version__}


def check_qtpdf(ctx: Context) -> dict:
    """QtPdf loads the reportlab PDF and renders its first page with visible text."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    _app()
    pdf = ctx.files.get("bericht.pdf")
    if pdf is None or not pdf.exists():
        raise RuntimeError("kein PDF aus dem reportlab-Schritt")
    document = QPdfDocument()
    error = document.load(str(pdf))
    if document.pageCount() < 1:
        raise RuntimeError(f"QtPdf konnte das PDF nicht laden ({error})")
    size = document.pagePointSize(0)
    image = document.render(0, QSize(int(size.width()), int(size.height())))
    if image.isNull():
        raise RuntimeError("QtPdf hat kein Bild erzeugt")
    share = _dark_share(image)
    if share < 0.001:
        raise RuntimeError("die dargestellte Seite ist leer")
    png = ctx.path("bericht_seite1.png")
    image.save(str(png))
    document.close()
    return {"seiten": 1, "dunkle_pixel": round(share, 4), "bild": str(png)}


def check_printer(ctx: Context) -> dict:
    """QPrinter prints German text into a PDF file (the print path without a printer)."""
    from PySide6.QtGui import QPainter
    from PySide6.QtPrintSupport import QPrinter

    _app()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = ctx.path("druck.pdf")
    printer.setOutputFileName(str(out))
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("Drucker ließ sich nicht öffnen")
    painter.drawText(200, 200, "Sitzungsvorlage – Jugendhilfeausschuss, Größe ÄÖÜ")
    painter.end()
    if not out.exists() or out.stat().st_size < 500:
        raise RuntimeError("keine Druckdatei entstanden")
    return {"bytes": out.stat().st_size}


_QTPDF_PAGES = {"reports"}


def check_app_window(ctx: Context) -> dict:
    """The real main window opens the demo as a user would, shows every page, prints a
    district profile from the open project, and closes without leftovers.

    The frozen program once failed here (the demo's cache stamp looked for source files a
    bundle does not have); only starting the real window catches that.
    """
    from k360desk.export.pdf.profile import write_profile
    from k360desk.projectfile import District
    from k360desk.selftest.runner import skipped_keys
    from k360desk.ui import pages
    from k360desk.ui.main_window import MainWindow

    # Pages that preview PDFs through QtPdf; skipped with "qtpdf" (wine cannot run it).
    keys = [spec.key for spec in pages.PAGES
            if not ("qtpdf" in skipped_keys() and spec.key in _QTPDF_PAGES)]
    app = _app()
    window = MainWindow()
    documents = window.documents
    documents.interactive = False
    errors: list[str] = []
    documents.show_error = lambda title, text: errors.append(f"{title}: {text}")
    try:
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        documents.open_demo()
        project = documents.context.project
        if errors or project is None:
            raise RuntimeError("Demo ließ sich nicht öffnen: " + "; ".join(errors or ["kein Projekt"]))
        shown = []
        for key in keys:
            page = window.show_page(key)
            app.processEvents()
            if page is None or window.page_stack.currentWidget() is not page:
                raise RuntimeError(f"Seite „{key}“ ließ sich nicht anzeigen")
            if window.grab().isNull():
                raise RuntimeError(f"Seite „{key}“ ließ sich nicht zeichnen")
            shown.append(key)
        if errors:
            raise RuntimeError("; ".join(errors))
        district = project.all(District)[0]
        pdf = ctx.path("fenster_quartiersprofil.pdf")
        pdf.unlink(missing_ok=True)
        pages_written = write_profile(project, district.code, pdf)
        if not pdf.read_bytes().startswith(b"%PDF"):
            raise RuntimeError("kein Quartiersprofil aus dem offenen Projekt")
    finally:
        documents.discard_and_close()
        closed = window.close()
        window.deleteLater()
        app.processEvents()
    if not closed:
        raise RuntimeError("das Hauptfenster ließ sich nicht schließen")
    return {"seiten": shown, "profil": str(pdf), "profilseiten": pages_written}
