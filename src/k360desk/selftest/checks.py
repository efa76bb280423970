"""The self-test steps that need no Qt: geodata, charts, PDF, office files and our own app.

Each step takes the shared ``Context``, raises on failure and returns a small dict of
what it found (versions, data folders, sizes) for the report.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from k360desk.selftest.context import Context, Unavailable

UMLAUTS = "Größe der Bedarfsgemeinschaften – Äußere Südstadt (ÄÖÜ äöü ß)"


def _snapshot(folder: Path) -> dict[str, float]:
    """Every file below a folder with its modification time."""
    found = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            full = os.path.join(root, name)
            try:
                found[full] = os.stat(full).st_mtime
            except OSError:
                continue
    return found


def check_environment(ctx: Context) -> dict:
    """Program and data folders; the data folder must lie outside the program folder."""
    from k360desk.projectfile import paths

    program = paths.program_dir()
    data = paths.data_dir()
    if paths.is_within(data, program):
        raise RuntimeError(f"Datenordner {data} liegt im Programmordner {program}")
    if paths.is_frozen():
        ctx.values["program_files"] = _snapshot(program)
    probe = data / f".selftest-{os.getpid()}"
    probe.write_text("ok", encoding="utf-8")
    probe.unlink()
    return {
        "programmordner": str(program),
        "programmordner_beschreibbar": paths.folder_writable(program),
        "datenordner": str(data),
        "dokumente": str(paths.documents_dir()),
        "matplotlib_konfig": os.environ.get("MPLCONFIGDIR", "(Standard)"),
        "frozen": paths.is_frozen(),
    }


def check_proj(ctx: Context) -> dict:
    """PROJ's database is found: WGS84 → ETRS89/UTM32 gives the known coordinates."""
    import pyproj
    from pyproj import CRS, Transformer

    transformer = Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)
    x, y = transformer.transform(9.4339, 54.7833)  # Flensburg, Südermarkt
    if not (527_000 < x < 529_000 and 6_070_000 < y < 6_072_000):
        raise RuntimeError(f"unerwartete Koordinaten {x:.0f}, {y:.0f}")
    name = CRS.from_epsg(25833).name
    return {"pyproj": pyproj.__version__, "proj": pyproj.proj_version_str,
            "daten": pyproj.datadir.get_data_dir(), "rechts_hoch": [round(x), round(y)],
            "epsg_25833": name}


def _frame():
    import geopandas as gpd
    from shapely.geometry import Point, box

    return gpd.GeoDataFrame(
        {"code": ["01", "02"], "name": ["Altstadt", "Jürgensby"], "einwohner": [1200, 3400]},
        geometry=[box(9.43, 54.78, 9.44, 54.79), Point(9.45, 54.79).buffer(0.005)],
        crs="EPSG:4326",
    ).to_crs(25832)


def check_gdal(ctx: Context) -> dict:
    """GDAL through pyogrio writes and reads a GeoPackage and a Shapefile with umlauts."""
    import pyogrio

    frame = _frame()
    gpkg = ctx.path("selbsttest_gebiete.gpkg")
    shp = ctx.path("selbsttest_gebiete.shp")
    for path in (gpkg, shp):
        if path.exists():
            path.unlink()
    pyogrio.write_dataframe(frame, gpkg, layer="sozialräume", driver="GPKG")
    back = pyogrio.read_dataframe(gpkg, layer="sozialräume")
    pyogrio.write_dataframe(frame, shp, driver="ESRI Shapefile", encoding="UTF-8")
    back_shp = pyogrio.read_dataframe(shp)
    names = ["Altstadt", "Jürgensby"]
    if list(back["name"]) != names or list(back_shp["name"]) != names:
        raise RuntimeError("Umlaute oder Zeilen gingen verloren")
    if back.crs.to_epsg() != 25832 or back_shp.crs.to_epsg() != 25832:
        raise RuntimeError("Koordinatenbezugssystem ging verloren")
    return {"gdal": pyogrio.__gdal_version_string__, "pyogrio": pyogrio.__version__,
            "gdal_daten": pyogrio.get_gdal_data_path(), "treiber": len(pyogrio.list_drivers())}


def check_geopandas(ctx: Context) -> dict:
    """geopandas: areas in the project CRS and a spatial join (facility → district)."""
    import geopandas as gpd
    from shapely.geometry import Point

    districts = _frame()
    facility = gpd.GeoDataFrame({"einrichtung": ["Kita Sonnenschein"]},
                                geometry=[Point(9.435, 54.785)], crs="EPSG:4326").to_crs(25832)
    joined = gpd.sjoin(facility, districts, predicate="within")
    if list(joined["code"]) != ["01"]:
        raise RuntimeError(f"räumliche Zuordnung falsch: {list(joined['code'])}")
    areas = (districts.area / 1e6).round(3).tolist()
    return {"geopandas": gpd.__version__, "flaechen_km2": areas}


