"""Giving the project to others: a compact, checked copy to send by email.

Optional data minimisation leaves out providers' personal contact data; optional
simplification makes boundaries smaller while shared edges between neighbouring
districts stay identical (shapely's coverage simplification), so the copy has no gaps.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from k360desk.progress import Progress
from k360desk.projectfile import District, Facility, Project, Provider


@dataclass
class CopyResult:
    """What was written."""

    path: Path
    size: int
    minimised: bool
    simplified_metres: float | None


def send_copy(project: Project, target: str | Path, minimise: bool = False,
              simplify: float | None = None, progress: Progress | None = None) -> CopyResult:
    """Write a compact, checked copy of ``project`` to ``target`` without changing the project."""
    target = Path(target).absolute()
    progress = progress or Progress()
    progress.step(0, 3, "Kopie wird geschrieben …")
    if not minimise and not simplify:
        size = project.write_copy(target)
        progress.step(3, 3)
        return CopyResult(target, size, False, None)
    with tempfile.TemporaryDirectory(prefix="k360-copy-") as folder:
        raw = Path(folder) / "kopie.k360"
        project.write_copy(raw)
        progress.step(1, 3, "Daten werden reduziert …")
        copy = Project.open(raw)
        try:
            with copy.transaction():
                if minimise:
                    _minimise(copy)
                if simplify:
                    _simplify(copy, simplify)
                copy.log("send-copy", "project", None,
                         f"Kopie: Kontaktdaten entfernt={minimise}, vereinfacht={simplify or 0} m")
            progress.step(2, 3, "Kopie wird geprüft …")
            size = copy.write_copy(target)
        finally:
            copy.close()
    progress.step(3, 3)
    return CopyResult(target, size, minimise, simplify)


def _minimise(copy: Project) -> None:
    """Remove personal contact data of providers and facilities (names of people, mail, phone),
    also from the change log, which would otherwise still name the old values."""
    for provider in copy.all(Provider):
        copy.update(Provider, provider.id, contact_person="", email="", phone="")
    for facility in copy.all(Facility):
        if facility.email or facility.phone:
            copy.update(Facility, facility.id, email="", phone="")
    copy.scrub_log(("providers", "facilities"))


def _simplify(copy: Project, metres: float) -> None:
    """Simplify all district boundaries level by level, keeping shared edges shared."""
    import shapely

    frame = copy.districts_frame()
    frame = frame[frame.geometry.notna()]
    new = {}
    for _level, group in frame.groupby(frame["level_id"].fillna(-1)):
        geometries = shapely.make_valid(group.geometry.values)
        simplified = shapely.coverage_simplify(geometries, tolerance=metres)
        for district_id, geometry in zip(group.index, simplified, strict=True):
            new[int(district_id)] = geometry
    copy.set_geometries(District, new)
