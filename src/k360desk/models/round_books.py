"""Writes of the round's workbooks: raters' scores and providers' applications read from
Excel, each batch as one step that can be taken back exactly and done again."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from k360desk.money import row_to_store
from k360desk.projectfile.project import Project
from k360desk.projectfile.records import Application, FundingRound
from k360desk.projectfile.store import Snapshot

SCORE_KEY = ("application_id", "criterion_id", "rater")


@dataclass
class ScoreChanges:
    """Scores a batch wrote, with the rows they replaced (None: the key was new)."""

    round_id: int
    written: list[dict[str, Any]] = field(default_factory=list)
    before: list[dict[str, Any] | None] = field(default_factory=list)
    need_run_before: int | None = None
    need_run_after: int | None = None


def score_state(project: Project, round_id: int) -> dict[tuple[int, int, str], tuple[float | None, str]]:
    """Stored (score, comment) per (application, criterion, rater) of a round."""
    rows = project._conn.execute(
        "SELECT s.application_id, s.criterion_id, s.rater, s.score, s.comment FROM scores s "
        "JOIN applications a ON a.id = s.application_id WHERE a.round_id=?", (round_id,))
    return {(int(a), int(c), str(r)): (None if s is None else float(s), str(m or ""))
            for a, c, r, s, m in rows}


def write_scores(project: Project, round_id: int, rows: list[dict[str, Any]]) -> ScoreChanges:
    """Store scores (rows with application_id, criterion_id, rater, score, comment); rows
    equal to the stored ones are left alone. Scoring started: the round's need run is fixed."""
    from k360desk.models.rounds import fix_need_run

    state = score_state(project, round_id)
    changes = ScoreChanges(round_id)
    for row in rows:
        key = tuple(row[k] for k in SCORE_KEY)
        old = state.get(key)  # type: ignore[arg-type]
        if old is not None and old == (row["score"], row["comment"]):
            continue
        changes.written.append(dict(row))
        changes.before.append(None if old is None else dict(zip(SCORE_KEY, key, strict=True))
                              | {"score": old[0], "comment": old[1]})
    rnd = project.get(FundingRound, round_id)
    changes.need_run_before = rnd.need_run_id if rnd else None
    with project.transaction():
        if changes.written:
            project.execute_link("scores", changes.written)
            if any(r["score"] is not None for r in changes.written):
                changes.need_run_after = fix_need_run(project, round_id)
            project.log("import", FundingRound.table, rnd.uuid if rnd else None,
                        f"{len(changes.written)} Bewertungen aus Bewertungsbögen eingelesen")
    if changes.need_run_after is None:
        changes.need_run_after = changes.need_run_before
    return changes


def revert_scores(project: Project, changes: ScoreChanges) -> None:
    """Take a batch of scores back exactly (one transaction)."""
    with project.transaction():
        for row, old in zip(changes.written, changes.before, strict=True):
            project.delete_link("scores", **{k: row[k] for k in SCORE_KEY})
            if old is not None:
                project.execute_link("scores", [old])
        project.update(FundingRound, changes.round_id, need_run_id=changes.need_run_before)


def reapply_scores(project: Project, changes: ScoreChanges) -> None:
    """Write a reverted batch again."""
    with project.transaction():
        if changes.written:
            project.execute_link("scores", changes.written)
        project.update(FundingRound, changes.round_id, need_run_id=changes.need_run_after)


@dataclass
class NewApplication:
    """An application read from a form, ready to store."""

    provider_id: int
    title: str
    summary: str
    start_year: int
    submitted: str
    districts: list[int]
    amounts: dict[int, float]
    extra: dict[str, float] = field(default_factory=dict)
    topic_id: int | None = None


@dataclass
class ApplicationChanges:
    """Applications a batch created; snapshots once taken back, to put the same rows back."""

    round_id: int
    ids: list[int] = field(default_factory=list)
    snapshots: list[Snapshot] = field(default_factory=list)


def application_columns(project: Project) -> set[str]:
    """The columns the applications table has in this file (a later schema may add some)."""
    return {str(r[1]) for r in project._conn.execute("PRAGMA table_info(applications)")}


def add_applications(project: Project, round_id: int, items: list[NewApplication]) -> ApplicationChanges:
    """Create applications with their districts (shares split evenly) and requested amounts."""
    changes = ApplicationChanges(round_id)
    present = application_columns(project)
    rnd = project.get(FundingRound, round_id)
    with project.transaction():
        for item in items:
            years = sorted(y for y, v in item.amounts.items() if v > 0) or [item.start_year]
            app_id = project.add(Application(
                round_id=round_id, provider_id=item.provider_id, title=item.title,
                summary=item.summary, topic_id=item.topic_id, start_year=item.start_year,
                duration=max(1, min(5, years[-1] - item.start_year + 1)),
                submitted=item.submitted))
            # cost columns are money: the store keeps whole cents
            extra = row_to_store("applications", {k: v for k, v in item.extra.items() if k in present})
            if extra:
                names = ", ".join(f"{k}=?" for k in extra)
                project._conn.execute(f"UPDATE applications SET {names} WHERE id=?",
                                      [*extra.values(), app_id])
            project.execute_link("application_amounts", [
                {"application_id": app_id, "year": int(y), "requested": float(v), "awarded": None,
                 "override_reason": ""} for y, v in sorted(item.amounts.items())])
            share = 1.0 / len(item.districts)
            project.execute_link("application_districts", [
                {"application_id": app_id, "district_id": d, "share": share} for d in item.districts])
            changes.ids.append(app_id)
        if changes.ids:
            project.log("import", FundingRound.table, rnd.uuid if rnd else None,
                        f"{len(changes.ids)} Anträge aus Antragsformularen eingelesen")
    return changes


def revert_applications(project: Project, changes: ApplicationChanges) -> None:
    """Delete the applications a batch created (with their amounts and districts)."""
    with project.transaction():
        changes.snapshots = [project.delete(Application, i) for i in reversed(changes.ids)]


def reapply_applications(project: Project, changes: ApplicationChanges) -> None:
    """Put the very same applications back (same ids and uuids)."""
    with project.transaction():
        for snapshot in reversed(changes.snapshots):
            project.restore(snapshot)
        changes.snapshots = []
