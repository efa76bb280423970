"""The index read from the project file: the lean loading gives what the general path gives,
including delivered quotas where counts are missing, and reads no share it recomputes."""

from __future__ import annotations

import pandas as pd
import pytest

from k360desk.analysis.socialindex import IndexComponent, IndexMethod, compute_index_series
from k360desk.figures import indicators as figures
from k360desk.projectfile import Indicator
from tests.builders import build_small_project


def _add_quotas(project):
    """Shares with every case the loading has to keep: stale stored values where counts
    exist, a quota delivered where a count is missing, a suppressed count, a zero base,
    a quota without any counts, a year with no counts at all, a note."""
    ids = dict(zip(project.indicators_frame()["key"], project.indicators_frame()["id"],
                   strict=True))
    districts = project.districts_frame()
    low = districts[districts["code"].str.len() == 2].set_index("code")["id"].astype(int)
    kids = project.add(Indicator(key="kinder", name="Kinder", kind="count", polarity=1))
    quote = project.add(Indicator(key="kinder_quote", name="Kinderquote", kind="share",
                                  numerator_id=kids, denominator_id=ids["einwohner"], scale=100,
                                  polarity=1))
    empty = project.add(Indicator(key="leer", name="Leer", kind="count"))
    delivered = project.add(Indicator(key="geliefert", name="Geliefert", kind="share",
                                      numerator_id=empty, denominator_id=ids["einwohner"],
                                      scale=100, polarity=1))
    rows = []
    for n, (code, district) in enumerate(low.items()):
        for period in (2022, 2023):
            if not (code == "12" and period == 2023):  # the count is missing here
                status = "suppressed" if code == "13" and period == 2023 else "final"
                rows.append({"indicator_id": kids, "district_id": district, "period": period,
                             "value": None if status == "suppressed" else 40.0 + 7 * n,
                             "status": status})
            # stale quotas, different from what the counts give
            rows.append({"indicator_id": quote, "district_id": district, "period": period,
                         "value": 99.0 - n, "note": "vom Amt" if n == 1 else ""})
            rows.append({"indicator_id": delivered, "district_id": district, "period": period,
                         "value": 3.0 + n + (period - 2022)})
        rows.append({"indicator_id": quote, "district_id": district, "period": 2021,
                     "value": 50.0 + n})
    rows.append({"indicator_id": ids["einwohner"], "district_id": int(low["21"]),
                 "period": 2024, "value": 0.0})
    rows.append({"indicator_id": kids, "district_id": int(low["21"]), "period": 2024,
                 "value": 10.0})
    rows.append({"indicator_id": quote, "district_id": int(low["22"]), "period": 2024,
                 "value": 12.5})
    project.set_values(rows)
    return ids


@pytest.fixture
def quota_project():
    project = build_small_project()
    _add_quotas(project)
    yield project
    project.close()


def _method(keys):
    return IndexMethod(components=[IndexComponent(k) for k in keys]
                       + [IndexComponent(k, role="dynamics") for k in keys],
                       population="einwohner", span=1, min_population=0)


@pytest.mark.parametrize("keys", [["alo_quote"], ["kinder_quote", "alo_quote"],
                                  ["geliefert", "kinder_quote"], ["arbeitslose", "kinder_quote"]])
def test_index_from_the_file_equals_the_general_path(quota_project, keys):
    method = _method(keys)
    general = compute_index_series(figures.project_values(quota_project, method.indicator_keys()),
                                   quota_project.districts_frame(), method)
    lean = figures.index_series_for_project(quota_project, method)
    pd.testing.assert_frame_equal(lean, general)
    for period in sorted(general["period"].unique())[1:]:
        one = figures.index_for_project(quota_project, method, int(period)).table
        part = general[general["period"] == period].drop(columns="period").reset_index(drop=True)
        pd.testing.assert_frame_equal(one, part)


