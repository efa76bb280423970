"""Districts of the generated city: names, codes, levels and each Quartier's social profile.

The profile holds what the values are made from: distance to the centre and to the
river, a latent deprivation score (0 = well-off, 1 = poor) that is high in the inner
city and along the river, and the role of the few Quartiere with a story.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely

from k360desk.demo import content
from k360desk.demo.geography import CENTRE_X, CENTRE_Y, CityShape
from k360desk.demo.scales import Scale, SeededIds
from k360desk.projectfile import District, DistrictLevel, Project


@dataclass
class Profile:
    """Per-Quartier arrays (aligned with ``ids``) the values are generated from."""

    ids: np.ndarray  # district ids in the project
    names: list[str]
    codes: list[str]
    geoms: np.ndarray
    borough: np.ndarray  # index of the Stadtbezirk
    borough_ids: np.ndarray
    borough_names: list[str]
    r: np.ndarray  # distance to the centre / radius
    river: np.ndarray  # distance to the river / radius
    area_km2: np.ndarray
    deprivation: np.ndarray
    role: list[str]  # "", "gentrifying", "estate", "ageing", "industrial"

    def index_of(self, role: str) -> int | None:
        """Position of the Quartier with a given story, if the scale has one."""
        return self.role.index(role) if role in self.role else None


def add_districts(project: Project, shape: CityShape, scale: Scale, rng: np.random.Generator,
                  ids: SeededIds) -> Profile:
    """Write levels and districts of both levels; return the Quartier profile."""
    centroids = shapely.get_coordinates(shapely.centroid(shape.quarters))
    r = np.hypot(centroids[:, 0] - CENTRE_X, centroids[:, 1] - CENTRE_Y) / shape.radius
    river = shapely.distance(shapely.points(centroids), shape.river) / shape.radius
    role = _roles(rng, r, river, centroids, shape) if scale.quarters < 2_000 else [""] * len(r)
    blocks = scale.quarters >= scale.blocks
    names = None if blocks else _quarter_names(rng, r, river, role)
    borough_names, borough_order = _borough_names(shape, names)
    rank = np.empty_like(borough_order)
    rank[borough_order] = np.arange(len(borough_order))
    borough_codes = [f"{rank[b] + 1:02d}" for b in range(len(shape.boroughs))]
    codes = _quarter_codes(shape, r, borough_codes, 5 if blocks else 2)
    if names is None:
        names = [f"Baublock {code[:2]}-{code[2:]}" for code in codes]

    top = project.add(DistrictLevel(name=content.BOROUGH_LEVEL, rank=0, uuid=ids(),
                                    notes="Stadtbezirke nach Hauptsatzung"))
    low = project.add(DistrictLevel(
        name=content.BLOCK_LEVEL if blocks else content.QUARTER_LEVEL, rank=1, uuid=ids(),
        notes="Kleinräumige Gliederung der Statistikstelle"))
    borough_records = [
        District(code=borough_codes[b], name=borough_names[b], level_id=top, uuid=ids(),
                 geom=shape.boroughs[b])
        for b in borough_order
    ]
    project.add_many(borough_records)
    borough_ids = np.empty(len(shape.boroughs), dtype=int)
    borough_ids[borough_order] = [rec.id for rec in borough_records]
    order = np.argsort(codes, kind="stable")
    records = [
        District(code=codes[q], name=names[q], level_id=low,
                 parent_id=int(borough_ids[shape.borough_of_quarter[q]]), uuid=ids(),
                 geom=shape.quarters[q], notes=_NOTES.get(role[q], ""))
        for q in order
    ]
    project.add_many(records)
    quarter_ids = np.empty(len(records), dtype=int)
    quarter_ids[order] = [rec.id for rec in records]
    area = shapely.area(shape.quarters) / 1e6
    return Profile(
        ids=quarter_ids, names=names, codes=codes, geoms=shape.quarters,
        borough=shape.borough_of_quarter, borough_ids=borough_ids, borough_names=borough_names,
        r=r, river=river, area_km2=area,
        deprivation=_deprivation(rng, r, river, centroids, shape.radius, role), role=role,
    )


_NOTES = {
    "gentrifying": "Ehemaliges Hafen- und Gewerbeareal, seit 2016 Neubau und Sanierung.",
    "estate": "Großwohnsiedlung der 1970er Jahre, Gebiet der Sozialen Stadt.",
    "ageing": "Einfamilienhausgebiet der 1960er/70er Jahre.",
    "industrial": "Überwiegend Gewerbe; nur wenige Wohnungen.",
}


def _roles(rng: np.random.Generator, r: np.ndarray, river: np.ndarray, xy: np.ndarray,
           shape: CityShape) -> list[str]:
    """Pick the Quartiere with a story: centre, gentrifying harbour, estate, suburb, industry."""
    n = len(r)
    role = [""] * n
    role[int(np.argmin(r))] = "centre"

    def pick(score: np.ndarray, name: str) -> int:
        score = np.where([x == "" for x in role], score, np.inf)
        chosen = int(np.argmin(score))
        role[chosen] = name
        return chosen

    pick(river * 4 + np.abs(r - 0.3), "gentrifying")
    estate = pick(np.abs(r - 0.65) + np.where(river < 0.1, 1.0, 0.0) + rng.uniform(0, 0.2, n),
                  "estate")
    side = np.sign((xy[:, 0] - CENTRE_X) * (xy[estate, 0] - CENTRE_X)
                   + (xy[:, 1] - CENTRE_Y) * (xy[estate, 1] - CENTRE_Y))
    pick(np.abs(r - 0.8) + (side > 0) * 1.0 + rng.uniform(0, 0.2, n), "ageing")
    east = (xy[:, 0] - CENTRE_X) / shape.radius
    pick(river * 3 + np.abs(r - 0.55) - 0.3 * east + (shapely.area(shape.quarters) >
                                                      np.median(shapely.area(shape.quarters))),
         "industrial")
    return role


def _quarter_names(rng: np.random.Generator, r: np.ndarray, river: np.ndarray,
                   role: list[str]) -> list[str]:
    special = {"centre": "Altstadt", "gentrifying": content.GENTRIFYING,
               "estate": content.ESTATE, "ageing": content.AGEING,
               "industrial": content.INDUSTRIAL}
    names = [special.get(x, "") for x in role]
    used = set(names)
    centre_pool = [n for n in content.CENTRE_NAMES if n not in used]
    river_pool = list(content.RIVER_NAMES)
    place_pool = list(rng.permutation(content.PLACE_NAMES))
    composed = [s + e for s in content.NAME_STEMS for e in content.NAME_ENDINGS]
    composed = [str(n) for n in rng.permutation(composed) if n not in content.PLACE_NAMES]
    # Big cities run out of names: the rest become "Lindenhof-Nord" and the like.
    composed = [f"{n}-{d}" for d in ("Süd", "Nord", "Ost", "West") for n in composed] + composed
    for q in np.argsort(r, kind="stable"):
        if names[q]:
            continue
        if r[q] < 0.3 and centre_pool:
            name = centre_pool.pop(0)
        elif river[q] < 0.05 and river_pool:
            name = river_pool.pop(0)
        elif place_pool:
            name = str(place_pool.pop())
        else:
            name = str(composed.pop())
        names[q] = name
    return names


def _borough_names(shape: CityShape,
                   quarter_names: list[str] | None) -> tuple[list[str], np.ndarray]:
    """Mitte for the central Stadtbezirk, compass points for the others; codes clockwise."""
    xy = shapely.get_coordinates(shapely.centroid(shape.boroughs))
    dx, dy = xy[:, 0] - CENTRE_X, xy[:, 1] - CENTRE_Y
    bearing = (np.degrees(np.arctan2(dx, dy)) + 360) % 360
    centre = shapely.points(CENTRE_X, CENTRE_Y)
    middle = int(np.argmax(shapely.contains(shape.boroughs, centre))) \
        if shapely.contains(shape.boroughs, centre).any() else int(np.argmin(np.hypot(dx, dy)))
    names = [""] * len(xy)
    names[middle] = "Mitte"
    used = {"Mitte"}
    for b in np.argsort(np.hypot(dx, dy)):
        if names[b]:
            continue
        compass = content.COMPASS[int(((bearing[b] + 22.5) % 360) // 45)]
        if compass not in used:
            names[b] = compass
        else:
            members = np.flatnonzero(shape.borough_of_quarter == b)
            biggest = members[np.argmax(shapely.area(shape.quarters[members]))]
            if quarter_names is not None and quarter_names[biggest] not in used:
                names[b] = quarter_names[biggest]
            else:
                names[b] = f"{compass} {sum(n.startswith(compass) for n in names) + 1}"
        used.add(names[b])
    order = sorted(range(len(xy)), key=lambda b: (b != middle, bearing[b]))
    return names, np.array(order)


def _quarter_codes(shape: CityShape, r: np.ndarray, borough_codes: list[str],
                   width: int) -> list[str]:
    """Borough code plus a running number, from the inside out."""
    codes = [""] * len(r)
    counters: dict[int, int] = {}
    for q in np.argsort(r, kind="stable"):
        b = int(shape.borough_of_quarter[q])
        counters[b] = counters.get(b, 0) + 1
        codes[q] = f"{borough_codes[b]}{counters[b]:0{width}d}"
    return codes


def _deprivation(rng: np.random.Generator, r: np.ndarray, river: np.ndarray, xy: np.ndarray,
                 radius: float, role: list[str]) -> np.ndarray:
    """Latent need: inner city and riverside poorer, spatially smooth, plus noise."""
    field = np.zeros(len(r))
    for _ in range(3):
        direction = rng.uniform(0, 2 * math.pi)
        along = ((xy[:, 0] - CENTRE_X) * math.cos(direction)
                 + (xy[:, 1] - CENTRE_Y) * math.sin(direction)) / radius
        field += 0.07 * np.sin(2 * math.pi * along / rng.uniform(0.5, 1.2) + rng.uniform(0, 6.3))
    d = (0.12 + 0.40 * np.exp(-(r / 0.35) ** 2) + 0.22 * np.exp(-river / 0.05) + field
         + rng.normal(0, 0.05, len(r)))
    fixed = {"estate": 0.92, "ageing": 0.06, "gentrifying": 0.78, "industrial": 0.55,
             "centre": 0.45}
    for q, x in enumerate(role):
        if x in fixed:
            d[q] = fixed[x]
    return np.clip(d, 0.02, 0.95)
