"""#24: joining the book's parts reads each part once and pauses the cycle collector only
while it joins; the tagged result is the same as before (every page's content tagged)."""

from __future__ import annotations

import gc


def test_joining_reads_each_part_once_and_restores_the_collector(demo, tmp_path, monkeypatch):
    import pikepdf
    import pypdf

    from k360desk.export.pdf.book import select_districts, write_book

    opened: list[str] = []
    original = pypdf.PdfReader.__init__

    def counting(self, stream, *args, **kwargs):
        opened.append(str(stream))
        original(self, stream, *args, **kwargs)

    monkeypatch.setattr(pypdf.PdfReader, "__init__", counting)
    ids = select_districts(demo, codes=["0101", "0102", "0505"])
    out = tmp_path / "buch.pdf"
    assert gc.isenabled()
    write_book(demo, out, ids, workers=1, chunk_size=2)
    assert gc.isenabled()
    chunks = [name for name in opened if "k360book" in name and "chunk" in name]
    assert len(chunks) == len(set(chunks)) == 2  # the profiles' parts, read once each
    with pikepdf.open(out) as pdf:
        tree = pdf.Root.StructTreeRoot
        assert len(tree.ParentTree.Nums) == 2 * len(pdf.pages)
        assert all(int(page.obj.StructParents) == i for i, page in enumerate(pdf.pages))
