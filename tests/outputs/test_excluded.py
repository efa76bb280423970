"""Districts left out of the social index are "nicht im Index", hatched, never "keine Daten"."""

from __future__ import annotations

import pytest

from k360desk.cli import main
from tests.outputs.conftest import EXCLUDED_CODES
from tests.outputs.pixels import grey, swatches


@pytest.mark.parametrize("which", ["status", "dynamics", "matrix"])
def test_index_map_names_excluded_districts(excluded_file, tmp_path, capsys, which):
    out = tmp_path / f"{which}.svg"
    assert main(["map", str(excluded_file), "--indicator", f"index:{which}", "-o", str(out)]) == 0, \
        capsys.readouterr().err
    svg = out.read_text(encoding="utf-8")
    assert "<!-- nicht im Index  (2) -->" in svg
    assert "keine Daten" not in svg


def test_excluded_pattern_is_a_texture_unlike_every_class(excluded_file, qapp):
    from k360desk.export.map_data import index_map_spec
    from k360desk.export.map_render import map_figure
    from k360desk.projectfile import Project

    project = Project.open(excluded_file, read_only=True)
    try:
        spec = index_map_spec(project, "status")
    finally:
        project.close()
    fig, artists = map_figure(spec, size=(9, 6))
    rows = dict(swatches(fig, artists.legend))
    excluded = next(block for label, block in rows.items() if label.startswith("nicht im Index"))
    classes = [block for label, block in rows.items() if not label.startswith("nicht im Index")]
    # A printed class is a flat tone; the excluded swatch is a pattern of dark lines.
    assert all(grey(block).std() < 4 for block in classes)
    assert grey(excluded).std() > 30
    assert grey(excluded).min() < 110
    # The hatch is drawn on the map too, over exactly the excluded districts.
    assert len(artists.excluded.get_paths()) == len(EXCLUDED_CODES)


def test_profile_of_an_excluded_district_says_not_in_index(excluded_file, tmp_path):
    from tests.reports.conftest import pdf_text

    out = tmp_path / "p.pdf"
    assert main(["report", "profile", str(excluded_file), "--district", EXCLUDED_CODES[0],
                 "-o", str(out)]) == 0
    text = " ".join(pdf_text(out))
    assert "nicht im Index" in text and "Gewerbegebiet" in text
