"""Indicator definitions: what a figure is and how it adds up to the city reference value.

The public API (used by the command line, importers and other front ends):

- ``IndicatorDefinition``: key, name, unit, kind, numerator/denominator or a declared base,
  scale, polarity, decimals, source, topic, aggregation, description.
- ``definitions(project)``: every indicator as a definition.
- ``define(project, key, **changes)``: create or change one indicator (checked; German
  ``DefinitionError`` on anything a reference value could not be computed from).
- ``read_file(path)`` / ``write_file(project, path)``: definitions as CSV (semicolon, UTF-8
  for Excel) or JSON (a list of objects with the same fields).
- ``import_definitions(project, items)``: define many at once, parts before their users.
- ``mark_undefined(project, keys)``: indicators created by an import without a definition are
  never aggregated (no sum of shares in a city reference) until someone defines them.

Kinds: ``count`` (summed), ``share``/``rate`` (numerator and denominator → ratio of sums, or a
declared base → weighted by the base), ``mean`` (weighted by the base or the population),
``index`` (not aggregated). What the table ``indicators`` cannot hold (the kind ``index``,
the base, an explicit aggregation) lives as JSON in the project meta ``indicator_rules``.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from k360desk.projectfile import Project

KINDS = ("count", "share", "rate", "mean", "index")
AGGREGATIONS = ("sum", "ratio", "weighted", "none")
RULES_META = "indicator_rules"
KIND_LABELS = {"count": "Anzahl", "share": "Anteil", "rate": "Quote", "mean": "Mittelwert",
               "index": "Index"}
AGGREGATION_LABELS = {"sum": "Summe", "ratio": "Quotient der Summen",
                      "weighted": "gewichtetes Mittel", "none": "nicht aggregiert"}
_KEY = re.compile(r"[a-z][a-z0-9_]*")
_POLARITY_WORDS = {"1": 1, "+1": 1, "-1": -1, "0": 0, "mehr": 1, "hoch": 1, "positiv": 1,
                   "weniger": -1, "niedrig": -1, "negativ": -1, "neutral": 0, "": 0}


class DefinitionError(ValueError):
    """A definition that cannot be stored; the message is German."""


@dataclass
class IndicatorDefinition:
    """One indicator as planners define it (keys name the other indicators)."""

    key: str
    name: str = ""
    unit: str = ""
    kind: str = "count"
    numerator: str = ""
    denominator: str = ""
    base: str = ""
    scale: float = 1.0
    polarity: int = 0
    decimals: int = 1
    source: str = ""
    topic: str = ""
    aggregation: str = ""  # "" = follows from the kind
    description: str = ""

    def rule(self) -> str:
        """How the indicator adds up over districts: sum, ratio, weighted or none."""
        if self.aggregation:
            return self.aggregation
        if self.kind == "count":
            return "sum"
        if self.kind == "index":
            return "none"
        if self.numerator and self.denominator:
            return "ratio"
        return "weighted"


FIELDS = [f.name for f in fields(IndicatorDefinition)]


def rules(project: Project) -> dict[str, dict[str, str]]:
    """key → {"kind", "base", "aggregation"} kept beside the indicators table."""
    try:
        data = json.loads(project.get_meta(RULES_META, "{}") or "{}")
    except ValueError:
        return {}
    return {str(k): {str(a): str(b) for a, b in v.items()} for k, v in data.items()
            if isinstance(v, dict)} if isinstance(data, dict) else {}


def _save_rules(project: Project, data: dict[str, dict[str, str]]) -> None:
    project.set_meta(RULES_META, json.dumps(data, ensure_ascii=False, sort_keys=True))


def definitions(project: Project) -> list[IndicatorDefinition]:
    """Every indicator of the project as a definition, in the project's order."""
    frame = project.indicators_frame()
    extra = rules(project)
    out = []
    for row in frame.to_dict("records"):
        rule = extra.get(row["key"], {})
        out.append(IndicatorDefinition(
            key=row["key"], name=row["name"], unit=row["unit"] or "",
            kind=rule.get("kind") or row["kind"],
            numerator=_text(row.get("numerator_key")), denominator=_text(row.get("denominator_key")),
            base=rule.get("base", ""), scale=float(row["scale"]), polarity=int(row["polarity"]),
            decimals=int(row["decimals"]), source=row["source"] or "", topic=_text(row.get("topic")),
            aggregation=rule.get("aggregation", ""), description=row["description"] or ""))
    return out


def _text(value: Any) -> str:
    return "" if value is None or value != value else str(value)


def find(project: Project, key: str) -> IndicatorDefinition | None:
    """The definition of one indicator, or None."""
    return next((d for d in definitions(project) if d.key == key), None)