def check_matplotlib_agg(ctx: Context) -> dict:
    """matplotlib (Agg, no pyplot) draws German text with its bundled DejaVu fonts."""
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font = font_manager.findfont("DejaVu Sans", fallback_to_default=False)
    figure = Figure(figsize=(5, 3), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.bar(["Nord", "Süd", "Mitte"], [12.5, 8.1, 15.3], color="#2b6a8f")
    axes.set_title("SGB-II-Quote (%) – Übersicht")
    png = ctx.path("diagramm.png")
    figure.savefig(png)
    if png.stat().st_size < 5_000:
        raise RuntimeError("Diagramm ist leer")
    cache = Path(matplotlib.get_cachedir())
    return {"matplotlib": matplotlib.__version__, "schrift": font,
            "cache": str(cache), "schriftcache_vorhanden": any(cache.glob("fontlist-*.json"))}


def _register_font() -> tuple[str, str]:
    """Register a TrueType font with umlauts: DejaVu from matplotlib, else reportlab's Vera."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        import matplotlib

        path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
        pdfmetrics.registerFont(TTFont("K360Selftest", str(path)))
        return "K360Selftest", str(path)
    except Exception:  # noqa: BLE001 - fall back to the font reportlab ships
        pdfmetrics.registerFont(TTFont("K360Selftest", "Vera.ttf"))
        return "K360Selftest", "Vera.ttf"


def check_reportlab(ctx: Context) -> dict:
    """reportlab writes an A4 PDF with an embedded TrueType font, umlauts, table and chart."""
    import reportlab
    from reportlab.graphics.barcode import code128  # noqa: F401 - imported by name in reportlab
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Table

    font, font_file = _register_font()
    styles = getSampleStyleSheet()
    for name in ("Title", "Normal"):
        styles[name].fontName = font
    pdf = ctx.path("bericht.pdf")
    story = [Paragraph(UMLAUTS, styles["Title"]),
             Table([["Sozialraum", "Quote"], ["Jürgensby", "12,5 %"]],
                   style=[("FONTNAME", (0, 0), (-1, -1), font)])]
    chart = ctx.files.get("diagramm.png")
    if chart is not None and chart.exists():
        story.append(Image(str(chart), width=300, height=180))
    SimpleDocTemplate(str(pdf), pagesize=A4, title="Selbsttest").build(story)
    data = pdf.read_bytes()
    if not data.startswith(b"%PDF") or b"/FontFile2" not in data:
        raise RuntimeError("PDF ohne eingebettete TrueType-Schrift")
    return {"reportlab": reportlab.Version, "schrift": font_file, "bytes": len(data)}


def check_openpyxl(ctx: Context) -> dict:
    """openpyxl writes and reads a workbook with umlauts and numbers."""
    import openpyxl

    path = ctx.path("tabelle.xlsx")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Indikatoren"
    sheet.append(["Sozialraum", "Einwohner"])
    sheet.append(["Jürgensby", 3400])
    book.save(path)
    back = openpyxl.load_workbook(path, read_only=True)
    rows = list(back["Indikatoren"].iter_rows(values_only=True))
    back.close()
    if rows != [("Sozialraum", "Einwohner"), ("Jürgensby", 3400)]:
        raise RuntimeError(f"gelesen: {rows}")
    return {"openpyxl": openpyxl.__version__}


def check_sqlite_utils(ctx: Context) -> dict:
    """sqlite-utils and the SQLite library bundled with Python."""
    import sqlite3

    import sqlite_utils

    path = ctx.path("selbsttest.db")
    if path.exists():
        path.unlink()
    db = sqlite_utils.Database(path)
    db["traeger"].insert_all([{"name": "Diakonie", "ort": "Südstadt"},
                              {"name": "AWO", "ort": "Nord"}])
    count = db["traeger"].count
    db.close()
    if count != 2:
        raise RuntimeError(f"{count} Zeilen statt 2")
    return {"sqlite": sqlite3.sqlite_version}


def check_demo(ctx: Context) -> dict:
    """Our demo generator writes the demo project „Musterstadt“."""
    try:
        from k360desk.demo import write_demo
    except ImportError as exc:
        if (exc.name or "").startswith("k360desk.demo") or "write_demo" in str(exc):
            raise Unavailable("Demo-Generator noch nicht verfügbar") from exc
        raise
    path = ctx.path("Musterstadt.k360")
    if path.exists():
        path.unlink()
    result = write_demo(path, scale="demo")
    if hasattr(result, "close"):
        result.close()
    if not path.exists():
        raise RuntimeError("write_demo hat keine Datei geschrieben")
    ctx.values["project"] = path
    return {"datei": str(path), "bytes": path.stat().st_size}


def _fallback_project(ctx: Context) -> Path:
    """Without the demo generator: a small saved project, so open/check still run."""
    from shapely.geometry import box

    from k360desk.projectfile import District, DistrictLevel, Project

    path = ctx.path("Selbsttest.k360")
    if path.exists():
        path.unlink()
    project = Project.create("Selbsttest Südstadt", path)
    try:
        level = project.add(DistrictLevel(name="Quartier", rank=0))
        for i, name in enumerate(("Nord", "Süd")):
            project.add(District(code=f"0{i + 1}", name=name, level_id=level,
                                 geom=box(i * 1000, 0, (i + 1) * 1000, 1000)))
        project.save()
    finally:
        project.close()
    return path


def check_project(ctx: Context) -> dict:
    """Open the project written before with ``Project.open`` and run its full check."""
    from k360desk.projectfile import District, Project

    path = ctx.values.get("project")
    info = {}
    if path is None:
        path = _fallback_project(ctx)
        ctx.values["project"] = path
        info["hinweis"] = "Demo-Generator noch nicht verfügbar; kleines Testprojekt verwendet"
    project = Project.open(path, read_only=True)
    try:
        findings = project.check()
        districts = project.all(District)
        counts = project.counts()
    finally:
        project.close()
    if findings:
        raise RuntimeError("; ".join(findings[:5]))
    if not districts:
        raise RuntimeError("Projekt enthält keine Sozialräume")
    ctx.values["district_code"] = districts[0].code
    info.update({"datei": str(path), "sozialraeume": len(districts),
                 "tabellen": {k: v for k, v in counts.items() if v}})
    return info


def check_profile(ctx: Context) -> dict:
    """Print one district profile to PDF through the same command a planner would use."""
    import importlib.util

    if importlib.util.find_spec("k360desk.commands.reports") is None:
        raise Unavailable("Quartiersprofil (k360desk.export) noch nicht verfügbar")
    path = ctx.values.get("project")
    code = ctx.values.get("district_code")
    if path is None or code is None:
        raise RuntimeError("kein geprüftes Projekt aus dem vorigen Schritt")
    from k360desk.cli import main

    pdf = ctx.path("quartiersprofil.pdf")
    if pdf.exists():
        pdf.unlink()
    import contextlib
    import io

    errors = io.StringIO()
    try:
        with contextlib.redirect_stderr(errors):
            code_rc = main(["report", "profile", str(path), "-o", str(pdf), "--district", str(code)])
    except SystemExit as exc:  # argparse: the command exists but takes other arguments
        code_rc = exc.code
    if code_rc not in (0, None) or not pdf.exists():
        said = [line for line in errors.getvalue().splitlines() if line.strip()]
        raise RuntimeError(f"„k360desk report profile“ endete mit {code_rc}"
                           + (f": {said[-1]}" if said else ""))
    data = pdf.read_bytes()
    if not data.startswith(b"%PDF"):
        raise RuntimeError("keine PDF-Datei")
    # Read back with pikepdf: the tagged profile keeps its page objects in compressed object
    # streams, and this proves the bundle carries a working pikepdf (qpdf DLL included).
    import pikepdf

    with pikepdf.open(pdf) as document:
        pages = len(document.pages)
        tagged = "/StructTreeRoot" in document.Root and bool(
            document.Root.get("/MarkInfo", {}).get("/Marked", False))
    if pages < 1:
        raise RuntimeError("das Quartiersprofil hat keine Seiten")
    if not tagged:
        raise RuntimeError("das Quartiersprofil ist kein getaggtes PDF (Strukturbaum fehlt)")
    return {"datei": str(pdf), "bytes": len(data), "seiten": pages, "sozialraum": code,
            "getaggt": tagged, "pikepdf": pikepdf.__version__}


def check_program_dir(ctx: Context) -> dict:
    """Nothing was written beside the program while the self-test ran (Program Files)."""
    from k360desk.projectfile import paths

    before = ctx.values.get("program_files")
    if before is None:
        return {"hinweis": "nur im installierten Programm geprüft", "programm": sys.executable}
    after = _snapshot(paths.program_dir())
    changed = sorted(p for p, t in after.items() if before.get(p) != t)
    if changed:
        raise RuntimeError(f"{len(changed)} Dateien im Programmordner geschrieben: {changed[:3]}")
    return {"dateien": len(after)}
