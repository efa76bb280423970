"""Accessible PDFs (issue 19): the structure tree a screen reader follows, read back from the
file: language, title, headings in order, table header cells, alternative texts, the page
frame as artefact, and only embedded fonts."""

from __future__ import annotations

import pikepdf
import pytest

from tests.reports.conftest import pdf_text


def _tree(path) -> tuple[pikepdf.Pdf, list[tuple[str, pikepdf.Dictionary]]]:
    """The PDF and its structure elements in reading order (role without slash, element)."""
    pdf = pikepdf.open(path)
    found: list[tuple[str, pikepdf.Dictionary]] = []

    def walk(elem):
        found.append((str(elem.S)[1:], elem))
        kids = elem.get("/K")
        if isinstance(kids, pikepdf.Dictionary):
            kids = [kids]
        for kid in kids or []:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid)

    for top in pdf.Root.StructTreeRoot.K:
        walk(top)
    return pdf, found


def _headings(found) -> list[tuple[int, str]]:
    return [(int(role[1]), role) for role, _ in found if role in ("H1", "H2", "H3", "H4", "H5", "H6")]


def _check_document(path, title: str, lang: str = "de-DE"):
    pdf, found = _tree(path)
    root = pdf.Root
    assert str(root.Lang) == lang
    assert bool(root.MarkInfo.Marked)
    assert bool(root.ViewerPreferences.DisplayDocTitle)
    assert str(pdf.docinfo.Title) == title
    with pdf.open_metadata() as meta:
        assert meta["dc:title"] == title
    assert found[0][0] == "Document"
    levels = [level for level, _ in _headings(found)]
    assert levels and levels[0] == 1, levels
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"Überschrift springt von H{before} auf H{after}: {levels}"
    tables = [elem for role, elem in found if role == "Table"]
    for table in tables:
        rows = list(table.K)
        assert all(str(row.S) == "/TR" for row in rows)
        if str(rows[0].K[0].A.Scope if "/A" in rows[0].K[0] else "") == "/Row":
            # A table of labels and values: each row opens with its label.
            assert all(str(row.K[0].S) == "/TH" and str(row.K[0].A.Scope) == "/Row" for row in rows)
            continue
        heads = [cell for cell in rows[0].K if str(cell.S) == "/TH"]
        assert heads and len(heads) == len(rows[0].K)
        assert all(str(cell.A.Scope) == "/Column" for cell in heads)
        assert all(str(cell.S) == "/TD" for row in rows[1:] for cell in row.K)
    figures = [elem for role, elem in found if role == "Figure"]
    assert all(len(str(fig.get("/Alt", ""))) > 20 for fig in figures)
    # Every page's marked-content ids lead back to their elements through the parent tree.
    nums = root.StructTreeRoot.ParentTree.Nums
    for index, page in enumerate(pdf.pages):
        assert int(page.StructParents) == index and int(nums[2 * index]) == index
        assert _untagged_painting(page) == 0, f"Seite {index + 1}: Inhalt weder getaggt noch Artefakt"
    return pdf, found


_PAINT = {"Tj", "TJ", "'", '"', "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh", "EI"}


def _untagged_painting(page) -> int:
    """Text and paint operators outside any marked content (neither tagged nor artefact)."""
    depth = outside = 0
    for _operands, op in pikepdf.parse_content_stream(page):
        name = str(op)
        if name in ("BDC", "BMC"):
            depth += 1
        elif name == "EMC":
            depth -= 1
        elif name in _PAINT and depth == 0:
            outside += 1
    return outside


def _fonts(path) -> list[tuple[str, bool, str]]:
    """(base font, embedded, subtype) of every font on every page (pypdf)."""
    from pypdf import PdfReader

    out = []
    for page in PdfReader(str(path)).pages:
        for ref in page["/Resources"].get_object().get("/Font", {}).values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if font.get("/Subtype") == "/Type0":
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            out.append((str(font.get("/BaseFont")), embedded, str(font["/Subtype"])))
    return out


def _marked_text(path, page: int) -> tuple[str, str]:
    """Text inside artefacts and text inside tagged content of one page."""
    from pypdf import PdfReader

    stack: list[bool] = []
    parts: dict[bool, list[str]] = {True: [], False: []}

    def before(op, args, cm, tm):
        if op in (b"BDC", b"BMC"):
            stack.append(str(args[0]) == "/Artifact" or (bool(stack) and stack[-1]))
        elif op == b"EMC" and stack:
            stack.pop()

    def text(t, cm, tm, font, size):
        parts[bool(stack) and stack[-1]].append(t)

    PdfReader(str(path)).pages[page].extract_text(visitor_operand_before=before, visitor_text=text)
    return "".join(parts[True]), "".join(parts[False])


