"""Texts produced below the UI (maps, charts, PDFs, notes, statuses, errors) in the chosen language.

The layers under ``ui/`` may not import Qt, so they cannot use the ``.qm`` translator. They write
their texts in German, as the UI does, and wrap them in :func:`tr`; the English wording comes from
``resources/translations/messages_en.json``, keyed by the German text. Placeholders are named
(``tr("{n} Sozialräume", n=3)``) so a translation may reorder them.

The language is chosen once per process (the GUI at start, the CLI with ``--lang``) and inherited
by worker processes through ``K360DESK_LANG``; :func:`using` overrides it for one export in the
current thread. Stored values (statuses, class names) stay German in the file; only their display
goes through :func:`tr`.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
import os
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

LANGUAGES = ("de", "en")
SOURCE_LANGUAGE = "de"
_ENV = "K360DESK_LANG"
_override: contextvars.ContextVar[str | None] = contextvars.ContextVar("k360desk_lang", default=None)


def catalogue_path(lang: str) -> Path:
    """The message catalogue of a language (German needs none: it is the source)."""
    return Path(__file__).resolve().parent / "resources" / "translations" / f"messages_{lang}.json"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """German text → text in ``lang``; empty for German or a language without catalogue."""
    path = catalogue_path(lang)
    if lang == SOURCE_LANGUAGE or not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def set_language(lang: str | None) -> str:
    """Choose the language of this process and of the worker processes it starts."""
    chosen = lang if lang in LANGUAGES else SOURCE_LANGUAGE
    os.environ[_ENV] = chosen
    return chosen


def language() -> str:
    """The language texts are produced in right now (thread override, else the process's)."""
    lang = _override.get() or os.environ.get(_ENV, SOURCE_LANGUAGE)
    return lang if lang in LANGUAGES else SOURCE_LANGUAGE


@contextlib.contextmanager
def using(lang: str | None) -> Iterator[str]:
    """Produce texts in ``lang`` inside the block (an export's language option); None keeps it."""
    token = _override.set(lang if lang in LANGUAGES else _override.get())
    try:
        yield language()
    finally:
        _override.reset(token)


def with_language(export: Callable) -> Callable:
    """Give an export function a ``lang`` keyword ("de", "en"; None keeps the current language)."""

    @functools.wraps(export)
    def run(*args, lang: str | None = None, **kwargs):
        with using(lang):
            return export(*args, **kwargs)

    return run


def tr(text: str, /, **fields: object) -> str:
    """``text`` (German) in the current language, with ``{name}`` placeholders filled in."""
    translated = catalogue(language()).get(text, text) if text else text
    return translated.format(**fields) if fields else translated


def N_(text: str) -> str:  # noqa: N802 - the usual name of a gettext no-op marker
    """Mark a module-level German text for the catalogue; translate it where it is shown."""
    return text


def tr_value(value: object) -> object:
    """A stored German value (a status, a class name) for display; other values unchanged."""
    return tr(value) if isinstance(value, str) else value
