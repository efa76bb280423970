"""Drawing a map spec: pixels, SVG and PDF files, cheap recolouring."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pytest

from k360desk.analysis.mapspec import build_base, build_map_spec
from k360desk.export.map_render import district_paths, export_map, map_figure, nice_length


def _spec(city, base=None, sign=1.0, suppressed=(1, 2)):
    values = pd.DataFrame({"district_id": city.index, "value": sign * np.arange(len(city), dtype=float),
                           "suppressed": city.index.isin(suppressed)})
    return build_map_spec(base or city, values, indicator_name="SGB-II-Quote", unit="%", polarity=1,
                          period=2023, source="Quelle: Test")


def test_png_is_a_coloured_map_not_a_blank_page(city, tmp_path):
    from PIL import Image

    path = export_map(_spec(city), tmp_path / "karte.png", dpi=80)
    pixels = np.asarray(Image.open(path).convert("RGB")).astype(int)
    white = (pixels > 245).all(axis=2).mean()
    assert 0.2 < white < 0.95  # a map with margins, neither empty nor a solid block
    # the darkest class colour of YlOrRd (#bd0026) is really on the page
    dark_red = (abs(pixels - [0xbd, 0x00, 0x26]).sum(axis=2) < 30).mean()
    assert dark_red > 0.005
    assert pixels.std() > 40


def test_svg_contains_title_legend_and_scale_bar(city, tmp_path):
    path = export_map(_spec(city), tmp_path / "karte.svg")
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    text = path.read_text(encoding="utf-8")
    for expected in ("SGB-II-Quote 2023", "geheim gehalten", "Quelle: Test", "km"):
        assert expected in text


def test_pdf_has_one_page_and_renders(city, tmp_path, qapp):
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    path = export_map(_spec(city), tmp_path / "karte.pdf")
    doc = QPdfDocument(None)
    doc.load(str(path))
    assert doc.pageCount() == 1
    image = doc.render(0, QSize(800, 600))
    assert not image.isNull()
    assert "SGB-II-Quote 2023" in doc.getAllText(0).text()


def test_unknown_format_is_refused(city, tmp_path):
    with pytest.raises(ValueError, match="Bildformat"):
        export_map(_spec(city), tmp_path / "karte.gif")


def test_recolour_keeps_the_collection_and_hatches_suppressed(city):
    base = build_base(city)
    fig, artists = map_figure(_spec(city, base))
    collection = artists.collection
    artists.recolor(_spec(city, base, sign=-1.0, suppressed=(5,)))
    assert artists.collection is collection
    faces = collection.get_facecolors()
    assert len(faces) == len(city)


def test_paths_keep_holes(city):
    import geopandas as gpd
    import shapely

    ring = shapely.box(0, 0, 10, 10).difference(shapely.box(4, 4, 6, 6))
    base = build_base(gpd.GeoDataFrame({"code": ["1"], "name": ["Ring"]}, geometry=[ring],
                                       crs="EPSG:25832", index=[1]))
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PathCollection
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 2), dpi=50)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.add_collection(PathCollection(district_paths(base), facecolors=["#000000"], edgecolors="none"))
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())
    assert pixels[50, 50, 0] == 255  # the hole stays white
    assert pixels[10, 10, 0] == 0


def test_selection_outline(city):
    _fig, artists = map_figure(_spec(city).with_highlight((3, 4, 999)))
    assert len(artists.selection.get_paths()) == 2


@pytest.mark.parametrize(("target", "expected"), [(1234, 1000), (2600, 2000), (700, 500), (0.3, 0.2)])
def test_scale_bar_lengths_are_round(target, expected):
    assert nice_length(target) == pytest.approx(expected)


def test_suppressed_districts_are_hatched_as_one_compound_path(city):
    # 15,000 districts with a quarter suppressed: one path per district took ~1 s per redraw.
    base = build_base(city)
    suppressed = tuple(range(1, 41, 4))
    spec = _spec(city, base, suppressed=suppressed)
    spec.label_mode = "none"
    fig, artists = map_figure(spec, size=(6, 6))
    assert len(artists.suppressed.get_paths()) == 1
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(int)
    height, width = pixels.shape[:2]
    # Hatch lines are grey on the white face; the class colours are never grey.
    grey = (np.ptp(pixels, axis=2) < 4) & (pixels[..., 0] < 235)
    ys, xs = np.mgrid[0:height, 0:width]
    centres = np.column_stack([xs.ravel() + 0.5, height - ys.ravel() - 0.5])
    paths = district_paths(base)

    def hatched(district_id):
        path = paths[base.position(district_id)].transformed(artists.ax.transData)
        inside = path.contains_points(centres, radius=-3).reshape(height, width)
        return grey[inside].mean()

    for district_id in suppressed:
        assert hatched(district_id) > 0.05, district_id
    for district_id in (2, 3, 4, 7):
        assert hatched(district_id) < 0.01, district_id
    artists.recolor(_spec(city, base, suppressed=()))
    assert len(artists.suppressed.get_paths()) == 0
