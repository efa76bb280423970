"""Import district boundaries: choose columns and level, repair, reproject, replace by code."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from k360desk.io import codes, headers
from k360desk.io.facility_match import reassign as reassign_facilities
from k360desk.io.geo import Layer, crs_label, read_layer
from k360desk.io.report import ImportProblem, ImportReport
from k360desk.messages import tr
from k360desk.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from k360desk.projectfile import Project

BATCH = 2000
POLYGONAL = ("Polygon", "MultiPolygon")


@dataclass
class DistrictOptions:
    """Mapping and reading choices for a boundaries import (None = detect)."""

    code: str | None = None
    name: str | None = None
    parent: str | None = None
    level: str | None = None
    layer: str | None = None
    encoding: str | None = None
    crs: str | None = None  # the source CRS, needed when a Shapefile has no .prj

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the report (and redo)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DistrictOptions:
        """Inverse of ``to_dict``."""
        return cls(**data)


@dataclass
class DistrictPreview:
    """What the assistant shows before the import."""

    frame: pd.DataFrame  # first attribute rows
    columns: list[str]
    mapping: dict[str, str | None]
    level: str
    detected: list[str] = field(default_factory=list)
    problem: str | None = None
    guessed_crs: int | None = None
    layers: list[str] = field(default_factory=list)


def default_level(source: str | Path, layer: str | None) -> str:
    """A level name from the layer or file name ("stadtteile.zip" → "Stadtteile")."""
    stem = layer or Path(source).stem
    return stem.replace("_", " ").strip().title() if stem else "Sozialräume"


def mapping(columns: list[str], options: DistrictOptions,
            frame: pd.DataFrame | None = None) -> dict[str, str | None]:
    """Proposed code, name and parent columns, overridden by the options.

    With the ``frame``, a key column is proposed only if it is unique and looks like codes
    (a header such as "area" holding decimal areas is never taken silently); when no
    column qualifies, ``ImportProblem`` lists every column and why it is no key.
    """
    attributes = [c for c in columns if c != "geometry"]
    roles = headers.guess_roles(attributes, ["district", "name", "parent"])
    if frame is not None and not options.code:
        key, why_not = codes.choose_key(frame[attributes], headers.ranked(attributes, "district"))
        if key is None:
            raise ImportProblem("Keine Spalte ist eindeutig als Schlüssel erkennbar; bitte mit "
                                f"--code SPALTE angeben. Spalten: {why_not}.")
        if key != roles["district"]:
            roles = headers.guess_roles([c for c in attributes if c != key], ["name", "parent"])
        roles["district"] = key
    result = {"code": roles["district"], "name": roles["name"], "parent": roles["parent"]}
    for role in ("code", "name", "parent"):
        chosen = getattr(options, role)
        if chosen:
            if chosen not in columns:
                raise ImportProblem(tr("Die Spalte „{column}“ gibt es nicht (vorhanden: {columns}).",
                                       column=chosen,
                                       columns=", ".join(c for c in columns if c != "geometry")))
            result[role] = chosen
    return result


def preview(source: str | Path, options: DistrictOptions | None = None, rows: int = 50,
            project_epsg: int = 25832) -> DistrictPreview:
    """First rows, detected CRS/encoding and the proposed mapping."""
    options = options or DistrictOptions()
    layer = read_source(source, options, project_epsg, require_crs=False)
    frame = layer.frame
    columns = [c for c in frame.columns if c != "geometry"]
    detected = [f"Ebene der Datei: {layer.name}", f"Koordinatensystem: {layer.crs_label}"]
    problem = None
    if layer.crs_epsg is None and layer.guessed_epsg is not None and not options.crs:
        problem = ("Zur Shapefile-Datei fehlt die .prj-Datei. Vermutet: "
                   f"{crs_label(layer.guessed_epsg)} – bitte bestätigen.")
    if layer.encoding:
        detected.append(f"Zeichenkodierung: {layer.encoding}")
    kinds = frame.geom_type.value_counts()
    detected.append("Geometrien: " + ", ".join(f"{n}× {k}" for k, n in kinds.items()))
    if kinds.empty:
        detected.append("Ohne Grenzen: die Sozialräume werden als Liste angelegt")
    elif not any(k in POLYGONAL for k in kinds.index):
        problem = "Die Datei enthält keine Flächen (Polygone), sondern " + ", ".join(kinds.index) + "."
    try:
        proposal = mapping(columns, options, frame)
    except ImportProblem as exc:
        proposal, problem = {"code": None, "name": None, "parent": None}, str(exc)
    return DistrictPreview(pd.DataFrame(frame[columns].head(rows)), columns, proposal,
                           options.level or default_level(source, layer.name), detected,
                           problem, layer.guessed_epsg, layer.layers)


def read_source(source: str | Path, options: DistrictOptions, project_epsg: int,
                require_crs: bool = True) -> Layer:
    """A vector layer, or a table (CSV/XLSX code and name list) as a layer without geometry."""
    from k360desk.io.tables import TableOptions, is_table, read_table

    path = Path(source)
    if not is_table(path):
        return read_layer(source, options.layer, options.encoding, options.crs, project_epsg,
                          require_crs=require_crs)
    import geopandas as gpd

    sheet = options.layer if path.suffix.lower() in (".xlsx", ".xlsm") else None
    table = read_table(path, TableOptions(encoding=options.encoding, sheet=sheet))
    frame = gpd.GeoDataFrame(table.frame.reset_index(drop=True),
                             geometry=[None] * len(table.frame), crs=f"EPSG:{project_epsg}")
    return Layer(frame, path.stem, project_epsg, "keine Geometrien (Liste)", table.encoding,
                 [path.stem])


def run(project: Project, source: str | Path, options: DistrictOptions | None = None,
        progress: Progress = NO_PROGRESS) -> ImportReport:
    """Import districts in one transaction; Cancel or an error changes nothing.

    Boundaries are optional: a code/name list (CSV, XLSX) or features with null geometry
    create districts without boundary; a re-import without geometry keeps a boundary."""
    import shapely

    from k360desk.projectfile import District, DistrictLevel
    from k360desk.projectfile.batch import update_column

    options = options or DistrictOptions()
    report = ImportReport("districts", str(source), options.to_dict())
    progress.step(0, 100, "Datei lesen …")
    layer = read_source(source, options, project.srs_id)
    frame = layer.frame.reset_index(drop=True)
    progress.step(20, 100, "Geometrien prüfen …")
    columns = [c for c in frame.columns if c != "geometry"]
    roles = mapping(columns, options, frame)
    if roles["code"] is None:
        raise ImportProblem("Keine Spalte mit dem Schlüssel erkannt. Bitte angeben (--code SPALTE); "
                            f"vorhanden: {', '.join(columns)}.")
    report.notes.append(f"Koordinatensystem der Datei: {layer.crs_label}")
    if layer.encoding:
        report.notes.append(f"Zeichenkodierung: {layer.encoding}")
    report.notes.append("Spalten: Schlüssel „{}“, Name „{}“, Oberbezirk „{}“".format(
        roles["code"], roles["name"] or "–", roles["parent"] or "–"))
    lines = np.arange(len(frame)) + 1  # feature number, as GIS programs count
    keep = np.ones(len(frame), dtype=bool)
    geoms = frame.geometry.to_numpy()
    kinds = shapely.get_type_id(geoms)
    polygonal = np.isin(kinds, [3, 6])
    empty = pd.isna(geoms) | shapely.is_empty(geoms)
    if not polygonal.any() and not empty.all():
        found = ", ".join(sorted(set(frame.geom_type.dropna())))
        raise ImportProblem(f"Die Datei enthält keine Flächen, sondern {found}. "
                            "Grenzen von Sozialräumen müssen Polygone sein; Punkte gehören zu "
                            "„Einrichtungen importieren“.")
    for i in np.flatnonzero(~polygonal & ~empty):
        report.skip(int(lines[i]), f"{frame.geom_type.iloc[i]} statt Fläche – nicht übernommen")
    keep &= polygonal | empty
    geoms = np.where(empty, None, geoms)
    invalid = keep & ~empty & ~shapely.is_valid(np.where(keep, geoms, None))
    for i in np.flatnonzero(invalid):
        reason = shapely.is_valid_reason(geoms[i])
        repaired = _polygonal(shapely.make_valid(geoms[i]))
        if repaired is None:
            report.skip(int(lines[i]), f"Geometrie ungültig und nicht reparierbar ({reason})")
            keep[i] = False
        else:
            geoms[i] = repaired
            report.doubt(int(lines[i]), f"Geometrie repariert ({_reason_de(reason)})")
    frame = frame.set_geometry(geoms, crs=frame.crs)
    if layer.crs_epsg != project.srs_id and not empty.all():
        frame = frame.to_crs(epsg=project.srs_id)
        report.notes.append(f"Umgerechnet in {crs_label(project.srs_id)}")
    code = frame[roles["code"]].map(codes.normalise_code)
    for i in np.flatnonzero(keep & (code == "").to_numpy()):
        report.skip(int(lines[i]), "kein Schlüssel angegeben")
    keep &= (code != "").to_numpy()
    folded = code.str.casefold()
    dup = folded.duplicated(keep=False).to_numpy() & keep
    for i in np.flatnonzero(dup):
        same = ", ".join(str(int(x)) for x in lines[(folded == folded.iloc[i]).to_numpy()])
        report.skip(int(lines[i]), f"Schlüssel „{code.iloc[i]}“ kommt mehrfach vor (Objekte {same})")
    keep &= ~dup
    names = (frame[roles["name"]].astype("string").fillna("").str.strip() if roles["name"]
             else pd.Series([""] * len(frame), dtype="string"))
    progress.step(40, 100, "Sozialräume schreiben …")

    with project.transaction():
        existing = project.frame(District)
        level_name = options.level or _existing_level(project, existing, folded[keep]) \
            or default_level(source, layer.name)
        level_id = _level(project, level_name, report, DistrictLevel)
        by_code = {str(c).casefold(): (int(i), n, lv, p) for i, c, n, lv, p in existing[
            ["id", "code", "name", "level_id", "parent_id"]].itertuples(index=False, name=None)}
        new_records, replaced_geoms, old_geoms, renamed, old_names = [], {}, {}, {}, {}
        rows = np.flatnonzero(keep)
        # Plain arrays: per-row .iloc on 15,000 rows would cost seconds.
        folded_a, code_a = folded.to_numpy(dtype=object), code.to_numpy(dtype=object)
        names_a, geoms_a = names.fillna("").to_numpy(dtype=object), frame.geometry.to_numpy()
        for count, i in enumerate(rows):
            key = folded_a[i]
            name = names_a[i] or code_a[i]
            geom = geoms_a[i]
            if key in by_code:
                fid, old_name, old_level, _parent = by_code[key]
                if geom is not None:  # a list without boundaries keeps the stored boundary
                    replaced_geoms[fid] = geom
                if roles["name"] and name != old_name:
                    renamed[fid], old_names[fid] = name, old_name
                if old_level != level_id:
                    report.doubt(int(lines[i]), f"Sozialraum „{code_a[i]}“ gehört zu einer anderen "
                                 "Ebene; Ebene beibehalten, Grenze ersetzt")
                report.updated += 1
            else:
                if not names_a[i]:
                    report.doubt(int(lines[i]), f"kein Name – Schlüssel „{code_a[i]}“ als Name übernommen")
                new_records.append(District(code=code_a[i], name=name, level_id=level_id, geom=geom))
                report.taken += 1
            if count % BATCH == 0:
                progress.step(40 + int(30 * count / max(len(rows), 1)), 100)
        if replaced_geoms:
            old_blobs = project.districts_frame().geometry
            for fid in replaced_geoms:
                old_geoms[fid] = old_blobs.loc[fid]
            # The same boundary again (to a millimetre) is no update: re-imports say so.
            same = {fid for fid, g in replaced_geoms.items() if fid not in renamed
                    and _same_boundary(g, old_geoms[fid])}
            for fid in same:
                del replaced_geoms[fid], old_geoms[fid]
            report.updated -= len(same)
            report.unchanged += len(same)
        if replaced_geoms:
            project.set_geometries(District, replaced_geoms)
            report.undo.updated += [("districts", fid, {"geom": g}) for fid, g in old_geoms.items()]
        if renamed:
            update_column(project, District, "name", renamed)
            report.undo.updated += [("districts", fid, {"name": n}) for fid, n in old_names.items()]
        for start in range(0, len(new_records), BATCH):
            ids = project.add_many(new_records[start:start + BATCH])
            report.undo.add_created("districts", ids)
            progress.step(70 + int(20 * (start + BATCH) / max(len(new_records), 1)), 100)
        if roles["parent"]:
            _parents(project, frame, rows, roles["parent"], folded, lines, level_id, report)
        without = int((keep & empty).sum())
        if without:
            report.notes.append(f"{without} ohne Grenze übernommen (Karten zeigen sie nicht; "
                                "Index, Tabellen, Diagramme und Profile nutzen sie)")
        # New boundaries move facilities: each belongs to the district its point lies in.
        reassign_facilities(project, report)
        progress.step(100, 100, "Fertig")
    return report


def _same_boundary(new, old) -> bool:
    """The same boundary to a millimetre (a Polygon equals its one-part MultiPolygon)."""
    if old is None or new is None:
        return False
    if new.geom_type != old.geom_type:
        return bool(new.equals(old))
    return bool(new.equals_exact(old, 0.001))


def _polygonal(geometry):
    """The polygon parts of a repaired geometry as one MultiPolygon (None if nothing is left)."""
    import shapely

    parts = [p for p in shapely.get_parts(geometry) if p.geom_type in POLYGONAL and not p.is_empty]
    polys = [q for p in parts for q in (p.geoms if p.geom_type == "MultiPolygon" else [p])]
    return shapely.MultiPolygon(polys) if polys else None


def _reason_de(reason: str) -> str:
    text = str(reason)
    for en, de in (("Self-intersection", "Selbstüberschneidung"), ("Ring Self-intersection",
                   "Ring überschneidet sich selbst"), ("Too few points", "zu wenige Punkte"),
                   ("Interior is disconnected", "Inneres zerfällt"),
                   ("Hole lies outside shell", "Loch außerhalb der Fläche")):
        text = text.replace(en, de)
    return text


def _existing_level(project: Project, existing: pd.DataFrame, keys: pd.Series) -> str | None:
    """On a re-import: the level most of the file's codes already belong to."""
    from k360desk.projectfile import DistrictLevel

    if existing.empty:
        return None
    hit = existing[existing["code"].astype(str).str.casefold().isin(set(keys))]
    if hit.empty or hit["level_id"].isna().all():
        return None
    level = project.get(DistrictLevel, int(hit["level_id"].mode().iloc[0]))
    return level.name if level else None


