"""Map and chart PDFs from matplotlib (issue 19): embedded TrueType text, no Type 3 fonts, a
title in the metadata, and one tagged figure with an alternative text."""

from __future__ import annotations

import pikepdf
import pytest

from k360desk.cli import main
from tests.maps.test_cli import project_file  # noqa: F401 - fixture


def _fonts(path) -> list[tuple[str, str, bool]]:
    from pypdf import PdfReader

    out = []
    for page in PdfReader(str(path)).pages:
        for ref in page["/Resources"].get_object().get("/Font", {}).values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if font.get("/Subtype") == "/Type0":
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            out.append((str(font.get("/BaseFont")), str(font["/Subtype"]), embedded))
    return out


def _figure_alt(path) -> str:
    pdf = pikepdf.open(path)
    assert str(pdf.Root.Lang) == "de-DE" and bool(pdf.Root.MarkInfo.Marked)
    document = pdf.Root.StructTreeRoot.K[0]
    figure = document.K[0]
    assert str(figure.S) == "/Figure"
    return str(figure.Alt)


def test_map_pdf_has_embedded_truetype_a_title_and_a_described_figure(project_file, tmp_path):  # noqa: F811
    from pypdf import PdfReader

    out = tmp_path / "karte.pdf"
    assert main(["map", str(project_file), "--indicator", "arbeitslose", "--period", "2023",
                 "--scheme", "natural_breaks", "--classes", "3", "-o", str(out)]) == 0
    fonts = _fonts(out)
    assert fonts and not [f for f in fonts if f[1] == "/Type3"], fonts
    assert all(embedded for _, _, embedded in fonts), fonts
    assert PdfReader(str(out)).metadata.title.startswith("Arbeitslose 2023")
    alt = _figure_alt(out)
    assert alt.startswith("Karte: Arbeitslose 2023") and "Sozialr" in alt


@pytest.mark.parametrize("kind", ["bar", "series"])
def test_chart_pdf_has_embedded_truetype_and_a_title(project_file, tmp_path, kind):  # noqa: F811
    from pypdf import PdfReader

    out = tmp_path / f"{kind}.pdf"
    assert main(["chart", str(project_file), "--kind", kind, "--indicator", "arbeitslose",
                 "--period", "2023", "--districts", "11,12", "-o", str(out)]) == 0
    fonts = _fonts(out)
    assert fonts and not [f for f in fonts if f[1] == "/Type3"], fonts
    assert all(embedded for _, _, embedded in fonts), fonts
    title = PdfReader(str(out)).metadata.title
    assert title and "Arbeitslose" in title
    assert "Arbeitslose" in _figure_alt(out)
