"""Every map states its data's reference date, its source and the day it was made; legend
titles read "Arbeitslose (Personen)"."""

from __future__ import annotations

import re
from datetime import date

from k360desk.cli import main
from k360desk.formats import format_date


def _svg(path, tmp_path, *args) -> str:
    out = tmp_path / "k.svg"
    assert main(["map", str(path), *args, "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def _source(svg: str) -> str:
    return " ".join(c for c in re.findall(r"<!-- (.*?) -->", svg, flags=re.S))


def test_indicator_map_states_reference_year_source_and_print_date(excluded_file, tmp_path):
    svg = _svg(excluded_file, tmp_path, "--indicator", "arbeitslose", "--period", "2024")
    text = _source(svg)
    assert "Datenstand: Bezugsjahr 2024" in text
    assert f"erstellt am {format_date(date.today())}" in text
    assert "Quelle: Statistik der Bundesagentur für Arbeit" in text
    assert "<!-- Arbeitslose (Personen) -->" in svg and " in Personen" not in text


def test_index_map_states_run_date_and_the_sources_of_its_indicators(excluded_file, tmp_path):
    svg = _svg(excluded_file, tmp_path, "--indicator", "index:status")
    text = _source(svg)
    assert "Datenstand: Bezugsjahr 2024" in text
    assert "Indexlauf vom" in text
    assert f"erstellt am {format_date(date.today())}" in text
    assert "Quelle: Sozialindex" in text and "Statistik der Bundesagentur für Arbeit" in text


def test_pdf_map_keeps_the_dates_readable(excluded_file, tmp_path):
    from tests.reports.conftest import pdf_text

    out = tmp_path / "k.pdf"
    assert main(["map", str(excluded_file), "--indicator", "index:status", "-o", str(out)]) == 0
    text = " ".join(" ".join(pdf_text(out)).split())
    assert "Datenstand: Bezugsjahr 2024" in text and "erstellt am" in text
