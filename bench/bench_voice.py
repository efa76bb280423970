"""Timing of the questionnaire round trip and the voice figures on the demo project.

Run: ``PYTHONPATH=src python bench/bench_voice.py`` (prints medians of 3 runs).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path


def _median(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Export all workbooks, fill them, import them; summaries and goal progress."""
    folder = Path(tempfile.mkdtemp(prefix="bench-voice-"))
    os.environ.setdefault("K360DESK_DATA_DIR", str(folder / "appdata"))
    from openpyxl import load_workbook

    from k360desk.demo import write_demo
    from k360desk.figures import questionnaire as fv
    from k360desk.io.questionnaire import export_workbooks, import_workbooks
    from k360desk.io.questionnaire_layout import ANSWER_SHEET, FIRST_ROW
    from k360desk.projectfile import Project, Question, Questionnaire

    path = write_demo(folder / "demo.k360")
    project = Project.open(path)
    survey = project.all(Questionnaire)[0]
    out = folder / "out"
    print(f"export ({survey.name}): {_median(lambda: export_workbooks(project, survey.id, out)):.2f} s")
    files = sorted(out.glob("*.xlsx"))
    for f in files:
        wb = load_workbook(f)
        ws = wb[ANSWER_SHEET]
        for r in range(FIRST_ROW, ws.max_row + 1):
            kind = ws[f"D{r}"].value
            ws[f"E{r}"] = {"Bewertung 1 bis 5": 3, "ja / nein": "ja", "Zahl": 4}.get(kind, "Text")
        wb.save(f)
    print(f"import of {len(files)} files: {_median(lambda: import_workbooks(project, files)):.2f} s")
    rating = project.all(Question, questionnaire_id=survey.id, order_by="number")[0]
    print(f"rating_summary: {_median(lambda: fv.rating_summary(project, survey.id, rating.id)):.3f} s")
    print(f"goal_progress: {_median(lambda: fv.goal_progress(project)):.3f} s")
    project.close()


if __name__ == "__main__":
    main()
