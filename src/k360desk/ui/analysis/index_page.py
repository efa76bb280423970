"""The social index page: choose or edit a definition, run it off the GUI thread, see status,
dynamics and components per district, store the run under a name, compare two runs."""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from k360desk.ui.analysis.frame_model import FrameModel, FrameSortProxy
from k360desk.ui.editors.common import on_project_replaced
from k360desk.ui.indicator_search import IndicatorSearch
from k360desk.ui.tasks import run_task
from k360desk.ui.wrap_bar import WrapBar


def compute_in_worker(project, method, period):
    """The work of a run: read the values on the worker's own read connection and compute,
    so the window stays responsive at city scale. Returns (result, hidden z-values)."""
    def work(progress):
        from k360desk.figures.indicators import index_for_project, index_hidden_components
        from k360desk.projectfile.project import Project

        progress.step(0, 3, "")
        conn = project.connect_reader()
        try:
            # A read-only view of the working copy on this thread's connection; never
            # closed as a Project, which would remove the working copy.
            reader = Project(conn, project.work_path, None, read_only=True)
            result = index_for_project(reader, method, period)
            progress.step(2, 3, "")
            return result, index_hidden_components(reader, result)
        finally:
            conn.close()
    return work


def _numbers_text(values: list[float]) -> str:
    from PySide6.QtCore import QLocale

    return "; ".join(QLocale().toString(float(v), "g", 6) for v in values)


def _parse_numbers(text: str, message: str) -> list[float]:
    from PySide6.QtCore import QLocale

    values = []
    for part in [p.strip() for p in text.replace("−", "-").split(";") if p.strip()]:
        value, ok = QLocale().toDouble(part)
        if not ok:
            raise ValueError(message)
        values.append(value)
    return values


def _parse_exclusions(text: str) -> dict[str, str]:
    """"22=Sondergebiet, 13" → {"22": "Sondergebiet", "13": ""} (an empty reason is allowed)."""
    out = {}
    for part in [p.strip() for p in text.split(",") if p.strip()]:
        code, _, reason = part.partition("=")
        out[code.strip()] = reason.strip()
    return out


