"""#24: the book's parts are placed as soon as they are drawn, in whatever order the workers
finish; each part is read once, and every page's content stays tagged."""

from __future__ import annotations


def test_joining_reads_each_part_once_and_tags_every_page(demo, tmp_path, monkeypatch):
    import pikepdf

    from k360desk.export.pdf.book import select_districts, write_book

    opened: list[str] = []
    original = pikepdf.open

    def counting(source, *args, **kwargs):
        opened.append(str(source))
        return original(source, *args, **kwargs)

    monkeypatch.setattr(pikepdf, "open", counting)
    ids = select_districts(demo, codes=["0101", "0102", "0505"])
    out = tmp_path / "buch.pdf"
    write_book(demo, out, ids, workers=1, chunk_size=2)
    chunks = [name for name in opened if "k360book" in name and "chunk" in name]
    assert len(chunks) == len(set(chunks)) == 2  # the profiles' parts, read once each
    with original(out) as pdf:
        tree = pdf.Root.StructTreeRoot
        assert len(tree.ParentTree.Nums) == 2 * len(pdf.pages)
        assert all(int(page.obj.StructParents) == i for i, page in enumerate(pdf.pages))
        # Every marked-content id of every page names an element that says it is on that page
        # (directly or through a marked-content reference).
        for index, page in enumerate(pdf.pages):
            owners = tree.ParentTree.Nums[2 * index + 1]
            for mcid, element in enumerate(owners):
                kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                found = any(
                    (isinstance(k, int) and int(k) == mcid and element.Pg.objgen == page.obj.objgen)
                    or (isinstance(k, pikepdf.Dictionary) and k.get("/MCID") == mcid
                        and k.Pg.objgen == page.obj.objgen)
                    for k in kids
                )
                assert found, (index, mcid)


def test_parts_placed_in_any_order_land_on_their_pages(tmp_path):
    """The last part finished first still ends up at the end of the book."""
    import pikepdf
    from reportlab.platypus import PageBreak, Paragraph

    from k360desk.export.pdf.base import ReportInfo, build_document, styles
    from k360desk.export.pdf.book_join import DOCUMENT_ID, BookJoiner, part_first_id
    from k360desk.export.pdf.structure import struct_objects

    st = styles()
    joiner = BookJoiner(4)
    parts = []
    for index in range(2):
        story = [Paragraph(f"Teil {index} Seite 1", st["h1"]), PageBreak(),
                 Paragraph(f"Teil {index} Seite 2", st["body"])]
        path = str(tmp_path / f"teil{index}.pdf")
        first = 1 + 2 * index
        info = ReportInfo(municipality="Musterstadt", title="Buch", first_page=first, total_pages=4)
        tree = build_document(path, story, info, finish=False)
        parts.append((index, path, first,
                      struct_objects(tree, joiner.pages_of(first, 2), part_first_id(index), DOCUMENT_ID)))
    for index, path, first, objects in reversed(parts):
        assert joiner.add(index, path, first, objects) == 2
    out = tmp_path / "buch.pdf"
    joiner.finish(out, title="Buch", author="Musterstadt", lang="de-DE")

    from pypdf import PdfReader

    texts = [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]
    for number, text in enumerate(texts):
        assert f"Teil {number // 2} Seite {number % 2 + 1}" in text
    with pikepdf.open(out) as pdf:
        document = pdf.Root.StructTreeRoot.K[0]
        assert [str(kid.S) for kid in document.K][:1] == ["/H1"]
        first_heading = document.K[0]
        assert first_heading.Pg.objgen == pdf.pages[0].obj.objgen
        assert pdf.Root.MarkInfo.Marked


def test_profiles_in_the_book_say_what_the_single_profile_says(demo, tmp_path):
    """The providers' voice is read chunk by chunk for the book: each profile in it still
    shows the same text as the profile printed on its own."""
    from pypdf import PdfReader

    from k360desk.export.pdf.book import write_book
    from k360desk.export.pdf.profile import write_profile
    from k360desk.figures.questionnaire import VoiceReader

    voiced = VoiceReader(demo).voiced(demo.districts_frame().sort_values("code").index)
    assert len(voiced) >= 3
    ids = voiced[:3]
    out = tmp_path / "buch.pdf"
    write_book(demo, out, ids, workers=1, chunk_size=2)
    book = [" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages]
    for district_id in ids:
        code = demo.districts_frame().at[district_id, "code"]
        single = tmp_path / f"{code}.pdf"
        write_profile(demo, code, single)
        pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(single).pages]
        assert "Einschätzungen der Träger" in pages[1]
        # The running header and footer differ (page numbers); the body is the same.
        body = pages[1].split("Einschätzungen der Träger", 1)[1][:400]
        assert any(body in page for page in book), code


def test_the_last_chunks_are_small_so_the_workers_finish_together():
    from k360desk.export.pdf.book import _chunks

    ids = list(range(550))
    chunks = _chunks(ids, 20, 2)
    assert [i for chunk in chunks for i in chunk] == ids
    assert {len(c) for c in chunks[:-10]} == {20} and {len(c) for c in chunks[-10:]} == {5}
    assert _chunks(ids[:7], 20, 1) == [ids[:7]]  # one process: nothing to balance


def test_recurring_texts_are_parsed_once_for_equal_styles_and_apart_for_others():
    """Every profile asks ``styles()`` for new style objects: equal settings share the parsed
    text and its lines, other settings (bold heads) never do."""
    from k360desk.export.pdf.base import styles
    from k360desk.export.pdf.recurring import RecurringParagraph

    first = RecurringParagraph("Kinderarmut (SGB-II-Quote unter 15 Jahren)", styles()["cell"])
    again = RecurringParagraph("Kinderarmut (SGB-II-Quote unter 15 Jahren)", styles()["cell"])
    bold = RecurringParagraph("Kinderarmut (SGB-II-Quote unter 15 Jahren)", styles()["cell_head"])
    assert again.frags is first.frags and bold.frags is not first.frags
    assert first.wrap(60, 500) == again.wrap(60, 500)
    assert again.blPara is first.blPara and len(first.blPara.lines) > 1
    assert bold.wrap(60, 500)[1] >= first.wrap(60, 500)[1]
    assert bold.blPara is not first.blPara
