"""Every map passes a grey-scale test on its rendered pixels: converted to grey, no two legend
classes are closer than a fixed lightness step, and special cases are patterns, not tones."""

from __future__ import annotations

import numpy as np
import pytest

from tests.outputs.pixels import grey, mean_grey, swatches

# Grey values 0–255 (BT.601 luma): about 5 % of the range, what a copier still tells apart.
STEP = 12.0
SPECIAL = ("geheim gehalten", "nicht im Index", "keine Daten")


def _check(spec) -> None:
    from k360desk.export.map_render import map_figure

    fig, artists = map_figure(spec, size=(9, 6))
    rows = swatches(fig, artists.legend)
    classes = [(label, block) for label, block in rows if not label.startswith(SPECIAL)]
    special = [(label, block) for label, block in rows if label.startswith(SPECIAL[:2])]
    assert len(classes) == len(spec.class_styles)
    tones = sorted((mean_grey(block), label) for label, block in classes)
    for (a, la), (b, lb) in zip(tones, tones[1:], strict=False):
        assert b - a >= STEP, f"„{la}“ and „{lb}“ are {b - a:.1f} apart in grey"
    for label, block in classes:
        assert grey(block).std() < 4, f"class „{label}“ is not a flat tone"
    for label, block in special:
        assert grey(block).std() > 20, f"„{label}“ reads as a flat tone, like a class"


@pytest.mark.parametrize("key", ["sgb2_quote", "gym_quote", "einwohner"])
@pytest.mark.parametrize(("scheme", "k"), [("quantiles", 5), ("quantiles", 7), ("natural_breaks", 5),
                                           ("equal_interval", 5), ("std_mean", 5), ("std_mean", 7)])
def test_indicator_maps_pass_the_grey_test(excluded_file, qapp, key, scheme, k):
    from k360desk.export.map_data import indicator_map_spec
    from k360desk.projectfile import Project

    project = Project.open(excluded_file, read_only=True)
    try:
        spec = indicator_map_spec(project, key, 2024, scheme=scheme, k=k)
    finally:
        project.close()
    _check(spec)


@pytest.mark.parametrize("which", ["status", "dynamics"])
def test_index_maps_pass_the_grey_test(excluded_file, qapp, which):
    from k360desk.export.map_data import index_map_spec
    from k360desk.projectfile import Project

    project = Project.open(excluded_file, read_only=True)
    try:
        spec = index_map_spec(project, which)
    finally:
        project.close()
    assert any(e.label == "nicht im Index" for e in spec.legend)
    _check(spec)


def test_the_grey_test_can_fail(qapp):
    """A mirrored diverging ramp (ColorBrewer RdBu) is what the test must reject."""
    import pandas as pd

    from k360desk.analysis.mapspec import build_map_spec
    from tests.maps.conftest import voronoi_districts

    city = voronoi_districts(30)
    values = pd.DataFrame({"district_id": city.index, "value": np.linspace(0, 10, 30)})
    spec = build_map_spec(city, values, indicator_name="Test", scheme="quantiles", k=5, palette="RdBu")
    with pytest.raises(AssertionError, match="apart in grey"):
        _check(spec)


def _pdf_swatches(pdf, labels: list[str], dpi: int = 144) -> dict[str, np.ndarray]:
    """Pixels of the legend swatch left of each label on page 1, located by the label's text
    box (pdftotext -bbox) and read from the page rendered by pdftoppm."""
    import re
    import subprocess

    from PIL import Image

    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-png", str(pdf),
                    str(pdf.with_suffix(""))], check=True)
    image = np.asarray(Image.open(next(pdf.parent.glob(pdf.stem + "*.png"))).convert("RGB")).astype(float)
    scale = dpi / 72
    out = {}
    for label in labels:
        first = label.split()[0]
        # Legend labels start the right-hand column ("niedrig" also ends "sehr niedrig").
        x0, y0, x1, y1, _ = min((w for w in words if w[4] == first and w[0] > 300), key=lambda w: w[0])
        row = int((y0 + y1) / 2 * scale)
        cols = slice(int((x0 - 13.5) * scale), int((x0 - 5.5) * scale))
        out[label] = image[row - 2:row + 3, cols].reshape(-1, 3)
    return out


def test_pdf_map_of_the_index_passes_the_grey_test(excluded_file, tmp_path):
    from k360desk.export.map_data import index_map_spec
    from k360desk.export.pdf.base import FRAME_WIDTH, build_document, report_info
    from k360desk.export.pdf.map_flowable import MapFlowable
    from k360desk.projectfile import Project

    project = Project.open(excluded_file, read_only=True)
    try:
        spec = index_map_spec(project, "status", labels="none")
        info = report_info(project, "Test")
    finally:
        project.close()
    pdf = tmp_path / "karte.pdf"
    build_document(pdf, [MapFlowable(spec, FRAME_WIDTH, 340)], info)
    classes = [e.label for e in spec.legend if e.label != "nicht im Index"]
    blocks = _pdf_swatches(pdf, classes + ["nicht im Index"])
    tones = sorted((mean_grey(blocks[label]), label) for label in classes)
    for (a, la), (b, lb) in zip(tones, tones[1:], strict=False):
        assert b - a >= STEP, f"„{la}“ and „{lb}“ are {b - a:.1f} apart in grey"
    assert all(grey(blocks[label]).std() < 4 for label in classes)
    assert grey(blocks["nicht im Index"]).std() > 20
