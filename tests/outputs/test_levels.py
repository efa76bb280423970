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


def _rolled_up(path, code: str) -> tuple[int, int, int]:
    """Facilities, places and awarded projects of the Quartiere below one Stadtbezirk, counted
    straight from the file (independent of the product's queries)."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        below = "SELECT q.fid FROM districts q JOIN districts p ON p.fid = q.parent_id WHERE p.code = ?"
        facilities, places = conn.execute(
            f"SELECT count(*), sum(capacity) FROM facilities WHERE district_id IN ({below}) "
            "AND (closed IS NULL OR closed = '')", (code,)).fetchone()
        projects = conn.execute(
            f"SELECT count(DISTINCT a.id) FROM application_districts d JOIN applications a "
            f"ON a.id = d.application_id WHERE a.status = 'awarded' AND d.district_id IN ({below})",
            (code,)).fetchone()[0]
    finally:
        conn.close()
    return int(facilities), int(places), int(projects)


def _text(path) -> str:
    from tests.reports.conftest import pdf_text

    return " ".join(" ".join(pdf_text(path)).split())


def test_upper_level_profile_rolls_up_facilities_places_and_projects(demo_file, tmp_path, capsys):
    from k360desk.formats import format_number

    facilities, places, projects = _rolled_up(demo_file, "05")
    assert facilities > 0 and projects > 0
    out = tmp_path / "suedwest.pdf"
    assert main(["report", "profile", str(demo_file), "--district", "05", "-o", str(out)]) == 0, \
        capsys.readouterr().err
    text = _text(out)
    assert "keine Einrichtungen erfasst" not in text
    assert "Keine bewilligten Projekte" not in text
    assert f"Einrichtungen im Sozialraum: {facilities}" in text
    assert f"Plätze: {format_number(places, 0)}" in text
    assert f"Geförderte Projekte: {projects}" in text
    assert "aus 8 untergeordneten Sozialräumen zusammengezählt" in text


def test_atlas_of_the_upper_level_lists_the_facilities_below(demo_file, tmp_path, capsys):
    from k360desk.formats import format_number

    facilities, places, _ = _rolled_up(demo_file, "05")
    out = tmp_path / "atlas.pdf"
    rc = main(["report", "atlas", str(demo_file), "--level", "Stadtbezirk", "-o", str(out)])
    assert rc == 0, capsys.readouterr().err
    text = _text(out)
    assert f"05 Südwest ({facilities} Einrichtungen) · {format_number(places, 0)} Plätze" in text
    # Each facility still says in which Quartier it lies.
    assert "Quartier 0501" in text


def test_upper_district_without_districts_below_says_not_available(excluded_file, tmp_path):
    import shutil
    import sqlite3
    import uuid

    path = tmp_path / "leer.k360"
    shutil.copy(excluded_file, path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO districts (uuid, code, name, level_id, notes) VALUES "
                     "(?, '09', 'Hafen', (SELECT id FROM district_levels WHERE name = 'Stadtbezirk'), '')",
                     (str(uuid.uuid4()),))
    conn.close()
    out = tmp_path / "hafen.pdf"
    assert main(["report", "profile", str(path), "--district", "09", "-o", str(out)]) == 0
    text = _text(out)
    assert "auf dieser Ebene nicht verfügbar" in text
    assert "keine Einrichtungen erfasst" not in text and "Keine bewilligten Projekte" not in text


def test_index_map_of_a_level_without_index_says_not_available(demo_file, tmp_path, capsys):
    out = tmp_path / "index.png"
    rc = main(["map", str(demo_file), "--indicator", "index:status", "--level", "Stadtbezirk",
               "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 1 and "Traceback" not in err
    assert "auf der Ebene „Stadtbezirk“ nicht verfügbar" in err and "Quartier" in err
    assert not out.exists()
