"""Maps, profiles and the atlas above the lowest level state only what the data says."""

from __future__ import annotations

import re

from k360desk.cli import main


def test_map_of_the_upper_level_is_drawn(demo_file, tmp_path, capsys):
    out = tmp_path / "bezirke.svg"
    rc = main(["map", str(demo_file), "--indicator", "sgb2_quote", "--period", "2024",
               "--level", "Stadtbezirk", "--labels", "name", "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 0, err
    assert "Traceback" not in err
    svg = out.read_text(encoding="utf-8")
    # The legend counts the eight Stadtbezirke, not the 40 Quartiere below them.
    counts = [int(n) for n in re.findall(r"<!-- [^>]* \((\d+)\) -->", svg)]
    assert sum(counts) == 8


def test_unknown_level_is_one_german_line(demo_file, tmp_path, capsys):
    rc = main(["map", str(demo_file), "--indicator", "sgb2_quote", "--period", "2024",
               "--level", "Ortsteil", "-o", str(tmp_path / "k.png")])
    err = capsys.readouterr().err
    assert rc == 1 and "Die Ebene „Ortsteil“ gibt es nicht." in err and "Traceback" not in err
