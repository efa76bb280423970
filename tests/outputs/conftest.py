"""Fixtures of the truthful-output tests: the demo city with a stored social index run."""

from __future__ import annotations

from tests.reports.conftest import demo, demo_file  # noqa: F401 - shared session fixture
