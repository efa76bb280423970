"""Join the parts of a profile book as they are drawn.

The book's pages exist from the start (its page count is known before anything is drawn), so
each part's pages and structure elements can be placed as soon as its worker is done, in
whatever order the workers finish; after the last part only the document element, the
outline and the file itself remain to be written.
"""

from __future__ import annotations

from typing import Any

from k360desk.export.pdf.structure import (
    FIRST_ID,
    SPAN,
    StructObjects,
    finish_structure,
    load_objects,
    save_tagged,
)
from k360desk.messages import tr

DOCUMENT_ID = FIRST_ID


def part_first_id(index: int) -> int:
    """The first object number of part ``index``'s structure elements (0 = front matter)."""
    return FIRST_ID + (index + 1) * SPAN


class BookJoiner:
    """The book being joined: ``add`` each part, then ``finish``."""

    def __init__(self, total_pages: int) -> None:
        import pikepdf

        self.pdf = pikepdf.new()
        for _ in range(total_pages):
            self.pdf.add_blank_page()
        self.page_ids = [page.obj.objgen[0] for page in self.pdf.pages]
        self._sources: list[Any] = []  # copied streams are read from them until the save
        self._parts: dict[int, StructObjects] = {}

    def pages_of(self, first_page: int, count: int) -> list[int]:
        """Object numbers of ``count`` pages from ``first_page`` (1-based)."""
        return self.page_ids[first_page - 1 : first_page - 1 + count]

    def add(self, index: int, path: str, first_page: int, objects: StructObjects) -> int:
        """Place part ``index`` (drawn into ``path``) on its pages from ``first_page`` (1-based);
        returns its page count."""
        import pikepdf

        source = pikepdf.open(path)
        self._sources.append(source)
        for offset, page in enumerate(source.pages):
            target = self.pdf.pages[first_page - 1 + offset].obj
            for key, value in page.obj.items():
                if key not in ("/Parent", "/Type"):
                    target[key] = _adopt(self.pdf, value)
        load_objects(self.pdf, [objects])
        self._parts[index] = objects
        return len(source.pages)

    def finish(self, out, *, title: str, author: str, lang: str) -> int:
        """Write the document element and the metadata, save to ``out`` and return the page
        count."""
        from pikepdf import Name

        try:
            parts = [self._parts[i] for i in sorted(self._parts)]
            finish_structure(self.pdf, parts, document_id=DOCUMENT_ID, title=title, lang=lang)
            self.pdf.docinfo[Name.Author] = author
            self.pdf.docinfo[Name.Creator] = "k360desk"
            save_tagged(self.pdf, out, fast=True)  # the planner waits for the last step
            return len(self.pdf.pages)
        finally:
            self.close()

    def close(self) -> None:
        """Release the parts' files (a temporary folder on Windows can only go once they are)."""
        for source in self._sources:
            source.close()
        self._sources.clear()
        self.pdf.close()


def _adopt(pdf, value):
    """``value`` of another file made part of ``pdf``: indirect objects are copied once (qpdf
    remembers them per source file), direct dictionaries and arrays are rebuilt around them."""
    import pikepdf

    if isinstance(value, pikepdf.Object):
        if value.is_indirect:
            return pdf.copy_foreign(value)
        if isinstance(value, pikepdf.Dictionary):
            return pikepdf.Dictionary({key: _adopt(pdf, item) for key, item in value.items()})
        if isinstance(value, pikepdf.Array):
            return pikepdf.Array([_adopt(pdf, item) for item in value])
    return value


def add_outline(pdf, *, districts, ids: list[int], front_pages: int, back_start: int,
                glossary_page: int) -> None:
    """Bookmarks (set before the pages are filled: they point at the page objects): cover,
    contents, profiles (level ▸ parent district ▸ district; the level step
    only when the book holds more than one level, the parent step only for districts whose
    parent is known), method appendix and glossary."""
    from pikepdf import Name, OutlineItem

    names, codes = districts["name"].to_dict(), districts["code"].to_dict()
    levels = districts.loc[ids, "level"].fillna("").astype(str)
    several_levels = levels.nunique() > 1
    pdf.Root.PageMode = Name.UseOutlines
    with pdf.open_outline() as outline:
        profiles = OutlineItem(tr("Quartiersprofile"), front_pages)
        outline.root.extend([OutlineItem(tr("Titel"), 0), OutlineItem(tr("Inhalt"), 1), profiles])
        level_items: dict[str, OutlineItem] = {}
        groups: dict[tuple[str, int], OutlineItem] = {}
        for i, district_id in enumerate(ids):
            page = front_pages + 2 * i
            d = districts.loc[district_id]
            parent_item = profiles
            level = levels[district_id]
            if several_levels:
                if level not in level_items:
                    level_items[level] = OutlineItem(level or tr("ohne Ebene"), page)
                    profiles.children.append(level_items[level])
                parent_item = level_items[level]
            parent = d.get("parent_id")
            if parent == parent and parent is not None:
                key = (level, int(parent))
                if key not in groups:
                    name = f"{names.get(int(parent), '')} ({codes.get(int(parent), '')})"
                    groups[key] = OutlineItem(name, page)
                    parent_item.children.append(groups[key])
                parent_item = groups[key]
            parent_item.children.append(OutlineItem(f"{d['code']} {d['name']}", page))
        outline.root.extend([
            OutlineItem(tr("Anhang A: Methoden"), back_start),
            OutlineItem(tr("Anhang B: Glossar der Indikatoren"), glossary_page),
        ])
