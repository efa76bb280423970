"""The generated demo municipality: size, consistency, geometry and reproducibility."""

from __future__ import annotations

import sqlite3
import warnings

import numpy as np
import pandas as pd
import pytest

from k360desk.projectfile import (
    Application,
    Criterion,
    District,
    DistrictLevel,
    FundingRound,
    Indicator,
    Provider,
)


def test_demo_has_the_size_of_design_section_6(demo):
    counts = demo.counts()
    levels = demo.all(DistrictLevel, order_by="rank")
    assert [lv.name for lv in levels] == ["Stadtbezirk", "Quartier"]
    quarters = demo.all(District, level_id=levels[1].id)
    assert 35 <= len(quarters) <= 45
    assert 20 <= counts["indicators"] <= 32
    assert demo.periods() == list(range(2015, 2025))
    assert 180 <= counts["facilities"] <= 220
    assert 25 <= counts["providers"] <= 35
    assert counts["funding_rounds"] == 2 and counts["applications"] == 50
    assert demo.get_meta("municipality") == "Musterstadt"
    assert demo.get_meta("ags") == "03499000"
    assert demo.get_meta("crs") == "EPSG:25832"


def test_every_quartier_has_a_parent_and_the_levels_tile_the_city(demo):
    frame = demo.districts_frame()
    quarters = frame[frame.level == "Quartier"]
    boroughs = frame[frame.level == "Stadtbezirk"]
    assert quarters.parent_id.notna().all()
    assert set(quarters.parent_id) == set(boroughs.id)
    assert quarters.geometry.is_valid.all() and boroughs.geometry.is_valid.all()
    # Quartiere do not overlap, and each Stadtbezirk is the union of its Quartiere.
    union = quarters.geometry.union_all()
    assert abs(union.area - quarters.area.sum()) < 1.0
    for borough_id, members in quarters.groupby("parent_id"):
        own = boroughs.loc[borough_id].geometry
        assert abs(own.area - members.area.sum()) / own.area < 1e-6
    # Projected coordinates somewhere in Lower Saxony.
    minx, miny, maxx, maxy = union.bounds
    assert 450_000 < minx < maxx < 650_000 and 5_650_000 < miny < maxy < 5_850_000


def test_derived_values_equal_numerator_over_denominator(demo):
    indicators = demo.indicators_frame()
    values = demo.values_frame()
    wide = values.pivot_table(index=["district_id", "period"], columns="indicator",
                              values="value", dropna=False)
    derived = indicators[indicators.numerator_id.notna()]
    assert len(derived) >= 8
    for _, ind in derived.iterrows():
        num, den = wide[ind.numerator_key], wide[ind.denominator_key]
        expected = (num / den * ind.scale).where(den > 0)
        pd.testing.assert_series_equal(wide[ind.key], expected, check_names=False, rtol=1e-12)


def test_values_have_stories_small_counts_and_provisional_figures(demo):
    values = demo.values_frame()
    by_name = demo.districts_frame().set_index("id")["name"]
    values["name"] = values.district_id.map(by_name)
    quota = values[values.indicator == "sgb2_quote"].pivot(index="name", columns="period",
                                                            values="value")
    assert quota.loc["Hafenviertel", 2024] < 0.7 * quota.loc["Hafenviertel", 2015]
    assert quota[2024].idxmax() == "Am Hochfeld"
    old = values[values.indicator == "altenquote"].pivot(index="name", columns="period",
                                                          values="value")
    assert old.loc["Sonnenhang", 2024] > old.loc["Sonnenhang", 2015] + 5
    threshold = demo.disclosure_threshold
    protected = demo.indicators_frame().query("disclosure == 1").key
    small = values[values.indicator.isin(protected) & (values.value < threshold)]
    assert len(small) >= 5
    provisional = values[values.status == "provisional"]
    assert len(provisional) > 0 and set(provisional.period) == {2024}


def test_every_facility_lies_inside_its_district(demo):
    facilities = demo.facilities_frame()
    districts = demo.districts_frame()
    assert facilities.district_id.notna().all()
    inside = [districts.loc[int(d)].geometry.contains(g)
              for d, g in zip(facilities.district_id, facilities.geometry, strict=True)]
    assert all(inside)
    assert (districts.loc[facilities.district_id.astype(int), "level"] == "Quartier").all()
    assert facilities.target_groups.notna().mean() > 0.9
    umbrellas = {p.umbrella for p in demo.all(Provider)}
    assert {"AWO", "Caritas", "Diakonie", "DRK", "Der Paritätische", "ZWST"} <= umbrellas


