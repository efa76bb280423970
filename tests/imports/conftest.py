"""Fixtures of the import tests: files written in code, a fresh Flensburg project."""

from __future__ import annotations

import pytest


@pytest.fixture
def write(tmp_path):
    """Write text to a file in the test folder and return its path."""

    def _write(name: str, text: str, encoding: str = "utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return _write


@pytest.fixture
def empty_project():
    """An unsaved project without districts."""
    from k360desk.projectfile import Project

    project = Project.create("Flensburg")
    yield project
    project.close()


@pytest.fixture
def fl_project(flensburg, empty_project):
    """A project with the 13 Stadtteile and 41 Bezirke of Flensburg imported."""
    from k360desk.io import districts

    districts.run(empty_project, flensburg / "stadtteile")
    districts.run(empty_project, flensburg / "stadtbezirke")
    return empty_project


def snapshot(project) -> tuple:
    """Everything an import may touch, to compare before and after."""
    districts = project.districts_frame()
    frame = project.values_frame().sort_values(["indicator_id", "district_id", "period"])
    frame = frame.astype(object).where(frame.notna(), None)  # NaN != NaN would never compare equal
    return (
        frame.reset_index(drop=True).to_dict("list"),
        sorted(zip(districts["code"], districts["name"], districts["parent_id"].fillna(-1),
                   districts.geometry.to_wkb(), strict=True)),
        project.indicators_frame()["key"].tolist(),
        project.count("facilities"), project.count("providers"), project.count("district_levels"),
    )


@pytest.fixture
def flensburg():
    """Path of the real Flensburg test data, found beside any parent folder of the checkout."""
    from pathlib import Path

    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "data" / "flensburg"
        if candidate.exists():
            return candidate
    pytest.skip("shared/data/flensburg fehlt")
