"""The providers' voice on a project: questionnaires, their questions, statements and goals.

Store functions beyond single records: ordered questions, the districts a provider works in,
statements joined with their question, provider and district, a bulk write of statements
(one transaction, exact undo and redo) and goals per indicator, district and period.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from k360desk.projectfile.changes import Change
from k360desk.projectfile.errors import ProjectError
from k360desk.projectfile.project import Project
from k360desk.projectfile.records import Question, Questionnaire

QTYPES = ("text", "rating", "yesno", "number")
QTYPE_LABELS = {"text": "Freitext", "rating": "Bewertung 1–5", "yesno": "ja/nein",
                "number": "Zahl"}
ANONYMOUS_KEY = "statements_anonymous"
"""Project setting (k360_meta): "1" quotes free text without the provider's name."""


def questions_frame(project: Project, questionnaire_id: int) -> pd.DataFrame:
    """The questions of a questionnaire in their order (id, uuid, number, text, qtype, per_district)."""
    return pd.read_sql_query(
        "SELECT id, uuid, number, text, qtype, per_district FROM questions"
        " WHERE questionnaire_id=? ORDER BY number, id", project._conn, params=[int(questionnaire_id)])


def questionnaire_for_period(project: Project, period: int) -> Questionnaire:
    """The one questionnaire of a period; a German ProjectError if there is none or several."""
    found = project.all(Questionnaire, period=int(period))
    if not found:
        raise ProjectError(f"Für {period} gibt es keine Trägerabfrage.")
    if len(found) > 1:
        names = ", ".join(f"„{q.name}“" for q in found)
        raise ProjectError(f"Für {period} gibt es mehrere Trägerabfragen ({names}).")
    return found[0]


def next_question_number(project: Project, questionnaire_id: int) -> int:
    """The number a new question at the end of the questionnaire gets."""
    row = project._conn.execute("SELECT coalesce(max(number), 0) FROM questions"
                                " WHERE questionnaire_id=?", (int(questionnaire_id),)).fetchone()
    return int(row[0]) + 1


def renumbered(project: Project, questionnaire_id: int, question_id: int, step: int) -> dict[int, int]:
    """New numbers (question id → number) after moving one question ``step`` places.

    Numbers become 1 … n in the new order; only questions whose number changes are returned,
    so the caller can write them as one undoable step.
    """
    frame = questions_frame(project, questionnaire_id)
    ids = [int(i) for i in frame["id"]]
    if int(question_id) not in ids:
        return {}
    pos = ids.index(int(question_id))
    target = max(0, min(len(ids) - 1, pos + step))
    ids.insert(target, ids.pop(pos))
    old = dict(zip(frame["id"].astype(int), frame["number"].astype(int), strict=True))
    return {qid: n for n, qid in enumerate(ids, start=1) if old[qid] != n}


def provider_districts(project: Project, level_id: int | None = None) -> dict[int, list[int]]:
    """Provider id → ids of the districts where it runs (open) facilities.

    Facilities lie in the finest districts; with ``level_id`` they are lifted to the
    ancestor on that level.
    """
    rows = project._conn.execute(
        "SELECT DISTINCT provider_id, district_id FROM facilities WHERE provider_id IS NOT NULL"
        " AND district_id IS NOT NULL AND (closed IS NULL OR closed = '')").fetchall()
    parents = dict(project._conn.execute("SELECT fid, parent_id FROM districts").fetchall())
    levels = dict(project._conn.execute("SELECT fid, level_id FROM districts").fetchall())
    result: dict[int, set[int]] = {}
    for provider, district in rows:
        d = district
        if level_id is not None:
            while d is not None and levels.get(d) != level_id:
                d = parents.get(d)
            if d is None:
                continue
        result.setdefault(int(provider), set()).add(int(d))
    codes = dict(project._conn.execute("SELECT fid, code FROM districts").fetchall())
    return {p: sorted(ds, key=lambda i: str(codes.get(i, ""))) for p, ds in result.items()}


def statements_frame(project: Project, questionnaire_id: int | None = None,
                     district_id: int | None = None, period: int | None = None) -> pd.DataFrame:
    """Statements with their question, questionnaire, provider and district (one row each)."""
    sql = ("SELECT s.id, s.uuid, s.question_id, q.number AS question_number, q.text AS question,"
           " q.qtype, q.per_district, q.questionnaire_id, qn.name AS questionnaire, qn.period,"
           " s.provider_id, p.name AS provider, s.district_id, d.code AS district_code,"
           " d.name AS district, s.answer_text, s.answer_number"
           " FROM statements s JOIN questions q ON q.id = s.question_id"
           " JOIN questionnaires qn ON qn.id = q.questionnaire_id"
           " LEFT JOIN providers p ON p.id = s.provider_id"
           " LEFT JOIN districts d ON d.fid = s.district_id WHERE 1=1")
    params: list[Any] = []
    if questionnaire_id is not None:
        sql += " AND q.questionnaire_id = ?"
        params.append(int(questionnaire_id))
    if district_id is not None:
        sql += " AND s.district_id = ?"
        params.append(int(district_id))
    if period is not None:
        sql += " AND qn.period = ?"
        params.append(int(period))
    sql += " ORDER BY qn.period, q.number, d.code, p.name"
    return pd.read_sql_query(sql, project._conn, params=params)