def _level(project: Project, name: str, report: ImportReport, level_cls) -> int:
    """Id of the named level, created (as the finest level) if missing."""
    level = project.find(level_cls, name=name)
    if level is not None:
        return int(level.id)
    ranks = [lv.rank for lv in project.all(level_cls)]
    new_id = project.add(level_cls(name=name, rank=(max(ranks) + 1) if ranks else 0))
    report.undo.add_created("district_levels", [new_id])
    report.notes.append(f"Neue Ebene „{name}“ angelegt")
    return int(new_id)


def _parents(project: Project, frame, rows, column: str, folded, lines, level_id: int,
             report: ImportReport) -> None:
    """Link each imported district to its parent (matched by code in the other levels)."""
    from k360desk.projectfile import District
    from k360desk.projectfile.batch import update_column

    everything = project.frame(District)
    others = everything[everything["level_id"] != level_id]
    matcher = codes.DistrictMatcher(others)
    by_code = {str(c).casefold(): int(i) for i, c in everything[["id", "code"]].itertuples(index=False)}
    old_parent = dict(everything[["id", "parent_id"]].itertuples(index=False, name=None))
    changes: dict[int, int | None] = {}
    unknown: dict[str, list[int]] = {}
    column_a, folded_a = frame[column].to_numpy(dtype=object), folded.to_numpy(dtype=object)
    for i in rows:
        raw = codes.normalise_code(column_a[i])
        fid = by_code[folded_a[i]]
        if not raw:
            continue
        match = matcher.match_one(raw)
        if match.district_id is None:
            unknown.setdefault(raw, []).append(int(lines[i]))
            continue
        if match.how != "code":
            report.doubt(int(lines[i]), "Oberbezirk: " + codes.explain(raw, match))
        if old_parent.get(fid) != match.district_id:
            changes[fid] = match.district_id
    for raw, found in unknown.items():
        more = f" (und {len(found) - 1} weitere Objekte)" if len(found) > 1 else ""
        report.doubt(found[0], f"Oberbezirk „{raw}“ gibt es im Projekt nicht – ohne Oberbezirk "
                     f"übernommen{more}")
    if changes:
        report.undo.updated += [("districts", fid, {"parent_id": _none(old_parent.get(fid))})
                                for fid in changes]
        update_column(project, District, "parent_id", changes)


def _none(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and value != value) else int(value)


def layer_info(layer: Layer) -> str:
    """One line about a layer, for messages."""
    return f"{layer.name}: {len(layer.frame)} Objekte, {layer.crs_label}"
