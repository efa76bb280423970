"""The "Sozialräume" page: district levels and districts (table + form, hierarchy)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from k360desk.projectfile import District, DistrictLevel, Project
from k360desk.ui.editors.commentary import CommentaryEditor
from k360desk.ui.editors.common import names, page_layout, splitter, unique_name
from k360desk.ui.editors.section import RecordSection
from k360desk.ui.models import Column


def _parents(project: Project):
    frame = project.frame(District)
    return [(int(i), f"{c} {n}") for i, c, n in
            zip(frame["id"], frame["code"], frame["name"], strict=True)]


def _new_district(project: Project) -> District:
    codes = set(project.frame(District)["code"].astype(str))
    numbers = [int(c) for c in codes if c.isdigit()]
    code = str(max(numbers) + 1) if numbers else "1"
    levels = project.all(DistrictLevel, order_by="rank")
    return District(code=code, name=unique_name(project, District, "Neuer Sozialraum"),
                    level_id=levels[-1].id if levels else None)


def _ancestors(project: Project, district_id: int | None) -> list[int]:
    frame = project.frame(District)
    parent_of = dict(zip(frame["id"], frame["parent_id"], strict=True))
    chain, seen = [], set()
    while district_id is not None and district_id == district_id and district_id not in seen:
        seen.add(district_id)
        chain.append(int(district_id))
        district_id = parent_of.get(district_id)
    return chain


class DistrictsPage(QWidget):
    """Levels (Stadtteil, Quartier …) and the districts with their parent district."""

    help_topic = "districts"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        level_columns = [
            Column("name", self.tr("Ebene"), required=True, width=200),
            Column("rank", self.tr("Rang"), "int", width=60,
                   description=self.tr("0 = oberste Ebene, größere Zahlen = feinere Ebenen")),
            Column("notes", self.tr("Bemerkungen"), multiline=True),
        ]
        self.levels = RecordSection(
            context, DistrictLevel, level_columns, self.tr("Ebenen"), form=False,
            new_record=lambda p: DistrictLevel(
                name=unique_name(p, DistrictLevel, self.tr("Neue Ebene")),
                rank=p.count("district_levels")),
            parent=self,
            empty_hint=self.tr("Noch keine Ebenen (z. B. Stadtteil, Quartier). Der Import der "
                               "Sozialräume legt sie an, oder mit „Neu“."))
        district_columns = [
            Column("code", self.tr("Schlüssel"), required=True, width=90,
                   description=self.tr("Amtlicher Schlüssel des Sozialraums (eindeutig)")),
            Column("name", self.tr("Name"), required=True, width=220),
            Column("level_id", self.tr("Ebene"), "choice", choices="levels", width=120),
            Column("parent_id", self.tr("Übergeordnet"), "choice", choices="parents", width=200,
                   description=self.tr("Der Sozialraum der nächsthöheren Ebene")),
            Column("notes", self.tr("Bemerkungen"), multiline=True, in_table=False),
        ]
        self.districts = RecordSection(
            context, District, district_columns, self.tr("Sozialräume"),
            loader=lambda p: p.frame(District).sort_values("code"), new_record=_new_district,
            watch=("district_levels",), check=self._check,
            choices={"levels": (names(DistrictLevel), ("district_levels",)),
                     "parents": (_parents, ("districts",))},
            parent=self,
            empty_hint=self.tr("Noch keine Sozialräume.\nGrenzen einlesen mit Datei ▸ Importieren ▸ "
                               "Sozialräume … oder einzeln mit „Neu“ anlegen."))
        self.commentary = CommentaryEditor(context, self)
        self.districts.selection_changed.connect(self._on_selected)
        context.selection_changed.connect(self._on_context_selection)
        body = splitter(Qt.Orientation.Vertical, [self.levels, self.districts, self.commentary],
                        [140, 460, 180], self)
        page_layout(self, body)
        self.setAccessibleName(self.tr("Sozialräume"))

    def _check(self, project: Project, record_id: int, field: str, value) -> str | None:
        if field == "parent_id" and value is not None and record_id in _ancestors(project, value):
            return self.tr("Ein Sozialraum kann nicht in sich selbst oder in einem seiner "
                           "Teilräume liegen.")
        return None

    def _on_selected(self, ids: list[int]) -> None:
        self.commentary.show_district(ids[0] if len(ids) == 1 else None)
        if ids:
            self.context.select_districts(ids)

    def _on_context_selection(self, ids) -> None:
        if list(ids) != self.districts.selected_ids() and ids:
            self.districts.select_ids(ids)
