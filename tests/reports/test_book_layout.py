"""The book as a reader navigates it (issue 19): bookmarks nested by level and district."""

from __future__ import annotations


def _outline(path) -> list[tuple[int, str]]:
    """(depth, title) of every bookmark in order."""
    from pypdf import PdfReader

    out: list[tuple[int, str]] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title))

    walk(PdfReader(str(path)).outline, 0)
    return out


def test_book_bookmarks_nest_level_then_district(demo, tmp_path):
    from k360desk.export.pdf.book import select_districts, write_book

    ids = select_districts(demo, codes=["01", "05", "0101", "0102", "0505"])
    out = tmp_path / "buch.pdf"
    write_book(demo, out, ids, workers=1, chunk_size=5)
    outline = _outline(out)
    assert outline[:3] == [(0, "Titel"), (0, "Inhalt"), (0, "Quartiersprofile")]
    assert (1, "Stadtbezirk") in outline and (1, "Quartier") in outline
    stadtbezirk = outline.index((1, "Stadtbezirk"))
    assert outline[stadtbezirk + 1 : stadtbezirk + 3] == [(2, "01 Mitte"), (2, "05 Südwest")]
    quartier = outline.index((1, "Quartier"))
    assert outline[quartier + 1 : quartier + 6] == [
        (2, "Mitte (01)"),
        (3, "0101 Altstadt"),
        (3, "0102 Innenstadt"),
        (2, "Südwest (05)"),
        (3, "0505 Am Hochfeld"),
    ]
    assert (0, "Anhang A: Methoden") in outline and (0, "Anhang B: Glossar der Indikatoren") in outline


def _last_element_per_page(path) -> list[str]:
    """Role of the last tagged element drawn on every page (from the parent tree)."""
    import pikepdf

    pdf = pikepdf.open(path)
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    return [str(nums[i + 1][-1].S)[1:] if len(nums[i + 1]) else "" for i in range(0, len(nums), 2)]


def test_method_appendix_keeps_every_heading_with_its_text(demo, tmp_path):
    from k360desk.export.pdf.base import ReportInfo, build_document
    from k360desk.export.pdf.book import _back_story
    from k360desk.models import profiles

    out = tmp_path / "anhang.pdf"
    story = _back_story(demo, profiles.load_template(demo)["indicators"])
    build_document(out, story, ReportInfo(municipality="Musterstadt", title="Quartiersprofile"))
    last = _last_element_per_page(out)
    assert len(last) >= 4
    orphans = [page + 1 for page, role in enumerate(last) if role in ("H1", "H2", "H3")]
    assert not orphans, f"Überschrift allein am Seitenende auf Seite {orphans}"


def test_atlas_breaks_email_addresses_only_at_their_seams(demo, tmp_path):
    import re

    from k360desk.export.pdf.atlas import write_atlas
    from k360desk.models import profiles
    from tests.reports.conftest import pdf_text

    out = tmp_path / "atlas.pdf"
    write_atlas(demo, out, level="Quartier")
    text = "\n".join(pdf_text(out))
    # A line may end after "@", "/" or "-" or before ".", never inside a name.
    joined = re.sub(r"(?<=[@/-])\n|\n(?=\.)", "", text)
    emails = set(profiles.facilities(demo)["email"].dropna())
    assert len(emails) > 100
    broken = sorted(e for e in emails if e not in joined)
    assert not broken, f"{len(broken)} Adressen mitten im Wort getrennt, z. B. {broken[:3]}"
