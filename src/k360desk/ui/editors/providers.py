"""The "Träger & Angebote" page: providers, facilities (with filters), types, target groups."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QWidget,
)

from k360desk.projectfile import District, Facility, FacilityType, Project, Provider, TargetGroup
from k360desk.ui.column_fit import KEY
from k360desk.ui.commands import ReplaceLinks
from k360desk.ui.editors.common import (
    names,
    on_project_replaced,
    page_layout,
    splitter,
    unique_name,
)
from k360desk.ui.editors.section import RecordSection, show_message
from k360desk.ui.models import Column


def _districts(project: Project):
    frame = project.frame(District).sort_values("code")
    return [(int(i), f"{c} {n}") for i, c, n in
            zip(frame["id"], frame["code"], frame["name"], strict=True)]


def _facilities(project: Project):
    """Facilities with their target groups as text, without geometry (no geopandas)."""
    frame = project.frame(Facility)
    frame = frame.sort_values("name", key=lambda s: s.str.lower())
    links = project.link_frame("facility_target_groups")
    if links.empty:
        frame["target_groups"] = None
        return frame
    labels = dict(names(TargetGroup)(project))
    # A groupby with a Python join costs a pandas slice per facility (≈0,2 s for 4.000).
    groups: dict[int, list[str]] = {}
    for facility, group in zip(links["facility_id"], links["target_group_id"], strict=True):
        label = labels.get(group)
        if label is not None:
            groups.setdefault(int(facility), []).append(label)
    joined = {facility: "; ".join(sorted(found)) for facility, found in groups.items()}
    frame["target_groups"] = [joined.get(int(i)) for i in frame["id"]]
    return frame


class ProvidersPage(QWidget):
    """Providers, facilities with their target groups, facility types and target groups."""

    help_topic = "providers"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        provider_columns = [
            Column("name", self.tr("Name"), required=True, width=240),
            Column("kind", self.tr("Art"), width=140),
            Column("umbrella", self.tr("Dachverband"), width=160),
            Column("contact_person", self.tr("Ansprechperson"), width=160),
            Column("email", self.tr("E-Mail"), in_table=False),
            Column("phone", self.tr("Telefon"), in_table=False),
            Column("address", self.tr("Anschrift"), in_table=False),
            Column("website", self.tr("Website"), in_table=False),
            Column("notes", self.tr("Bemerkungen"), multiline=True, in_table=False),
        ]
        self.providers = RecordSection(
            context, Provider, provider_columns, self.tr("Träger"),
            new_record=lambda p: Provider(name=unique_name(p, Provider, self.tr("Neuer Träger"))),
            parent=self, load_when_shown=True)

        facility_columns = [
            Column("name", self.tr("Name"), required=True, width=220),
            Column("provider_id", self.tr("Träger"), "choice", choices="providers", width=170,
                   source="provider_id"),
            Column("type_id", self.tr("Art"), "choice", choices="types", width=150),
            Column("district_id", self.tr("Sozialraum"), "choice", choices="districts", width=150,
                   priority=KEY),
            Column("target_groups", self.tr("Zielgruppen"), editable=False, in_form=False,
                   width=180),
            Column("street", self.tr("Straße"), width=160),
            Column("postcode", self.tr("PLZ"), width=60),
            Column("city", self.tr("Ort"), in_table=False),
            Column("capacity", self.tr("Plätze"), "number", decimals=0, width=70),
            Column("opened", self.tr("Eröffnet"), "date", width=90),
            Column("closed", self.tr("Geschlossen"), "date", width=90),
            Column("district_fixed", self.tr("Sozialraum fest"), "bool", in_table=False,
                   description=self.tr(
                       "Sozialraum von Hand festgelegt statt aus der Lage bestimmt")),
            Column("phone", self.tr("Telefon"), in_table=False),
            Column("email", self.tr("E-Mail"), in_table=False),
            Column("notes", self.tr("Bemerkungen"), multiline=True, in_table=False),
        ]
        self.facilities = RecordSection(
            context, Facility, facility_columns, self.tr("Einrichtungen"),
            loader=_facilities,
            new_record=lambda p: Facility(
                name=unique_name(p, Facility, self.tr("Neue Einrichtung"))),
            watch=("providers", "facility_types", "districts", "facility_target_groups",
                   "target_groups"),
            choices={"providers": (names(Provider), ("providers",)),
                     "types": (names(FacilityType), ("facility_types",)),
                     "districts": (_districts, ("districts",))},
            parent=self, rows_after_paint=True)
        self._filters: dict[str, QComboBox] = {}
        for field, title in (("district_id", self.tr("Sozialraum")),
                             ("type_id", self.tr("Art")),
                             ("target_groups", self.tr("Zielgruppe")),
                             ("provider_id", self.tr("Träger"))):
            combo = QComboBox(self)
            combo.setProperty("all_text", self.tr("Alle: %1").replace("%1", title))
            combo.setAccessibleName(self.tr("Einrichtungen filtern nach %1").replace("%1", title))
            combo.setToolTip(combo.accessibleName())
            combo.setMinimumContentsLength(12)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.currentIndexChanged.connect(lambda _i, f=field: self._apply_filter(f))
            self._filters[field] = combo
            self.facilities.filters_layout.addWidget(combo, 1)
        self.facilities.filters_layout.insertWidget(0, QLabel(self.tr("Anzeigen:"), self))
        self.groups_list = QListWidget(self)
        self.groups_list.setAccessibleName(self.tr("Zielgruppen der Einrichtung"))
        self.groups_list.itemChanged.connect(self._on_group_toggled)
        self.groups_list.setMaximumHeight(140)
        groups_label = QLabel(self.tr("&Zielgruppen der ausgewählten Einrichtung:"), self)
        groups_label.setBuddy(self.groups_list)
        self.groups_list.setMinimumHeight(110)
        self.facilities.form.layout().insertWidget(1, groups_label)
        self.facilities.form.layout().insertWidget(2, self.groups_list)
        self.facilities.selection_changed.connect(self._fill_groups)

        self.types = RecordSection(
            context, FacilityType,
            [Column("name", self.tr("Einrichtungsart"), required=True, width=220),
             Column("category", self.tr("Kategorie"), width=160),
             Column("color", self.tr("Farbe"), width=90,
                    description=self.tr("Farbe auf Karten, z. B. #1f77b4"))],
            self.tr("Einrichtungsarten"), form=False,
            new_record=lambda p: FacilityType(
                name=unique_name(p, FacilityType, self.tr("Neue Einrichtungsart"))),
            parent=self, load_when_shown=True)
        self.groups = RecordSection(
            context, TargetGroup, [Column("name", self.tr("Zielgruppe"), required=True)],
            self.tr("Zielgruppen"), form=False,
            new_record=lambda p: TargetGroup(
                name=unique_name(p, TargetGroup, self.tr("Neue Zielgruppe"))),
            parent=self, load_when_shown=True)
        lists = splitter(Qt.Orientation.Horizontal, [self.types, self.groups], [600, 400], self)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.facilities, self.tr("&Einrichtungen"))
        self.tabs.addTab(self.providers, self.tr("&Träger"))
        self.tabs.addTab(lists, self.tr("&Arten und Zielgruppen"))
        self.tabs.setAccessibleName(self.tr("Träger und Angebote"))
        page_layout(self, self.tabs)
        context.changed.connect(self._on_changes)
        on_project_replaced(context, self, self._fill_filters)
        self._fill_filters()

    # --- filters -------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        project = self.context.project
        # The facilities table has just read districts, types and providers for its own
        # choices (it hears changes first): the filters take its lists instead of reading
        # the same rows again on the first visit.
        model = self.facilities.model
        sources = {
            "district_id": model.choices("districts") if project else [],
            "type_id": model.choices("types") if project else [],
            "target_groups": [(n, n) for _i, n in names(TargetGroup)(project)] if project else [],
            "provider_id": model.choices("providers") if project else [],
        }
        for field, combo in self._filters.items():
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(combo.property("all_text"), None)
            for value, label in sources[field]:
                combo.addItem(label, value)
            i = combo.findData(current)
            combo.setCurrentIndex(max(i, 0))
            combo.blockSignals(False)
            self._apply_filter(field)

    def _apply_filter(self, field: str) -> None:
        wanted = self._filters[field].currentData()
        if wanted is None:
            self.facilities.proxy.set_field_filter(field, None)
        elif field == "target_groups":
            self.facilities.proxy.set_field_filter(
                field, lambda v, w=wanted: bool(v) and w in str(v).split("; "))
        else:
            self.facilities.proxy.set_field_filter(field, lambda v, w=wanted: v == w)

    def _on_changes(self, changes) -> None:
        tables = {c.table for c in changes}
        if tables & {"districts", "facility_types", "target_groups", "providers"}:
            self._fill_filters()
        if tables & {"target_groups", "facility_target_groups"}:
            self._fill_groups(self.facilities.selected_ids())

    # --- target groups of one facility ----------------------------------------------------

    def _fill_groups(self, ids: list[int]) -> None:
        project = self.context.project
        self.groups_list.blockSignals(True)
        self.groups_list.clear()
        if project is not None and len(ids) == 1:
            chosen = set(project.link_frame("facility_target_groups", facility_id=ids[0])
                         ["target_group_id"].astype(int))
            for group_id, name in names(TargetGroup)(project):
                item = QListWidgetItem(name, self.groups_list)
                item.setData(Qt.ItemDataRole.UserRole, group_id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if group_id in chosen
                                   else Qt.CheckState.Unchecked)
        self.groups_list.setEnabled(len(ids) == 1)
        self.groups_list.blockSignals(False)

    def _on_group_toggled(self, _item: QListWidgetItem) -> None:
        project = self.context.project
        ids = self.facilities.selected_ids()
        if project is None or len(ids) != 1:
            return
        rows = [{"facility_id": ids[0], "target_group_id": self.groups_list.item(i).data(
                    Qt.ItemDataRole.UserRole)}
                for i in range(self.groups_list.count())
                if self.groups_list.item(i).checkState() == Qt.CheckState.Checked]
        command = ReplaceLinks(project, "facility_target_groups", {"facility_id": ids[0]}, rows,
                               self.tr("Zielgruppen ändern"))
        self.context.push(command)
        if command.error:
            show_message(self, command.error)
