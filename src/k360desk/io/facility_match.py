"""Recognising facilities again: a second import of the same list changes nothing.

A facility is known by name and street (loosely: case, spacing, "Str." = "Straße"). Where
several share that identity, the other fields (address, contact, capacity, position) decide;
what still cannot be told apart is listed and never added twice. After districts change,
facilities are assigned again to the district their point lies in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from k360desk.io.report import ImportReport
    from k360desk.projectfile import Project

NEW = -1  # pairing result: a new facility
AMBIGUOUS = -2  # pairing result: several facilities fit; not taken


def identity(name: str, street: str) -> tuple[str, str]:
    """How a facility is recognised again in an updated list: name and street, loosely."""
    def fold(text: str) -> str:
        text = str(text or "").casefold().replace("straße", "strasse").replace("str.", "strasse")
        return " ".join(text.split())
    return fold(name), fold(street)


def signature(record: Any) -> tuple:
    """Everything else that tells two facilities of the same name and street apart."""
    geom = getattr(record, "geom", None)
    point = (None if geom is None or geom.is_empty
             else (round(float(geom.x), 0), round(float(geom.y), 0)))
    capacity = getattr(record, "capacity", None)
    capacity = None if capacity is None or capacity != capacity else float(capacity)
    texts = tuple(" ".join(str(getattr(record, f, "") or "").casefold().split())
                  for f in ("postcode", "city", "phone", "email"))
    return (*texts, capacity, point)


def pair(rows: list[Any], existing: list[Any]) -> tuple[list[int], dict[int, list[int]]]:
    """For each new record the id of the existing facility it is, ``NEW`` or ``AMBIGUOUS``;
    and for each ambiguous row the ids it could be."""
    groups: dict[tuple[str, str], list[Any]] = {}
    for record in existing:
        groups.setdefault(identity(record.name, record.street), []).append(record)
    by_identity: dict[tuple[str, str], list[int]] = {}
    for i, record in enumerate(rows):
        by_identity.setdefault(identity(record.name, record.street), []).append(i)
    result = [NEW] * len(rows)
    candidates: dict[int, list[int]] = {}
    for key, positions in by_identity.items():
        free = list(groups.get(key, []))
        if not free:
            continue
        if len(free) == 1 and len(positions) == 1:
            result[positions[0]] = int(free[0].id)
            continue
        rest = []
        for i in positions:  # same name and street: the other fields must agree exactly
            sig = signature(rows[i])
            same = [r for r in free if signature(r) == sig]
            if len(same) >= 1:
                result[i] = int(same[0].id)
                free.remove(same[0])
            else:
                rest.append(i)
        if len(rest) == 1 and len(free) == 1:
            result[rest[0]] = int(free[0].id)
            continue
        for i in rest:
            if free:
                result[i] = AMBIGUOUS
                candidates[i] = [int(r.id) for r in free]
    return result, candidates


def reassign(project: Project, report: ImportReport) -> int:
    """Put every facility placed on the map (and not assigned by hand) into the district of
    the finest level its point lies in; return how many moved (undo in the report)."""
    import shapely

    from k360desk.projectfile import DistrictLevel, Facility
    from k360desk.projectfile.batch import update_column

    levels = project.all(DistrictLevel, order_by="rank")
    if not levels:
        return 0
    facilities = project.facilities_frame()
    if facilities.empty:
        return 0
    districts = project.districts_frame(levels[-1].id)
    districts = districts[districts.geometry.notna()]
    placed = facilities[facilities.geometry.notna() & (facilities["district_fixed"] == 0)]
    if placed.empty:
        return 0
    target: dict[int, int | None] = dict.fromkeys(placed["id"].astype(int))
    if not districts.empty:
        tree = shapely.STRtree(districts.geometry.to_numpy())
        hits = tree.query(placed.geometry.to_numpy(), predicate="intersects")
        ids = districts["id"].to_numpy()
        seen: set[int] = set()
        for pi, di in zip(hits[0], hits[1], strict=True):
            if int(pi) not in seen:
                seen.add(int(pi))
                target[int(placed["id"].iloc[int(pi)])] = int(ids[int(di)])
    old = dict(zip(placed["id"].astype(int), placed["district_id"], strict=True))
    changes: dict[int, int | None] = {}
    for fid, district in target.items():
        before = old.get(fid)
        before = None if before is None or before != before else int(before)
        if before != district:
            changes[fid] = district
            report.undo.updated.append(("facilities", fid, {"district_id": before}))
    if changes:
        update_column(project, Facility, "district_id", changes)
    moved = len(changes)
    if moved:
        report.note(f"{moved} Einrichtungen einem anderen Sozialraum zugeordnet (neue Grenzen).")
    return moved

