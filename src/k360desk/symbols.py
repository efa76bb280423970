"""The signs of official statistics (Zeichenerklärung, DIN 55301 as the statistical offices
print them) for every table, map, chart and export outside Qt, and the legend line that
explains them. One place, so that a withheld value reads "." on every output."""

from __future__ import annotations

from k360desk.messages import N_, tr

SECRET = "."  # geheim gehalten (Geheimhaltung kleiner Fallzahlen)
NOTHING = "–"  # nichts vorhanden (kein Wert)
NOT_APPLICABLE = "x"  # Angabe nicht sinnvoll (z. B. nicht im Index, kein Rang)
LATER = "…"  # Angabe fällt später an
UNCERTAIN = "/"  # keine Angabe, da Zahlenwert nicht sicher genug
LIMITED = "()"  # Aussagewert eingeschränkt (the value stands inside the brackets)

MEANINGS = {
    SECRET: N_("geheim gehalten"),
    NOTHING: N_("nichts vorhanden"),
    NOT_APPLICABLE: N_("Angabe nicht sinnvoll"),
    LATER: N_("Angabe fällt später an"),
    UNCERTAIN: N_("Zahlenwert nicht sicher genug"),
    LIMITED: N_("Aussagewert eingeschränkt"),
}


def limited(text: str) -> str:
    """A value of limited reliability: "12,3" → "(12,3)"."""
    return f"({text})"


def legend_line(threshold: int | None = None) -> str:
    """The Zeichenerklärung as one line for the foot of a document; with the disclosure
    threshold the secret sign names its rule."""
    secret = tr(MEANINGS[SECRET])
    if threshold is not None:
        secret += tr(" (Fallzahl unter {threshold} oder rückrechenbar)", threshold=threshold)
    parts = [f"{SECRET} = {secret}"]
    parts += [f"{sign} = {tr(MEANINGS[sign])}" for sign in (NOTHING, NOT_APPLICABLE, LATER, UNCERTAIN)]
    parts.append(f"( ) = {tr(MEANINGS[LIMITED])}")
    return tr("Zeichenerklärung: {signs}.", signs="; ".join(parts))
