"""Access keys (Alt+letter) unique within what the planner sees at once.

Labels of generated forms take the first letter of their field ("&Name", "&Nenner",
"&Nachkommastellen"); two mnemonics on one key only hop the focus between them, and a label
on Alt+N makes the section's "Neu" dead. After a page is built, ``make_unique`` moves
clashing access keys to another letter of the same text. What is visible together is one
scope: the page outside its tab widgets plus the tab titles; each tab's content is a scope of
its own that also avoids the letters of the scopes around it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget, QWidget

RESERVED = ("n", "l")
"""Alt+N and Alt+L: "Neu" and "Löschen" of the record sections (scoped shortcuts)."""
_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


def key_of(text: str) -> str | None:
    """The access key of a text with ``&`` marks, lower case, or None."""
    plain = text.replace("&&", "\0")
    index = plain.find("&")
    if index < 0 or index + 1 >= len(plain):
        return None
    return plain[index + 1].lower()


def with_key(text: str, taken: set[str]) -> tuple[str, str | None]:
    """``text`` with its access key moved to a letter not in ``taken`` (word starts first)."""
    current = key_of(text)
    if current is None or current not in taken:
        return text, current
    plain = text.replace("&&", "\0").replace("&", "")
    starts = [i for i, ch in enumerate(plain) if ch.isalpha() and (i == 0 or not plain[i - 1].isalnum())]
    others = [i for i, ch in enumerate(plain) if ch.isalpha() and i not in starts]
    for index in starts + others:
        if plain[index].lower() not in taken:
            marked = plain[:index] + "&" + plain[index:]
            return marked.replace("\0", "&&"), plain[index].lower()
    # No free letter: no access key rather than a clash (the control stays reachable by Tab).
    return plain.replace("\0", "&&"), None


class _Item:
    def __init__(self, get, put) -> None:
        self.get, self.put = get, put


def _items(scope: QWidget) -> tuple[list[_Item], list[QWidget]]:
    """Mnemonic texts shown in this scope, and the tab pages that form their own scopes."""
    items: list[_Item] = []
    sub_scopes: list[QWidget] = []

    def walk(widget: QWidget) -> None:
        for child in widget.findChildren(QWidget, options=_DIRECT):
            if isinstance(child, QAbstractButton) and not child.shortcut().isEmpty():
                items.append(_Item(child.text, child.setText))
            elif isinstance(child, QLabel) and child.buddy() is not None:
                items.append(_Item(child.text, child.setText))
            elif isinstance(child, QGroupBox):
                items.append(_Item(child.title, child.setTitle))
            if isinstance(child, QTabWidget):
                for index in range(child.count()):
                    items.append(_Item(lambda t=child, i=index: t.tabText(i),
                                       lambda text, t=child, i=index: t.setTabText(i, text)))
                    sub_scopes.append(child.widget(index))
                continue
            walk(child)

    walk(scope)
    return items, sub_scopes


def make_unique(root: QWidget, reserved: tuple[str, ...] = RESERVED) -> None:
    """Give every access key under ``root`` a letter of its own within its scope."""
    _resolve(root, set(reserved))


def _resolve(scope: QWidget, taken: set[str]) -> None:
    items, sub_scopes = _items(scope)
    for item in items:
        text, key = with_key(item.get(), taken)
        if text != item.get():
            item.put(text)
        if key:
            taken.add(key)
    for page in sub_scopes:
        _resolve(page, set(taken))
