"""The profile book: cover, table of contents, every selected district's profile, the method
appendix and an indicator glossary in one PDF with bookmarks.

Profiles are exactly two pages, so every page number is known before anything is drawn.
Chunks of profiles are rendered by worker processes (both cores) into separate PDFs, each
with its structure elements; every part is placed in the book as soon as it is drawn
(``book_join``), so only the file itself is left to write after the last one.
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from k360desk.export.pdf import ReportError
from k360desk.export.pdf.book_join import BookJoiner, add_outline, part_first_id
from k360desk.messages import N_, language, set_language, tr, with_language
from k360desk.progress import NO_PROGRESS, Cancelled, Progress

if TYPE_CHECKING:
    from k360desk.projectfile import Project

CHUNK_SIZE = 20
TOC_ROWS_PER_PAGE = 52


@dataclass
class BookResult:
    """What was written: pages, profiles, size in bytes, seconds."""

    pages: int
    profiles: int
    size: int
    seconds: float


def select_districts(
    project: Project, *, level: str | int | None = None, codes: list[str] | None = None
) -> list[int]:
    """District ids for a book: the given codes, one level (name or id), or all (by code)."""
    districts = project.districts_frame().sort_values(["level_rank", "code"])
    if codes:
        wanted = [str(c).strip() for c in codes if str(c).strip()]
        known = set(districts["code"].astype(str))
        unknown = [c for c in wanted if c not in known]
        if unknown:
            raise ReportError("Diese Sozialräume gibt es nicht: " + ", ".join(unknown) + ".")
        by_code = dict(zip(districts["code"].astype(str), districts.index, strict=True))
        return [int(by_code[c]) for c in wanted]
    if level is not None and str(level).strip():
        text = str(level).strip()
        match = districts[
            (districts["level"].astype(str).str.casefold() == text.casefold())
            | (districts["level_id"].astype(str) == text)
        ]
        if match.empty:
            names = ", ".join(sorted(districts["level"].dropna().astype(str).unique()))
            raise ReportError(f"Die Ebene „{text}“ gibt es nicht (vorhanden: {names}).")
        return [int(i) for i in match.index]
    return [int(i) for i in districts.index]


# --- worker side ----------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _worker_init(lang: str = "de") -> None:
    # Imports and fonts only: the data is loaded once by the book and handed over.
    set_language(lang)  # a spawned worker does not see the parent's ``messages.using``
    from k360desk.export.pdf import profile, profile_data  # noqa: F401
    from k360desk.export.pdf.base import register_fonts

    register_fonts()


def _ready() -> bool:
    return True


def _hand_over(data, folder: str) -> str:
    """Write the loaded data for the workers (our own file in the book's private folder)."""
    import pickle

    path = os.path.join(folder, "data.pickle")
    with open(path, "wb") as handle:
        pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _render_chunk(ids: list[int], first_page: int, total: int, info: dict, out: str,
                  page_ids: list[int], first_id: int, voices: dict, data_path: str | None = None):
    """Draw the profiles ``ids`` (with the providers' ``voices`` about them) into ``out``;
    returns their structure elements, numbered from ``first_id`` on the book's pages
    ``page_ids``."""
    from k360desk.export.pdf.base import ReportInfo

    if data_path is not None and _WORKER.get("path") != data_path:
        import pickle

        with open(data_path, "rb") as handle:
            _WORKER["data"] = pickle.load(handle)  # noqa: S301 - written by _hand_over
        _WORKER["path"] = data_path
        # The data lives as long as the worker: out of the cycle collector's way (its full
        # collections walked all of it again and again, up to a third of the drawing time).
        gc.freeze()
    data = _WORKER["data"]
    data.statements.update(voices)
    info = ReportInfo(**info, first_page=first_page, total_pages=total)
    with _collector_paused():
        return _draw_chunk(data, ids, out, info, page_ids, first_id)


def _draw_chunk(data, ids: list[int], out: str, info, page_ids: list[int], first_id: int):
    from k360desk.export.pdf.profile import profile_story

    story: list = []
    for district_id in ids:
        story += profile_story(data.profile(district_id), data, bookmark_level=None)
    story.pop()  # the chunk ends with the last profile's second page
    return _build_part(out, story, info, page_ids, first_id)


@contextlib.contextmanager
def _collector_paused():
    """A chunk's drawing makes ~100,000 short-lived objects; the cycle collector ran ~85
    times a chunk over them. Paused while a chunk is drawn, the few cycles it leaves are
    collected once at its end."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()
            gc.collect(0)  # what the chunk left: nothing older was added meanwhile


def _build_part(out: str, story: list, info, page_ids: list[int], first_id: int):
    """One part of the book and its structure elements: they go into the book when it is
    joined (a joined file keeps the marked content, not the parts' trees)."""
    from k360desk.export.pdf.base import build_document
    from k360desk.export.pdf.book_join import DOCUMENT_ID
    from k360desk.export.pdf.structure import struct_objects

    tree = build_document(out, story, info, finish=False)
    return struct_objects(tree, page_ids, first_id, DOCUMENT_ID)


# --- front and back matter -------------------------------------------------------------------


def _front_story(
    project: Project,
    title: str,
    subtitle: str,
    rows: list[tuple[str, str, str, int]],
    period: int | None,
    created: date,
) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

    from k360desk.export.pdf.base import FRAME_WIDTH, SectionMark, esc, styles, table_style
    from k360desk.formats import format_date

    st = styles()
    city = project.get_meta("municipality") or ""
    story: list = [
        SectionMark(""),
        Spacer(1, 30 * mm),
        Paragraph(esc(city), st["cover_sub"]),
        Spacer(1, 4),
        Paragraph(esc(title), st["cover_title"]),
        Spacer(1, 6),
        Paragraph(esc(subtitle), st["cover_sub"]),
        Spacer(1, 10 * mm),
    ]
    cover_map = _cover_map(project)
    if cover_map is not None:
        caption = Paragraph(esc(cover_map.spec.title), st["h3"])
        caption.tag_role = "H2"  # looks small, ranks right below the cover's title
        story += [caption, cover_map]
    story += [
        Spacer(1, 8 * mm),
        Paragraph(tr("Datenstand: {period} · Stand des Berichts: {date}", period=period or "–",
                     date=format_date(created)), st["body"]),
        Paragraph(tr("Erstellt mit k360desk – integrierte Sozialplanung"), st["note"]),
        PageBreak(),
    ]
    story += [SectionMark(tr("Inhalt")), Paragraph(tr("Inhalt"), st["h1"])]
    body = [
        [Paragraph(tr(h), st["cell_head"]) for h in (N_("Schlüssel"), N_("Sozialraum"), N_("gehört zu"))]
        + [Paragraph(tr("Seite"), st["cell_head_right"])]
    ]
    for code, name, parent, page in rows:
        body.append(
            [esc(code), Paragraph(esc(name), st["cell"]), Paragraph(esc(parent), st["cell"]), str(page)]
        )
    table = Table(
        body, colWidths=[22 * mm, 75 * mm, FRAME_WIDTH - 115 * mm, 18 * mm], repeatRows=1, hAlign="LEFT"
    )
    table.setStyle(TableStyle(table_style() + [("ALIGN", (3, 1), (3, -1), "RIGHT")]))
    story.append(table)
    return story


def _cover_map(project: Project):
    from reportlab.lib.units import mm

    from k360desk.export.map_data import MapDataError, index_map_spec
    from k360desk.export.pdf.base import FRAME_WIDTH
    from k360desk.export.pdf.map_flowable import MapFlowable

    try:
        spec = index_map_spec(project, "status", labels="none")
    except (MapDataError, ValueError):
        return None
    return MapFlowable(spec, FRAME_WIDTH, 120 * mm, legend=True, labels=False)


def _back_story(project: Project, keys: list[str]) -> list:
    from reportlab.platypus import PageBreak, Paragraph

    from k360desk.export.pdf.base import SectionMark, styles
    from k360desk.export.pdf.glossary import glossary_story
    from k360desk.export.pdf.markdown import method_text, to_flowables

    st = styles()
    story: list = [SectionMark(tr("Methodenanhang")), Paragraph(tr("Anhang A: Methoden"), st["h1"])]
    story += to_flowables(method_text(), heading_offset=1)
    story += [PageBreak(), SectionMark(tr("Glossar")),
              Paragraph(tr("Anhang B: Glossar der Indikatoren"), st["h1"])]
    story += glossary_story(project, keys)
    return story


def _count_pages(story: list, info) -> int:
    import io

    from pypdf import PdfReader

    from k360desk.export.pdf.base import build_document

    buffer = io.BytesIO()
    build_document(buffer, story, info, finish=False)
    return len(PdfReader(io.BytesIO(buffer.getvalue())).pages)


# --- the book --------------------------------------------------------------------------------


@with_language
def write_book(
    project: Project,
    out: str | Path,
    district_ids: list[int],
    *,
    title: str = N_("Quartiersprofile"),
    subtitle: str | None = None,
    progress: Progress = NO_PROGRESS,
    workers: int = 2,
    chunk_size: int = CHUNK_SIZE,
    template: dict | None = None,
    period: int | None = None,
    created: date | None = None,
) -> BookResult:
    """Write the profile book of the given districts; ``Cancelled`` leaves no file behind."""
    from k360desk.export.pdf.base import ReportInfo, report_info
    from k360desk.export.pdf.profile_data import ProfileData, voice_reader
    from k360desk.models import profiles

    started = time.perf_counter()
    title = tr(title)
    if not district_ids:
        raise ReportError(tr("Es sind keine Sozialräume für das Profilbuch ausgewählt."))
    template = template or profiles.load_template(project)
    if period is None:
        found = profiles.value_periods(project, template["indicators"] + template["charts"])
        period = found[-1] if found else None
    districts = project.districts_frame()
    created = created or date.today()
    base_info = report_info(project, title, created)
    info_fields = {
        "municipality": base_info.municipality,
        "title": base_info.title,
        "created": created,
        "logo": base_info.logo,
    }
    chunks = _chunks(district_ids, chunk_size, workers)
    total_steps = len(chunks) + 3
    progress.step(0, total_steps, "Profilbuch wird vorbereitet …")

    pool = None
    parallel = workers > 1 and len(chunks) > 1
    if parallel:
        import multiprocessing

        # Spawn (not fork): the GUI process has Qt threads that a forked child must not inherit.
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_init,
            initargs=(language(),),
        )
        for _ in range(workers):
            # Start the workers now: they import while the data is loaded here.
            pool.submit(_ready)
    try:
        with tempfile.TemporaryDirectory(prefix="k360book") as tmp:
            # Pages are counted first: the workers still import meanwhile.
            back = _back_story(project, template["indicators"])
            back_pages = _count_pages(list(back), ReportInfo(**info_fields))
            subtitle = subtitle or _default_subtitle(districts, district_ids)
            front_pages = 2 + math.ceil(len(district_ids) / TOC_ROWS_PER_PAGE)
            for _ in range(3):
                rows = _toc_rows(districts, district_ids, front_pages + 1)
                front = _front_story(project, title, subtitle, rows, period, created)
                counted = _count_pages(list(front), ReportInfo(**info_fields))
                if counted == front_pages:
                    break
                front_pages = counted
            total = front_pages + 2 * len(district_ids) + back_pages
            # Loaded once for all workers (each used to load everything again, questionnaire
            # summaries included, while competing with the others for the same cores).
            # The providers' voice is read chunk by chunk, each chunk handed over with its
            # own: the workers start drawing before all of it is read.
            data = ProfileData.load(project, district_ids, template=template, period=period, voices=False)
            data.load_bases(project)
            data_path = _hand_over(data, tmp) if pool is not None else None
            if pool is None:
                _WORKER["data"] = data
            joiner = BookJoiner(total)
            try:
                paths = [os.path.join(tmp, f"chunk{i:04d}.pdf") for i in range(len(chunks))]
                firsts = []
                page = front_pages + 1
                for chunk in chunks:
                    firsts.append(page)
                    page += 2 * len(chunk)
                jobs = [
                    (i + 1, chunk, first, path, joiner.pages_of(first, 2 * len(chunk)))
                    for i, (chunk, first, path) in enumerate(zip(chunks, firsts, paths, strict=True))
                ]
                voices = voice_reader(project)
                futures = _submit(pool, jobs, total, info_fields, data_path, voices)
                # The workers draw while the front and back matter are drawn here.
                progress.step(1, total_steps, "Titel, Inhalt und Anhang …")
                front_path = os.path.join(tmp, "front.pdf")
                back_path = os.path.join(tmp, "back.pdf")
                back_first = total - back_pages + 1
                parts = [
                    (0, front_path, 1, front_pages,
                     _front_story(project, title, subtitle, rows, period, created),
                     ReportInfo(**info_fields, first_page=1, total_pages=total, bare_first_page=True)),
                    (len(chunks) + 1, back_path, back_first, back_pages,
                     _back_story(project, template["indicators"]),
                     ReportInfo(**info_fields, first_page=back_first, total_pages=total)),
                ]
                for index, path, first, count, story, info in parts:
                    pages_of = joiner.pages_of(first, count)
                    _place(joiner, index, path, first, count,
                           _build_part(path, story, info, pages_of, part_first_id(index)))
                add_outline(joiner.pdf, districts=districts, ids=district_ids, front_pages=front_pages,
                            back_start=back_first - 1,
                            glossary_page=back_first - 1 + _glossary_offset(back_path))
                _collect(jobs, futures, joiner, total, info_fields, voices, progress, total_steps,
                         district_ids)
                progress.step(total_steps - 1, total_steps, "Datei wird geschrieben …")
                pages = joiner.finish(out, title=base_info.document_title, author=base_info.municipality,
                                      lang=base_info.lang)
            finally:
                joiner.close()
    except BaseException:
        if pool is not None:
            _stop(pool)
            pool = None
        raise
    finally:
        _WORKER.clear()  # the serial path's data, also after an error or Cancel
        if pool is not None:
            pool.shutdown(wait=True)
    progress.step(total_steps, total_steps, "Fertig")
    return BookResult(
        pages=pages,
        profiles=len(district_ids),
        size=Path(out).stat().st_size,
        seconds=time.perf_counter() - started,
    )


def _submit(pool, jobs, total, info_fields, data_path, voices) -> dict:
    """Hand every chunk to the workers (none without workers)."""
    if pool is None:
        return {}
    futures = {}
    for job in jobs:
        index, chunk, first, path, page_ids = job
        futures[pool.submit(_render_chunk, chunk, first, total, info_fields, path, page_ids,
                            part_first_id(index), voices.voices(chunk), data_path)] = job
    return futures


def _collect(jobs, futures, joiner, total, info_fields, voices, progress, total_steps, district_ids) -> None:
    """Place each chunk in the book as soon as it is drawn (drawn here without workers)."""
    done_count = profiles_done = 0
    if not futures:
        for index, chunk, first, path, page_ids in jobs:
            progress.step(1 + done_count, total_steps,
                          f"Profile {profiles_done + 1}–{profiles_done + len(chunk)} …")
            objects = _render_chunk(chunk, first, total, info_fields, path, page_ids, part_first_id(index),
                                    voices.voices(chunk))
            _place(joiner, index, path, first, 2 * len(chunk), objects)
            done_count += 1
            profiles_done += len(chunk)
        _WORKER.clear()
        return
    pending = set(futures)
    while pending:
        done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
        for future in done:
            index, chunk, first, path, _ids = futures[future]
            _place(joiner, index, path, first, 2 * len(chunk), future.result())  # a worker's error here
            done_count += 1
            profiles_done += len(chunk)
        progress.step(
            1 + done_count, total_steps, f"{profiles_done} von {len(district_ids)} Profilen gezeichnet …"
        )


def _place(joiner, index: int, path: str, first: int, count: int, objects) -> None:
    placed = joiner.add(index, path, first, objects)
    if placed != count:
        # Page numbers, contents and bookmarks were counted with ``count`` pages.
        raise ReportError(tr("Ein Teil des Profilbuchs hat {placed} statt {count} Seiten; das Buch "
                             "wurde nicht geschrieben.", placed=placed, count=count))


def _chunks(ids: list[int], size: int, workers: int) -> list[list[int]]:
    """Chunks of ``size`` profiles, the last ``workers × size`` or so in quarter chunks: the workers
    then finish close together instead of one drawing a whole chunk while the other waits."""
    head = (max(len(ids) - workers * size, 0) // size) * size if workers > 1 else len(ids)
    small = max(size // 4, 1)
    return ([ids[i : i + size] for i in range(0, head, size)]
            + [ids[i : i + small] for i in range(head, len(ids), small)])


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel queued chunks and end the workers at once (Cancel must not wait a minute)."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def _default_subtitle(districts, ids: list[int]) -> str:
    levels = districts.loc[ids, "level"].dropna().astype(str).unique()
    all_of_level = len(levels) == 1 and len(ids) == int((districts["level"] == levels[0]).sum())
    if all_of_level:
        return tr("Alle {n} Sozialräume der Ebene {level}", n=len(ids), level=levels[0])
    return tr("Auswahl von {n} Sozialräumen", n=len(ids))


def _toc_rows(districts, ids: list[int], first_page: int) -> list[tuple[str, str, str, int]]:
    rows = []
    names = districts["name"].to_dict()
    codes = districts["code"].to_dict()
    for i, district_id in enumerate(ids):
        d = districts.loc[district_id]
        parent = ""
        if d.get("parent_id") == d.get("parent_id") and d.get("parent_id") is not None:
            pid = int(d["parent_id"])
            parent = f"{names.get(pid, '')} ({codes.get(pid, '')})"
        rows.append((str(d["code"]), str(d["name"]), parent, first_page + 2 * i))
    return rows


def _glossary_offset(back_path: str) -> int:
    from pypdf import PdfReader

    reader = PdfReader(back_path)
    for i, page in enumerate(reader.pages):
        if tr("Anhang B: Glossar der Indikatoren") in " ".join((page.extract_text() or "").split()):
            return i
    return 0


__all__ = ["BookResult", "Cancelled", "select_districts", "write_book"]
