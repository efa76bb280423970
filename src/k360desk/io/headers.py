"""Recognising the usual German and English header names of office and GIS exports."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

# Role → header names in order of preference (normalised: lower case, umlauts folded).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "district": (
        "schluessel", "gebietsschluessel", "raumschluessel", "kennziffer", "planungsraum",
        "sozialraum", "stadtteil", "stadtbezirk", "statistischer bezirk", "bezirk", "ortsteil",
        "quartier", "wohnquartier", "baublock", "block", "gebiet", "district id", "district",
        "area id", "area",
        "lor", "code", "nr", "nummer", "id",
    ),
    "name": (
        "name", "bezeichnung", "area name", "gebietsname", "stadtteilname", "sozialraumname",
        "bezirksname", "district name", "einrichtung", "titel",
    ),
    "parent": (
        "parent are", "parent id", "parent", "parent code", "oberbezirk", "uebergeordnet",
        "uebergeordneter bezirk", "stadtteil", "bezirk",
    ),
    "indicator": ("indikator", "merkmal", "kennzahl", "variable", "indicator", "merkmalsname",
                  "thema"),
    "period": ("jahr", "berichtsjahr", "bezugsjahr", "stichtag", "zeitraum", "year", "period",
               "periode", "datum", "date"),
    "value": ("wert", "anzahl", "value", "count", "anteil", "quote", "insgesamt", "summe",
              "betrag"),
    "status": ("status",),
    "note": ("anmerkung", "bemerkung", "fussnote", "note", "notes", "hinweis", "quelle"),
    # facilities
    "provider": ("traeger", "traegername", "provider", "anbieter", "organisation"),
    "type": ("art", "typ", "einrichtungsart", "angebotsart", "kategorie", "type", "category"),
    "street": ("strasse", "anschrift", "adresse", "street", "address", "strasse hausnummer"),
    "number": ("hausnummer", "hausnr", "hnr", "haus nr", "nummer", "house number",
               "housenumber"),
    "postcode": ("plz", "postleitzahl", "postcode", "zip"),
    "city": ("ort", "stadt", "gemeinde", "city", "town"),
    "phone": ("telefon", "tel", "phone", "telefonnummer"),
    "email": ("e mail", "email", "mail"),
    "capacity": ("plaetze", "platzzahl", "kapazitaet", "capacity", "anzahl plaetze"),
    "x": ("x", "rechtswert", "easting", "ost", "lon", "lng", "long", "longitude", "laenge",
          "geogr laenge", "x koordinate", "koordinate x"),
    "y": ("y", "hochwert", "northing", "nord", "lat", "latitude", "breite", "geogr breite",
          "y koordinate", "koordinate y"),
}

_SUFFIXES = {"district": ("id", "nr", "code", "schluessel", "kennung", "kennziffer")}

LABELS = {
    "district": "Sozialraum (Schlüssel)", "name": "Name", "parent": "Oberbezirk",
    "indicator": "Indikator", "period": "Jahr / Stichtag", "value": "Wert", "status": "Status",
    "note": "Anmerkung", "provider": "Träger", "type": "Einrichtungsart", "street": "Straße",
    "number": "Hausnummer",
    "postcode": "PLZ", "city": "Ort", "phone": "Telefon", "email": "E-Mail",
    "capacity": "Platzzahl", "x": "x / Längengrad", "y": "y / Breitengrad",
}


def normalise(header: str) -> str:
    """Lower case, umlauts folded (ä → ae, ß → ss), punctuation as single spaces."""
    text = str(header).strip().lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def slug(text: str) -> str:
    """An indicator key from a header: lower-case ASCII, digits and underscores."""
    key = normalise(text).replace(" ", "_")
    if not key or not key[0].isalpha():
        key = f"i_{key}" if key else "indikator"
    return key[:60]


def _score(header: str, synonyms: Sequence[str]) -> int | None:
    """Rank of the best synonym the header matches (lower is better), None if none."""
    norm = normalise(header)
    words = norm.split()
    for rank, synonym in enumerate(synonyms):
        if norm == synonym:
            return rank
    for rank, synonym in enumerate(synonyms):
        parts = synonym.split()
        if len(synonym) > 2 and any(words[i:i + len(parts)] == parts for i in range(len(words))):
            return 100 + rank
    return None


def guess_roles(columns: Iterable[str], roles: Sequence[str]) -> dict[str, str | None]:
    """Propose a column for each role (each column used once, roles in the given order)."""
    columns = list(columns)
    used: set[str] = set()
    result: dict[str, str | None] = {}
    for role in roles:
        best: tuple[int, int, str] | None = None
        for index, column in enumerate(columns):
            if column in used:
                continue
            score = _score(column, SYNONYMS[role])
            if score is not None and (best is None or (score, index) < best[:2]):
                best = (score, index, column)
        if best is None and role in _SUFFIXES:
            # "BLOCK_ID", "Gebiet_Nr", "LOR_Schluessel": a key column by its last word
            best = next(((300, i, c) for i, c in enumerate(columns) if c not in used
                         and normalise(c).split()[-1:] in ([w] for w in _SUFFIXES[role])), None)
        result[role] = best[2] if best else None
        if best:
            used.add(best[2])
    return result


def ranked(columns: Iterable[str], role: str) -> list[str]:
    """Every column whose header fits ``role``, best first (for choosing among candidates)."""
    columns = list(columns)
    scored = []
    for index, column in enumerate(columns):
        score = _score(column, SYNONYMS[role])
        if score is None and role in _SUFFIXES and normalise(column).split()[-1:] in (
                [w] for w in _SUFFIXES[role]):
            score = 300
        if score is not None:
            scored.append((score, index, column))
    return [column for _, _, column in sorted(scored)]
