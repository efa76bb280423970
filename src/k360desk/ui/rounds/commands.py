"""Undo commands of the round workflow: each calls the store functions of ``models.rounds``
(which hold the guards) and keeps what it needs to put the old state back exactly."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from PySide6.QtGui import QUndoCommand

from k360desk.models import rounds as store
from k360desk.projectfile import AgendaItem, Application, Criterion, FundingRound, Project
from k360desk.ui.commands.base import StoreCommand


class SetRoundStatus(StoreCommand):
    """Move a round to another status (guards and the reason are checked by the store)."""

    def __init__(
        self,
        project: Project,
        round_id: int,
        status: str,
        reason: str = "",
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(project, f"Status: {store.STATUS_LABELS.get(status, status)}", parent)
        self.round_id, self.status, self.reason = round_id, status, reason
        self.old: str | None = None

    def _redo(self) -> None:
        self.old = store.set_status(self.project, self.round_id, self.status, self.reason)

    def _undo(self) -> None:
        self.project.update(FundingRound, self.round_id, status=self.old)


class ChangeCriterion(StoreCommand):
    """Change fields of a criterion; a frozen catalogue needs (and logs) a reason."""

    def __init__(
        self,
        project: Project,
        criterion_id: int,
        values: Mapping[str, Any],
        reason: str = "",
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(project, "Kriterium ändern", parent)
        self.criterion_id, self.values, self.reason = criterion_id, dict(values), reason
        self.old: dict[str, Any] | None = None

    def _redo(self) -> None:
        old = store.update_criterion(self.project, self.criterion_id, self.reason, **self.values)
        if self.old is None:
            self.old = old

    def _undo(self) -> None:
        self.project.update(Criterion, self.criterion_id, **self.old)


class AddCriterion(StoreCommand):
    """Add a criterion to a catalogue (with a reason once it is frozen)."""

    def __init__(
        self, project: Project, criterion: Criterion, reason: str = "", parent: QUndoCommand | None = None
    ) -> None:
        super().__init__(project, "Kriterium anlegen", parent)
        self.criterion, self.reason = criterion, reason
        self.record_id: int | None = None

    def _redo(self) -> None:
        if self.record_id is None:
            self.record_id = store.add_criterion(self.project, self.criterion, self.reason)
        else:
            self.project.add(self.criterion)

    def _undo(self) -> None:
        self.project.delete(Criterion, self.record_id)


class DeleteCriterion(StoreCommand):
    """Delete a criterion and its scores (with a reason once the catalogue is frozen)."""

    def __init__(
        self, project: Project, criterion_id: int, reason: str = "", parent: QUndoCommand | None = None
    ) -> None:
        super().__init__(project, "Kriterium löschen", parent)
        self.criterion_id, self.reason = criterion_id, reason
        self.snapshot = None

    def _redo(self) -> None:
        self.snapshot = store.delete_criterion(self.project, self.criterion_id, self.reason)

    def _undo(self) -> None:
        self.project.restore(self.snapshot)


class CopyCriteria(StoreCommand):
    """Copy the catalogue of an earlier round into this one."""

    def __init__(
        self,
        project: Project,
        source_id: int,
        target_id: int,
        reason: str = "",
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(project, "Kriterienkatalog übernehmen", parent)
        self.source_id, self.target_id, self.reason = source_id, target_id, reason
        self.ids: list[int] = []

    def _redo(self) -> None:
        self.ids = store.copy_criteria(self.project, self.source_id, self.target_id, self.reason)

    def _undo(self) -> None:
        for criterion_id in self.ids:
            self.project.delete(Criterion, criterion_id)


class SetNeedRun(StoreCommand):
    """Choose the index run that supplies the round's need values (frozen: with a reason)."""

    def __init__(
        self,
        project: Project,
        round_id: int,
        run_id: int | None,
        reason: str = "",
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(project, "Sozialindex-Lauf der Runde festlegen", parent)
        self.round_id, self.run_id, self.reason = round_id, run_id, reason
        self.old: int | None = None

    def _redo(self) -> None:
        self.old = store.set_need_run(self.project, self.round_id, self.run_id, self.reason)

    def _undo(self) -> None:
        self.project.update(FundingRound, self.round_id, need_run_id=self.old)


class SetLinkRows(StoreCommand):
    """Upsert rows of a link table (scores, amounts) by their key; undo restores each key."""

    def __init__(
        self,
        project: Project,
        table: str,
        keys: tuple[str, ...],
        rows: Iterable[Mapping[str, Any]],
        text: str = "",
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(project, text or "Werte ändern", parent)
        self.table, self.keys = table, keys
        self.rows = [dict(r) for r in rows]
        self.old: list[tuple[dict, list[dict]]] | None = None

    def _redo(self) -> None:
        old = []
        for row in self.rows:
            where = {k: row[k] for k in self.keys}
            old.append((where, self.project.link_frame(self.table, **where).to_dict("records")))
        if self.old is None:
            self.old = old
        clear = [r for r in self.rows if r.get("_delete")]
        for row in clear:
            self.project.delete_link(self.table, **{k: row[k] for k in self.keys})
        keep = [{k: v for k, v in r.items() if k != "_delete"} for r in self.rows if not r.get("_delete")]
        if keep:
            self.project.execute_link(self.table, keep)

    def _undo(self) -> None:
        for where, rows in self.old or []:
            self.project.delete_link(self.table, **where)
            if rows:
                self.project.execute_link(self.table, rows)


class SetOverride(StoreCommand):
    """Fix an application's amounts by hand with a reason (None clears a year)."""

    def __init__(
        self,
        project: Project,
        application_id: int,
        amounts: Mapping[int, float | None],
        reason: str,
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(project, "Betrag manuell festlegen", parent)
        self.application_id, self.amounts, self.reason = application_id, dict(amounts), reason
        self.old: list[dict] | None = None

    def _redo(self) -> None:
        old = store.set_override(self.project, self.application_id, self.amounts, self.reason)
        if self.old is None:
            self.old = old

    def _undo(self) -> None:
        self.project.delete_link("application_amounts", application_id=self.application_id)
        if self.old:
            self.project.execute_link("application_amounts", self.old)


class SaveTrial(StoreCommand):
    """Keep the rule chosen in a trial run on the round and log the trial."""

    def __init__(
        self,
        project: Project,
        round_id: int,
        rule: str,
        min_share: float,
        summary: pd.DataFrame,
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(project, "Probelauf der Vergabe", parent)
        self.round_id, self.rule, self.min_share, self.summary = round_id, rule, min_share, summary
        rnd = project.get(FundingRound, round_id)
        self.old = {"allocation_rule": rnd.allocation_rule, "min_share": rnd.min_share}

    def _redo(self) -> None:
        store.record_trial(self.project, self.round_id, self.rule, self.min_share, self.summary)

    def _undo(self) -> None:
        self.project.update(FundingRound, self.round_id, **self.old)


class RecordDecision(StoreCommand):
    """Fix the allocation as final with the committee decision (undo puts everything back)."""

    def __init__(
        self,
        project: Project,
        round_id: int,
        amounts: pd.DataFrame,
        summary: pd.DataFrame,
        meeting_id: int | None,
        decided_on: str | None = None,
        application_ids: list[int] | None = None,
        parent: QUndoCommand | None = None,
        over_commitment: str = "",
        accept_missing: str = "",
    ) -> None:
        super().__init__(project, "Beschluss festhalten", parent)
        self.args = (round_id, amounts, summary, meeting_id, decided_on, application_ids)
        self.reasons = {"over_commitment": over_commitment, "accept_missing": accept_missing}
        self.item_id: int | None = None
        self.before: dict | None = None

    def _redo(self) -> None:
        round_id, amounts, summary, meeting_id, decided_on, app_ids = self.args
        ids = app_ids if app_ids is not None else [int(a) for a in summary["application_id"]]
        rnd = self.project.get(FundingRound, round_id)
        self.before = {
            "status": rnd.status,
            "round": {"need_run_id": rnd.need_run_id, "decision_figures": rnd.decision_figures},
            "apps": {
                a: (self.project.get(Application, a).status, self.project.get(Application, a).reason)
                for a in ids
            },
            "amounts": {
                a: self.project.link_frame("application_amounts", application_id=a).to_dict("records")
                for a in ids
            },
        }
        self.item_id = store.record_decision(
            self.project, round_id, amounts, summary, meeting_id, decided_on, app_ids, **self.reasons
        )

    def _undo(self) -> None:
        round_id = self.args[0]
        if self.item_id is not None:  # the administration decides without an agenda item
            self.project.delete(AgendaItem, self.item_id)
        for app_id, (status, reason) in self.before["apps"].items():
            self.project.update(Application, app_id, status=status, reason=reason)
            self.project.delete_link("application_amounts", application_id=app_id)
            if self.before["amounts"][app_id]:
                self.project.execute_link("application_amounts", self.before["amounts"][app_id])
        self.project.update(FundingRound, round_id, status=self.before["status"],
                            **self.before["round"])
