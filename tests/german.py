"""German words that must not appear in English output, and the project's own data to ignore.

Place names, indicator names, provider names and every other text the planner typed are data:
they stay German in an English output. Everything else on a screen, map, chart or PDF is ours.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

# Function words and typical terms of our German texts (none of them is English).
GERMAN = re.compile(
    r"\b(und|oder|nicht|keine?|mit|für|der|die|das|dem|den|des|im|vom|zum|zur|seit|über|unter|"
    r"bei|nach|je|aus|auf|ist|sind|wird|werden|von|bis|ohne|Sozialr(a|ä)um\w*|Quartier\w*|"
    r"Indikator(en)?|Förder\w*|Träger\w*|Einrichtung\w*|Einwohner\w*|Jahr(e)?|Wert(e)?|Datei|"
    r"Quelle\w*|Stand|Gesamtstadt|Klassen?|Ebene|Bezugsjahr|Antr(a|ä)g\w*|Bewertung\w*|"
    r"Rangliste|Sitzung\w*|Gremi\w*|Beschluss\w*|Betrag|beantragt|bewilligt|abgelehnt|"
    r"Seite|Daten|Karte|Legende|Anteil|Anzahl|Entwicklung|Abweichung|Einheit|Insgesamt|Plätze|"
    r"Projekte?|vorläufig\w*|geschätzt\w*|geheim|Geheimhaltung|Begründung|Haushalt\w*|"
    r"Verwaltung|Entwurf|entschieden|offen|Bedarf\w*|Punkte?|Rang|Hinweis|Fehler|beschädigt|"
    r"gesperrt|geöffnet|Spalte\w*|Datenstand|Geometrien|Darstellung|Quantile|Sozialindex|Dynamik\w*|"
    r"Verteilung|Korrelation|Mittelwert|erstellt|berechnet|gehalten|Durchschnitt|"
    r"hoch|mittel|niedrig|stabil|positiv|negativ|gefördert|Vorschlag)\b")

# Columns that hold stored identifiers (translated on display), not typed text.
_IDENTIFIERS = {"uuid", "status", "kind", "qtype", "role", "transformation", "derived", "symbol",
                "color", "mime", "allocation_rule", "need_fallback", "action", "entity",
                "entity_uuid", "parameters", "definition", "decision_figures", "details",
                "status_class", "dynamics_class"}


def data_texts(path: Path) -> list[str]:
    """Every text the planner stored in the project file, longest first."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return connection_texts(conn)


def connection_texts(conn: sqlite3.Connection) -> list[str]:
    """Every text stored in an open project (see :func:`data_texts`)."""
    found: set[str] = set()
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'gpkg%'"
        " AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'rtree%'")]
    for table in tables:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info('{table}')")
                   if (r[2] or "").upper() in ("TEXT", "") and r[1] not in _IDENTIFIERS]
        for column in columns:
            for (value,) in conn.execute(f'SELECT DISTINCT "{column}" FROM "{table}"'):
                if isinstance(value, str) and re.search(r"[^\W\d_]{2}", value):
                    text = _normal(value)
                    found.add(text)
                    # Lists and titles shorten long texts ("Wie gut ist … für Ihre…"): their beginnings
                    # are data too.
                    if 30 < len(text) <= 200:
                        found.update(text[:cut] for cut in range(30, len(text)) if text[cut] == " ")
    return sorted(found, key=len, reverse=True)


def _normal(text: str) -> str:
    """One space between words; a title wrapped after a hyphen ("SGB-II-|Quote") joined again."""
    return re.sub(r"(?<=\w)- (?=\w)", "-", " ".join(text.split()))


def german_words(text: str, data: list[str] = ()) -> list[str]:
    """German words of ``text`` once the project's data has been taken out, with context."""
    flat = _normal(text)
    if data:
        # One pass, longest first, whole words only: "de" in the data must not eat "Seite".
        pattern = "|".join(re.escape(v) for v in data)
        flat = re.sub(rf"(?<!\w)(?:{pattern})(?!\w)", " ", flat)
    # Pieces of e-mail addresses and web names ("haus-der-jugend@…") are data too.
    return [flat[max(0, m.start() - 30):m.end() + 30] for m in GERMAN.finditer(flat)
            if not re.match(r"[-@./]", flat[m.end():m.end() + 1])
            and not (m.start() and flat[m.start() - 1] in "-@./")]
