"""The trend column names the first year of each series, not of the longest one."""

from __future__ import annotations

import re

from k360desk.cli import main
from tests.reports.conftest import pdf_text


def test_trend_of_a_short_series_says_since_its_first_year(short_series_file, tmp_path):
    out = tmp_path / "p.pdf"
    assert main(["report", "profile", str(short_series_file), "--district", "0101", "-o", str(out)]) == 0
    page = " ".join(pdf_text(out)[0].split())
    row = re.search(r"Durchschnittsalter Jahre [^A-Z]*", page).group(0)
    assert "seit 2022" in row, row
    # Rows with the full span keep their own year; none claims 2020 for the short series.
    assert "seit 2020" in page
    assert not re.search(r"Durchschnittsalter Jahre [^A-Z]*seit 2020", page)
