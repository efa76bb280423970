"""Providers, facility types, target groups and facilities of the generated city.

Facilities follow the people they serve (Kitas where the young children live, senior
meeting places where the old live); need-driven offers cluster in poor Quartiere, except
in the big estate, which is under-supplied on purpose: that is the gap a demo should show.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np
import shapely

from k360desk.demo import content
from k360desk.demo.content import ProviderSpec
from k360desk.demo.districts import Profile
from k360desk.demo.scales import Scale, SeededIds
from k360desk.projectfile import Facility, FacilityType, Project, Provider, TargetGroup


@dataclass
class Supply:
    """What later parts of the generator need to know about providers and facilities."""

    provider_ids: list[int]
    provider_specs: list[ProviderSpec]
    facility_provider: np.ndarray  # provider index of every facility
    facility_quarter: np.ndarray  # Quartier index of every facility


def add_supply(project: Project, rng: np.random.Generator, profile: Profile, scale: Scale,
               latest: dict[str, np.ndarray], ids: SeededIds) -> Supply:
    """Write providers, facility types, target groups and facilities."""
    specs = _provider_specs(rng, profile, scale.providers)
    providers = [_provider_record(rng, spec, profile, ids) for spec in specs]
    project.add_many(providers)
    groups = [TargetGroup(name=name, uuid=ids()) for name in content.TARGET_GROUPS]
    project.add_many(groups)
    group_ids = {g.name: g.id for g in groups}
    types = [FacilityType(name=t.name, category=t.category, symbol=t.symbol, color=t.color,
                          uuid=ids()) for t in content.FACILITY_TYPES]
    project.add_many(types)
    if scale.facilities == 0:
        return Supply([p.id for p in providers], specs, np.zeros(0, int), np.zeros(0, int))

    shares = np.array([t.share for t in content.FACILITY_TYPES])
    per_type = np.floor(scale.facilities * shares / shares.sum()).astype(int)
    per_type[0] += scale.facilities - per_type.sum()
    type_index = np.repeat(np.arange(len(per_type)), per_type)
    quarter = np.empty(len(type_index), dtype=int)
    provider = np.empty(len(type_index), dtype=int)
    for t, spec in enumerate(content.FACILITY_TYPES):
        mine = np.flatnonzero(type_index == t)
        weights = _placement_weights(spec, profile, latest)
        quarter[mine] = rng.choice(len(weights), size=len(mine), p=weights / weights.sum())
        eligible = [i for i, p in enumerate(specs)
                    if p.umbrella in spec.providers
                    or (p.kind == content.CLUB and "Verein" in spec.providers)]
        provider[mine] = rng.choice(eligible, size=len(mine))
    points = _points_inside(rng, profile.geoms, quarter)
    # The district comes from a spatial join, as it would for imported facilities.
    tree = shapely.STRtree(profile.geoms)
    point_idx, quarter_idx = tree.query(points, predicate="within")
    joined = np.full(len(points), -1)
    joined[point_idx] = quarter_idx

    names: set[str] = set()
    records = []
    for i in range(len(points)):
        spec = content.FACILITY_TYPES[type_index[i]]
        q = int(joined[i])
        street = str(rng.choice(content.RIVER_STREETS if profile.river[q] < 0.04
                                else content.STREETS))
        name = _facility_name(rng, spec.name, specs[provider[i]], profile.names[q], street, names)
        low_high = spec.capacity
        capacity = float(rng.integers(*low_high) // 5 * 5) if low_high else None
        opened = f"{rng.integers(1972, 2024)}-{rng.integers(1, 13):02d}-01"
        closed = f"{rng.integers(2022, 2025)}-12-31" if rng.uniform() < 0.02 else None
        records.append(Facility(
            name=name, provider_id=providers[provider[i]].id, type_id=types[type_index[i]].id,
            street=f"{street} {rng.integers(1, 120)}", postcode=_postcode(profile, q),
            city=content.MUNICIPALITY, phone=_phone(rng), email=_email(name, specs[provider[i]]),
            capacity=capacity, district_id=int(profile.ids[q]), opened=opened, closed=closed,
            geom=points[i], uuid=ids()))
    project.add_many(records)
    links = [{"facility_id": rec.id, "target_group_id": group_ids[g]}
             for rec, t in zip(records, type_index, strict=True)
             for g in content.FACILITY_TYPES[t].target_groups]
    project.execute_link("facility_target_groups", links)
    return Supply([p.id for p in providers], specs, provider, joined)


def _provider_specs(rng: np.random.Generator, profile: Profile, n: int) -> list[ProviderSpec]:
    specs = list(content.PROVIDERS[:n])
    seen = {s.name for s in specs}
    umbrellas = np.array(content.UMBRELLAS)
    while len(specs) < n:
        form = str(rng.choice(content.PROVIDER_FORMS))
        place = profile.names[int(rng.integers(len(profile.names)))]
        stem = f"{rng.choice(content.NAME_STEMS)}{rng.choice(content.NAME_ENDINGS)}".title()
        name = form.format(place=place, stem=f"Sozialwerk {stem}")
        if name in seen:
            continue
        seen.add(name)
        umbrella = str(rng.choice(umbrellas, p=[0.15, 0.15, 0.15, 0.1, 0.3, 0.02, 0.13]))
        kind = content.CLUB if not umbrella else content.FREE
        specs.append(ProviderSpec(name, kind, umbrella, _slug(name)[:40] + ".de"))
    return specs


def _provider_record(rng: np.random.Generator, spec: ProviderSpec, profile: Profile,
                     ids: SeededIds) -> Provider:
    first = str(rng.choice(content.FIRST_NAMES))
    last = str(rng.choice(content.SURNAMES))
    q = int(rng.integers(len(profile.names)))
    return Provider(
        name=spec.name, kind=spec.kind, umbrella=spec.umbrella,
        contact_person=f"{first} {last}", email=f"{_slug(first)}.{_slug(last)}@{spec.domain}",
        phone=_phone(rng),
        address=f"{rng.choice(content.STREETS)} {rng.integers(1, 80)}, "
                f"{_postcode(profile, q)} {content.MUNICIPALITY}",
        website=f"www.{spec.domain}", uuid=ids())


def _placement_weights(spec: content.FacilityTypeSpec, profile: Profile,
                       latest: dict[str, np.ndarray]) -> np.ndarray:
    people = {"Kindertagesstätte": "einw_u6", "Familienzentrum": "einw_u6",
              "Frühe Hilfen / Familienhebammen": "einw_u6", "Jugendzentrum": "einw_u18",
              "Offene Ganztagsschule": "einw_u18", "Seniorentreff": "einw_65plus"}
    base = latest.get(people.get(spec.name, "einwohner"), latest["einwohner"])
    weights = np.maximum(base, 1.0).astype(float)
    if spec.need_driven:
        weights = weights * (0.15 + 3.0 * profile.deprivation ** 2)
        # Central counselling serves the whole city from the centre.
        weights = weights * np.exp(-profile.r / 0.5)
    estate = profile.index_of("estate")
    if estate is not None:
        weights[estate] *= 0.3
    industrial = profile.index_of("industrial")
    if industrial is not None:
        weights[industrial] *= 0.05
    return weights


def _points_inside(rng: np.random.Generator, geoms: np.ndarray, quarter: np.ndarray) -> np.ndarray:
    """One random point inside the Quartier of every facility, kept off the boundary."""
    inner = shapely.buffer(geoms, -25.0)
    inner = np.where(shapely.is_empty(inner), geoms, inner)
    shapely.prepare(inner)
    bounds = shapely.bounds(inner)
    xy = np.zeros((len(quarter), 2))
    todo = np.arange(len(quarter))
    while len(todo):
        b = bounds[quarter[todo]]
        candidate = rng.uniform(b[:, :2], b[:, 2:])
        ok = shapely.contains_xy(inner[quarter[todo]], candidate[:, 0], candidate[:, 1])
        xy[todo[ok]] = np.round(candidate[ok], 1)
        todo = todo[~ok]
    return shapely.points(xy)


def _facility_name(rng: np.random.Generator, type_name: str, provider: ProviderSpec, place: str,
                   street: str, used: set[str]) -> str:
    templates = content.FACILITY_NAMES.get(type_name)
    if templates and rng.uniform() < 0.7:
        name = str(rng.choice(templates)).format(place=place, street=street,
                                                 saint=rng.choice(content.SAINTS))
    elif provider.umbrella in ("AWO", "Caritas", "Diakonie", "DRK"):
        name = f"{provider.umbrella}-{type_name} {place}"
    else:
        name = f"{type_name} {place}"
    base, number = name, 2
    while name in used:
        name = f"{base} {_ROMAN[min(number, len(_ROMAN) - 1)]}" if number < len(_ROMAN) \
            else f"{base} ({number})"
        number += 1
    used.add(name)
    return name


_ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _postcode(profile: Profile, q: int) -> str:
    return str(content.POSTCODE_BASE + 7 * int(profile.borough[q]) % 90)


def _phone(rng: np.random.Generator) -> str:
    return f"{content.PHONE_PREFIX} {rng.integers(10, 99)} {rng.integers(100, 999)}"


def _email(name: str, provider: ProviderSpec) -> str:
    return f"{_slug(name)[:30].strip('-')}@{provider.domain}"


def _slug(text: str) -> str:
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in text).strip("-").replace("--", "-")
