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
    # Two declared exclusions and one Quartier below the minimum population on the reference date.
    assert "<!-- nicht im Index  (3) -->" in svg
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
    # (one compound path: count its parts; two declared, one below the minimum population)
    from matplotlib.path import Path

    parts = sum(int((path.codes == Path.MOVETO).sum()) for path in artists.excluded.get_paths())
    assert parts >= len(EXCLUDED_CODES) and parts == 3


def test_profile_of_an_excluded_district_says_not_in_index(excluded_file, tmp_path):
    from tests.reports.conftest import pdf_text

    out = tmp_path / "p.pdf"
    assert main(["report", "profile", str(excluded_file), "--district", EXCLUDED_CODES[0],
                 "-o", str(out)]) == 0
    text = " ".join(pdf_text(out))
    assert "nicht im Index" in text and "Gewerbegebiet" in text
