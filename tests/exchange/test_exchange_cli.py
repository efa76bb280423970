"""send-copy, merge and backups from the command line."""

from __future__ import annotations

import shutil

from k360desk.cli import main
from k360desk.projectfile import District, Project, Provider


def test_send_copy_minimised_and_simplified(small_project, tmp_path, capsys):
    small_project.add(Provider(name="AWO", contact_person="Frau Muster", email="m@awo.example",
                               phone="0461 123"))
    small_project.save()
    out = tmp_path / "versand.k360"
    assert main(["send-copy", str(small_project.path), str(out), "--minimise", "--simplify", "5"]) == 0
    assert "Kopie geschrieben" in capsys.readouterr().out
    with Project.open(out) as copy:
        awo = copy.find(Provider, name="AWO")
        assert (awo.contact_person, awo.email, awo.phone) == ("", "", "")
        assert copy.check() == []
        assert copy.count("districts") == small_project.count("districts")
    # the project itself keeps its data
    assert small_project.find(Provider, name="AWO").email == "m@awo.example"


def test_send_copy_refuses_to_overwrite_the_project(small_project, capsys):
    path = str(small_project.path)
    assert main(["send-copy", path, path]) == 1
    assert "nicht überschreiben" in capsys.readouterr().err


def test_merge_dry_run_changes_nothing_then_merges(small_project, tmp_path, capsys):
    other_path = tmp_path / "statistikamt.k360"
    shutil.copy(small_project.path, other_path)
    with Project.open(other_path) as other:
        other.update(District, other.find(District, code="21").id, name="Mühlenviertel")
        other.save()
    path = small_project.path
    small_project.close()
    before = path.read_bytes()
    assert main(["merge", str(path), str(other_path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dort geändert" in out and "Probelauf" in out
    assert path.read_bytes() == before
    assert main(["merge", str(path), str(other_path)]) == 0
    with Project.open(path) as merged:
        assert merged.find(District, code="21").name == "Mühlenviertel"


def test_backups_listed_and_restored(small_project, tmp_path, capsys):
    small_project.add(Provider(name="Zweite Fassung"))
    small_project.save()
    path = str(small_project.path)
    assert main(["backups", path]) == 0
    assert "klein-" in capsys.readouterr().out
    target = tmp_path / "zurück.k360"
    assert main(["backups", path, "--restore", "1", "-o", str(target)]) == 0
    with Project.open(target) as restored:
        assert restored.find(Provider, name="Zweite Fassung") is None


def test_number_of_backups_is_bounded(small_project):
    from k360desk.projectfile.backups import list_backups

    small_project.keep_backups = 2
    for number in range(4):
        small_project.add(Provider(name=f"Fassung {number}"))
        small_project.save()
    assert len(list_backups(small_project.get_meta("project_uuid"), small_project.path)) == 2


def test_save_as_keeps_its_own_history(small_project, tmp_path):
    from k360desk.projectfile.backups import list_backups

    uuid = small_project.get_meta("project_uuid")
    first = small_project.path
    before = len(list_backups(uuid, first))
    small_project.save_as(tmp_path / "abgeleitet.k360")
    small_project.add(Provider(name="Nur in der Ableitung"))
    small_project.save()
    assert len(list_backups(uuid, tmp_path / "abgeleitet.k360")) == 1
    assert len(list_backups(uuid, first)) == before


def test_minimised_copy_has_no_contact_data_anywhere(small_project, tmp_path):
    small_project.add(Provider(name="Caritas"))
    caritas = small_project.find(Provider, name="Caritas").id
    small_project.update(Provider, caritas, email="vertraulich@caritas.example")
    small_project.save()
    out = tmp_path / "klein-versand.k360"
    assert main(["send-copy", str(small_project.path), str(out), "--minimise"]) == 0
    assert b"vertraulich@caritas.example" not in out.read_bytes()
