"""A district name of megabytes from a stranger's file must not freeze the page (#20)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from k360desk.projectfile import District

HUGE = "Langer Name " * 250_000  # 3 MB


def test_huge_name_is_shortened_in_cells_and_lists_but_kept_whole(qtbot, context):
    from k360desk.ui.editors.districts import DistrictsPage

    project = context.project
    district = project.find(District, code="11").id
    project.update(District, district, name=HUGE)
    page = DistrictsPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    model = page.districts.model
    row = model.row_of(district)
    index = model.index(row, model.column_of("name"))
    shown = model.data(index, Qt.ItemDataRole.DisplayRole)
    assert shown.startswith("Langer Name") and shown.endswith("…") and len(shown) <= 501
    assert len(model.data(index, Qt.ItemDataRole.EditRole)) > 1_000_000  # the value stays whole
    longest = max((len(combo.itemText(i)) for combo in page.findChildren(QComboBox)
                   for i in range(combo.count())), default=0)
    assert longest <= 501
    assert project.find(District, code="11").name.startswith("Langer Name Langer")
