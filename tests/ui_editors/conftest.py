"""Fixtures for the editor tests: a context holding the small project."""

from __future__ import annotations

import pytest


@pytest.fixture
def context(small_project, qtbot):
    """A ProjectContext with the six-district test city open."""
    from k360desk.ui.context import ProjectContext

    ctx = ProjectContext()
    ctx.set_project(small_project)
    yield ctx
    ctx.set_project(None)
