"""``k360desk map`` and ``k360desk chart`` end to end on a small project file."""

from __future__ import annotations

import pytest

from k360desk.cli import main


@pytest.fixture
def project_file(small_project):
    """The six-district city with one suppressed value, saved and closed."""
    ids = dict(zip(small_project.districts_frame()["code"], small_project.districts_frame()["id"],
                   strict=True))
    indicators = small_project.indicators_frame().set_index("key")
    small_project.set_values([{"indicator_id": int(indicators.loc["arbeitslose", "id"]),
                               "district_id": int(ids["22"]), "period": 2023, "value": None,
                               "status": "suppressed"}])
    small_project.save()
    path = small_project.path
    small_project.close()
    return path


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_map_command_writes_every_format(project_file, tmp_path, capsys, suffix):
    out = tmp_path / f"karte{suffix}"
    rc = main(["map", str(project_file), "--indicator", "arbeitslose", "--period", "2023",
               "--scheme", "natural_breaks", "--classes", "3", "--labels", "code", "-o", str(out)])
    assert rc == 0, capsys.readouterr().err
    assert out.stat().st_size > 2000
    assert "Karte gespeichert" in capsys.readouterr().out
    if suffix == ".svg":
        text = out.read_text(encoding="utf-8")
        assert "Arbeitslose 2023" in text and "geheim gehalten" in text


def test_manual_breaks_from_the_command_line(project_file, tmp_path):
    out = tmp_path / "k.svg"
    assert main(["map", str(project_file), "--indicator", "arbeitslose", "--period", "2023",
                 "--scheme", "manual", "--breaks", "50;100,5", "-o", str(out)]) == 0
    assert "50 – 100" in out.read_text(encoding="utf-8") or "50 – 101" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (["--indicator", "gibtsnicht", "--period", "2023"], "gibt es in diesem Projekt nicht"),
    (["--indicator", "arbeitslose"], "Bezugsjahr"),
    (["--indicator", "arbeitslose", "--period", "2023", "--palette", "Regenbogen"], "Palette"),
    (["--indicator", "arbeitslose", "--period", "2023", "--scheme", "manual"], "--breaks"),
    (["--indicator", "arbeitslose", "--period", "2023", "--facilities", "Kita"], "Einrichtungsart"),
])
def test_map_command_bad_input_is_one_german_line(project_file, tmp_path, capsys, args, message):
    rc = main(["map", str(project_file), *args, "-o", str(tmp_path / "k.png")])
    err = capsys.readouterr().err
    assert rc == 1 and message in err and "Traceback" not in err
    assert not (tmp_path / "k.png").exists()


@pytest.mark.parametrize("kind", ["bar", "histogram", "scatter", "series"])
def test_chart_command(project_file, tmp_path, capsys, kind):
    out = tmp_path / f"{kind}.png"
    rc = main(["chart", str(project_file), "--kind", kind, "--indicator", "arbeitslose",
               "--indicator2", "einwohner", "--period", "2023", "--districts", "11,12", "-o", str(out)])
    assert rc == 0, capsys.readouterr().err
    assert out.stat().st_size > 2000


def test_chart_command_errors(project_file, tmp_path, capsys):
    assert main(["chart", str(project_file), "--kind", "matrix", "-o", str(tmp_path / "m.png")]) == 1
    assert "Sozialindex" in capsys.readouterr().err
    assert main(["chart", str(project_file), "--kind", "series", "--indicator", "arbeitslose",
                 "--districts", "99", "-o", str(tmp_path / "s.png")]) == 1
    assert "Unbekannte Sozialräume: 99" in capsys.readouterr().err