# --- statements in bulk ------------------------------------------------------------------

_STATEMENT_COLUMNS = ("id", "uuid", "question_id", "provider_id", "district_id", "answer_text",
                      "answer_number")


@dataclass
class StatementChanges:
    """What a bulk write did, enough to take it back and to do it again exactly."""

    created: list[dict[str, Any]] = field(default_factory=list)
    """Full rows of new statements (with id and uuid)."""
    updated: list[tuple[int, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    """(statement id, old answer fields, new answer fields)."""
    deleted: list[dict[str, Any]] = field(default_factory=list)
    """Full rows of withdrawn statements (an emptied answer cell)."""

    @property
    def empty(self) -> bool:
        """True if nothing changed."""
        return not self.created and not self.updated and not self.deleted


def write_statements(project: Project, rows: Iterable[dict[str, Any]],
                     withdrawn: Iterable[int] = ()) -> StatementChanges:
    """Insert or replace answers keyed by (question, provider, district), in one transaction.

    Each row has question_id, provider_id, district_id (None for a question asked once),
    answer_text and answer_number. An existing answer with the same key is overwritten.
    The statements with the ids in ``withdrawn`` are deleted (their cells were emptied).
    """
    project._check_writable()
    changes = StatementChanges()
    names = ", ".join(_STATEMENT_COLUMNS)
    for sid in dict.fromkeys(int(i) for i in withdrawn):
        found = project._conn.execute(f"SELECT {names} FROM statements WHERE id=?",
                                      (sid,)).fetchone()
        if found is not None:
            changes.deleted.append(dict(zip(_STATEMENT_COLUMNS, found, strict=True)))
    existing = {
        (int(q), None if p is None else int(p), None if d is None else int(d)): (int(i), t, n)
        for i, q, p, d, t, n in project._conn.execute(
            "SELECT id, question_id, provider_id, district_id, answer_text, answer_number"
            " FROM statements")}
    first = project._conn.execute("SELECT coalesce(max(id), 0) FROM statements").fetchone()[0]
    next_id = int(first) + 1
    seen: dict[tuple, int] = {}
    for row in rows:
        key = (int(row["question_id"]), None if row.get("provider_id") is None else int(row["provider_id"]),
               None if row.get("district_id") is None else int(row["district_id"]))
        new = {"answer_text": str(row.get("answer_text") or ""),
               "answer_number": None if row.get("answer_number") is None else float(row["answer_number"])}
        if key in seen:  # the same key twice in one batch: the later answer wins
            target = changes.created[seen[key]]
            target.update(new)
            continue
        if key in existing:
            sid, text, number = existing[key]
            old = {"answer_text": text, "answer_number": number}
            if old != new:
                changes.updated.append((sid, old, new))
            continue
        seen[key] = len(changes.created)
        changes.created.append({"id": next_id, "uuid": str(uuidlib.uuid4()), "question_id": key[0],
                                "provider_id": key[1], "district_id": key[2], **new})
        next_id += 1
    reapply_statements(project, changes)
    return changes


def reapply_statements(project: Project, changes: StatementChanges) -> None:
    """Write (again) what a bulk write did: the same rows with the same ids."""
    project._check_writable()
    with project.transaction():
        if changes.created:
            names = ", ".join(_STATEMENT_COLUMNS)
            project._conn.executemany(
                f"INSERT INTO statements ({names}) VALUES ({', '.join('?' * len(_STATEMENT_COLUMNS))})",
                [[r[c] for c in _STATEMENT_COLUMNS] for r in changes.created])
            project.changes.emit(Change("statements", "insert", tuple(r["id"] for r in changes.created)))
        _set_answers(project, [(sid, new) for sid, _old, new in changes.updated])
        _delete(project, changes.deleted)
        project.log("bulk", "statements", None,
                    f"{len(changes.created)} Einschätzungen neu, {len(changes.updated)} geändert,"
                    f" {len(changes.deleted)} zurückgezogen")


def revert_statements(project: Project, changes: StatementChanges) -> None:
    """Take a bulk write back exactly (one transaction)."""
    project._check_writable()
    with project.transaction():
        if changes.created:
            project._conn.executemany("DELETE FROM statements WHERE id=?",
                                      [(r["id"],) for r in changes.created])
            project.changes.emit(Change("statements", "delete", tuple(r["id"] for r in changes.created)))
        _set_answers(project, [(sid, old) for sid, old, _new in changes.updated])
        if changes.deleted:
            names = ", ".join(_STATEMENT_COLUMNS)
            project._conn.executemany(
                f"INSERT INTO statements ({names}) VALUES "
                f"({', '.join('?' * len(_STATEMENT_COLUMNS))})",
                [[r[c] for c in _STATEMENT_COLUMNS] for r in changes.deleted])
            project.changes.emit(Change("statements", "insert",
                                        tuple(r["id"] for r in changes.deleted)))
        project.log("bulk", "statements", None, "Einschätzungen zurückgenommen")


def _delete(project: Project, rows: list[dict[str, Any]]) -> None:
    if rows:
        project._conn.executemany("DELETE FROM statements WHERE id=?", [(r["id"],) for r in rows])
        project.changes.emit(Change("statements", "delete", tuple(r["id"] for r in rows)))


def _set_answers(project: Project, answers: Sequence[tuple[int, dict[str, Any]]]) -> None:
    if not answers:
        return
    project._conn.executemany(
        "UPDATE statements SET answer_text=?, answer_number=? WHERE id=?",
        [(a["answer_text"], a["answer_number"], int(sid)) for sid, a in answers])
    project.changes.emit(Change("statements", "update", tuple(int(sid) for sid, _ in answers)))


# --- goals -------------------------------------------------------------------------------


def goals_frame(project: Project, indicator_id: int | None = None, district_id: int | None = None,
                period: int | None = None, whole_city: bool = False) -> pd.DataFrame:
    """Goals with indicator key/name/unit/polarity and district code/name.

    ``district_id`` picks the goals of one district; ``whole_city`` those without district.
    """
    sql = ("SELECT g.id, g.uuid, g.indicator_id, i.key AS indicator, i.name AS indicator_name,"
           " i.unit, i.decimals, i.polarity, g.district_id, d.code AS district_code,"
           " d.name AS district, g.period, g.target, g.notes"
           " FROM goals g JOIN indicators i ON i.id = g.indicator_id"
           " LEFT JOIN districts d ON d.fid = g.district_id WHERE 1=1")
    params: list[Any] = []
    if indicator_id is not None:
        sql += " AND g.indicator_id = ?"
        params.append(int(indicator_id))
    if whole_city:
        sql += " AND g.district_id IS NULL"
    elif district_id is not None:
        sql += " AND g.district_id = ?"
        params.append(int(district_id))
    if period is not None:
        sql += " AND g.period = ?"
        params.append(int(period))
    sql += " ORDER BY i.name, d.code, g.period"
    return pd.read_sql_query(sql, project._conn, params=params)


def ancestors(project: Project, district_id: int) -> list[int]:
    """The district's parents up to the top (nearest first)."""
    parents = dict(project._conn.execute("SELECT fid, parent_id FROM districts").fetchall())
    chain, current = [], parents.get(int(district_id))
    while current is not None and current not in chain:
        chain.append(int(current))
        current = parents.get(current)
    return chain


def questionnaire_choices(project: Project) -> list[tuple[int, str]]:
    """(id, "name (period)") of every questionnaire, newest period first."""
    return [(q.id, f"{q.name} ({q.period})")
            for q in project.all(Questionnaire, order_by="period DESC, name")]


def question_label(question: Question | pd.Series, width: int = 60) -> str:
    """"3. Wie gut …" shortened to ``width`` characters."""
    text = f"{int(question['number'] if isinstance(question, pd.Series) else question.number)}. " \
           f"{question['text'] if isinstance(question, pd.Series) else question.text}"
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


# --- committee work ----------------------------------------------------------------------


def agenda_history(project: Project, committee_id: int | None = None,
                   round_id: int | None = None) -> pd.DataFrame:
    """What went to which meeting: agenda items with meeting date, committee, round and document.

    Newest meeting first; filtered by committee and/or funding round.
    """
    sql = ("SELECT a.id, m.date, m.id AS meeting_id, c.id AS committee_id, c.name AS committee,"
           " m.location, a.number, a.title, a.round_id, r.name AS round, a.document, a.decision"
           " FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id"
           " JOIN committees c ON c.id = m.committee_id"
           " LEFT JOIN funding_rounds r ON r.id = a.round_id WHERE 1=1")
    params: list[Any] = []
    if committee_id is not None:
        sql += " AND c.id = ?"
        params.append(int(committee_id))
    if round_id is not None:
        sql += " AND a.round_id = ?"
        params.append(int(round_id))
    sql += " ORDER BY m.date DESC, c.name, a.number, a.id"
    return pd.read_sql_query(sql, project._conn, params=params)
