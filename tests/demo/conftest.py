"""A demo project written once per test session (building it takes about a second)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    """Path of the demo project "Musterstadt" written with the default seed."""
    import os

    from k360desk.demo import write_demo

    folder = tmp_path_factory.mktemp("demo")
    # The session fixture runs before the per-test data dir exists: give it its own.
    old = os.environ.get("K360DESK_DATA_DIR")
    os.environ["K360DESK_DATA_DIR"] = str(folder / "appdata")
    try:
        return write_demo(folder / "musterstadt.k360")
    finally:
        if old is None:
            os.environ.pop("K360DESK_DATA_DIR", None)
        else:
            os.environ["K360DESK_DATA_DIR"] = old


@pytest.fixture
def demo(demo_file):
    """The demo project opened read-only."""
    from k360desk.projectfile import Project

    project = Project.open(demo_file, read_only=True)
    yield project
    project.close()
