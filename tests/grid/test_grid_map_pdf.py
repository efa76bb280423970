"""The census grid map as PDF (issue 19): TrueType text, a title, one described figure."""

from __future__ import annotations

import zipfile

import pikepdf

from k360desk.cli import main
from tests.grid.test_grid_cli import _project
from tests.grid.test_grid_import import block, grid_csv
from tests.maps.test_pdf_accessible import _fonts


def test_cells_map_pdf_has_no_type3_fonts_and_a_title(tmp_path, capsys):
    from pypdf import PdfReader

    project = _project(tmp_path)
    archive = tmp_path / "Zensus2022_Bevoelkerungszahl.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Zensus2022_Bevoelkerungszahl_100m-Gitter.csv",
                   grid_csv(block(6, 2, value=lambda i, j: "10")))
    out = tmp_path / "gitter.pdf"
    rc = main(["import", "grid", project, str(archive), "--method", "area", "--cells-map", str(out)])
    assert rc == 0, capsys.readouterr().out
    fonts = _fonts(out)
    assert fonts and not [f for f in fonts if f[1] == "/Type3"], fonts
    assert all(embedded for _, _, embedded in fonts), fonts
    assert PdfReader(str(out)).metadata.title == "Einwohner je Gitterzelle"
    pdf = pikepdf.open(out)
    figure = pdf.Root.StructTreeRoot.K[0].K[0]
    assert str(figure.S) == "/Figure" and "Einwohner je Zensus-Gitterzelle" in str(figure.Alt)