def test_profile_is_tagged_with_title_language_headings_tables_and_map_text(demo, tmp_path):
    from k360desk.export.pdf.profile import write_profile

    out = tmp_path / "profil.pdf"
    write_profile(demo, "0505", out)
    pdf, found = _check_document(out, "Quartiersprofil Am Hochfeld 2024")
    roles = [role for role, _ in found]
    assert roles.count("H1") == 1 and "H2" in roles and roles.count("Table") >= 2
    # The providers' statements are bullet lists: list, items, item bodies.
    lists = [elem for role, elem in found if role == "L"]
    assert lists and all(str(item.S) == "/LI" and str(item.K[0].S) == "/LBody"
                         for lst in lists for item in lst.K)
    figures = [str(elem.Alt) for role, elem in found if role == "Figure"]
    locator = next(alt for alt in figures if alt.startswith("Lagekarte"))
    assert "Am Hochfeld (0505)" in locator and "Sozialindex 2024: Status" in locator
    assert any(alt.startswith("Liniendiagramm") and "Gesamtstadt: 2020" in alt for alt in figures)
    frame, content = _marked_text(out, 0)
    assert "Seite 1 von 2" in frame and "Stand:" in frame and "Quartiersprofil" in frame
    assert "Seite 1 von 2" not in content and "Am Hochfeld" in content
    fonts = _fonts(out)
    assert fonts and all(embedded for _, embedded, _ in fonts), fonts
    assert not any("Helvetica" in name for name, _, _ in fonts)


def test_committee_pdf_is_tagged_with_the_round_in_its_title(demo, tmp_path):
    from k360desk.export.pdf.committee import write_committee_pdf

    out = tmp_path / "vorlage.pdf"
    write_committee_pdf(demo, "Sozialraumbudget 2026–2030", out)
    _pdf, found = _check_document(out, "Beschlussvorlage Sozialraumbudget 2026–2030")
    roles = [role for role, _ in found]
    assert roles.count("Table") >= 2 and "TH" in roles
    # The header block (Vorlage Nr., Datum, Federführung …) pairs labels with values.
    first_table = next(elem for role, elem in found if role == "Table")
    assert [str(cell.S) for cell in first_table.K[0].K] == ["/TH", "/TD", "/TH", "/TD"]
    assert any(role == "Figure" and str(elem.Alt).startswith("Karte:") for role, elem in found)
    assert all(embedded for _, embedded, _ in _fonts(out))


@pytest.fixture
def book(demo, tmp_path):
    from k360desk.export.pdf.book import select_districts, write_book

    ids = select_districts(demo, codes=["0101", "0102", "0505"])
    out = tmp_path / "buch.pdf"
    write_book(demo, out, ids, workers=1, chunk_size=2)
    return out


def test_book_is_one_tagged_document_across_its_joined_parts(book):
    pdf, found = _check_document(book, "Quartiersprofile – Musterstadt")
    roles = [role for role, _ in found]
    assert roles.count("H1") >= 3 + 3  # cover, contents, three profiles, appendix
    # The parts' marked content lands on the right pages of the joined book.
    last_page_elements = pdf.Root.StructTreeRoot.ParentTree.Nums[-1]
    assert len(last_page_elements) > 0
    texts = pdf_text(book)
    assert "Glossar" in texts[-1]


def test_book_cover_has_no_running_header_or_footer(book):
    pages = pdf_text(book)
    assert "Quartiersprofile" in pages[0]
    assert "Seite 1 von" not in pages[0] and "Stand:" not in pages[0]
    assert f"Seite 2 von {len(pages)}" in pages[1]


def test_atlas_is_tagged_with_one_table_per_district(demo, tmp_path):
    from k360desk.export.pdf.atlas import write_atlas

    out = tmp_path / "atlas.pdf"
    write_atlas(demo, out, codes=["0101", "0505"])
    _pdf, found = _check_document(out, "Sozialatlas – Musterstadt")
    roles = [role for role, _ in found]
    assert roles.count("H2") == 2 and roles.count("Table") == 3


def test_an_english_report_declares_english(tmp_path):
    from reportlab.platypus import Paragraph

    from k360desk.export.pdf.base import ReportInfo, build_document, styles

    out = tmp_path / "en.pdf"
    st = styles()
    info = ReportInfo(municipality="Musterstadt", title="District profile", lang="en-GB",
                      doc_title="District profile Am Hochfeld 2024")
    build_document(out, [Paragraph("Am Hochfeld", st["title"]), Paragraph("Key figures", st["h2"])], info)
    _check_document(out, "District profile Am Hochfeld 2024", lang="en-GB")


def test_a_list_item_split_by_a_page_break_stays_one_item(tmp_path):
    from reportlab.platypus import Paragraph, Spacer

    from k360desk.export.pdf.base import FRAME_HEIGHT, ReportInfo, build_document, styles

    st = styles()
    long_item = " ".join(["Beratung im Quartier"] * 60)
    story = [
        Paragraph("Ziele", st["h1"]),
        Spacer(1, FRAME_HEIGHT - 60),
        Paragraph(long_item, st["bullet"], bulletText="–"),
        Paragraph("Zweiter Punkt", st["bullet"], bulletText="–"),
    ]
    out = tmp_path / "liste.pdf"
    build_document(out, story, ReportInfo(municipality="Musterstadt", title="Liste"))
    _pdf, found = _check_document(out, "Liste – Musterstadt")
    lists = [elem for role, elem in found if role == "L"]
    assert len(lists) == 1 and len(lists[0].K) == 2
    first_body = lists[0].K[0].K[0]
    assert len(first_body.K) == 2  # one piece on each page
