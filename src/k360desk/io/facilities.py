"""Import facilities from point layers or tables with coordinates, assigned to districts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from k360desk.io import headers
from k360desk.io.geo import VECTOR_SUFFIXES, crs_label, guess_crs, parse_crs, read_layer
from k360desk.io.numbers import parse_numbers
from k360desk.io.report import ImportProblem, ImportReport
from k360desk.io.tables import TableOptions, read_table
from k360desk.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from k360desk.projectfile import Project

TEXT_ROLES = ("name", "provider", "type", "street", "postcode", "city", "phone", "email")
ROLES = (*TEXT_ROLES, "capacity", "x", "y")


@dataclass
class FacilityOptions:
    """Mapping and reading choices for a facilities import (None = detect)."""

    table: TableOptions = field(default_factory=TableOptions)
    layer: str | None = None
    encoding: str | None = None
    crs: str | None = None
    level: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # role → column

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the report (and redo)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FacilityOptions:
        """Inverse of ``to_dict``."""
        data = dict(data)
        data["table"] = TableOptions(**data.get("table", {}))
        return cls(**data)


@dataclass
class FacilityPreview:
    """What the assistant shows before the import."""

    frame: pd.DataFrame
    mapping: dict[str, str | None]
    detected: list[str]
    problem: str | None = None


def _is_vector(source: Path) -> bool:
    return source.is_dir() or source.suffix.lower() in VECTOR_SUFFIXES


def _load(source: Path, options: FacilityOptions, progress: Progress, project_epsg: int,
          nrows: int | None = None, require_crs: bool = True):
    """(attribute frame, line numbers, point geometries or None, source EPSG, notes)."""
    if _is_vector(source):
        layer = read_layer(source, options.layer, options.encoding, options.crs, project_epsg,
                           max_features=nrows, require_crs=require_crs)
        frame = pd.DataFrame(layer.frame.drop(columns="geometry"))
        return (frame, np.arange(len(frame)) + 1, layer.frame.geometry.to_numpy(),
                layer.crs_epsg or layer.guessed_epsg, [f"Koordinatensystem: {layer.crs_label}"])
    table = read_table(source, options.table, progress, nrows=nrows)
    return table.frame, table.lines, None, parse_crs(options.crs), table.describe()


def mapping(columns: list[str], options: FacilityOptions) -> dict[str, str | None]:
    """Proposed column for every role, overridden by the options."""
    roles = headers.guess_roles(columns, ["x", "y", "capacity", "postcode", "email", "phone",
                                          "street", "city", "provider", "type", "name"])
    for role, column in options.columns.items():
        if column and column not in columns:
            raise ImportProblem(f"Die Spalte „{column}“ gibt es nicht (vorhanden: {', '.join(columns)}).")
        roles[role] = column or None
    return {role: roles.get(role) for role in ROLES}


def preview(source: str | Path, options: FacilityOptions | None = None, rows: int = 50,
            project_epsg: int = 25832) -> FacilityPreview:
    """First rows, detected options and the proposed mapping."""
    options = options or FacilityOptions()
    frame, _lines, _geoms, epsg, detected = _load(Path(source), options, NO_PROGRESS, project_epsg,
                                                  nrows=max(rows, 500), require_crs=False)
    problem = None
    try:
        proposal = mapping(list(frame.columns), options)
    except ImportProblem as exc:
        proposal, problem = {r: None for r in ROLES}, str(exc)
    if _geoms is None and not (proposal["x"] and proposal["y"]):
        detected.append("Keine Koordinatenspalten erkannt: alle Einrichtungen werden zur "
                        "manuellen Platzierung markiert.")
    return FacilityPreview(frame.head(rows), proposal, detected, problem)


def run(project: Project, source: str | Path, options: FacilityOptions | None = None,
        progress: Progress = NO_PROGRESS) -> ImportReport:
    """Import facilities in one transaction; Cancel or an error changes nothing."""
    import shapely

    from k360desk.projectfile import Facility, FacilityType, Provider

    options = options or FacilityOptions()
    source = Path(source)
    report = ImportReport("facilities", str(source), options.to_dict())
    frame, lines, geoms, epsg, notes = _load(source, options, progress, project.srs_id)
    report.notes += notes
    roles = mapping(list(frame.columns), options)
    if roles["name"] is None:
        raise ImportProblem("Keine Spalte mit dem Namen der Einrichtung erkannt. Bitte angeben.")
    report.note("Spalten: " + ", ".join(f"{headers.LABELS[r]} „{c}“" for r, c in roles.items() if c))
    n = len(frame)
    points = _points(frame, roles, geoms, epsg, project.srs_id, lines, report)
    text = {role: (frame[c].astype("string").fillna("").str.strip() if (c := roles[role]) else None)
            for role in TEXT_ROLES}
    capacity = parse_numbers(frame[roles["capacity"]]) if roles["capacity"] else None
    progress.step(40, 100, "Sozialräume zuordnen …")
    district_ids = _join(project, points, options.level, lines, report)
    with project.transaction():
        providers = _lookup(project, Provider, text["provider"], report, "providers", "Träger")
        types = _lookup(project, FacilityType, text["type"], report, "facility_types", "Einrichtungsarten")
        records = []
        known = _known_facilities(project)
        matched: set[int] = set()
        for i in range(n):
            name = text["name"].iloc[i]
            if not name:
                report.skip(int(lines[i]), "kein Name der Einrichtung")
                continue
            cap = None
            if capacity is not None:
                if capacity.status[i] == "final":
                    cap = float(capacity.values[i])
                elif capacity.status[i] != "empty":
                    report.doubt(int(lines[i]), "Platzzahl: " + capacity.reasons.get(i, "nicht lesbar")
                                 + " – ohne Platzzahl übernommen")
            point = points[i]
            record = Facility(
                name=name,
                provider_id=providers.get(text["provider"].iloc[i]) if text["provider"] is not None else None,
                type_id=types.get(text["type"].iloc[i]) if text["type"] is not None else None,
                **{r: text[r].iloc[i] for r in ("street", "postcode", "city", "phone", "email")
                   if text[r] is not None},
                capacity=cap, district_id=district_ids[i], geom=point,
                needs_placement=int(point is None or shapely.is_empty(point)))
            match = known.get(_identity(record.name, record.street))
            if match is not None and match not in matched:
                matched.add(match)
                _update_existing(project, match, record, roles, report)
                continue
            records.append(record)
            if i % 5000 == 0:
                progress.step(50 + int(30 * i / max(n, 1)), 100, "Einrichtungen anlegen …")
        ids = project.add_many(records) if records else []
        report.undo.add_created("facilities", ids)
        report.taken = len(ids)
        progress.step(100, 100, "Fertig")
    return report


def _points(frame: pd.DataFrame, roles: dict, geoms, epsg: int | None, target: int, lines,
            report: ImportReport) -> list:
    """One point (project CRS) or None per row; reasons for the missing ones in the report."""
    import shapely
    from pyproj import Transformer

    n = len(frame)
    if geoms is not None:
        kinds = shapely.get_type_id(geoms)
        xs = np.full(n, np.nan)
        ys = np.full(n, np.nan)
        for i in range(n):
            g = geoms[i]
            if g is None or shapely.is_empty(g):
                continue
            if kinds[i] != 0:
                g = g.representative_point()
                report.doubt(int(lines[i]),
                             "keine Punktgeometrie – ein Punkt innerhalb der Fläche/Linie verwendet")
            xs[i], ys[i] = g.x, g.y
    elif roles["x"] and roles["y"]:
        xs = parse_numbers(frame[roles["x"]]).values
        ys = parse_numbers(frame[roles["y"]]).values
        ok = ~(np.isnan(xs) | np.isnan(ys))
        if epsg is None and ok.any():
            bounds = (np.nanmin(xs[ok]), np.nanmin(ys[ok]), np.nanmax(xs[ok]), np.nanmax(ys[ok]))
            epsg = guess_crs(bounds, target)
            if epsg is None and guess_crs((bounds[1], bounds[0], bounds[3], bounds[2]), target) == 4326:
                xs, ys, epsg = ys, xs, 4326
                report.note("Längen- und Breitengrad waren vertauscht und wurden getauscht.")
            if epsg is None:
                raise ImportProblem("Das Koordinatensystem der Koordinaten ist nicht erkennbar. "
                                    "Bitte angeben (z. B. EPSG:4326 für Längen-/Breitengrad).")
            report.note(f"Koordinaten erkannt als {crs_label(epsg)}")
    else:
        xs = ys = np.full(n, np.nan)
        report.note("Keine Koordinaten: alle Einrichtungen zur manuellen Platzierung markiert.")
        epsg = target
    if epsg is not None and epsg != target:
        transformer = Transformer.from_crs(epsg, target, always_xy=True)
        xs, ys = transformer.transform(xs, ys)
        xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    bad = ~np.isfinite(xs) | ~np.isfinite(ys)
    points: list = [None] * n
    for i in range(n):
        if bad[i]:
            if roles.get("x") or geoms is not None:
                report.doubt(int(lines[i]), "keine gültigen Koordinaten – zur manuellen Platzierung markiert")
        else:
            points[i] = shapely.Point(xs[i], ys[i])
    return points


def _join(project: Project, points: list, level: str | None, lines, report: ImportReport) -> list:
    """District id for every point (finest level unless one is named), by a spatial index."""
    import shapely

    from k360desk.projectfile import DistrictLevel

    levels = project.all(DistrictLevel, order_by="rank")
    chosen = next((lv for lv in levels if lv.name == level), None) if level else (
        levels[-1] if levels else None)
    if level and chosen is None:
        raise ImportProblem(f"Die Ebene „{level}“ gibt es im Projekt nicht.")
    result: list = [None] * len(points)
    if chosen is None:
        return result
    districts = project.districts_frame(chosen.id)
    districts = districts[districts.geometry.notna()]
    if districts.empty:
        if any(p is not None for p in points):
            report.note(f"Die Sozialräume der Ebene „{chosen.name}“ haben keine Grenzen: die "
                        "Einrichtungen sind keinem Sozialraum zugeordnet (im Editor zuordnen "
                        "oder Grenzen importieren).")
        return result
    tree = shapely.STRtree(districts.geometry.to_numpy())
    placed = [i for i, p in enumerate(points) if p is not None]
    if placed:
        pts = np.array([points[i] for i in placed], dtype=object)
        hits = tree.query(pts, predicate="intersects")
        first: dict[int, int] = {}
        for pi, di in zip(hits[0], hits[1], strict=True):
            first.setdefault(int(pi), int(di))
        ids = districts["id"].to_numpy()
        for k, i in enumerate(placed):
            if k in first:
                result[i] = int(ids[first[k]])
            else:
                report.doubt(int(lines[i]), f"liegt außerhalb aller Sozialräume der Ebene „{chosen.name}“")
    return result


def _lookup(project: Project, cls, names: pd.Series | None, report: ImportReport, table: str,
            label: str) -> dict[str, int]:
    """Name → id of providers or facility types, matched case-insensitively or created."""
    if names is None:
        return {}
    known = {" ".join(r.name.casefold().split()): r.id for r in project.all(cls)}
    result: dict[str, int] = {}
    new = []
    for name in pd.unique(names):
        if not name:
            continue
        key = " ".join(name.casefold().split())
        if key in known:
            result[name] = known[key]
        else:
            record = cls(name=name)
            new.append(record)
            known[key] = -1
            result[name] = -len(new)
    if new:
        ids = project.add_many(new)
        report.undo.add_created(table, ids)
        by_key = {" ".join(r.name.casefold().split()): i for r, i in zip(new, ids, strict=True)}
        result = {n: (by_key[" ".join(n.casefold().split())] if v < 0 else v) for n, v in result.items()}
        report.note(f"Neu angelegte {label}: " + ", ".join(r.name for r in new))
    return result


def _identity(name: str, street: str) -> tuple[str, str]:
    """How a facility is recognised again in an updated list: name and street, loosely."""
    def fold(text: str) -> str:
        return " ".join(str(text or "").casefold().replace("str.", "strasse").split())
    return fold(name), fold(street)


def _known_facilities(project: Project) -> dict[tuple[str, str], int]:
    """Existing facilities by identity; ambiguous identities are left out (never guessed)."""
    from k360desk.projectfile import Facility

    frame = project.frame(Facility)
    keys = [_identity(n, s) for n, s in zip(frame["name"], frame["street"], strict=True)]
    counts: dict[tuple[str, str], int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    return {key: int(i) for key, i in zip(keys, frame["id"], strict=True) if counts[key] == 1}


def _update_existing(project: Project, facility_id: int, record, roles: dict,
                     report: ImportReport) -> None:
    """Bring an existing facility up to date from the list; the old values go into the undo."""
    from k360desk.projectfile import Facility

    current = project.get(Facility, facility_id)
    fields = {"capacity": record.capacity, "geom": record.geom,
              "needs_placement": record.needs_placement}
    if not current.district_fixed:  # a district set by hand stays
        fields["district_id"] = record.district_id
    for role in ("street", "postcode", "city", "phone", "email"):
        if roles.get(role):
            fields[role] = getattr(record, role)
    for column in ("provider_id", "type_id"):
        if getattr(record, column) is not None:
            fields[column] = getattr(record, column)
    if record.geom is None or record.needs_placement:
        fields.pop("geom")  # no usable coordinates: keep where it was placed
        fields.pop("needs_placement")
    changed = {k: v for k, v in fields.items() if getattr(current, k) != v}
    if not changed:
        return
    old = project.update(Facility, facility_id, **changed)
    report.undo.updated.append(("facilities", facility_id, old))
    report.updated += 1
