"""Property: whatever a rater stored (scores with decimals, abstentions with a reason, text that
looks like a formula), a score sheet written and read back changes nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from k360desk.io.scoresheets import export_scoresheets, import_scoresheets
from k360desk.models import round_books
from k360desk.models import rounds as store
from k360desk.projectfile import Criterion
from tests.builders import build_small_project
from tests.rounds.conftest import build_round

APPS = ("lesen", "treff", "sport")
comments = st.one_of(st.just(""), st.sampled_from(["=SUMME(A1)", "+49 1234", "@home", "-", "gut", "'zitiert'",
                                                         "'=A1"]),
                     st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30))
entry = st.one_of(
    st.none(),
    st.tuples(st.integers(min_value=0, max_value=500).map(lambda v: v / 100), comments),
    st.tuples(st.none(), st.sampled_from(["befangen", "Träger des Ehepartners"])),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({k: entry for k in APPS}))
@example({"lesen": (1.5, "'=A1"), "treff": (None, "befangen"), "sport": (0.0, "=SUMME(A1)")})
def test_a_sheet_read_back_unchanged_changes_nothing(stored):
    with tempfile.TemporaryDirectory() as folder:
        project = build_small_project(Path(folder) / "p.k360")
        try:
            ids = build_round(project)
            rid = ids["round"]
            store.copy_criteria(project, ids["old_round"], rid)
            crit = project.find(Criterion, round_id=rid, name="Konzept").id
            rows = [{"application_id": ids[k], "criterion_id": crit, "rater": "Ann", "score": v[0],
                     "comment": v[1].strip()} for k, v in stored.items() if v is not None]
            if rows:
                project.execute_link("scores", rows)
            store.set_status(project, rid, "open")
            before = round_books.score_state(project, rid)
            (sheet,) = export_scoresheets(project, rid, Path(folder) / "out", ["Ann"])
            result = import_scoresheets(project, rid, [sheet])
            assert result.changes.written == []
            assert round_books.score_state(project, rid) == before
            assert result.skipped == 0
        finally:
            project.close()
