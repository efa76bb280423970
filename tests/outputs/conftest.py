"""Fixtures of the truthful-output tests: the demo city with a stored social index run."""

from __future__ import annotations

import pytest

from tests.reports.conftest import demo, demo_file  # noqa: F401 - shared session fixture


@pytest.fixture(scope="session")
def excluded_file(tmp_path_factory):
    """The demo city whose newest index run leaves two Quartiere out (a declared special
    area and one below the minimum population)."""
    from k360desk.cli import main
    from k360desk.demo import write_demo

    folder = tmp_path_factory.mktemp("excluded")
    path = folder / "musterstadt.k360"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("K360DESK_DATA_DIR", str(folder / "appdata"))
        mp.setenv("K360DESK_TEMP_AS_DOCUMENTS", "1")
        write_demo(path)
        assert main(["index", str(path), "--preset", "berlin-mss", "--period", "2024",
                     "--status", "alo_quote,sgb2_quote,kinderarmut,altersarmut",
                     "--exclude", f"{EXCLUDED_CODES[0]}=Gewerbegebiet,{EXCLUDED_CODES[1]}",
                     "--population", "einwohner", "--store"]) == 0
    return path


EXCLUDED_CODES = ("0404", "0103")


@pytest.fixture(scope="session")
def short_series_file(excluded_file, tmp_path_factory):
    """The demo city where the average age is only recorded from 2022 on."""
    import shutil
    import sqlite3

    path = tmp_path_factory.mktemp("short") / "musterstadt.k360"
    shutil.copy(excluded_file, path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM indicator_values WHERE period < 2022 AND indicator_id = "
                     "(SELECT id FROM indicators WHERE key = 'durchschnittsalter')")
    conn.close()
    return path


@pytest.fixture(scope="session")
def plain_file(tmp_path_factory):
    """The demo city as shipped: its stored index run has no district of status "hoch"."""
    from k360desk.demo import write_demo

    folder = tmp_path_factory.mktemp("plain")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("K360DESK_DATA_DIR", str(folder / "appdata"))
        return write_demo(folder / "musterstadt.k360")