def check(item: IndicatorDefinition, known: dict[str, IndicatorDefinition],
          require_parts: bool = True) -> None:
    """Raise ``DefinitionError`` unless a reference value can be computed as defined.

    ``known`` maps the keys of the other indicators (the project's and the file's).
    ``require_parts`` False accepts a share without numerator or base as it already is in
    an older project (weighted by population), when only its labels or polarity change.
    """
    key = item.key
    if not _KEY.fullmatch(key or ""):
        raise DefinitionError(f"„{key}“ ist kein gültiger Schlüssel (Kleinbuchstaben, Ziffern, _;"
                              " beginnt mit einem Buchstaben).")
    if item.kind not in KINDS:
        raise DefinitionError(f"„{key}“: Art „{item.kind}“ ist unbekannt (möglich: "
                              f"{', '.join(KINDS)}).")
    if item.aggregation and item.aggregation not in AGGREGATIONS:
        raise DefinitionError(f"„{key}“: Aggregation „{item.aggregation}“ ist unbekannt "
                              f"(möglich: {', '.join(AGGREGATIONS)}).")
    if item.polarity not in (-1, 0, 1):
        raise DefinitionError(f"„{key}“: Polung muss -1, 0 oder 1 sein.")
    if not 0 <= item.decimals <= 6:
        raise DefinitionError(f"„{key}“: Nachkommastellen müssen zwischen 0 und 6 liegen.")
    if not item.scale > 0:
        raise DefinitionError(f"„{key}“: Skalierung muss größer als 0 sein (z. B. 100 für %).")
    if bool(item.numerator) != bool(item.denominator):
        raise DefinitionError(f"„{key}“: Zähler und Nenner gehören zusammen.")
    for role, other in (("Zähler", item.numerator), ("Nenner", item.denominator),
                        ("Bezugsgröße", item.base)):
        if other and other not in known:
            raise DefinitionError(f"„{key}“: {role} „{other}“ gibt es nicht.")
        if other == key:
            raise DefinitionError(f"„{key}“: {role} darf nicht der Indikator selbst sein.")
    if item.base and known[item.base].kind != "count":
        raise DefinitionError(f"„{key}“: Die Bezugsgröße „{item.base}“ muss eine Anzahl sein.")
    if item.kind == "count" and (item.numerator or item.base):
        raise DefinitionError(f"„{key}“: Eine Anzahl hat keinen Zähler, Nenner oder Bezugsgröße.")
    if item.kind in ("share", "rate") and not (item.numerator or item.base) \
            and item.aggregation != "none" and require_parts:
        raise DefinitionError(
            f"„{key}“: Ein Anteil oder eine Quote braucht Zähler und Nenner oder eine "
            "Bezugsgröße (base), sonst ist kein Gesamtstadtwert berechenbar; Anteile werden nie "
            "summiert.")
    rule = item.rule()
    if rule == "sum" and item.kind != "count":
        raise DefinitionError(f"„{key}“: Nur Anzahlen werden summiert, nicht "
                              f"{KIND_LABELS[item.kind]}-Werte.")
    if rule == "ratio" and not item.numerator:
        raise DefinitionError(f"„{key}“: Quotient der Summen braucht Zähler und Nenner.")
    if rule == "weighted" and item.kind == "count":
        raise DefinitionError(f"„{key}“: Eine Anzahl wird summiert, nicht gemittelt.")


def define(project: Project, key: str, **changes: Any) -> tuple[int, bool]:
    """Create or change one indicator; return (id, created). Fields not given stay as they
    are (a new indicator starts from the defaults, named like its key)."""
    known = {d.key: d for d in definitions(project)}
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise DefinitionError(f"Unbekannte Felder: {', '.join(sorted(unknown))}.")
    current = known.get(key) or IndicatorDefinition(key=key, name=key)
    item = IndicatorDefinition(**{**asdict(current), **{k: v for k, v in changes.items()
                                                        if v is not None}})
    if (rules(project).get(key, {}).get("undefined") and changes.get("kind")
            and not changes.get("aggregation")):
        item.aggregation = ""  # a declared kind replaces "not aggregated" of an import
    shape = {"kind", "numerator", "denominator", "base", "aggregation"}
    check(item, known, require_parts=key not in known or bool(shape & {
        k for k, v in changes.items() if v is not None}))
    return _write(project, item, key not in known)


