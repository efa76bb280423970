"""The signs of official statistics (Zeichenerklärung, DIN 55301 as the statistical offices
print them) for every table, map, chart and export outside Qt, and the legend line that
explains them. One place, so that a withheld value reads "." on every output."""

from __future__ import annotations

SECRET = "."  # geheim gehalten (Geheimhaltung kleiner Fallzahlen)
NOTHING = "–"  # nichts vorhanden (kein Wert)
NOT_APPLICABLE = "x"  # Angabe nicht sinnvoll (z. B. nicht im Index, kein Rang)
LATER = "…"  # Angabe fällt später an
UNCERTAIN = "/"  # keine Angabe, da Zahlenwert nicht sicher genug
LIMITED = "()"  # Aussagewert eingeschränkt (the value stands inside the brackets)

MEANINGS = {
    SECRET: "geheim gehalten",
    NOTHING: "nichts vorhanden",
    NOT_APPLICABLE: "Angabe nicht sinnvoll",
    LATER: "Angabe fällt später an",
    UNCERTAIN: "Zahlenwert nicht sicher genug",
    LIMITED: "Aussagewert eingeschränkt",
}


def limited(text: str) -> str:
    """A value of limited reliability: "12,3" → "(12,3)"."""
    return f"({text})"


def legend_line(threshold: int | None = None) -> str:
    """The Zeichenerklärung as one line for the foot of a document; with the disclosure
    threshold the secret sign names its rule."""
    secret = MEANINGS[SECRET]
    if threshold is not None:
        secret += f" (Fallzahl unter {threshold} oder rückrechenbar)"
    parts = [f"{SECRET} = {secret}"]
    parts += [f"{sign} = {MEANINGS[sign]}" for sign in (NOTHING, NOT_APPLICABLE, LATER, UNCERTAIN)]
    parts.append(f"( ) = {MEANINGS[LIMITED]}")
    return "Zeichenerklärung: " + "; ".join(parts) + "."