def test_funding_rounds_have_criteria_applications_and_scores(demo):
    rounds = demo.all(FundingRound, order_by="first_year")
    assert [r.name for r in rounds] == ["Quartiersfonds 2025", "Sozialraumbudget 2026–2030"]
    for funding_round in rounds:
        criteria = demo.all(Criterion, round_id=funding_round.id)
        assert [c.derived for c in criteria].count("need") == 1
        apps = demo.all(Application, round_id=funding_round.id)
        assert len(apps) == 25
        assert all(1 <= a.duration <= 5 for a in apps)
        scores = demo.link_frame("scores")
        mine = scores[scores.application_id.isin([a.id for a in apps])]
        assert 2 <= mine.rater.nunique() <= 3
        served = demo.link_frame("application_districts")
        shares = served[served.application_id.isin([a.id for a in apps])]
        assert np.allclose(shares.groupby("application_id").share.sum(), 1.0, atol=1e-3)
    decided = rounds[0]
    apps = demo.all(Application, round_id=decided.id)
    amounts = demo.link_frame("application_amounts")
    awarded = amounts[amounts.application_id.isin([a.id for a in apps])].awarded.sum()
    budget = demo.link_frame("round_budgets", round_id=decided.id).amount.sum()
    assert 0 < awarded <= budget
    assert {a.status for a in apps} == {"awarded", "rejected"}
    longest = max(a.duration for a in demo.all(Application, round_id=rounds[1].id))
    assert longest >= 3


def test_demo_file_passes_check_and_reads_back_with_pyogrio(demo, demo_file):
    import pyogrio

    assert demo.check() == []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # the .k360 extension
        layers = dict(pyogrio.list_layers(demo_file))
        assert {"districts", "facilities", "district_indicators"} <= set(layers)
        frame = pyogrio.read_dataframe(demo_file, layer="district_indicators")
    assert len(frame) == demo.count("districts")
    quarters = frame[frame.ebene == "Quartier"]
    assert quarters["sgb2_quote"].notna().all()
    assert (quarters["einwohner_jahr"] == 2024).all()


def test_same_seed_gives_the_same_project_and_another_seed_another(tmp_path):
    from k360desk.demo import write_demo

    first = write_demo(tmp_path / "a.k360", seed=7)
    second = write_demo(tmp_path / "b.k360", seed=7)
    third = write_demo(tmp_path / "c.k360", seed=8)

    from k360desk.projectfile.schema import OWN_TABLES

    def content(path):
        conn = sqlite3.connect(path)
        try:
            # Everything but the timestamps: every row, UUIDs included.
            tables = [t for t in OWN_TABLES if t not in ("change_log", "k360_meta")]
            rows = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                    for t in tables}
            rows["meta"] = conn.execute("SELECT * FROM k360_meta WHERE key NOT IN"
                                        " ('created', 'modified') ORDER BY key").fetchall()
            return rows
        finally:
            conn.close()

    a, b, c = content(first), content(second), content(third)
    assert a == b
    assert a["districts"] != c["districts"] and a["indicator_values"] != c["indicator_values"]


def test_create_demo_is_an_unsaved_document():
    from k360desk.demo import create_demo

    project = create_demo()
    try:
        assert project.path is None and not project.modified
        assert project.count("districts") > 40
        assert project.find(Indicator, key="sgb2_quote").numerator_id is not None
    finally:
        project.close()


def test_unknown_scale_is_refused():
    from k360desk.demo import create_demo

    with pytest.raises(ValueError, match="Unbekannte Größe"):
        create_demo("riesig")


def test_the_stored_social_index_computes_on_the_demo(demo):
    from k360desk.analysis.socialindex import IndexMethod, compute_index
    from k360desk.models.indices import definition_names, load_definition

    assert definition_names(demo) == ["Sozialindex Musterstadt"]
    method = IndexMethod.from_dict(load_definition(demo, "Sozialindex Musterstadt"))
    result = compute_index(demo.values_frame(), demo.districts_frame(), method, 2024)
    table = result.table.set_index("name")
    assert table["status_value"].notna().sum() >= 35
    assert table["status_value"].idxmax() == "Am Hochfeld"  # the estate needs most
    assert table.loc["Hafenviertel", "dynamics_class"] == "positiv"  # gentrifying
    assert not table.loc["Gewerbegebiet Ost", "included"]  # under 300 inhabitants


def test_cancel_leaves_no_working_copy_behind():
    from k360desk.demo import create_demo
    from k360desk.progress import Cancelled, Progress
    from k360desk.projectfile import paths

    texts = []

    def report(done, total, text):
        texts.append(text)
        if done == 2:
            progress.cancel()

    progress = Progress(report)
    before = set(paths.work_dir().iterdir())
    with pytest.raises(Cancelled):
        create_demo(progress=progress)
    assert set(paths.work_dir().iterdir()) == before
    assert texts[0] == "Stadtgebiet wird erzeugt …"
