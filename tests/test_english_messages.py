"""Error messages from below the UI in English when English is chosen (``--lang en``):
a damaged file, a file locked by a colleague, an import column that is not there."""

from __future__ import annotations

import pytest

from k360desk.cli import main
from tests.german import GERMAN


def _error(argv, capsys, data_of=None) -> str:
    """The one English error line; names stored in the project ``data_of`` are data."""
    capsys.readouterr()
    assert main(["--lang", "en", *argv]) != 0
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: ") and "\n" not in err, err
    assert not GERMAN.search(_without_data(err, data_of) if data_of else err), err
    return err


def test_damaged_file(small_project, capsys):
    path = small_project.path
    small_project.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2:4096 * 4] = b"\xff" * 8192  # pages of the tables, not the header
    path.write_bytes(bytes(data))
    err = _error(["info", str(path)], capsys)
    assert "damaged" in err and path.name in err


def test_truncated_file(tmp_path, capsys):
    path = tmp_path / "kurz.k360"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    assert "incomplete" in _error(["info", str(path)], capsys)


def test_locked_file(small_project):
    from k360desk.messages import using
    from k360desk.projectfile import Project, ProjectLockedError, workfile

    path = small_project.path
    workfile.lock_path(path).write_text(
        '{"user": "kollegin", "host": "PC-STAT-07", "pid": 4242, "since": "2026-11-21T08:15:00"}',
        encoding="utf-8")
    with using("en"), Project.open(path) as second:
        notice = second.notices[-1]
        with pytest.raises(ProjectLockedError) as raised:
            second.save_as(path)
    assert "kollegin" in notice and not GERMAN.search(notice), notice
    message = str(raised.value)
    assert "PC-STAT-07" in message and not GERMAN.search(message), message


def test_import_column_that_is_not_there(small_project, tmp_path, capsys):
    path = small_project.path
    small_project.close()
    table = tmp_path / "werte.csv"
    table.write_text("Schluessel;Zeit;Arbeitslose\n11;2023;12\n", encoding="utf-8")
    err = _error(["import", "values", str(path), str(table), "--code", "Bezirk"], capsys)
    assert "“Bezirk”" in err and "Schluessel" in err


# Refusals of the round workflow added later (payments, Widerruf, score sheets,
# Verwendungsnachweis): the same one English line, German only in the data.
from tests.rounds.conftest import round_file  # noqa: E402, F401 - the fixture, shared
from tests.rounds.test_cli_after import _decide  # noqa: E402


def _without_data(text: str, path) -> str:
    from tests.german import data_texts

    for stored in data_texts(path):
        text = text.replace(stored, "")
    return text


def test_round_refusals_in_english(round_file, capsys):  # noqa: F811
    path, ids = round_file
    _decide(path, ids, capsys)
    assert main(["round", "pay", str(path), "Runde 2026", "Lesepaten", "2026", "20.000"]) == 0
    capsys.readouterr()
    round_ = [str(path), "Runde 2026", "Lesepaten"]
    errors = [
        _error(["round", "pay", *round_, "2027", "25.000,51"], capsys),
        _error(["round", "pay", str(path), "Runde 2026", "Nachbarschaftstreff", "2026", "10"], capsys),
        _error(["round", "revoke", *round_, "--date", "2026-09-01", "--reason", " "], capsys),
        _error(["round", "proof", *round_, "2026", "--line", "Reisen=1:1"], capsys),
    ]
    assert "Reisen" in errors[-1]
    assert main(["round", "proof", *round_, "2026", "--received", "2027-05-10",
                 "--line", "Personal=15.000:14.000,50"]) == 0
    out = capsys.readouterr().out
    assert not GERMAN.search(_without_data(out, path)), out
    errors.append(_error(["round", "proof", *round_, "2026", "--audit", "ohne-beanstandung",
                          "--audit-date", "2027-06-01"], capsys))
    assert "20.000 €" in errors[-1]


def test_score_outside_the_scale_in_english(round_file, tmp_path, capsys):  # noqa: F811
    from openpyxl import load_workbook

    from k360desk.io.round_books_layout import FIRST_ROW, SCORE_SHEET

    path, _ids = round_file
    out_dir = tmp_path / "out"
    assert main(["--lang", "en", "round", "export-scoresheets", str(path), "Runde 2026",
                 "--out", str(out_dir)]) == 0
    # The file names below stay German: the workbooks go to the raters of a German committee.
    written = capsys.readouterr().out.splitlines()[0]
    assert "score sheets" in written and not GERMAN.search(_without_data(written, path)), written
    ann = sorted(out_dir.glob("*.xlsx"))[0]
    wb = load_workbook(ann)
    sheet = wb[SCORE_SHEET]
    row = next(r for r in range(FIRST_ROW, sheet.max_row + 1)
               if sheet.cell(row=r, column=3).value == "Lesepaten")
    sheet.cell(row=row, column=5).value = 7
    wb.save(ann)
    assert main(["--lang", "en", "round", "import-scores", str(path), "Runde 2026", str(ann)]) == 2
    captured = capsys.readouterr()
    assert "7 is outside the scale 0 to 5" in captured.out, captured.out
    for text in (captured.out, captured.err):
        text = text.replace(str(ann), "").replace(str(path), "")  # the file names are data
        assert not GERMAN.search(_without_data(text, path)), text


def test_new_round_and_cost_plan_refusals_in_english(round_file, capsys):  # noqa: F811
    from k360desk.messages import using
    from k360desk.models import joint

    path, _ids = round_file
    base = ["round", "new", str(path), "--programme", "Quartiersfonds", "--name", "Runde 2029"]
    errors = [
        _error([*base, "--budget", "2029=100.000", "--budget", "2030=abc"], capsys),
        _error(["round", "new", str(path), "--programme", "Stadtteilfonds", "--name", "X",
                "--budget", "2029=1"], capsys, data_of=path),
        _error([*base, "--budget", "2029=10.000", "--years", "2030-2031"], capsys),
        _error([*base, "--years", "2031-2030"], capsys),
        _error(["round", "configure", str(path), "Runde 2026", "--need-rule", "declared"], capsys),
    ]
    assert "“Stadtteilfonds”" in errors[1] and "2030–2031" in errors[2]
    with using("en"):
        problems = (joint.cost_problems(100_000, 20_000, 30_000.01, 50_000)
                    + joint.cost_problems(40_000, 30_000, 20_000, 0)
                    + joint.cost_problems(None, 5_000, None, 1)
                    + joint.cost_problems(-1, None, None, 1))
    assert len(problems) == 4
    for problem in problems:
        assert not GERMAN.search(problem), problem


def test_a_value_refused_while_parsing_in_english(tmp_path, capsys):
    # argparse checks --min-share before the sub-command runs; its refusal is English too.
    capsys.readouterr()
    assert main(["--lang", "en", "round", "new", str(tmp_path / "x.k360"), "--programme", "P",
                 "--name", "R", "--budget", "2029=1", "--rule", "partial", "--min-share", "140 %"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: ") and "100 %" in err and "--help" in err, err
    assert not GERMAN.search(err), err