def test_the_rows_the_index_reads_are_those_of_the_general_path(quota_project):
    from k360desk.figures.indexinput import index_frame

    keys = ["kinder_quote", "geliefert", "alo_quote", "einwohner"]
    indicators = quota_project.indicators_frame()
    lean = index_frame(quota_project, indicators, keys)
    general = figures.project_values(quota_project, keys)
    general = general[general["indicator"].isin(keys)]
    order = ["indicator_id", "district_id", "period"]
    columns = ["indicator_id", "indicator", "district_id", "period", "value"]
    a = lean.assign(indicator=lean["indicator"].astype(str))[columns].sort_values(order)
    b = general[columns].sort_values(order)
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))
    kept = a[(a["indicator"] == "kinder_quote")].set_index(["district_id", "period"])["value"]
    codes = quota_project.districts_frame().set_index("code")["id"]
    assert kept[(codes["12"], 2023)] == 98.0  # the delivered quota where the count is missing
    assert kept[(codes["11"], 2021)] == 50.0  # a year without counts keeps its quotas


def test_stored_quotas_the_index_recomputes_are_not_read(quota_project, monkeypatch):
    """At city scale, reading shares only to throw them away was half of the loading."""
    read = []
    original = type(quota_project)._value_arrays

    def counting(self, *args, **kwargs):
        arrays = original(self, *args, **kwargs)
        read.extend(arrays["indicator_id"].tolist())
        return arrays

    monkeypatch.setattr(type(quota_project), "_value_arrays", counting)
    figures.index_series_for_project(quota_project, _method(["kinder_quote", "alo_quote"]))
    ids = dict(zip(quota_project.indicators_frame()["key"],
                   quota_project.indicators_frame()["id"], strict=True))
    assert read.count(ids["alo_quote"]) == 0
    # 2 years × 6 Quartiere and 2024 in one: only where counts are missing or absent
    quotas = read.count(ids["kinder_quote"])
    assert 0 < quotas <= 1 + 6 + 1 + 1


def test_shares_with_many_gaps_are_read_whole_and_sorted_out(quota_project, monkeypatch):
    from k360desk.figures import indexinput

    monkeypatch.setattr(indexinput, "_MAX_NAMED_GAPS", 0)
    method = _method(["kinder_quote", "geliefert"])
    general = compute_index_series(figures.project_values(quota_project, method.indicator_keys()),
                                   quota_project.districts_frame(), method)
    pd.testing.assert_frame_equal(figures.index_series_for_project(quota_project, method), general)


def test_value_arrays_carry_every_status_and_note_values_frame_has(quota_project):
    """Status and note are read only where they differ from the defaults; the rows that do
    must still come out exactly as the general reader gives them."""
    arrays = quota_project.value_arrays()
    frame = quota_project.values_frame().sort_values(["indicator_id", "district_id", "period"])
    got = pd.DataFrame({k: arrays[k] for k in ("indicator_id", "district_id", "period", "value",
                                               "status", "note")})
    got = got.sort_values(["indicator_id", "district_id", "period"])
    for column in ("indicator_id", "district_id", "period", "status", "note"):
        assert got[column].tolist() == frame[column].tolist(), column
    assert got["value"].tolist() == pytest.approx(frame["value"].tolist(), nan_ok=True)
    assert {"suppressed", "final"} <= set(arrays["status"]) and "vom Amt" in set(arrays["note"])


@pytest.mark.parametrize("picked", [slice(None), slice(None, None, 2), slice(1, 4)])
def test_stored_outside_keeps_exactly_the_rows_off_the_grid(quota_project, picked):
    """Grids of one run, of scattered districts and of a middle part: the ranges written into
    the SQL keep the same rows a plain filter keeps."""
    frame = quota_project.values_frame()
    quote = int(frame.loc[frame["indicator"] == "kinder_quote", "indicator_id"].iloc[0])
    districts = sorted(frame["district_id"].unique().tolist())[picked]
    periods = [2022, 2023]
    gap = (districts[0], 2022)
    arrays = quota_project.stored_outside({quote: [gap]}, districts, periods)
    rows = frame[frame["indicator_id"] == quote]
    expected = rows[~rows["district_id"].isin(districts) | ~rows["period"].isin(periods)
                    | ((rows["district_id"] == gap[0]) & (rows["period"] == gap[1]))]
    assert sorted(zip(arrays["district_id"].tolist(), arrays["period"].tolist(), strict=True)) \
        == sorted(zip(expected["district_id"].tolist(), expected["period"].tolist(), strict=True))
    assert len(expected) > 0
