"""#24: what every profile of one period shares is read once per open project and file state;
a second profile only draws, and a change of the file is never printed stale."""

from __future__ import annotations

import sqlite3

import pytest

from tests.reports.conftest import pdf_text

TEMPLATE = {"indicators": ["einwohner", "arbeitslose", "alo_quote"], "charts": ["alo_quote"],
            "periods": 3}


def _text(project, code, tmp_path, name) -> str:
    from k360desk.export.pdf.profile import write_profile

    out = tmp_path / f"{name}.pdf"
    write_profile(project, code, out, template=TEMPLATE)
    return " ".join(" ".join(pdf_text(out)).split())


def _set_population(project, code: str, value: float) -> None:
    ids = project.indicators_frame().set_index("key")["id"]
    districts = project.districts_frame()
    district = int(districts.index[districts["code"] == code][0])
    period = max(project.periods())
    project.set_values([{"indicator_id": int(ids["einwohner"]), "district_id": district,
                         "period": period, "value": value}])


@pytest.fixture
def reads(monkeypatch):
    from k360desk.models import profiles

    calls = []
    original = profiles.values

    def counting(*args, **kwargs):
        calls.append(args[1:])
        return original(*args, **kwargs)

    monkeypatch.setattr(profiles, "values", counting)
    return calls


def test_a_second_profile_of_the_period_reads_no_values_again(small_project, tmp_path, reads):
    first = _text(small_project, "21", tmp_path, "a")
    second = _text(small_project, "22", tmp_path, "b")
    assert len(reads) == 1
    assert "Quartiersprofil" in first and "Quartiersprofil" in second


def test_a_changed_value_is_printed_at_once(small_project, tmp_path, reads):
    _text(small_project, "21", tmp_path, "before")
    _set_population(small_project, "21", 123456)
    assert "123.456" in _text(small_project, "21", tmp_path, "after")
    assert len(reads) == 2


def test_a_restored_checkpoint_is_printed_as_restored(small_project, tmp_path):
    before = _text(small_project, "21", tmp_path, "before")
    checkpoint = small_project.checkpoint()
    _set_population(small_project, "21", 123456)
    assert "123.456" in _text(small_project, "21", tmp_path, "changed")
    small_project.restore_checkpoint(checkpoint)
    restored = _text(small_project, "21", tmp_path, "restored")
    assert "123.456" not in restored and restored == before


def test_a_write_by_another_connection_is_seen(small_project, tmp_path):
    _text(small_project, "21", tmp_path, "before")
    small_project._conn.commit()
    other = sqlite3.connect(small_project.work_path)
    try:
        other.execute("UPDATE indicator_values SET value = 654321 WHERE indicator_id ="
                      " (SELECT id FROM indicators WHERE key = 'einwohner') AND district_id ="
                      " (SELECT fid FROM districts WHERE code = '21')"
                      " AND period = (SELECT max(period) FROM indicator_values)")
        other.commit()
    finally:
        other.close()
    assert "654.321" in _text(small_project, "21", tmp_path, "after")
