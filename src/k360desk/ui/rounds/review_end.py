"""A yearly talk marked "beenden" in the Nachsorge table ends the project the way
``round review-end`` does: the same model function drops the later commitments, and the
outcome and the dropped amounts are one undo step."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from k360desk.models.decisions import end_after_review
from k360desk.projectfile import Application, Project, Review
from k360desk.ui.commands.base import StoreCommand


class EndProjectByReview(StoreCommand):
    """Set a review's outcome to "end" and drop the project's commitments after its year."""

    def __init__(self, project: Project, review_id: int) -> None:
        super().__init__(project, QCoreApplication.translate(
            "Aftercare", "Projekt nach Jahresgespräch beenden"))
        self.review_id = review_id
        self.before: tuple[str, int, list[dict]] | None = None
        self.dropped: list[int] = []

    def _redo(self) -> None:
        review = self.project.get(Review, self.review_id)
        amounts = self.project.link_frame("application_amounts", application_id=review.application_id)
        self.before = (review.outcome, review.application_id, amounts.to_dict("records"))
        self.project.update(Review, self.review_id, outcome="end")
        self.dropped = end_after_review(self.project, review.application_id, str(review.date),
                                        review.notes or "")

    def _undo(self) -> None:
        outcome, app_id, rows = self.before
        self.project.update(Review, self.review_id, outcome=outcome)
        if self.dropped:
            self.project.delete_link("application_amounts", application_id=app_id)
            self.project.execute_link("application_amounts", rows)
            review = self.project.get(Review, self.review_id)
            # The history keeps the ending; it also says that it was taken back.
            app = self.project.get(Application, app_id)
            self.project.log("amendment", Application.table, app.uuid,
                             f"Rückgängig: Ende nach dem Jahresgespräch vom {review.date} "
                             f"aufgehoben, Jahresraten {', '.join(map(str, self.dropped))} wieder "
                             "bewilligt.")


def commit_review(tab, section_commit, record_id: int, field: str, value) -> str | None:
    """The reviews section's committer: "beenden" ends the project (one undo step); an
    ending is taken back by Undo or an Änderungsbescheid, not by another outcome."""
    project = tab.project
    review = project.get(Review, record_id) if project is not None else None
    if review is None or field != "outcome":
        if review is not None and field == "date" and review.outcome == "end":
            return QCoreApplication.translate(
                "Aftercare", "Das Gespräch hat das Projekt beendet; sein Datum bestimmt die "
                "entfallenen Jahresraten und bleibt (Rückgängig oder Änderungsbescheid).")
        return section_commit(record_id, field, value)
    if value == review.outcome:
        return None
    if review.outcome == "end":
        return QCoreApplication.translate(
            "Aftercare", "Das Gespräch hat das Projekt beendet; die entfallenen Jahresraten "
            "stellt nur „Rückgängig“ oder ein Änderungsbescheid wieder her.")
    if value != "end":
        return section_commit(record_id, field, value)
    if not review.date:
        return QCoreApplication.translate(
            "Aftercare", "Bitte zuerst das Datum des Gesprächs eintragen: ab dem Folgejahr "
            "entfallen die Jahresraten.")
    command = EndProjectByReview(project, record_id)
    tab.context.push(command)
    return command.error


def ended_projects(project: Project, app_ids: set[int]) -> dict[int, tuple[str, list[int]]]:
    """Per application ended by a talk: the talk's date and the years without amount after it."""
    reviews = project.frame(Review)
    ended = reviews[(reviews["outcome"] == "end") & reviews["application_id"].isin(app_ids)
                    & reviews["date"].notna()]
    result: dict[int, tuple[str, list[int]]] = {}
    for r in ended.sort_values("date").itertuples(index=False):
        amounts = project.link_frame("application_amounts", application_id=int(r.application_id))
        year = int(str(r.date)[:4])
        years = [int(a.year) for a in amounts.itertuples()
                 if int(a.year) > year and not (a.awarded == a.awarded and (a.awarded or 0) > 0)]
        result[int(r.application_id)] = (str(r.date), years)
    return result
