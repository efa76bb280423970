"""What the map page reads before it can draw, read on a worker's own connection.

At city scale the first map of an indicator needs the district geometries (70 ms CPU), the
indicator table with disclosure control and reference (140 ms) and the chart's table
(100 ms); the periods for the chooser need a scan of every value (330 ms). On the GUI thread
that froze the window on the first visit; here it runs beside it and the page draws from
its caches when the data has arrived.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from shiboken6 import isValid

from k360desk.ui.tasks import run_task


@dataclass(frozen=True)
class MapRequest:
    """One indicator map as the page's choosers ask for it (level None = automatic)."""

    key: str
    period: int
    level_id: int | None
    chart_kind: str | None = None


def _reader(project):
    """A read-only Project on a new connection to the working copy (never closed as a
    Project, which would remove the working copy); the connection is returned to close."""
    from k360desk.projectfile.project import Project

    conn = project.connect_reader()
    return Project(conn, project.work_path, None, read_only=True), conn


def chooser_data(project, periods: list[int] | None = None) -> dict:
    """Periods, levels with geometries and placed facility types for the page's choosers."""
    from k360desk.export.map_data import facility_type_names, levels

    frame = levels(project)
    return {"periods": project.periods() if periods is None else periods,
            "levels": [(str(r["name"]), int(r["id"])) for _, r in frame.iterrows()
                       if r["districts"]],
            "facility_types": facility_type_names(project)}


def read_choosers(project, periods: list[int] | None):
    """The work of reading ``chooser_data`` (the periods too unless known)."""
    def work(_progress) -> dict:
        from k360desk.projectfile.summary import periods as read_periods

        reader, conn = _reader(project)
        try:
            return chooser_data(reader, read_periods(conn) if periods is None else periods)
        finally:
            conn.close()
    return work


def read_map_data(project, request: MapRequest, bases: dict):
    """The work of reading a map's data: ``(bases, tables)`` for the page's two caches.

    ``bases`` are the geometry bases the page already has (not read again). The tables are
    the same entries ``indicator_map_spec`` and ``chart_spec`` put into their cache.
    """
    def work(progress) -> tuple[dict, dict]:
        from k360desk.export.chart_data import chart_spec
        from k360desk.export.map_data import (
            MapDataError,
            default_level,
            district_base,
            indicator_map_spec,
        )

        reader, conn = _reader(project)
        try:
            found: dict = {}
            level = request.level_id
            if level is None:
                level = bases["default"] if "default" in bases else default_level(reader)
                found["default"] = level
            progress.step(1, 3, "")
            base = bases[level] if level in bases else district_base(reader, level)
            found[level] = base
            tables: dict = {}
            spec = indicator_map_spec(reader, request.key, request.period, base=base,
                                      cache=tables)
            progress.step(2, 3, "")
            if request.chart_kind in ("bar", "histogram"):
                try:
                    chart_spec(reader, request.chart_kind, request.key, request.period,
                               map_spec=spec, cache=tables)
                except (MapDataError, ValueError):
                    pass  # the chart says so itself when it is drawn
            return found, tables
        finally:
            conn.close()
    return work


