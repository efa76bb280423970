"""Shared fixtures: a private data folder per test, offscreen Qt, small projects in code."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FLENSBURG = SHARED / "data" / "flensburg"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """Working copies, backups and settings of each test go to a fresh folder."""
    data = tmp_path_factory.mktemp("appdata")
    monkeypatch.setenv("K360DESK_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(data / "config"))
    # pytest's tmp_path lies in the temp folder, where the app treats files as attachments.
    monkeypatch.setenv("K360DESK_TEMP_AS_DOCUMENTS", "1")
    # German unless a test chooses English (``--lang en`` and the GUI set it for the process).
    monkeypatch.setenv("K360DESK_LANG", "de")
    yield data


@pytest.fixture
def small_project(tmp_path):
    """A saved project with two levels, six districts and a few indicators."""
    from tests.builders import build_small_project

    project = build_small_project(tmp_path / "klein.k360")
    yield project
    project.close()


@pytest.fixture
def flensburg():
    """Path of the real Flensburg test data (skips when shared/ is not beside the checkout)."""
    if not FLENSBURG.exists():
        pytest.skip("shared/data/flensburg fehlt")
    return FLENSBURG
