"""Merging a colleague's copy: additions, changes, deletions and conflicts on both sides."""

from __future__ import annotations

import shutil

from shapely.geometry import box

from k360desk.projectfile import District, Indicator, Project, Provider
from k360desk.projectfile.merge import (
    ADDED_THERE,
    CHANGED_THERE,
    CONFLICT,
    DELETED_THERE,
    apply_merge,
    plan_merge,
)


def _two_copies(small_project, tmp_path):
    small_project.add(Provider(name="Diakonie", email="info@diakonie.example"))
    small_project.add(Provider(name="Verein Nachbarn"))
    small_project.save()
    theirs_path = tmp_path / "kollegin.k360"
    shutil.copy(small_project.path, theirs_path)
    return small_project, Project.open(theirs_path)


def test_merge_takes_their_work_and_keeps_ours(small_project, tmp_path):
    ours, theirs = _two_copies(small_project, tmp_path)
    try:
        # Their side: a new district with values, an edited provider, a deleted provider.
        level = theirs.find(District, code="11").level_id
        parent = theirs.find(District, code="1").id
        new_id = theirs.add(District(code="14", name="Neubaugebiet", level_id=level, parent_id=parent,
                                     geom=box(3000, 0, 4000, 1000)))
        pop = theirs.find(Indicator, key="einwohner").id
        theirs.set_values([{"indicator_id": pop, "district_id": new_id, "period": 2023, "value": 420}])
        diakonie = theirs.find(Provider, name="Diakonie")
        theirs.update(Provider, diakonie.id, email="kontakt@diakonie.example")
        theirs.delete(Provider, theirs.find(Provider, name="Verein Nachbarn").id)
        # Our side: an edit of our own, and the same district renamed on both sides.
        ours.update(District, ours.find(District, code="12").id, name="Quartier am Park")
        ours.update(District, ours.find(District, code="13").id, name="Hafen (unsere Sicht)")
        theirs.update(District, theirs.find(District, code="13").id, name="Hafen (ihre Sicht)")

        plan = plan_merge(ours, theirs)
        kinds = {(i.table, i.label): i.kind for i in plan.items}
        assert plan.same_project
        assert kinds[("districts", "14 Neubaugebiet")] == ADDED_THERE
        assert kinds[("providers", "Diakonie")] == CHANGED_THERE
        assert kinds[("providers", "Verein Nachbarn")] == DELETED_THERE
        assert kinds[("districts", "13 Hafen (unsere Sicht)")] == CONFLICT
        assert not any(label.startswith("12 ") for _t, label in kinds)  # only we changed it
        conflict = next(i for i in plan.items if i.kind == CONFLICT)
        assert conflict.take_theirs is False and conflict.fields == ["name"]

        applied = apply_merge(ours, plan)
        assert applied == sum(i.take_theirs for i in plan.items)
        new = ours.find(District, code="14")
        assert new.parent_id == ours.find(District, code="1").id
        assert ours.values_frame(indicators=["einwohner"], districts=[new.id])["value"].tolist() == [420]
        assert ours.find(Provider, name="Diakonie").email == "kontakt@diakonie.example"
        assert ours.find(Provider, name="Verein Nachbarn") is None
        assert ours.find(District, code="13").name == "Hafen (unsere Sicht)"
        assert ours.find(District, code="12").name == "Quartier am Park"
        assert ours.check() == []
    finally:
        theirs.close()


def test_merge_choice_can_take_their_side_of_a_conflict_and_is_undoable(small_project, tmp_path):
    ours, theirs = _two_copies(small_project, tmp_path)
    try:
        ours.update(District, ours.find(District, code="13").id, name="A")
        theirs.update(District, theirs.find(District, code="13").id, name="B")
        plan = plan_merge(ours, theirs)
        (conflict,) = [i for i in plan.items if i.kind == CONFLICT]
        conflict.take_theirs = True
        checkpoint = ours.checkpoint()
        apply_merge(ours, plan)
        assert ours.find(District, code="13").name == "B"
        ours.restore_checkpoint(checkpoint)
        assert ours.find(District, code="13").name == "A"
    finally:
        theirs.close()


def test_identical_copies_have_nothing_to_merge(small_project, tmp_path):
    ours, theirs = _two_copies(small_project, tmp_path)
    try:
        assert plan_merge(ours, theirs).items == []
    finally:
        theirs.close()


def test_same_code_added_on_both_sides_is_a_conflict_not_a_crash(small_project, tmp_path):
    ours, theirs = _two_copies(small_project, tmp_path)
    try:
        ours.add(District(code="999", name="Unser Neubau"))
        theirs.add(District(code="999", name="Ihr Neubau"))
        plan = plan_merge(ours, theirs)
        (item,) = [i for i in plan.items if i.table == "districts"]
        assert item.kind == CONFLICT and not item.take_theirs
        assert "bereits vergeben" in item.label
        item.take_theirs = True  # the user insists: a clear message, nothing half done
        import pytest

        from k360desk.projectfile import ProjectError

        with pytest.raises(ProjectError, match="doppelt"):
            apply_merge(ours, plan)
        assert ours.find(District, code="999").name == "Unser Neubau"
    finally:
        theirs.close()
