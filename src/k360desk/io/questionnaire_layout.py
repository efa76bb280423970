"""Layout of a questionnaire workbook: sheet names, columns, the hidden identification sheet.

Shared by the export (writes it) and the import (checks it). The hidden sheet holds the
questionnaire's and the provider's uuid, one line per answer row (sheet row, question uuid,
district uuid, answer type, the visible labels) and a checksum over that structure, so an
import can tell a foreign, tampered or restructured workbook from a good one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

FORMAT = "k360desk-traegerabfrage"
FORMAT_VERSION = 1
INSTRUCTIONS_SHEET = "Anleitung"
ANSWER_SHEET = "Fragebogen"
ID_SHEET = "k360_kennung"
HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1
COL_NUMBER, COL_DISTRICT, COL_QUESTION, COL_KIND, COL_ANSWER = "A", "B", "C", "D", "E"
# Hidden column with each answer row's identity: rows a provider inserts, moves or deletes
# never shift an answer onto another question.
COL_ID = "F"
HEADERS = ("Nr.", "Sozialraum", "Frage", "Antwortart", "Antwort")
WIDTHS = {"A": 6, "B": 30, "C": 70, "D": 22, "E": 48}
# Not a secret: the protection only keeps the structure from being changed by accident.
SHEET_PASSWORD = "k360"
WHOLE_CITY = "gesamt (alle Sozialräume)"
KIND_HINTS = {"text": "Freitext", "rating": "Bewertung 1 bis 5", "yesno": "ja / nein",
              "number": "Zahl"}
YES, NO = "ja", "nein"
# Where the identification lines start on the hidden sheet.
ID_FIRST_ROW = 10


@dataclass(frozen=True)
class AnswerRow:
    """One answer cell as exported: where it is and what it answers."""

    row: int
    question_uuid: str
    district_uuid: str  # "" for a question asked once
    qtype: str
    number_label: str
    district_label: str


def checksum(questionnaire_uuid: str, provider_uuid: str, rows: list[AnswerRow]) -> str:
    """A short hash over everything that identifies the workbook's structure."""
    parts = [FORMAT, str(FORMAT_VERSION), questionnaire_uuid, provider_uuid]
    parts += [f"{r.row}:{r.question_uuid}:{r.district_uuid}:{r.qtype}:{r.number_label}:"
              f"{r.district_label}" for r in rows]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:24]


def row_key(question_uuid: str, district_uuid: str) -> str:
    """The identity of an answer row, written into the hidden column ``COL_ID``."""
    return f"{question_uuid}|{district_uuid}"


def text_hash(text: str) -> str:
    """A short fingerprint of a question's wording (spacing ignored), to notice rewording."""
    return hashlib.sha256(" ".join(str(text).split()).encode("utf-8")).hexdigest()[:16]


def district_label(code: str, name: str) -> str:
    """How a district is named in the workbook ("12 – Am Hochfeld")."""
    return f"{code} – {name}" if code and name and code != name else (name or code)


def safe_file_name(text: str) -> str:
    """A file name from a provider's name that Windows accepts."""
    cleaned = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in text)
    cleaned = " ".join(cleaned.split()).strip(" .")
    return cleaned[:80] or "Traeger"
