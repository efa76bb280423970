"""Bulk reads as pandas/geopandas frames and bulk writes of values and geometries."""

from __future__ import annotations

import json
import sqlite3
import struct
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from k360desk import money
from k360desk.projectfile import gpkg, schema
from k360desk.projectfile.changes import Change
from k360desk.projectfile.records import District, Facility, Record

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

# The statuses the schema allows, in the order their codes are packed when values are read.
_STATUSES = ("final", "provisional", "estimated", "suppressed", "missing")
VALUE_COLUMNS = ["indicator_id", "district_id", "period", "value", "status", "note"]


class BulkStore:
    """Mixin of ``Project``: frames for analysis and views, bulk writes for imports."""

    _conn: sqlite3.Connection
    srs_id: int

    # --- frames --------------------------------------------------------------------------

    def frame(self, cls: type[Record], **where: Any) -> pd.DataFrame:
        """All records of a kind as a DataFrame indexed by id (geometry column left out)."""
        import pandas as pd

        cols = [c for c in cls.columns() if c != cls.geometry]
        clauses, params = self._where(cls, where)  # type: ignore[attr-defined]
        df = pd.read_sql_query(f"SELECT {', '.join(cols)} FROM {cls.table}{clauses}", self._conn,
                               params=params)
        df = money.frame_from_store(cls.table, df)
        return df.rename(columns={cls.pk: "id"}).set_index("id", drop=False)

    def districts_frame(self, level_id: int | None = None) -> gpd.GeoDataFrame:
        """All districts (or those of one level) with geometry, level name and parent code."""
        return self._geo_frame(*_districts_sql(level_id, ", d.geom"))

    def districts_table(self) -> pd.DataFrame:
        """``districts_frame()`` without the geometries, for computations that need none."""
        import pandas as pd

        sql, params = _districts_sql(None, "")
        return pd.read_sql_query(sql, self._conn, params=params).set_index("id", drop=False)

    def facilities_frame(self) -> gpd.GeoDataFrame:
        """All facilities with provider, type and district names and their target groups."""
        sql = (
            "SELECT f.fid AS id, f.uuid, f.name, f.provider_id, pr.name AS provider,"
            " pr.umbrella, f.type_id, t.name AS type, f.street, f.postcode, f.city, f.phone,"
            " f.email, f.capacity, f.district_id, d.code AS district_code,"
            " d.name AS district, f.district_fixed, f.opened, f.closed, f.needs_placement,"
            " f.notes, (SELECT group_concat(g.name, '; ') FROM facility_target_groups x"
            "   JOIN target_groups g ON g.id = x.target_group_id WHERE x.facility_id = f.fid)"
            "   AS target_groups, f.geom"
            " FROM facilities f LEFT JOIN providers pr ON pr.id = f.provider_id"
            " LEFT JOIN facility_types t ON t.id = f.type_id"
            " LEFT JOIN districts d ON d.fid = f.district_id ORDER BY f.name"
        )
        return self._geo_frame(sql, [])

    def _geo_frame(self, sql: str, params: Sequence[Any]) -> gpd.GeoDataFrame:
        import geopandas as gpd
        import pandas as pd

        df = pd.read_sql_query(sql, self._conn, params=list(params))
        geometry = gpkg.from_blobs(df.pop("geom").tolist())
        gdf = gpd.GeoDataFrame(df, geometry=geometry, crs=f"EPSG:{self.srs_id}")
        return gdf.set_index("id", drop=False)

    def indicators_frame(self) -> pd.DataFrame:
        """Indicator definitions with topic name and numerator/denominator keys."""
        import pandas as pd

        sql = (
            "SELECT i.*, t.name AS topic, n.key AS numerator_key, dn.key AS denominator_key"
            " FROM indicators i LEFT JOIN topics t ON t.id = i.topic_id"
            " LEFT JOIN indicators n ON n.id = i.numerator_id"
            " LEFT JOIN indicators dn ON dn.id = i.denominator_id ORDER BY i.sort, i.name"
        )
        frame = pd.read_sql_query(sql, self._conn).set_index("id", drop=False)
        # Aggregation rule and declared base (models/indicator_defs.py keeps them in meta).
        try:
            rules = json.loads(self.get_meta("indicator_rules", "{}") or "{}")
        except ValueError:
            rules = {}
        rules = rules if isinstance(rules, dict) else {}

        def rule(key: str, part: str) -> str:
            entry = rules.get(key)
            return str(entry.get(part, "")) if isinstance(entry, dict) else ""

        frame["aggregation"] = [rule(k, "aggregation") for k in frame["key"]]
        frame["base_key"] = [rule(k, "base") for k in frame["key"]]
        return frame

    def values_frame(
        self,
        indicators: Iterable[str] | None = None,
        periods: Iterable[int] | None = None,
        districts: Iterable[int] | None = None,
    ) -> pd.DataFrame:
        """Indicator values in long form, filtered by indicator keys, periods, district ids.

        Columns: indicator_id, indicator, district_id, district, period, value, status, note.
        """
        import pandas as pd

        names = dict(self._conn.execute("SELECT id, key FROM indicators"))
        ids = None
        if indicators is not None:
            wanted = set(indicators)
            ids = [i for i, key in names.items() if key in wanted]
        arrays = self.value_arrays(ids, periods, districts)
        frame = pd.DataFrame({"indicator_id": arrays["indicator_id"],
                              "district_id": arrays["district_id"],
                              "period": arrays["period"], "value": arrays["value"]})
        codes = dict(self._conn.execute("SELECT fid, code FROM districts"))
        frame.insert(1, "indicator", pd.Series(names).reindex(frame["indicator_id"]).to_numpy())
        frame.insert(3, "district", pd.Series(codes, dtype=object)
                     .reindex(frame["district_id"]).to_numpy())
        frame["status"] = arrays["status"]
        frame["note"] = arrays["note"]
        return frame

    def value_arrays(
        self,
        indicator_ids: Iterable[int] | None = None,
        periods: Iterable[int] | None = None,
        districts: Iterable[int] | None = None,
    ) -> dict[str, Any]:
        """Indicator values as numpy arrays: indicator_id, district_id, period (int64), value
        (float, NaN = none), status and note (object)."""
        return self._value_arrays(indicator_ids, periods, districts)

    def _value_arrays(self, indicator_ids: Iterable[int] | None,
                      periods: Iterable[int] | None, districts: Iterable[int] | None,
                      extra: str = "") -> dict[str, Any]:
        # ``extra``: a further condition, written by this class only (never from input).
        import numpy as np

        clauses, params = [], []
        for column, values in (("indicator_id", indicator_ids), ("period", periods),
                               ("district_id", districts)):
            if values is not None:
                values = [int(v) for v in values]
                clauses.append(f"{column} IN ({', '.join('?' * len(values))})" if values else "0")
                params += values
        if extra:
            clauses.append(f"({extra})")
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        packed = "(indicator_id << 40) | (district_id << 16) | period"
        if extra:
            # A narrow condition leaves few rows: scanning once with status and note is
            # cheaper than the two scans below.
            rows = self._conn.execute(
                f"SELECT {packed}, value, status, note FROM indicator_values{where}",
                params).fetchall()
            key = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
            value = np.fromiter((np.nan if row[1] is None else row[1] for row in rows),
                                dtype=np.float64, count=len(rows))
            status = np.empty(len(rows), dtype=object)
            note = np.empty(len(rows), dtype=object)
            status[:] = [row[2] for row in rows]
            note[:] = [row[3] for row in rows]
        else:
            key, value, status, note = self._value_columns(packed, where, params)
        return {"indicator_id": key >> 40, "district_id": (key >> 16) & 0xFFFFFF,
                "period": key & 0xFFFF, "value": value, "status": status, "note": note}

    def _value_columns(self, packed: str, where: str, params: list) -> tuple:
        import numpy as np
        import pandas as pd

        # Rows go straight from the cursor into one record array: SQLite rows kept as lists
        # of Python tuples were most of the time an index over a city's values took. The
        # three keys are packed into one integer (period < 2^16, district fid < 2^24). Status
        # and note are the defaults on nearly every row; reading them per row (even as a
        # CASE code) cost a third of the fetch, so only the other rows are read, by a second
        # query that SQLite answers from a scan without handing the rest to Python.
        numbers = np.fromiter(
            self._conn.execute(f"SELECT {packed}, value FROM indicator_values{where}", params),
            dtype=[("k", np.int64), ("v", np.float64)])
        key = numbers["k"]
        status = np.full(len(numbers), _STATUSES[0], dtype=object)
        note = np.full(len(numbers), "", dtype=object)
        odd = self._conn.execute(
            f"SELECT {packed}, status, note FROM indicator_values{where}"
            + (" AND" if where else " WHERE")
            + f" (status IS NOT '{_STATUSES[0]}' OR note IS NOT '')", params).fetchall()
        if odd:
            keys, statuses, notes = zip(*odd, strict=True)
            at = pd.Index(key).get_indexer(np.asarray(keys, dtype=np.int64))
            status[at] = statuses
            note[at] = notes
        return key.copy(), numbers["v"].copy(), status, note

    def stored_outside(self, gaps: Mapping[int, Sequence[tuple[int, int]]],
                       district_ids: Sequence[int], periods: Sequence[int],
                       only_periods: Iterable[int] | None = None) -> dict[str, Any]:
        """``value_arrays`` of the indicators in ``gaps``, only outside the grid
        ``district_ids`` × ``periods`` or at each one's gaps (district_id, period): the few
        rows a caller that has the grid's values still lacks."""
        if not gaps:
            return self.value_arrays([], only_periods)

        def listed(values: Iterable[int]) -> str:
            return ", ".join(str(int(v)) for v in values)

        # Integers written into the SQL: a city's districts exceed SQLite's variable limit.
        outside = [_not_among("district_id", district_ids), _not_among("period", periods)]
        outside += [f"(indicator_id = {int(i)} AND ((district_id << 16) | period) IN"
                    f" ({listed((d << 16) | p for d, p in at)}))" for i, at in gaps.items() if at]
        return self._value_arrays(list(gaps), only_periods, None, extra=" OR ".join(outside))

    def periods(self) -> list[int]:
        """All periods that have values, ascending.

        Kept until the next change notice: no index leads with the period, so the answer
        scans every value (0,3 s CPU at city scale) and the map page asks on its first visit.
        """
        # Inside a transaction the notices come at its end, and its writes may be rolled back.
        settled = not self._conn.in_transaction
        known = getattr(self, "_periods_known", None)
        if known is not None and settled:
            return list(known)
        found = [r[0] for r in self._conn.execute(
            "SELECT DISTINCT period FROM indicator_values ORDER BY 1")]
        if settled:
            self._periods_known = found
        return list(found)

    def known_periods(self) -> tuple[list[int] | None, int]:
        """The periods if known without a scan (else None), and the state they belong to.

        A worker can read them on its own connection and hand them back with
        ``adopt_periods``; the state number tells whether a write came in between.
        """
        known = getattr(self, "_periods_known", None)
        return (list(known) if known is not None else None), getattr(self, "_periods_epoch", 0)

    def adopt_periods(self, found: list[int], epoch: int) -> None:
        """Keep periods a worker read, unless a write came in since ``known_periods``."""
        if epoch == getattr(self, "_periods_epoch", 0) and not self._conn.in_transaction:
            self._periods_known = list(found)

    def _forget_periods(self) -> None:
        self._periods_known = None
        self._periods_epoch = getattr(self, "_periods_epoch", 0) + 1

    def counts(self) -> dict[str, int]:
        """Number of records of every kind, for ``info`` and the overview page."""
        return {table: self.count(table) for table in schema.OWN_TABLES  # type: ignore[attr-defined]
                if table not in ("k360_meta",)}

    # --- bulk writes ---------------------------------------------------------------------

    def set_values(self, rows: pd.DataFrame | Iterable[Mapping[str, Any]]) -> int:
        """Insert or replace indicator values; rows need indicator_id, district_id, period.

        ``value`` may be missing/NaN (then status should say why); returns the row count.
        """
        import pandas as pd

        self._check_writable()  # type: ignore[attr-defined]
        frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
        if frame.empty:
            return 0
        frame = frame.copy()
        for column, default in (("value", None), ("status", "final"), ("note", "")):
            if column not in frame:
                frame[column] = default
        frame["status"] = frame["status"].fillna("final")
        frame["note"] = frame["note"].fillna("")
        # Column-wise conversion to plain Python values: row-wise iteration over a million
        # values (city scale) costs seconds.
        values = pd.to_numeric(frame["value"], errors="coerce").astype(float).tolist()
        records = list(zip(
            frame["indicator_id"].astype("int64").tolist(),
            frame["district_id"].astype("int64").tolist(),
            frame["period"].astype("int64").tolist(),
            [None if v != v else v for v in values],
            frame["status"].astype(str).tolist(),
            frame["note"].astype(str).tolist(),
            strict=True,
        ))
        self._conn.executemany(
            "INSERT INTO indicator_values (indicator_id, district_id, period, value, status, note)"
            " VALUES (?,?,?,?,?,?) ON CONFLICT(indicator_id, district_id, period) DO UPDATE SET"
            " value=excluded.value, status=excluded.status, note=excluded.note",
            records,
        )
        self.log("bulk", "indicator_values", None, f"{len(records)} Werte gesetzt")  # type: ignore[attr-defined]
        self._autocommit()  # type: ignore[attr-defined]
        self.changes.emit(Change("indicator_values", "bulk"))  # type: ignore[attr-defined]
        return len(records)

    def delete_values(self, keys: Iterable[tuple[int, int, int]]) -> pd.DataFrame:
        """Delete values by (indicator_id, district_id, period); return the old rows (for undo)."""
        import pandas as pd

        self._check_writable()  # type: ignore[attr-defined]
        keys = list(keys)
        old = []
        for key in keys:
            row = self._conn.execute(
                "SELECT indicator_id, district_id, period, value, status, note FROM indicator_values"
                " WHERE indicator_id=? AND district_id=? AND period=?", key).fetchone()
            if row:
                old.append(row)
        self._conn.executemany(
            "DELETE FROM indicator_values WHERE indicator_id=? AND district_id=? AND period=?", keys)
        self.log("bulk", "indicator_values", None, f"{len(old)} Werte gelöscht")  # type: ignore[attr-defined]
        self._autocommit()  # type: ignore[attr-defined]
        self.changes.emit(Change("indicator_values", "bulk"))  # type: ignore[attr-defined]
        return pd.DataFrame(old, columns=VALUE_COLUMNS)

    def set_geometries(self, cls: type[District] | type[Facility], geometries: Mapping[int, Any]) -> None:
        """Replace the geometries of many districts or facilities by id."""
        self._check_writable()  # type: ignore[attr-defined]
        self._conn.executemany(
            f"UPDATE {cls.table} SET geom=? WHERE fid=?",
            [(gpkg.to_blob(g, self.srs_id), int(i)) for i, g in geometries.items()],
        )
        self.log("bulk", cls.table, None, f"{len(geometries)} Geometrien ersetzt")  # type: ignore[attr-defined]
        self._autocommit()  # type: ignore[attr-defined]
        self.changes.emit(Change(cls.table, "update", tuple(int(i) for i in geometries)))  # type: ignore[attr-defined]

    def add_many(self, records: Sequence[Record]) -> list[int]:
        """Insert many records of one kind fast (imports, demo); return their ids."""
        self._check_writable()  # type: ignore[attr-defined]
        if not records:
            return []
        cls = type(records[0])
        cols = [c for c in cls.columns() if c != cls.pk]
        rows = []
        for record in records:
            row = money.row_to_store(cls.table, record.to_row())
            if cls.geometry:
                row[cls.geometry] = gpkg.to_blob(row[cls.geometry], self.srs_id)
            rows.append([row[c] for c in cols])
        first = self._conn.execute(f"SELECT coalesce(max({cls.pk}), 0) FROM {cls.table}").fetchone()[0]
        # AUTOINCREMENT tables (districts, facilities) never reuse ids of deleted rows.
        seq = self._conn.execute("SELECT seq FROM sqlite_sequence WHERE name=?", (cls.table,)).fetchone()
        first = max(first, seq[0] if seq else 0)
        self._conn.executemany(
            f"INSERT INTO {cls.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)
        ids = list(range(first + 1, first + 1 + len(records)))
        for record, new_id in zip(records, ids, strict=True):
            record.id = new_id
        self.log("bulk", cls.table, None, f"{len(records)} Datensätze angelegt")  # type: ignore[attr-defined]
        if cls.table == "indicators":
            self.rebuild_views()
        self._autocommit()  # type: ignore[attr-defined]
        self.changes.emit(Change(cls.table, "insert", tuple(ids)))  # type: ignore[attr-defined]
        return ids

    def execute_link(self, table: str, rows: Iterable[Mapping[str, Any]], replace: bool = True) -> int:
        """Write rows into a link or value table (scores, budgets, amounts, assignments)."""
        self._check_writable()  # type: ignore[attr-defined]
        if table not in _LINK_TABLES:
            raise ValueError(f"not a link table: {table}")
        rows = list(rows)
        if not rows:
            return 0
        cols = list(rows[0])
        allowed = _LINK_TABLES[table]
        if any(c not in allowed for c in cols):
            raise ValueError(f"unknown columns for {table}: {cols}")
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        self._conn.executemany(
            f"{verb} INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [[r[c] for c in cols] for r in (money.row_to_store(table, r) for r in rows)])
        self.log("bulk", table, None, f"{len(rows)} Zeilen")  # type: ignore[attr-defined]
        self._autocommit()  # type: ignore[attr-defined]
        self.changes.emit(Change(table, "bulk"))  # type: ignore[attr-defined]
        return len(rows)

    def delete_link(self, table: str, **where: Any) -> list[dict[str, Any]]:
        """Delete rows of a link table matching column values; return them (for undo)."""
        self._check_writable()  # type: ignore[attr-defined]
        if table not in _LINK_TABLES or any(c not in _LINK_TABLES[table] for c in where):
            raise ValueError(f"not a link table or column: {table} {list(where)}")
        clause = " AND ".join(f"{c}=?" for c in where) or "1"
        cursor = self._conn.execute(f"SELECT * FROM {table} WHERE {clause}", list(where.values()))
        names = [d[0] for d in cursor.description]
        old = [money.row_from_store(table, dict(zip(names, r, strict=True))) for r in cursor.fetchall()]
        self._conn.execute(f"DELETE FROM {table} WHERE {clause}", list(where.values()))
        self._autocommit()  # type: ignore[attr-defined]
        self.changes.emit(Change(table, "bulk"))  # type: ignore[attr-defined]
        return old

    def link_frame(self, table: str, **where: Any) -> pd.DataFrame:
        """Rows of a link or value table as a DataFrame."""
        import pandas as pd

        if table not in _LINK_TABLES or any(c not in _LINK_TABLES[table] for c in where):
            raise ValueError(f"not a link table or column: {table} {list(where)}")
        clause = (" WHERE " + " AND ".join(f"{c}=?" for c in where)) if where else ""
        frame = pd.read_sql_query(f"SELECT * FROM {table}{clause}", self._conn, params=list(where.values()))
        return money.frame_from_store(table, frame)

    # --- the GeoPackage side ---------------------------------------------------------------

    def rebuild_views(self) -> None:
        """(Re)create the layer with each district's latest value of every indicator."""
        view = schema.LATEST_VALUES_VIEW
        self._conn.execute(f'DROP VIEW IF EXISTS "{view}"')
        self._conn.execute(schema.latest_values_sql(self._conn, self.disclosure_threshold))
        if not self._conn.execute("SELECT 1 FROM gpkg_contents WHERE table_name=?", (view,)).fetchone():
            gpkg.register_layer(self._conn, view, "Sozialräume mit aktuellen Indikatorwerten",
                                "Letzter vorliegender Wert je Indikator und Sozialraum",
                                "MULTIPOLYGON", self.srs_id)

    def update_extents(self) -> None:
        """Write the bounding boxes of the feature layers into gpkg_contents."""
        for table in ("districts", "facilities"):
            bounds = _extent(self._conn, table)
            gpkg.update_extent(self._conn, table, bounds)
            if table == "districts":
                gpkg.update_extent(self._conn, schema.LATEST_VALUES_VIEW, bounds)

    def check_geopackage(self) -> list[str]:
        """GeoPackage conformance findings for our layers (empty = conformant)."""
        findings = []
        srs = {r[0] for r in self._conn.execute("SELECT srs_id FROM gpkg_spatial_ref_sys")}
        for needed in (-1, 0, 4326):
            if needed not in srs:
                findings.append(f"GeoPackage: Bezugssystem {needed} fehlt in gpkg_spatial_ref_sys.")
        layers = dict(self._conn.execute("SELECT table_name, srs_id FROM gpkg_contents"))
        for table in ("districts", "facilities", schema.LATEST_VALUES_VIEW):
            if table not in layers:
                findings.append(f"GeoPackage: Layer „{table}“ ist nicht registriert.")
            elif layers[table] not in srs:
                findings.append(f"GeoPackage: Layer „{table}“ verweist auf ein unbekanntes Bezugssystem.")
        from k360desk.projectfile.geomcheck import broken_geometries

        findings += [broken.finding() for broken in broken_geometries(self._conn)]
        return findings


_LINK_TABLES: dict[str, tuple[str, ...]] = {
    "facility_target_groups": ("facility_id", "target_group_id"),
    "round_budgets": ("round_id", "year", "amount"),
    "application_districts": ("application_id", "district_id", "share"),
    "application_amounts": ("application_id", "year", "requested", "awarded", "override_reason"),
    "scores": ("application_id", "criterion_id", "rater", "score", "comment"),
    "index_components": ("id", "uuid", "index_id", "indicator_id", "role", "weight", "transformation"),
    "index_exclusions": ("index_id", "district_id", "reason"),
    "index_results": ("run_id", "district_id", "status_value", "status_class", "dynamics_value",
                      "dynamics_class", "need_score", "included", "reason", "details"),
    "index_runs": ("id", "uuid", "index_id", "period", "computed_at", "parameters"),
    "assets": ("name", "mime", "data"),
    "application_partners": ("application_id", "provider_id"),
    "proof_lines": ("usage_report_id", "cost_type_id", "planned", "spent"),
}


def _districts_sql(level_id: int | None, geometry: str) -> tuple[str, list[Any]]:
    sql = (
        "SELECT d.fid AS id, d.uuid, d.code, d.name, d.level_id, l.name AS level,"
        f" l.rank AS level_rank, d.parent_id, p.code AS parent_code, d.notes{geometry}"
        " FROM districts d LEFT JOIN district_levels l ON l.id = d.level_id"
        " LEFT JOIN districts p ON p.fid = d.parent_id"
    )
    params: list[Any] = []
    if level_id is not None:
        sql += " WHERE d.level_id = ?"
        params.append(level_id)
    return sql + " ORDER BY d.code", params


def _extent(conn: sqlite3.Connection, table: str) -> tuple[float, float, float, float] | None:
    minx = miny = float("inf")
    maxx = maxy = float("-inf")
    for (blob,) in conn.execute(f"SELECT geom FROM {table} WHERE geom IS NOT NULL"):
        if len(blob) < 8:
            continue
        flags = blob[3]
        if flags & 0x10 or not (flags >> 1) & 0x07:
            continue
        try:
            x0, x1, y0, y1 = struct.unpack_from("<4d" if flags & 1 else ">4d", blob, 8)
        except struct.error:
            continue  # a damaged blob must not block saving; ``check`` names it
        minx, maxx, miny, maxy = min(minx, x0), max(maxx, x1), min(miny, y0), max(maxy, y1)
    return None if minx == float("inf") else (minx, miny, maxx, maxy)


def _not_among(column: str, values: Iterable[int]) -> str:
    """SQL: ``column`` is none of ``values`` (integers written in, never input text)."""
    ordered = sorted({int(v) for v in values})
    if not ordered:
        return "1"
    # A grid's districts and periods mostly come in a few runs of consecutive numbers;
    # testing a handful of ranges per row took a third of the time of a long NOT IN list.
    runs: list[list[int]] = []
    for v in ordered:
        if runs and v == runs[-1][1] + 1:
            runs[-1][1] = v
        else:
            runs.append([v, v])
    if len(runs) > 8:
        return f"{column} NOT IN ({', '.join(map(str, ordered))})"
    return "NOT (" + " OR ".join(f"{column} BETWEEN {a} AND {b}" for a, b in runs) + ")"
