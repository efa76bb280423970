"""The default profile leads with the core social indicators, not with age bands."""

from __future__ import annotations

import shutil
import sqlite3
import uuid

from k360desk.cli import main
from tests.reports.conftest import pdf_text

BANDS = ["0 bis unter 3", "3 bis unter 6", "6 bis unter 10", "10 bis unter 15", "15 bis unter 18",
         "18 bis unter 25", "25 bis unter 45", "45 bis unter 65", "65 bis unter 80"]


def _with_age_bands(source, target):
    """The demo city plus nine age-band shares, as a large statistics office publishes them."""
    shutil.copy(source, target)
    conn = sqlite3.connect(target)
    with conn:
        topic = conn.execute("SELECT id FROM topics ORDER BY sort LIMIT 1").fetchone()[0]
        for i, band in enumerate(BANDS):
            cur = conn.execute(
                "INSERT INTO indicators (uuid, key, name, unit, topic_id, polarity, kind, decimals, sort) "
                "VALUES (?, ?, ?, '%', ?, 0, 'share', 1, ?)",
                (str(uuid.uuid4()), f"anteil_band{i}", f"Anteil {band} Jahre", topic, -20 + i))
            conn.execute("INSERT INTO indicator_values (indicator_id, district_id, period, value) "
                         "SELECT ?, d.fid, p.period, 5.0 + ? FROM districts d, "
                         "(SELECT DISTINCT period FROM indicator_values) p", (cur.lastrowid, i))
    conn.close()


def test_default_profile_leads_with_need_indicators(excluded_file, tmp_path):
    path = tmp_path / "altersbaender.k360"
    _with_age_bands(excluded_file, path)
    out = tmp_path / "p.pdf"
    assert main(["report", "profile", str(path), "--district", "0101", "-o", str(out)]) == 0
    page = " ".join(pdf_text(out)[0].split())
    table = page[page.index("Klasse", page.index("Indikator")):]
    first_band = min((table.index(f"Anteil {b}") for b in BANDS if f"Anteil {b}" in table),
                     default=len(table))
    for core in ("SGB-II-Quote", "Kinderarmut", "Arbeitslosenquote", "Altersarmut"):
        assert core in table and table.index(core) < first_band, core
    assert sum(f"Anteil {b} Jahre" in table for b in BANDS) <= 2
