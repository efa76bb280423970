"""The GUI open path with hostile and damaged files (#20): refused with a German message,
or opened with the removals named, and saving always works."""

from __future__ import annotations

import shutil
import sqlite3

from k360desk.projectfile import Project
from tests.builders import build_small_project

EVIL = ("UPDATE k360_meta SET value='99' WHERE key='schema_version';"
        "create trigger gpkg_contents_update_evil after update on gpkg_contents"
        " begin delete from indicator_values; end;")
COSTLY = ("create index zz on indicator_values(value)"
          " where length(printf('%.*c',40000000,'x'))>0;")


def _file(tmp_path, name, script):
    source = build_small_project(tmp_path / "quelle.k360")
    source.close()
    path = tmp_path / name
    shutil.copy(tmp_path / "quelle.k360", path)
    conn = sqlite3.connect(path)
    conn.executescript(script)
    conn.close()
    return path


def test_gui_refuses_the_newer_file_with_a_stranger_trigger(window, answers, tmp_path):
    path = _file(tmp_path, "boese.k360", EVIL)
    before = path.read_bytes()
    assert not window.documents.open_path(path)
    (title, text), = answers.errors
    assert "gpkg_contents_update_evil" in text and "Sicherheitsgründen" in text
    assert window.context.project is None and path.read_bytes() == before


def test_gui_opens_a_file_with_a_stranger_index_names_it_and_saves_without_it(window, answers,
                                                                            tmp_path):
    path = _file(tmp_path, "index.k360", COSTLY)
    assert window.documents.open_path(path)
    (title, text), = answers.notices
    assert "„zz“" in text
    window.context.project.set_meta("ags", "01001000")
    assert window.documents.save()
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")]
    conn.close()
    assert "zz" not in names
    with Project.open(path, read_only=True) as saved:
        assert saved.check() == []
