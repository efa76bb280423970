"""Fixtures for the report tests: the demo city with a stored index run, PDF helpers."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    """The demo project with a stored social index run (built once per session)."""
    from k360desk.cli import main
    from k360desk.demo import write_demo

    folder = tmp_path_factory.mktemp("demo")
    path = folder / "musterstadt.k360"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("K360DESK_DATA_DIR", str(folder / "appdata"))
        mp.setenv("K360DESK_TEMP_AS_DOCUMENTS", "1")
        write_demo(path)
        assert (
            main(
                [
                    "index",
                    str(path),
                    "--preset",
                    "berlin-mss",
                    "--period",
                    "2024",
                    "--status",
                    "alo_quote,sgb2_quote,kinderarmut,altersarmut",
                    "--population",
                    "einwohner",
                    "--store",
                ]
            )
            == 0
        )
    return path


@pytest.fixture
def demo(demo_file):
    """The demo project opened read-only."""
    from k360desk.projectfile import Project

    project = Project.open(demo_file, read_only=True)
    yield project
    project.close()


def pdf_text(path) -> list[str]:
    """Text of every page (pypdf)."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def embedded_fonts(path) -> set[str]:
    """Base names of fonts embedded as TrueType programs (FontFile2)."""
    from pypdf import PdfReader

    found = set()
    for page in PdfReader(str(path)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if desc is not None and "/FontFile2" in desc.get_object():
                found.add(str(font["/BaseFont"]))
    return found


def ink_fraction(path, page: int = 0) -> float:
    """Share of non-white pixels of a page rendered with QtPdf (0 = blank)."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841 - keep alive
    doc = QPdfDocument()
    doc.load(str(path))
    image = doc.render(page, QSize(300, 424))
    dark = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            if image.pixelColor(x, y).lightness() < 235:
                dark += 1
    doc.close()
    return dark / ((image.height() // 2) * (image.width() // 2))