def _write(project: Project, item: IndicatorDefinition, create: bool) -> tuple[int, bool]:
    from k360desk.projectfile import Indicator, Topic

    frame = project.indicators_frame()
    ids = dict(zip(frame["key"], frame["id"].astype(int), strict=True))
    topic_id = None
    if item.topic:
        topic = project.find(Topic, name=item.topic)
        topic_id = topic.id if topic is not None else project.add(Topic(name=item.topic))
    values = {"name": item.name or item.key, "unit": item.unit, "description": item.description,
              "source": item.source, "topic_id": topic_id, "polarity": int(item.polarity),
              "kind": "mean" if item.kind == "index" else item.kind,
              "numerator_id": ids.get(item.numerator) if item.numerator else None,
              "denominator_id": ids.get(item.denominator) if item.denominator else None,
              "scale": float(item.scale), "decimals": int(item.decimals)}
    with project.transaction():
        if create:
            indicator_id = project.add(Indicator(key=item.key, **values))
        else:
            indicator_id = int(ids[item.key])
            project.update(Indicator, indicator_id, **values)
        data = rules(project)
        rule = {"kind": item.kind, "base": item.base, "aggregation": item.aggregation}
        rule = {k: v for k, v in rule.items() if v and not (k == "kind" and v != "index")}
        if rule:
            data[item.key] = rule
        else:
            data.pop(item.key, None)
        _save_rules(project, data)
    return int(indicator_id), create


def mark_undefined(project: Project, keys: list[str]) -> None:
    """Indicators created without a definition: not aggregated until defined (a share
    summed into the city reference would be a wrong number in every handout)."""
    if not keys:
        return
    data = rules(project)
    for key in keys:
        data[key] = {"aggregation": "none", "undefined": "1"}
    _save_rules(project, data)


def import_definitions(project: Project, items: list[IndicatorDefinition]
                       ) -> tuple[int, int]:
    """Define many indicators in one transaction (parts first); return (created, changed).
    Nothing is stored when one definition is refused."""
    known = {d.key: d for d in definitions(project)}
    seen = dict(known)
    for item in items:
        seen[item.key] = item
    order = sorted(items, key=lambda d: bool(d.numerator or d.base))
    for item in order:
        check(item, seen)
    created = changed = 0
    with project.transaction():
        for item in order:
            _, new = _write(project, item, item.key not in known)
            known[item.key] = item
            created += new
            changed += not new
    return created, changed


def read_file(path: str | Path) -> list[IndicatorDefinition]:
    """Definitions from CSV (``;`` or ``,``, header with the field names) or JSON."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DefinitionError(f"„{path.name}“ lässt sich nicht lesen ({exc}).") from exc
    if path.suffix.lower() == ".json":
        try:
            rows = json.loads(text)
        except ValueError as exc:
            raise DefinitionError(f"„{path.name}“ ist kein gültiges JSON ({exc}).") from exc
        if isinstance(rows, dict):
            rows = rows.get("indicators", [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise DefinitionError(f"„{path.name}“: erwartet eine Liste von Indikatoren.")
    else:
        dialect = ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") \
            else ","
        rows = list(csv.DictReader(text.splitlines(), delimiter=dialect))
    items = []
    for number, row in enumerate(rows, start=2):
        items.append(_from_row(row, path.name, number))
    if not items:
        raise DefinitionError(f"„{path.name}“ enthält keine Indikatoren.")
    return items


def _from_row(row: dict[str, Any], name: str, number: int) -> IndicatorDefinition:
    clean = {str(k).strip().lower(): ("" if v is None else str(v).strip())
             for k, v in row.items() if k is not None}
    if not clean.get("key"):
        raise DefinitionError(f"„{name}“, Zeile {number}: Schlüssel (key) fehlt.")
    try:
        return IndicatorDefinition(
            key=clean["key"], name=clean.get("name") or clean["key"], unit=clean.get("unit", ""),
            kind=clean.get("kind") or "count", numerator=clean.get("numerator", ""),
            denominator=clean.get("denominator", ""), base=clean.get("base", ""),
            scale=float((clean.get("scale") or "1").replace(",", ".")),
            polarity=parse_polarity(clean.get("polarity", "")),
            decimals=int(clean.get("decimals") or 1), source=clean.get("source", ""),
            topic=clean.get("topic", ""), aggregation=clean.get("aggregation", ""),
            description=clean.get("description", ""))
    except ValueError as exc:
        raise DefinitionError(f"„{name}“, Zeile {number}: {exc}") from exc


def parse_polarity(text: str) -> int:
    """-1, 0, 1 or the German words (mehr/weniger Bedarf, neutral)."""
    value = _POLARITY_WORDS.get(str(text).strip().lower().split(" ")[0])
    if value is None:
        raise ValueError(f"Polung „{text}“ ist unbekannt (1 = mehr Bedarf, -1 = weniger, 0).")
    return value


def write_file(project: Project, path: str | Path) -> int:
    """Write every definition as CSV (``;``, UTF-8 with BOM for Excel) or JSON; return count."""
    path = Path(path)
    items = [asdict(d) for d in definitions(project)]
    for item in items:
        item["scale"] = f"{item['scale']:g}"
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, FIELDS, delimiter=";")
            writer.writeheader()
            writer.writerows(items)
    return len(items)