class MapLoading:
    """The map page's part that reads beside the GUI thread and draws when data arrives.

    State: which maps the caches can draw at once (``_ready``), the running reads, and a
    number that changes whenever the caches are emptied, so a late result is not kept.
    """

    def _init_loading(self) -> None:
        self._ready: set = set()
        self._generation = 0
        self._loading = None
        self._loading_request: MapRequest | None = None
        self._periods_task = None  # reading the choosers' contents
        self._keep_choice: tuple = (None, None, set())

    def _show_loading(self) -> None:
        """The empty frame says that the map is on its way (first visit)."""
        if self.canvas.artists is None:
            self.canvas.clear_map(QCoreApplication.translate("MapPage", "Karte wird geladen …"))

    def _can_read_beside(self) -> bool:
        project = self.project
        return (project is not None and hasattr(project, "connect_reader")
                and hasattr(project, "known_periods") and getattr(project, "work_path", None)
                is not None)

    def _choosers_now(self, project, keep: tuple) -> None:
        """Fill periods, levels and facility types now if they are known without reading
        the file, else read them beside and fill them in when they arrive."""
        self._keep_choice = keep
        if not self._can_read_beside():
            self._fill_choosers_read(chooser_data(project))
            return
        known, epoch = project.known_periods()
        self._periods_task = run_task(
            self, QCoreApplication.translate("MapPage", "Bezugsjahre"),
            read_choosers(project, known),
            lambda found, shown=project, at=epoch: self._choosers_read(shown, found, at),
            on_error=lambda _exc, shown=project: self._choosers_read(shown, None, None),
            key=f"map-choosers-{id(self)}", quiet=True)

    def _choosers_read(self, project, found: dict | None, epoch: int | None) -> None:
        if not isValid(self) or project is not self.project or self._periods_task is None:
            return  # the page or the project went away, or the choosers were filled meanwhile
        self._periods_task = None
        if found is None:
            found = chooser_data(project)
        elif epoch is not None:
            project.adopt_periods(found["periods"], epoch)
        self._fill_choosers_read(found)
        self._schedule()

    def _fill_choosers_read(self, found: dict) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QListWidgetItem

        period, level, checked = self._keep_choice
        for combo in (self.period, self.level):
            combo.blockSignals(True)
        self.facilities.blockSignals(True)
        self.period.clear()
        for value in reversed(found["periods"]):
            self.period.addItem(str(value), int(value))
        while self.level.count() > 1:  # "automatisch" stays
            self.level.removeItem(1)
        for name, level_id in found["levels"]:
            self.level.addItem(name, level_id)
        self.facilities.clear()
        for name in found["facility_types"]:
            item = QListWidgetItem(name, self.facilities)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in checked else Qt.CheckState.Unchecked)
        self._restore(self.period, period)
        self._restore(self.level, level)
        for combo in (self.period, self.level):
            combo.blockSignals(False)
        self.facilities.blockSignals(False)

    def _settle_periods(self) -> None:
        """Choosers still being read are filled here instead (a caller wants the map now)."""
        if self._periods_task is not None:
            self._periods_task.cancel()
            self._choosers_read(self.project, None, None)

    def _load_beside(self, key: str, period: int) -> bool:
        """Start reading a map's data on a worker unless it is cached; True while reading."""
        if not self._can_read_beside():
            return False
        level = self.level.currentData()
        if (key, period, level) in self._ready:
            return False
        request = MapRequest(key, period, level,
                             self.charts.current_kind() if self._chart_shown() else None)
        if self._loading is not None and self._loading_request == request:
            return True
        self._cancel_loading()
        self._show_loading()
        generation = self._generation
        self._loading_request = request
        self._loading = run_task(
            self, QCoreApplication.translate("MapPage", "Karte laden"),
            read_map_data(self.project, request, dict(self._bases)),
            lambda result: self._loaded(request, generation, result),
            on_error=lambda _exc: self._loaded(request, generation, None),
            key=f"map-data-{id(self)}", quiet=True)
        return True

    def _loaded(self, request: MapRequest, generation: int, result) -> None:
        if not isValid(self):
            return
        if self._loading_request == request:
            self._loading, self._loading_request = None, None
        if generation != self._generation:
            return  # the caches were emptied meanwhile; that change scheduled a new build
        if result is not None:
            found, tables = result
            # What this thread built meanwhile stays: the shown map keeps its base.
            for key, value in found.items():
                self._bases.setdefault(key, value)
            for key, value in tables.items():
                self._tables.setdefault(key, value)
        # On an error the build on this thread says what is wrong.
        self._ready.add((request.key, request.period, request.level_id))
        if self.isVisible():
            self._rebuild(background=True)
        else:
            self._map_stale = True

    def _cancel_loading(self) -> None:
        if self._loading is not None:
            self._loading.cancel()
        self._loading, self._loading_request = None, None

    def _forget_loaded(self) -> None:
        self._generation += 1
        self._ready.clear()
        self._cancel_loading()
