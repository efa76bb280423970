"""Taking an import back as one step, and doing it again (for the GUI's undo stack)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from k360desk.io.report import ImportReport
from k360desk.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from k360desk.projectfile import Project

# Created records are deleted children first.
_DELETE_ORDER = ("facilities", "districts", "indicators", "providers", "facility_types",
                 "district_levels")


def undo_import(project: Project, report: ImportReport) -> None:
    """Restore the project as it was before the import (in one transaction)."""
    from k360desk.projectfile import BY_TABLE, District, Facility
    from k360desk.projectfile.batch import delete_ids, delete_value_keys, update_column

    undo = report.undo
    with project.transaction():
        if undo.values_inserted is not None and not undo.values_inserted.empty:
            delete_value_keys(project, undo.values_inserted)
        if undo.values_replaced is not None and not undo.values_replaced.empty:
            project.set_values(undo.values_replaced)
        geoms: dict[str, dict[int, object]] = {}
        columns: dict[tuple[str, str], dict[int, object]] = {}
        for table, record_id, fields in undo.updated:
            for column, value in fields.items():
                if column == "geom":
                    geoms.setdefault(table, {})[record_id] = value
                else:
                    columns.setdefault((table, column), {})[record_id] = value
        for table, shapes in geoms.items():
            project.set_geometries(District if table == "districts" else Facility, shapes)
        for (table, column), values in columns.items():
            update_column(project, BY_TABLE[table], column, values)
        for table in _DELETE_ORDER:
            ids = undo.created.get(table)
            if ids:
                delete_ids(project, BY_TABLE[table], ids)
    report.undone = True


def redo_import(project: Project, report: ImportReport, progress: Progress = NO_PROGRESS) -> ImportReport:
    """Run the same import again from its source with the same options; return the new report."""
    from k360desk.io import districts, facilities, grid, values

    if report.kind == "districts":
        return districts.run(project, report.source, districts.DistrictOptions.from_dict(report.options),
                             progress)
    if report.kind == "values":
        return values.run(project, report.source, values.ValueOptions.from_dict(report.options), progress)
    if report.kind == "facilities":
        return facilities.run(project, report.source,
                              facilities.FacilityOptions.from_dict(report.options), progress)
    if report.kind == "grid":
        return grid.run(project, report.source, grid.GridOptions.from_dict(report.options), progress).report
    raise ValueError(report.kind)
