"""The shape of a generated city: outline, river, building blocks, Quartiere and Stadtbezirke.

The city is built bottom-up the way statistics offices build their districts: small
building blocks (Voronoi cells, denser in the centre) are grouped into Quartiere, and
Quartiere into Stadtbezirke. Grouping runs k-means in a smoothly warped plane, so
boundaries follow block edges and bend like streets instead of forming a regular grid.
The river is cut out of the city and is a boundary between districts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon

# A plausible place in Lower Saxony, in ETRS89 / UTM 32N (EPSG:25832).
CENTRE_X = 548_000.0
CENTRE_Y = 5_757_000.0
_GRID = 0.01  # metres; snapping makes block edges match exactly for unions


@dataclass
class CityShape:
    """Geometry of a generated city; arrays are aligned by position."""

    outline: Polygon
    river: Polygon
    radius: float
    blocks: np.ndarray  # shapely polygons
    block_side: np.ndarray  # which river bank each block lies on
    quarter_of_block: np.ndarray  # index of the Quartier of every block
    quarters: np.ndarray  # shapely polygons of the Quartiere
    borough_of_quarter: np.ndarray  # index of the Stadtbezirk of every Quartier
    boroughs: np.ndarray  # shapely polygons of the Stadtbezirke

    @property
    def centre(self) -> tuple[float, float]:
        """The market square: the origin of the city."""
        return CENTRE_X, CENTRE_Y


def build_city(rng: np.random.Generator, radius: float, n_blocks: int, n_quarters: int,
               n_boroughs: int) -> CityShape:
    """Build a city of about ``radius`` metres with the given numbers of areas.

    With ``n_quarters == n_blocks`` every block is its own Quartier (the map-stress scale).
    """
    outline = _outline(rng, radius)
    river = _river(rng, radius)
    sides = _banks(outline, river)
    blocks, side = _blocks(rng, sides, radius, n_blocks)
    adjacency = _adjacency(blocks)
    if n_quarters >= len(blocks):
        quarter_of_block = np.arange(len(blocks))
        quarters = blocks
    else:
        points = _warp(shapely.get_coordinates(shapely.centroid(blocks)), rng, radius,
                       n_quarters)
        quarter_of_block = _partition(rng, points, side, n_quarters, adjacency)
        quarters = _dissolve(blocks, quarter_of_block)
    q_adjacency = _group_adjacency(adjacency, quarter_of_block)
    q_points = shapely.get_coordinates(shapely.centroid(quarters))
    q_side = np.zeros(len(quarters), dtype=int)
    q_side[quarter_of_block] = side
    weights = np.bincount(quarter_of_block, minlength=len(quarters)).astype(float)
    borough_of_quarter = _partition(rng, _warp(q_points, rng, radius, n_boroughs), q_side,
                                    n_boroughs, q_adjacency, weights=weights)
    boroughs = _dissolve(quarters, borough_of_quarter)
    return CityShape(outline, river, radius, blocks, side, quarter_of_block, quarters,
                     borough_of_quarter, boroughs)


# --- outline, river, banks -----------------------------------------------------------

def _outline(rng: np.random.Generator, radius: float) -> Polygon:
    """An irregular, roughly round town boundary with a few lobes and dents."""
    theta = np.linspace(0.0, 2.0 * np.pi, 360, endpoint=False)
    r = np.ones_like(theta)
    for k in range(2, 24):
        amplitude = (rng.uniform(0.05, 0.13) if k < 6 else rng.uniform(0.0, 0.05)) / k ** 0.7
        r += amplitude * np.cos(k * theta + rng.uniform(0, 2 * np.pi))
    r *= radius
    ring = np.column_stack([CENTRE_X + r * np.cos(theta), CENTRE_Y + 0.85 * r * np.sin(theta)])
    return shapely.make_valid(Polygon(ring)).buffer(radius * 0.02).buffer(-radius * 0.02)


def _river(rng: np.random.Generator, radius: float) -> Polygon:
    """A meandering river crossing the city from west to east, just south of the centre."""
    x = np.linspace(-1.6, 1.6, 400)
    phase1, phase2 = rng.uniform(0, 2 * np.pi, size=2)
    y = (0.10 * np.sin(2.4 * x + phase1) + 0.04 * np.sin(6.5 * x + phase2)
         - 0.10 * np.sin(phase1) - 0.04 * np.sin(phase2) - 0.06)
    angle = rng.uniform(-0.35, 0.35)
    xs = (x * np.cos(angle) - y * np.sin(angle)) * radius
    ys = (x * np.sin(angle) + y * np.cos(angle)) * radius
    half_width = min(90.0, max(35.0, radius * 0.011))
    line = LineString(np.column_stack([CENTRE_X + xs, CENTRE_Y + ys]))
    return line.buffer(half_width, quad_segs=4)


def _banks(outline: Polygon, river: Polygon) -> list[Polygon]:
    """The land on either side of the river; tiny slivers at the town edge are dropped."""
    land = outline.difference(river)
    parts = sorted(shapely.get_parts(land), key=lambda p: -p.area)
    return [p for p in parts if p.area > 0.02 * outline.area]


# --- blocks ----------------------------------------------------------------------------

def _density(xy: np.ndarray, radius: float) -> np.ndarray:
    r = np.hypot(xy[:, 0] - CENTRE_X, xy[:, 1] - CENTRE_Y) / radius
    return 1.0 / (1.0 + (r / 0.35) ** 2)


def _sample(rng: np.random.Generator, area: Polygon, radius: float, n: int) -> np.ndarray:
    """``n`` points inside ``area``, denser towards the centre (rejection sampling)."""
    minx, miny, maxx, maxy = area.bounds
    shapely.prepare(area)
    found: list[np.ndarray] = []
    total = 0
    while total < n:
        xy = rng.uniform((minx, miny), (maxx, maxy), size=(max(4 * n, 64), 2))
        keep = rng.uniform(size=len(xy)) < _density(xy, radius)
        xy = xy[keep]
        xy = xy[shapely.contains_xy(area, xy[:, 0], xy[:, 1])]
        found.append(xy)
        total += len(xy)
    return np.concatenate(found)[:n]


def _blocks(rng: np.random.Generator, sides: list[Polygon], radius: float,
            n_blocks: int) -> tuple[np.ndarray, np.ndarray]:
    """Voronoi building blocks on each river bank, clipped to that bank."""
    weights = np.array([s.area * _density(shapely.get_coordinates(s.centroid), radius)[0]
                        for s in sides])
    counts = np.maximum(1, np.round(n_blocks * weights / weights.sum()).astype(int))
    counts[0] += n_blocks - counts.sum()
    blocks, side = [], []
    for index, (bank, count) in enumerate(zip(sides, counts, strict=True)):
        points = _sample(rng, bank, radius, int(count))
        cells = shapely.get_parts(shapely.voronoi_polygons(
            shapely.multipoints(points), extend_to=bank.buffer(radius)))
        shapely.prepare(bank)
        edge = ~shapely.contains_properly(bank, cells)  # only these need clipping
        cells[edge] = shapely.intersection(cells[edge], bank)
        cells = shapely.set_precision(cells, _GRID)
        cells = np.array([_largest(c) for c in cells], dtype=object)
        cells = cells[shapely.area(cells) > 1.0]
        blocks.append(cells)
        side.append(np.full(len(cells), index))
    return np.concatenate(blocks), np.concatenate(side)


def _largest(geometry) -> Polygon:
    parts = shapely.get_parts(geometry)
    parts = parts[shapely.get_type_id(parts) == 3]
    if len(parts) == 0:
        return Polygon()
    return parts[np.argmax(shapely.area(parts))]


def _adjacency(blocks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i, j) of blocks that share an edge (not just a corner)."""
    tree = shapely.STRtree(blocks)
    i, j = tree.query(blocks, predicate="intersects")
    keep = i < j
    i, j = i[keep], j[keep]
    # Interiors apart, boundaries meeting in a line: neighbours across an edge.
    keep = shapely.relate_pattern(blocks[i], blocks[j], "F***1****")
    return i[keep], j[keep]


