"""Facility symbols are dark with a light halo, big enough for print, and never over labels."""

from __future__ import annotations

import numpy as np

from tests.outputs.pixels import grey, rendered


def _map(path, dpi=150, dark=False):
    from k360desk.analysis.mapspec import FillStyle
    from k360desk.export.map_data import indicator_map_spec
    from k360desk.export.map_render import map_figure
    from k360desk.projectfile import Project

    project = Project.open(path, read_only=True)
    try:
        spec = indicator_map_spec(project, "sgb2_quote", 2024, facility_types=["Familienzentrum"])
    finally:
        project.close()
    if dark:
        # On a dark fill only a halo separates a dark symbol from its ground.
        spec.class_styles = [FillStyle(face="#303030") for _ in spec.class_styles]
    fig, artists = map_figure(spec, size=(9, 7))
    fig.set_dpi(dpi)
    fig.canvas.draw()
    artists.refresh_view()
    return fig, artists, spec


def test_symbols_are_dark_with_a_light_halo_at_print_size(excluded_file, qapp):
    fig, artists, spec = _map(excluded_file, dark=True)
    pixels = rendered(fig)
    height = pixels.shape[0]
    layer = spec.facilities[0]
    ax = artists.ax
    symbols = artists.facility_artists[0]
    half_pt = np.sqrt(symbols.get_sizes()[0]) / 2
    assert half_pt * 2 >= 5.5, "symbols smaller than about 2 mm on paper"
    reach = int(np.ceil((half_pt + 2.5) / 72 * fig.dpi))
    dark_centres = halos = 0
    for x, y in zip(layer.x, layer.y, strict=True):
        px, py = ax.transData.transform((x, y))
        col, row = int(round(px)), int(round(height - py))
        centre = grey(pixels[row - 1:row + 2, col - 1:col + 2].reshape(-1, 3)).mean()
        dark_centres += centre < 110
        # Walking out from the centre in each direction, the dark symbol meets a light ring
        # before the dark ground.
        lit = 0
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            ray = [grey(pixels[row + dy * r, col + dx * r]) for r in range(1, reach + 1)]
            lit += max(ray) > 190
        halos += lit >= 3
    # A few symbols lie under a district name, which is drawn over them on purpose.
    assert dark_centres >= 0.7 * len(layer.x)
    assert halos >= 0.7 * len(layer.x)


def test_labels_are_drawn_above_the_symbols(excluded_file, qapp):
    _, artists, _ = _map(excluded_file, dpi=72)
    assert artists.label_artists and artists.facility_artists
    assert max(a.get_zorder() for a in artists.facility_artists) < \
        min(a.get_zorder() for a in artists.label_artists)
