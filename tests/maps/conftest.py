"""Fixtures of the map tests: a synthetic city with values, and a stand-in project context."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely


def voronoi_districts(n: int, seed: int = 7, size: float = 10_000.0):
    """n Voronoi districts in a square city, EPSG:25832, index = district id 1 … n."""
    import geopandas as gpd

    rng = np.random.default_rng(seed)
    frame = shapely.box(500_000, 6_000_000, 500_000 + size, 6_000_000 + size)
    points = rng.uniform(0, size, (n, 2)) + [500_000, 6_000_000]
    cells = shapely.voronoi_polygons(shapely.MultiPoint(points), extend_to=frame)
    geoms = [c.intersection(frame) for c in cells.geoms]
    ids = pd.RangeIndex(1, len(geoms) + 1)
    return gpd.GeoDataFrame({"id": ids, "code": [f"{i:03d}" for i in ids],
                             "name": [f"Quartier {i}" for i in ids]},
                            geometry=geoms, crs="EPSG:25832", index=ids)


@pytest.fixture
def city():
    """Forty Voronoi districts."""
    return voronoi_districts(40)


@pytest.fixture
def fake_context(small_project):
    """What the map page needs of ProjectContext: signals, project, select_districts."""
    from PySide6.QtCore import QObject, Signal

    class FakeContext(QObject):
        changed = Signal(list)
        selection_changed = Signal(tuple)
        project_replaced = Signal()

        def __init__(self, project):
            super().__init__()
            self.project = project
            self.undo_stack = None
            self.selection = ()

        def select_districts(self, ids):
            self.selection = tuple(ids)
            self.selection_changed.emit(self.selection)

    return FakeContext(small_project)
