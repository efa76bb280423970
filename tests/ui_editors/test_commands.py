"""Undo commands change the store and undo exactly, without any window."""

from __future__ import annotations

import math

import pytest

from k360desk.projectfile import District, Indicator, Topic
from k360desk.ui.commands import (
    AddRecord,
    DeleteRecord,
    Macro,
    ReplaceLinks,
    SetMeta,
    SetValues,
    UpdateFields,
)


def _value(project, ind, district, period):
    frame = project.values_frame(indicators=[ind], periods=[period], districts=[district])
    return None if frame.empty else (frame.iloc[0]["value"], frame.iloc[0]["status"])


def test_add_update_delete_undo_redo(context):
    project = context.project
    stack = context.undo_stack
    command = AddRecord(project, Topic(name="Bildung"))
    context.push(command)
    tid = command.record_id
    assert project.get(Topic, tid).name == "Bildung"
    context.push(UpdateFields(project, Topic, tid, {"name": "Bildung und Schule"}))
    context.push(UpdateFields(project, Topic, tid, {"name": "Bildung & Schule"}))
    assert stack.count() == 2  # the two edits of the same field merged
    stack.undo()
    assert project.get(Topic, tid).name == "Bildung"
    stack.undo()
    assert project.get(Topic, tid) is None
    stack.redo()
    stack.redo()
    assert project.get(Topic, tid).name == "Bildung & Schule"


def test_failed_command_is_dropped(context):
    project = context.project
    command = AddRecord(project, Topic(name="Arbeit und Soziales"))  # name exists already
    context.push(command)
    assert command.error and "bereits vergeben" in command.error
    assert context.undo_stack.count() == 0


def test_delete_restores_cascade(context):
    project = context.project
    district = project.find(District, code="11")
    before = len(project.values_frame(districts=[district.id]))
    assert before > 0
    context.push(DeleteRecord(project, District, district.id))
    assert project.get(District, district.id) is None
    assert project.values_frame(districts=[district.id]).empty
    context.undo_stack.undo()
    assert project.get(District, district.id).uuid == district.uuid
    assert len(project.values_frame(districts=[district.id])) == before


def test_set_values_undo_keeps_missing_and_old(context):
    project = context.project
    ind = project.find(Indicator, key="arbeitslose").id
    d11 = project.find(District, code="11").id
    d12 = project.find(District, code="12").id
    project.set_values([{"indicator_id": ind, "district_id": d12, "period": 2021, "value": None,
                         "status": "missing"}])
    rows = [
        {"indicator_id": ind, "district_id": d11, "period": 2022, "value": 99.0, "status": "final"},
        {"indicator_id": ind, "district_id": d12, "period": 2021, "value": 5.0, "status": "final"},
        {"indicator_id": ind, "district_id": d11, "period": 2023, "status": "clear"},
    ]
    context.push(SetValues(project, rows))
    assert _value(project, "arbeitslose", d11, 2022) == (99.0, "final")
    assert _value(project, "arbeitslose", d11, 2023) is None
    context.undo_stack.undo()
    assert _value(project, "arbeitslose", d11, 2022) == (50.0, "final")
    value, status = _value(project, "arbeitslose", d12, 2021)
    assert math.isnan(value) and status == "missing"
    assert _value(project, "arbeitslose", d11, 2023)[0] == pytest.approx(55.0)


def test_meta_links_and_macro(context):
    project = context.project
    context.push(SetMeta(project, {"ags": "01001000"}))
    assert project.get_meta("ags") == "01001000"
    context.push(ReplaceLinks(project, "assets", {"name": "logo"},
                              [{"name": "logo", "mime": "image/png", "data": b"x"}]))
    assert len(project.link_frame("assets")) == 1
    macro = Macro("Zwei Themen")
    AddRecord(project, Topic(name="A"), parent=macro)
    AddRecord(project, Topic(name="B"), parent=macro)
    context.push(macro)
    assert project.find(Topic, name="B") is not None
    context.undo_stack.undo()
    assert project.find(Topic, name="A") is None
    context.undo_stack.undo()
    context.undo_stack.undo()
    assert project.link_frame("assets").empty and project.get_meta("ags") == ""


def test_macro_delivers_one_batch_of_changes(context):
    project = context.project
    batches = []
    context.changed.connect(batches.append)
    macro = Macro("Zwei Themen")
    AddRecord(project, Topic(name="C"), parent=macro)
    AddRecord(project, Topic(name="D"), parent=macro)
    context.push(macro)
    assert len(batches) == 1 and len(batches[0]) == 2
    failing = Macro("Doppelt")
    AddRecord(project, Topic(name="E"), parent=failing)
    AddRecord(project, Topic(name="C"), parent=failing)  # exists: the whole macro is dropped
    context.push(failing)
    assert failing.error and project.find(Topic, name="E") is None
    assert context.undo_stack.count() == 1
