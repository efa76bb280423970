"""Write a recorded structure tree into a finished PDF (pikepdf): StructTreeRoot with
ParentTree, document language, MarkInfo, the title shown in the viewer's title bar, tab order
by structure, and the title and language in the XMP metadata as well."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass


@dataclass
class Part:
    """The structure of one rendered part, whose pages start at ``first_page`` (0-based)."""

    tree: dict
    first_page: int = 0


def write_structure(source, out, parts: list[Part], *, title: str, lang: str = "de-DE") -> None:
    """Read the PDF ``source`` (path or bytes), add the structure of ``parts`` and write ``out``
    (path or binary buffer)."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    with pikepdf.open(source) as pdf:
        pages = list(pdf.pages)
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root))
        # A book holds ~130,000 elements: every access to a pikepdf object crosses into C++,
        # so the page objects, role names and the page an element is on are kept in Python.
        page_objects = [page.obj for page in pages]
        roles: dict[str, Name] = {}
        parents: dict[int, dict[int, object]] = {}

        def build(node: dict, parent, offset: int):
            role = roles.get(node["role"]) or roles.setdefault(node["role"], Name("/" + node["role"]))
            elem = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=role, P=parent))
            kids = []
            on_page = None  # the element's /Pg: its first marked content's page
            for kid in node["kids"]:
                if isinstance(kid, dict):
                    kids.append(build(kid, elem, offset))
                    continue
                page, mcid = kid[0] + offset, int(kid[1])
                if on_page is None:
                    on_page = page
                    elem.Pg = page_objects[page]
                if page == on_page:
                    kids.append(mcid)
                else:
                    kids.append(Dictionary(Type=Name.MCR, Pg=page_objects[page], MCID=mcid))
                parents.setdefault(page, {})[mcid] = elem
            elem.K = Array(kids)
            if node.get("alt"):
                elem.Alt = String(node["alt"])
            if node.get("scope"):
                elem.A = Dictionary(O=Name.Table, Scope=Name("/" + node["scope"]))
            return elem

        top = Array()
        for part in parts:
            for kid in part.tree["kids"]:
                top.append(build(kid, document, part.first_page))
        document.K = top
        root.K = Array([document])
        nums = Array()
        for index, page in enumerate(pages):
            page.obj.StructParents = index
            page.obj.Tabs = Name.S
            by_mcid = parents.get(index, {})
            # Every id from 0 up must name its element; a gap would point a reader at nothing.
            nums.append(index)
            nums.append(pdf.make_indirect(Array([by_mcid[m] for m in sorted(by_mcid)])))
        root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
        root.ParentTreeNextKey = len(pages)
        catalog = pdf.Root
        catalog.StructTreeRoot = root
        catalog.MarkInfo = Dictionary(Marked=True)
        catalog.Lang = String(lang)
        catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        pdf.docinfo[Name.Title] = title
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = title
            meta["dc:language"] = [lang]
        # Thousands of small structure elements: object streams keep the file as small as
        # the untagged one was.
        options = {"object_stream_mode": pikepdf.ObjectStreamMode.generate, "compress_streams": True}
        if isinstance(out, os.PathLike | str):
            pdf.save(os.fspath(out), **options)
        else:
            pdf.save(out, **options)


def tag_single_figure(path, *, title: str, alt: str, lang: str = "de-DE") -> None:
    """Make a one-page picture PDF (map or chart from matplotlib) a tagged document with one
    figure carrying ``alt``."""
    import pikepdf

    with pikepdf.open(os.fspath(path)) as pdf:
        for page in pdf.pages:
            page.contents_coalesce()
            page.contents_add(b"/Figure <</MCID 0>> BDC\n", prepend=True)
            page.contents_add(b"\nEMC\n")
        buffer = io.BytesIO()
        pdf.save(buffer)
    pages = range(len(pikepdf.open(io.BytesIO(buffer.getvalue())).pages))
    tree = {"role": "Document", "kids": [
        {"role": "Figure", "alt": alt, "scope": None, "kids": [[p, 0]]} for p in pages
    ]}
    write_structure(buffer.getvalue(), path, [Part(tree)], title=title, lang=lang)