class IndexPage(QWidget):
    """Sozialindex: definition, run, result table, stored runs and their comparison."""

    help_topic = "index"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.result = None
        self.task = None
        self._build()
        context.changed.connect(self._on_changed)
        on_project_replaced(context, self, self.reload)
        self.reload()

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        top = QHBoxLayout()
        self.definition = QComboBox(self)
        self.definition.setAccessibleName(self.tr("Definition"))
        self.definition.currentIndexChanged.connect(self._load_definition)
        self.period = QSpinBox(self)
        self.period.setRange(1900, 2200)
        self.period.setAccessibleName(self.tr("Bezugsjahr"))
        definition_label = QLabel(self.tr("&Definition:"), self)
        definition_label.setBuddy(self.definition)
        period_label = QLabel(self.tr("Bezugs&jahr:"), self)
        period_label.setBuddy(self.period)
        top.addWidget(definition_label)
        top.addWidget(self.definition, 1)
        top.addWidget(period_label)
        top.addWidget(self.period)
        layout.addLayout(top)

        grid = QGridLayout()
        box = QGroupBox(self.tr("Indikatoren"), self)
        form = QGridLayout(box)
        self.status_list = self._key_list(self.tr("Statusindikatoren"))
        self.dynamics_list = self._key_list(self.tr("Dynamikindikatoren"))
        self.status_search = IndicatorSearch(self.status_list, box)
        self.status_search.setAccessibleName(self.tr("Statusindikator suchen"))
        self.dynamics_search = IndicatorSearch(self.dynamics_list, box)
        self.dynamics_search.setAccessibleName(self.tr("Dynamikindikator suchen"))
        form.addWidget(QLabel(self.tr("Status:"), box), 0, 0)
        form.addWidget(QLabel(self.tr("Dynamik:"), box), 0, 1)
        form.addWidget(self.status_search, 1, 0)
        form.addWidget(self.dynamics_search, 1, 1)
        form.addWidget(self.status_list, 2, 0)
        form.addWidget(self.dynamics_list, 2, 1)
        grid.addWidget(box, 0, 0)

        box = QGroupBox(self.tr("Verfahren"), self)
        options = QFormLayout(box)
        self.source = self._combo(self.tr("Dynamik"), [
            ("change", self.tr("Veränderung berechnen")),
            ("indicator", self.tr("gelieferte Veränderungen"))])
        self.population = QComboBox(box)
        self.population.setAccessibleName(self.tr("Einwohnerzahl"))
        _narrow(self.population)
        self.sd = self._combo(self.tr("Standardabweichung"), [
            ("population", self.tr("über alle Sozialräume (÷ n)")),
            ("sample", self.tr("Stichprobe (÷ n−1)"))])
        self.min_population = QDoubleSpinBox(box)
        self.min_population.setRange(0, 1_000_000)
        self.min_population.setDecimals(0)
        self.min_population.setAccessibleName(self.tr("Mindesteinwohnerzahl"))
        self.min_at = self._combo(self.tr("Stichtag der Mindesteinwohnerzahl"), [
            ("period", self.tr("nur Bezugsjahr")),
            ("period_and_base", self.tr("auch Beginn des Zeitraums"))])
        self.span = QSpinBox(box)
        self.span.setRange(0, 20)
        self.span.setAccessibleName(self.tr("Zeitraum der Dynamik (Jahre)"))
        options.addRow(self.tr("D&ynamik:"), self.source)
        options.addRow(self.tr("&Einwohnerzahl:"), self.population)
        options.addRow(self.tr("Standard&abweichung:"), self.sd)
        options.addRow(self.tr("&Mindesteinwohnerzahl:"), self.min_population)
        options.addRow(self.tr("S&tichtag:"), self.min_at)
        options.addRow(self.tr("&Zeitraum (Jahre):"), self.span)
        self.status_cuts = QLineEdit(box)
        self.status_cuts.setAccessibleName(self.tr("Schwellen der Statusklassen"))
        self.status_cuts.setToolTip(self.tr("z-Werte, mit Semikolon getrennt, z. B. -1; 1; 1,5"))
        self.dynamics_cuts = QLineEdit(box)
        self.dynamics_cuts.setAccessibleName(self.tr("Schwellen der Dynamikklassen"))
        self.exclusions = QLineEdit(box)
        self.exclusions.setAccessibleName(self.tr("Ausgeschlossene Sozialräume"))
        self.exclusions.setToolTip(self.tr("Schlüssel, mit Komma getrennt, optional mit Grund: "
                                           "22=Sondergebiet, 13"))
        options.addRow(self.tr("Schwellen Stat&us:"), self.status_cuts)
        options.addRow(self.tr("Schwellen Dy&namik:"), self.dynamics_cuts)
        options.addRow(self.tr("Aus&geschlossen:"), self.exclusions)
        grid.addWidget(box, 0, 1)
        # The indicator names are what is read here; the method's choosers are short.
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        layout.addLayout(grid)

        actions = WrapBar(self)
        self.run_button = QPushButton(self.tr("&Berechnen"), self)
        self.run_button.setToolTip(self.tr("Sozialindex berechnen (F5)"))
        self.run_button.clicked.connect(self.run_index)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.run_index)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.run_name = QLineEdit(self)
        self.run_name.setPlaceholderText(self.tr("Name des Laufs"))
        self.run_name.setAccessibleName(self.tr("Name des Laufs"))
        self.run_name.setMinimumWidth(240)
        self.store_button = QPushButton(self.tr("Lauf &speichern"), self)
        self.store_button.setEnabled(False)
        self.store_button.clicked.connect(self.store_run)
        self.save_definition_button = QPushButton(self.tr("Als Definition speichern"), self)
        self.save_definition_button.clicked.connect(self.save_definition)
        for widget in (self.run_button, self.run_name, self.store_button,
                       self.save_definition_button):
            actions.add(widget)
        layout.addWidget(actions)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                             | Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)

        self.tabs = QTabWidget(self)
        self.model = FrameModel(self)
        self.table = self._table(self.model, self.tr("Ergebnis des Sozialindex"))
        self.tabs.addTab(self.table, self.tr("Ergebnis"))
        compare = QWidget(self.tabs)
        column = QVBoxLayout(compare)
        row = WrapBar(compare)
        self.run_a = QComboBox(compare)
        self.run_a.setAccessibleName(self.tr("Lauf A"))
        self.run_b = QComboBox(compare)
        self.run_b.setAccessibleName(self.tr("Lauf B"))
        self.compare_button = QPushButton(self.tr("&Vergleichen"), compare)
        self.compare_button.clicked.connect(self.compare_runs)
        row.add(QLabel(self.tr("Lauf A:"), compare), self.run_a)
        row.add(QLabel(self.tr("Lauf B:"), compare), self.run_b)
        row.add(self.compare_button)
        column.addWidget(row)
        self.compare_notes = QLabel(compare)
        self.compare_notes.setWordWrap(True)
        column.addWidget(self.compare_notes)
        self.compare_model = FrameModel(self)
        self.compare_table = self._table(self.compare_model, self.tr("Vergleich zweier Läufe"))
        column.addWidget(self.compare_table)
        self.tabs.addTab(compare, self.tr("Läufe vergleichen"))
        layout.addWidget(self.tabs, 1)

    def _key_list(self, name: str) -> QListWidget:
        widget = QListWidget(self)
        widget.setAccessibleName(name)
        widget.setMinimumHeight(90)
        return widget

    def _combo(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        for data, text in items:
            combo.addItem(text, data)
        _narrow(combo)
        return combo

    def _table(self, model: FrameModel, name: str) -> QTableView:
        proxy = FrameSortProxy(self)
        proxy.setSourceModel(model)
        view = QTableView(self)
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.setAccessibleName(name)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.verticalHeader().setVisible(False)
        return view

    # --- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        """Fill the choices from the open project."""
        project = self.context.project
        if project is None or not isValid(self):
            return
        from k360desk.figures.indices import definitions_frame

        indicators = project.indicators_frame()
        self._keys = [(str(k), str(n or k)) for k, n in zip(indicators["key"], indicators["name"],
                                                            strict=True)]
        rows = [(str(r["key"]), str(r["name"] or r["key"]), _text(r.get("unit")),
                 _text(r.get("source"))) for _, r in indicators.iterrows()]
        for search in (self.status_search, self.dynamics_search):
            search.set_indicators(rows)
        current = self.definition.currentData()
        self.definition.blockSignals(True)
        self.definition.clear()
        for name, kind in zip(*(definitions_frame(project)[c] for c in ("name", "kind")),
                              strict=True):
            label = (self.tr("%1 (Voreinstellung)").replace("%1", name)
                     if kind.startswith("Voreinstellung") else name)
            self.definition.addItem(label, name)
        found = self.definition.findData(current)
        self.definition.setCurrentIndex(max(found, 0))
        self.definition.blockSignals(False)
        self.population.clear()
        self.population.addItem(self.tr("(keine)"), None)
        for key, name in self._keys:
            self.population.addItem(f"{name} ({key})", key)
        periods = project.periods()
        if periods:
            self.period.setValue(max(periods))
        self._load_definition()
        self._load_runs()

    def _load_runs(self) -> None:
        from k360desk.figures.indices import runs_frame

        runs = runs_frame(self.context.project)
        for combo in (self.run_a, self.run_b):
            combo.clear()
            for run_id, name, period in zip(runs["id"], runs["name"], runs["period"],
                                            strict=True):
                combo.addItem(f"{name} ({period})", int(run_id))
        if self.run_b.count() > 1:
            self.run_b.setCurrentIndex(self.run_b.count() - 1)
            self.run_a.setCurrentIndex(self.run_b.count() - 2)

    def _load_definition(self) -> None:
        from k360desk.figures.indices import definition

        project = self.context.project
        name = self.definition.currentData()
        if project is None or name is None:
            return
        try:
            method = definition(project, name)
        except ValueError as exc:
            self._say(str(exc), error=True)
            return
        self.base = method
        status = {c.indicator for c in method.status_components}
        dynamics = {c.indicator for c in method.dynamics_components}
        for widget, chosen in ((self.status_list, status), (self.dynamics_list, dynamics)):
            widget.clear()
            for key, label in self._keys:
                item = QListWidgetItem(f"{label} ({key})", widget)
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if key in chosen
                                   else Qt.CheckState.Unchecked)
        sources = {c.source for c in method.dynamics_components}
        self.source.setCurrentIndex(self.source.findData(
            "indicator" if sources == {"indicator"} else "change"))
        self.population.setCurrentIndex(max(self.population.findData(method.population), 0))
        self.sd.setCurrentIndex(self.sd.findData(method.standard_deviation))
        self.min_population.setValue(float(method.min_population))
        self.min_at.setCurrentIndex(self.min_at.findData(method.min_population_at))
        self.span.setValue(int(method.span))
        self.status_cuts.setText(_numbers_text(method.status_thresholds))
        self.dynamics_cuts.setText(_numbers_text(method.dynamics_thresholds))
        self.exclusions.setText(", ".join(f"{code}={reason}" if reason else code
                                          for code, reason in method.exclusions.items()))

    def _on_changed(self, changes) -> None:
        tables = {getattr(c, "table", "") for c in changes}
        if not isValid(self):
            return
        if tables & {"indices", "indicators"}:
            self.reload()  # a definition came or went (also by undo)
        elif "index_runs" in tables:
            self._load_runs()

    # --- the method of the form ----------------------------------------------------------

    def _checked(self, widget: QListWidget) -> list[str]:
        return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
                if widget.item(i).checkState() == Qt.CheckState.Checked]

    def current_method(self):
        """The definition as the form shows it, with polarities from the project."""
        from k360desk.analysis.socialindex import IndexComponent
        from k360desk.figures.indicators import apply_project_polarity

        method = copy.deepcopy(self.base)
        source = self.source.currentData()
        method.components = (
            [IndexComponent(k, role="status") for k in self._checked(self.status_list)]
            + [IndexComponent(k, role="dynamics", source=source)
               for k in self._checked(self.dynamics_list)])
        method.population = self.population.currentData()
        method.standard_deviation = self.sd.currentData()
        method.min_population = self.min_population.value()
        method.min_population_at = self.min_at.currentData()
        method.span = self.span.value()
        method.status_thresholds = _parse_numbers(self.status_cuts.text(), self.tr(
            "Die Schwellen der Statusklassen sind keine Zahlen (Beispiel: -1; 1; 1,5)."))
        method.dynamics_thresholds = _parse_numbers(self.dynamics_cuts.text(), self.tr(
            "Die Schwellen der Dynamikklassen sind keine Zahlen (Beispiel: -1; 1)."))
        method.exclusions = _parse_exclusions(self.exclusions.text())
        unknown = sorted(set(method.exclusions) - set(
            self.context.project.districts_frame()["code"].astype(str)))
        if unknown:
            raise ValueError(self.tr("Diese Sozialräume gibt es nicht: %1.").replace(
                "%1", ", ".join(unknown)))
        apply_project_polarity(self.context.project, method)
        method.validate()
        return method

    # --- actions -------------------------------------------------------------------------

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setAccessibleDescription(text)

    def run_index(self) -> None:
        """Compute the index of the form in the background; the table fills when done."""
        project = self.context.project
        if project is None:
            return
        try:
            method = self.current_method()
            period = self.period.value()
        except ValueError as exc:
            self._say(str(exc), error=True)
            return
        self._say(self.tr("Wird berechnet …"))
        self.run_button.setEnabled(False)
        self.task = run_task(self, self.tr("Sozialindex wird berechnet …"),
                             compute_in_worker(project, method, period),
                             self._show_result, on_error=self._failed, key=f"index-{id(self)}",
                             on_cancel=lambda: self.run_button.setEnabled(True))

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self.run_button.setEnabled(True)
        self._say(str(exc), error=True)

    def _show_result(self, computed) -> None:
        if not isValid(self):
            return
        from k360desk.figures.indicators import index_display_table

        result, hidden = computed
        self.run_button.setEnabled(True)
        self.result = result
        self.model.set_frame(index_display_table(result, hidden=hidden))
        self.table.resizeColumnsToContents()
        self.store_button.setEnabled(True)
        t = result.table
        self._say(self.tr("%1, %2: %3 von %4 Sozialräumen im Index.")
                  .replace("%1", result.method.name).replace("%2", str(result.period))
                  .replace("%3", str(int(t["included"].sum()))).replace("%4", str(len(t))))
        self.tabs.setCurrentIndex(0)

    def store_run(self) -> None:
        """Store the shown result under the typed name (undoable)."""
        from k360desk.figures.indicators import index_run_names
        from k360desk.ui.analysis.commands import StoreIndexRunCommand

        if self.result is None:
            return
        project = self.context.project
        name = self.run_name.text().strip() or f"{self.result.method.name} {self.result.period}"
        if name in index_run_names(project):
            self._say(self.tr("Einen Lauf „%1“ gibt es schon; bitte einen anderen Namen "
                              "eingeben.").replace("%1", name), error=True)
            return
        stored = self.definition.currentData()
        definition_name = None if stored == "berlin-mss" else stored
        self.context.push(StoreIndexRunCommand(
            project, self.result, definition_name, name,
            self.tr("Indexlauf „%1“ speichern").replace("%1", name)))
        self._say(self.tr("Lauf „%1“ gespeichert.").replace("%1", name))
        self._load_runs()

    def save_definition(self) -> None:
        """Save the form as a definition under the run-name field's text (undoable)."""
        from k360desk.figures.indices import PRESET_NAMES
        from k360desk.ui.analysis.commands import SaveIndexDefinitionCommand

        name = self.run_name.text().strip()
        if not name or name in PRESET_NAMES or name in PRESET_NAMES.values():
            self._say(self.tr("Bitte im Feld „Name“ einen eigenen Namen für die Definition "
                              "eingeben (die Voreinstellung ist schreibgeschützt)."), error=True)
            return
        try:
            method = self.current_method()
        except ValueError as exc:
            self._say(str(exc), error=True)
            return
        method.name = name
        self.context.push(SaveIndexDefinitionCommand(
            self.context.project, method,
            self.tr("Definition „%1“ speichern").replace("%1", name)))
        self.reload()
        self.definition.setCurrentIndex(self.definition.findData(name))
        self._say(self.tr("Definition „%1“ gespeichert.").replace("%1", name))

    def compare_runs(self) -> None:
        """Show which districts changed class between run A and run B, and why."""
        from k360desk.figures.indices import compare_stored_runs, comparison_display_table

        first, second = self.run_a.currentData(), self.run_b.currentData()
        if first is None or second is None:
            self.compare_notes.setText(self.tr("Es sind noch keine zwei Läufe gespeichert."))
            return
        table, notes = compare_stored_runs(self.context.project, int(first), int(second))
        self.compare_model.set_frame(comparison_display_table(table))
        self.compare_table.resizeColumnsToContents()
        summary = self.tr("Andere Statusklasse: %1, andere Dynamikklasse: %2.").replace(
            "%1", str(int(table["status_changed"].sum()))).replace(
            "%2", str(int(table["dynamics_changed"].sum())))
        self.compare_notes.setText("\n".join([*notes, summary]))


def _text(value) -> str | None:
    """A frame cell as text; None for an empty or missing one."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(value) or None


def _narrow(combo: QComboBox) -> None:
    """Long entries must not widen the method box at the indicator lists' cost."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
