"""Tagged PDF from reportlab: marked content around what platypus draws.

reportlab writes no structure tree. While a document is built, every flowable that reaches a
frame is prepared here: paragraphs become headings or text, our map and chart flowables
figures with an alternative text, tables with header rows become tables with header and data
cells, and everything else (rules, backgrounds, the page frame) an artefact. Each tagged piece
is drawn inside a ``BDC … EMC`` pair with a marked-content id; a ``Tagger`` on the canvas
records which structure element owns which id on which page. ``structure.py`` writes that
record into the finished file (after a book's parts are joined).
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.flowables import NullDraw

from k360desk.export.pdf.structure import Node

# Paragraph style name -> heading level; every other paragraph is body text. A paragraph's
# ``tag_role`` attribute overrides the style where the look and the rank differ.
HEADING_ROLES = {"cover_title": "H1", "title": "H1", "h1": "H1", "h2": "H2", "h3": "H3"}


class Tagger:
    """Emits marked content on a canvas and records the structure it belongs to."""

    def __init__(self) -> None:
        self.document = Node("Document")
        self.page = 0
        self._mcid = 0
        self._open = False
        self._artifact = False
        # Table element per table render callback (a table's parts share one). Keyed by the
        # object, not its id: a drawn table may be freed and its id reused by the next one.
        self.tables: dict[object, Node] = {}

    def next_page(self) -> None:
        """Marked-content ids count from 0 on every page."""
        self.page += 1
        self._mcid = 0

    def content(self, canv, node: Node) -> bool:
        """Open a marked-content sequence owned by ``node``; False inside another one
        (a paragraph in a table cell belongs to the cell)."""
        if self._open or self._artifact:
            return False
        mcid = self._mcid
        self._mcid += 1
        node.kids.append((self.page, mcid))
        canv._code.append(f"/{node.role} <</MCID {mcid}>> BDC")
        self._open = True
        return True

    def artifact(self, canv, kind: str = "Layout") -> bool:
        """Open an artefact (page frame, rules, backgrounds) a screen reader skips."""
        if self._open or self._artifact:
            return False
        canv._code.append(f"/Artifact <</Type /{kind}>> BDC")
        self._artifact = True
        return True

    def end(self, canv) -> None:
        """Close what ``content`` or ``artifact`` opened."""
        canv._code.append("EMC")
        self._open = self._artifact = False

    def element(self, canv, role: str, alt: str | None = None) -> bool:
        """A new element after the ones before it, with one marked-content sequence."""
        if self._open or self._artifact:
            return False
        last = self.document.kids[-1] if self.document.kids else None
        if role == "LBody" and isinstance(last, Node) and last.role == "L":
            # The rest of an item a page break split: the same item goes on.
            return self.content(canv, last.kids[-1].kids[0])
        if role == "LBody":
            role = "P"
        if role == "LI":
            # Consecutive bullet paragraphs form one list, announced with its number of items.
            if not (isinstance(last, Node) and last.role == "L"):
                last = Node("L")
                self.document.kids.append(last)
            body = Node("LBody")
            last.kids.append(Node("LI", kids=[body]))
            return self.content(canv, body)
        node = Node(role, alt=alt)
        self.document.kids.append(node)
        return self.content(canv, node)

    def tree(self) -> Node:
        """The recorded structure: the document element (picklable for a book's workers)."""
        return self.document


def tagger_of(canv) -> Tagger | None:
    """The tagger of a canvas, if the document is being tagged."""
    return getattr(canv, "k360_tagger", None)


def _header_rows(table: Table) -> int:
    repeat = getattr(table, "repeatRows", 0) or 0
    return len(repeat) if isinstance(repeat, tuple | list) else int(repeat)


class TableTags:
    """Render callback of one table (and of the parts it splits into).

    A table that repeats header rows (or names row header columns) is a data table: rows
    become TR, header cells TH with column (or row) scope, the others TD; on the parts after
    a page break the repeated header rows are artefacts and the rows join the same Table
    element. Any other table only arranges its
    content on the page: its cells' text is tagged as text, its flowables tag themselves.
    """

    def __init__(self, header_rows: int, row_header_columns: tuple[int, ...] = ()) -> None:
        self.header_rows = header_rows
        self.row_header_columns = row_header_columns
        self._state: dict[str, Any] = {}

    def __call__(self, table: Table, event: str, *args) -> None:
        canv = getattr(table, "canv", None)
        tagger = tagger_of(canv) if canv is not None else None
        if tagger is None:
            return
        state = self._state
        if event == "startTable":
            state.clear()
            if self.header_rows or self.row_header_columns:
                node = tagger.tables.get(self)
                state["continued"] = node is not None
                if node is None:
                    node = tagger.tables[self] = Node("Table")
                    tagger.document.kids.append(node)
                state["table"] = node
        elif event in ("startBG", "startLines"):
            state["open"] = tagger.artifact(canv)
        elif event in ("endBG", "endLines", "endCell"):
            if state.pop("open", False):
                tagger.end(canv)
        elif event == "startRow":
            row = args[0]
            table_node = state.get("table")
            if table_node is None:
                return
            if state.get("continued") and row < self.header_rows:
                state["row_artifact"] = tagger.artifact(canv, "Pagination")
                state["row"] = None
            else:
                state["row"] = Node("TR")
                table_node.kids.append(state["row"])
        elif event == "endRow":
            if state.pop("row_artifact", False):
                tagger.end(canv)
        elif event == "startCell":
            row, col, value = args[0], args[1], args[2]
            tr = state.get("row")
            if state.get("table") is not None:
                if tr is None:
                    return
                if row < self.header_rows:
                    cell = Node("TH", scope="Column")
                elif col in self.row_header_columns:
                    cell = Node("TH", scope="Row")
                else:
                    cell = Node("TD")
                tr.kids.append(cell)
                state["open"] = tagger.content(canv, cell)
            elif isinstance(value, str) and value.strip():
                state["open"] = tagger.element(canv, "P")
        elif event == "endTable":
            state.clear()


def _role(flowable: Flowable) -> tuple[str, str | None]:
    alt = getattr(flowable, "alt_text", None)
    if alt is not None:
        return "Figure", str(alt() if callable(alt) else alt)
    if isinstance(flowable, Paragraph):
        if getattr(flowable, "tag_role", None):
            return flowable.tag_role, None
        name = getattr(flowable.style, "name", "")
        if getattr(flowable, "bulletText", None):
            return "LI", None
        if name.startswith("bullet"):
            # A list paragraph without its bullet is the part after a page break.
            return "LBody", None
        return HEADING_ROLES.get(name, "P"), None
    return "Artifact", None


def prepare(flowable: Any) -> None:
    """Make a flowable (and what it contains) draw itself as tagged content.

    Called for every flowable a frame draws; an untagged canvas draws as before.
    """
    if isinstance(flowable, list | tuple):
        for item in flowable:
            prepare(item)
        return
    if not isinstance(flowable, Flowable) or flowable.__dict__.get("_k360_prepared"):
        return
    flowable.__dict__["_k360_prepared"] = True
    if isinstance(flowable, Table):
        if getattr(flowable, "_renderCB", None) is None:
            # ``tag_row_headers`` (column numbers) marks a table of labels and values.
            columns = tuple(getattr(flowable, "tag_row_headers", ()))
            flowable._renderCB = TableTags(_header_rows(flowable), columns)
        for row in getattr(flowable, "_cellvalues", []):
            for value in row:
                prepare(value)
        return
    content = flowable.__dict__.get("_content")
    if content is not None:
        prepare(content)
        return
    if isinstance(flowable, NullDraw):
        return
    role, alt = _role(flowable)
    original = flowable.drawOn

    def drawOn(canv, *args, **kwargs):  # noqa: N802 - reportlab's name
        tagger = tagger_of(canv)
        if tagger is None:
            return original(canv, *args, **kwargs)
        opened = tagger.artifact(canv) if role == "Artifact" else tagger.element(canv, role, alt)
        try:
            return original(canv, *args, **kwargs)
        finally:
            if opened:
                tagger.end(canv)

    flowable.drawOn = drawOn
