"""Import facilities from point layers or tables with coordinates, assigned to districts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from k360desk.io import headers
from k360desk.io.facility_match import AMBIGUOUS, NEW, pair
from k360desk.io.geo import VECTOR_SUFFIXES, crs_label, guess_crs, parse_crs, read_layer
from k360desk.io.numbers import parse_numbers
from k360desk.io.report import ImportProblem, ImportReport
from k360desk.io.tables import TableOptions, read_table
from k360desk.messages import tr
from k360desk.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from k360desk.projectfile import Project

TEXT_ROLES = ("name", "provider", "type", "street", "number", "postcode", "city", "phone",
              "email")
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
                                          "street", "number", "city", "provider", "type",
                                          "name"])
    for role, column in options.columns.items():
        if role not in ROLES:
            raise ImportProblem(f"Das Feld „{role}“ gibt es nicht (möglich: {', '.join(ROLES)}).")
        if column:  # a column chosen for one field is no longer guessed for another
            for other, guessed in roles.items():
                if guessed == column and other != role and other not in options.columns:
                    roles[other] = None
        if column and column not in columns:
            raise ImportProblem(tr("Die Spalte „{column}“ gibt es nicht (vorhanden: {columns}).",
                                   column=column, columns=", ".join(columns)))
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
        records, positions = [], []
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
                **{r: text[r].iloc[i] for r in ("postcode", "city", "phone", "email")
                   if text[r] is not None},
                street=_street(text, i),
                capacity=cap, district_id=district_ids[i], geom=point,
                needs_placement=int(point is None or shapely.is_empty(point)))
            records.append(record)
            positions.append(i)
            if i % 5000 == 0:
                progress.step(50 + int(30 * i / max(n, 1)), 100, "Einrichtungen anlegen …")
        matches, candidates = pair(records, project.all(Facility))
        new = []
        for k, (record, match) in enumerate(zip(records, matches, strict=True)):
            line = int(lines[positions[k]])
            if match == NEW:
                new.append(record)
            elif match == AMBIGUOUS:
                report.skip(line, f"„{record.name}“, {record.street or 'ohne Straße'}: mehrdeutig, "
                            f"passt zu {len(candidates[k])} vorhandenen Einrichtungen – nicht "
                            "übernommen (bitte Hausnummer oder Koordinaten ergänzen)")
            elif not _update_existing(project, match, record, roles, report):
                report.unchanged += 1
        ids = project.add_many(new) if new else []
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


def _street(text: dict, i: int) -> str:
    """Street and house number as one address line (a separate number column is common)."""
    street = text["street"].iloc[i] if text["street"] is not None else ""
    number = text["number"].iloc[i] if text["number"] is not None else ""
    return f"{street} {number}".strip() if number and not street.endswith(number) else street


def _update_existing(project: Project, facility_id: int, record, roles: dict,
                     report: ImportReport) -> bool:
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
    changed = {k: v for k, v in fields.items() if not _same(getattr(current, k), v)}
    if not changed:
        return False
    old = project.update(Facility, facility_id, **changed)
    report.undo.updated.append(("facilities", facility_id, old))
    report.updated += 1
    return True


def _same(old: Any, new: Any) -> bool:
    """Equal for a re-import: numbers as floats, points to a millimetre, "" and None alike."""
    if old is None or new is None or old == "" or new == "":
        return (old in (None, "")) == (new in (None, ""))
    if hasattr(old, "geom_type") or hasattr(new, "geom_type"):
        return bool(old.equals_exact(new, 0.001))
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return float(old) == float(new)
    return old == new