def _group_adjacency(adjacency: tuple[np.ndarray, np.ndarray],
                     group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    gi, gj = group[adjacency[0]], group[adjacency[1]]
    pairs = np.unique(np.column_stack([np.minimum(gi, gj), np.maximum(gi, gj)]), axis=0)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    return pairs[:, 0], pairs[:, 1]


# --- grouping --------------------------------------------------------------------------

def _warp(points: np.ndarray, rng: np.random.Generator, radius: float, k: int) -> np.ndarray:
    """Bend the plane smoothly so that straight k-means borders become curved streets."""
    spacing = radius * 1.7 / np.sqrt(max(k, 1))
    warped = points.copy()
    for _ in range(3):
        direction = rng.uniform(0, 2 * np.pi)
        wave = rng.uniform(1.2, 2.5) * spacing
        phase = rng.uniform(0, 2 * np.pi)
        along = (points[:, 0] * np.cos(direction) + points[:, 1] * np.sin(direction)) / wave
        shift = 0.18 * spacing * np.sin(2 * np.pi * along + phase)
        warped[:, 0] += -np.sin(direction) * shift
        warped[:, 1] += np.cos(direction) * shift
    return warped


def _partition(rng: np.random.Generator, points: np.ndarray, side: np.ndarray, k: int,
               adjacency: tuple[np.ndarray, np.ndarray],
               weights: np.ndarray | None = None) -> np.ndarray:
    """Group points into ``k`` contiguous areas that never cross the river."""
    weights = np.ones(len(points)) if weights is None else weights
    sides = np.unique(side)
    share = np.array([weights[side == s].sum() for s in sides])
    ks = np.maximum(1, np.round(k * share / share.sum()).astype(int))
    ks[np.argmax(ks)] += k - ks.sum()
    labels = np.empty(len(points), dtype=int)
    offset = 0
    for s, ks_side in zip(sides, ks, strict=True):
        members = np.flatnonzero(side == s)
        labels[members] = offset + _kmeans(rng, points[members], weights[members], int(ks_side))
        offset += int(ks_side)
    return _make_contiguous(labels, adjacency, weights)


def _kmeans(rng: np.random.Generator, points: np.ndarray, weights: np.ndarray,
            k: int) -> np.ndarray:
    k = min(k, len(points))
    centres = points[rng.choice(len(points), size=k, replace=False)]
    labels = np.zeros(len(points), dtype=int)
    norms = (points ** 2).sum(axis=1)[:, None]
    for _ in range(25):
        d = norms - 2.0 * points @ centres.T + (centres ** 2).sum(axis=1)[None, :]
        new = np.argmin(d, axis=1)
        if np.array_equal(new, labels) and _ > 0:
            break
        labels = new
        for c in range(k):
            mine = labels == c
            if mine.any():
                centres[c] = np.average(points[mine], axis=0, weights=weights[mine])
            else:  # an empty cluster takes over the point farthest from its centre
                far = np.argmax(d[np.arange(len(points)), labels])
                centres[c] = points[far]
                labels[far] = c
    return labels


def _make_contiguous(labels: np.ndarray, adjacency: tuple[np.ndarray, np.ndarray],
                     weights: np.ndarray) -> np.ndarray:
    """Hand detached pieces of an area to the neighbour they border most."""
    n = len(labels)
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for a, b in zip(*adjacency, strict=True):
        neighbours[a].append(int(b))
        neighbours[b].append(int(a))
    for _ in range(10):
        moved = False
        for label in np.unique(labels):
            pieces = _components(np.flatnonzero(labels == label), labels, neighbours)
            if len(pieces) < 2:
                continue
            pieces.sort(key=lambda p: -weights[p].sum())
            for piece in pieces[1:]:
                around = [labels[j] for i in piece for j in neighbours[i] if labels[j] != label]
                if around:
                    labels[piece] = np.bincount(around).argmax()
                    moved = True
        if not moved:
            break
    return np.unique(labels, return_inverse=True)[1]


def _components(members: np.ndarray, labels: np.ndarray,
                neighbours: list[list[int]]) -> list[np.ndarray]:
    label = labels[members[0]]
    seen: set[int] = set()
    pieces = []
    for start in members:
        if start in seen:
            continue
        stack, piece = [int(start)], []
        seen.add(int(start))
        while stack:
            i = stack.pop()
            piece.append(i)
            for j in neighbours[i]:
                if j not in seen and labels[j] == label:
                    seen.add(j)
                    stack.append(j)
        pieces.append(np.array(piece))
    return pieces


def _dissolve(parts: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Union of the parts of every group, in group order."""
    order = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[order], np.arange(group.max() + 2))
    return np.array([
        shapely.union_all(parts[order[bounds[g]:bounds[g + 1]]], grid_size=_GRID)
        if bounds[g + 1] - bounds[g] > 1 else parts[order[bounds[g]]]
        for g in range(group.max() + 1)
    ], dtype=object)
