"""The values an index run reads, loaded lean: at city scale loading was most of a run.

A share the index uses is recomputed from its numerator and denominator anyway, so its
stored values are read only where they survive (where an input has no row); everything
else goes from one query into numpy arrays. The frame handed to the index holds exactly
the rows of the index's own indicators that ``project_values`` would give it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from k360desk.analysis.cube import Cube
from k360desk.analysis.derived import derived_definitions, ratios_on_cube

if TYPE_CHECKING:
    from k360desk.projectfile import Project

# Above this many gaps in a share's inputs, reading all its stored rows is cheaper than
# naming the gaps in SQL.
_MAX_NAMED_GAPS = 2000


def index_frame(project: Project, indicators: pd.DataFrame, keys: list[str],
                periods: Iterable[int] | None = None) -> pd.DataFrame | None:
    """Rows of ``keys`` (derived ones computed) with indicator, district_id, period, value;
    ``None`` when a key is derived from another derived indicator (the general path)."""
    spec = derived_definitions(indicators).set_index("key")
    derived_ids = set(spec["id"])
    id_of = dict(zip(indicators["key"], indicators["id"].astype("int64"), strict=False))
    wanted = [k for k in dict.fromkeys(keys) if k in id_of]
    shares = [k for k in wanted if k in spec.index]
    if any(int(spec.at[k, part]) in derived_ids for k in shares
           for part in ("numerator_id", "denominator_id")):
        return None
    periods = None if periods is None else sorted({int(p) for p in periods})
    plain = [int(id_of[k]) for k in wanted if k not in spec.index]
    inputs = [int(spec.at[k, part]) for k in shares for part in ("numerator_id", "denominator_id")]
    load = list(dict.fromkeys(plain + inputs))
    arrays = project.value_arrays(load, periods)
    parts = [_rows(arrays, np.isin(arrays["indicator_id"], plain))]
    share_ids = [int(id_of[k]) for k in shares]
    if len(arrays["indicator_id"]) and shares:
        cube = Cube.from_long({k: arrays[k] for k in
                               ("indicator_id", "district_id", "period", "value", "status")})
        computed, present = ratios_on_cube(cube, spec.loc[shares].reset_index())
        for j, share_id in enumerate(share_ids):
            d, p = np.nonzero(present[j])
            parts.append({"indicator_id": np.full(len(d), share_id, dtype=np.int64),
                          "district_id": cube.district_ids[d], "period": cube.periods[p],
                          "value": computed[j][d, p]})
        parts.append(_kept(project, share_ids, cube, present, periods))
    elif shares:
        parts.append(_rows(project.value_arrays(share_ids, periods), slice(None)))
    names = pd.Index(wanted)
    frame = pd.DataFrame({k: np.concatenate([part[k] for part in parts])
                          for k in ("indicator_id", "district_id", "period", "value")})
    key_of = pd.Series({int(id_of[k]): k for k in wanted})
    codes = names.get_indexer(key_of.reindex(frame["indicator_id"]).to_numpy())
    frame.insert(1, "indicator", pd.Categorical.from_codes(codes, categories=names))
    return frame


def _rows(arrays: dict, mask: np.ndarray | slice) -> dict:
    return {k: arrays[k][mask] for k in ("indicator_id", "district_id", "period", "value")}


def _kept(project: Project, share_ids: list[int], cube: Cube, present: np.ndarray,
          periods: list[int] | None) -> dict:
    """Stored rows of the shares where no value could be computed (a delivered quota)."""
    gaps: dict[int, list[tuple[int, int]]] = {}
    for j, share_id in enumerate(share_ids):
        d, p = np.nonzero(~present[j])
        if len(d) <= _MAX_NAMED_GAPS:
            gaps[share_id] = list(zip(cube.district_ids[d].tolist(), cube.periods[p].tolist(),
                                      strict=True))
    arrays = project.stored_outside(gaps, cube.district_ids.tolist(), cube.periods.tolist(),
                                    periods)
    if len(gaps) < len(share_ids):  # too many gaps to name: all rows, sorted out here
        rest = project.value_arrays([i for i in share_ids if i not in gaps], periods)
        arrays = {k: np.concatenate([arrays[k], rest[k]]) for k in arrays}
    # Keep what lies outside the cube's grid or where the share has no computed row.
    d = pd.Index(cube.district_ids).get_indexer(arrays["district_id"])
    p = pd.Index(cube.periods).get_indexer(arrays["period"])
    j = pd.Index(share_ids).get_indexer(arrays["indicator_id"])
    inside = (d >= 0) & (p >= 0)
    keep = ~inside
    keep[inside] = ~present[j[inside], d[inside], p[inside]]
    return _rows(arrays, keep)
