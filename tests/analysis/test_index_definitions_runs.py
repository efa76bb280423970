"""index-definition list|show|export|import and named runs compared with index-run."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from k360desk.cli import main
from tests.analysis.mss_city import build_mss_city

BERLIN = "Monitoring Soziale Stadtentwicklung (Berliner Verfahren)"
RUN = ["--preset", "berlin-mss", "--period", "2021", "--status", "s1", "--dynamics", "d1",
       "--dynamics-source", "indicator", "--population", "ew"]


@pytest.fixture
def city(tmp_path):
    return build_mss_city(tmp_path / "mss.k360")


def test_copy_the_preset_edit_and_import_under_a_new_name(city, tmp_path, capsys):
    assert main(["index-definition", "list", str(city)]) == 0
    assert "berlin-mss" in capsys.readouterr().out
    exported = tmp_path / "mss.json"
    assert main(["index-definition", "export", str(city), "berlin-mss", "-o",
                 str(exported)]) == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["standard_deviation"] == "population" and data["min_population_at"] == "period"
    # importing the placeholders unchanged fails with a German line naming the key
    capsys.readouterr()
    assert main(["index-definition", "import", str(city), str(exported), "--name", "X"]) == 1
    assert "S1" in capsys.readouterr().err
    # the planner edits the copy: own keys, a 500 minimum, sample SD
    data["components"] = [{"indicator": "s1", "role": "status"},
                          {"indicator": "d1", "role": "dynamics", "source": "indicator"}]
    data.update(population="ew", min_population=500, standard_deviation="sample")
    exported.write_text(json.dumps(data), encoding="utf-8")
    assert main(["index-definition", "import", str(city), str(exported)]) == 1
    assert "schreibgeschützt" in capsys.readouterr().err  # the preset's name stays the preset's
    assert main(["index-definition", "import", str(city), str(exported), "--name",
                 "Unsere Variante"]) == 0
    capsys.readouterr()
    assert main(["index-definition", "show", str(city), "Unsere Variante"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["min_population"] == 500 and shown["standard_deviation"] == "sample"
    assert main(["index-definition", "import", str(city), str(exported), "--name",
                 "Unsere Variante"]) == 1
    assert "--replace" in capsys.readouterr().err
    out = tmp_path / "v.csv"
    assert main(["index", str(city), "--definition", "Unsere Variante", "--period", "2021",
                 "-o", str(out)]) == 0
    frame = pd.read_csv(out, sep=";", encoding="utf-8-sig", dtype={"Code": str})
    assert frame.set_index("Code").loc["08", "im Index"] == "nein"  # 400 < 500


def test_named_runs_side_by_side_and_compared(city, tmp_path, capsys):
    assert main(["index", str(city), *RUN, "--store", "--name", "MSS 2021"]) == 0
    assert main(["index", str(city), *RUN, "--standard-deviation", "sample", "--store",
                 "--name", "Variante Stichprobe"]) == 0
    assert main(["index", str(city), *RUN, "--store", "--name", "MSS 2021"]) == 1
    assert "MSS 2021" in capsys.readouterr().err
    assert main(["index-run", "list", str(city)]) == 0
    listed = capsys.readouterr().out
    assert "MSS 2021" in listed and "Variante Stichprobe" in listed
    assert main(["index-run", "compare", str(city), "MSS 2021", "Variante Stichprobe"]) == 0
    out = capsys.readouterr().out
    assert "Standardabweichung: population → sample" in out
    lines = [line for line in out.splitlines() if line.strip().startswith("02 ")]
    assert len(lines) == 1
    assert "hoch" in lines[0] and "mittel" in lines[0] and "Statusindex -1,02 → -0,94" in lines[0]
    assert "anderer Statusklasse: 1; mit anderer Dynamikklasse: 1." in out
    assert main(["index-run", "compare", str(city), "MSS 2021", "gibtsnicht"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fehler: ") and "gibtsnicht" in err
