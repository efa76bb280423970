"""Handing a file to the desktop: show it in Explorer, start a new mail with it attached.

On Windows a new mail is opened through Simple MAPI (``MAPISendMailW``), which Outlook and
other mail programs register; the user sees the compose window and sends it themselves.
Nothing is sent by the app, and nothing goes through the network from here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

MAPI_LOGON_UI = 0x00000001
MAPI_DIALOG = 0x00000008
MAPI_USER_ABORT = 1


def show_in_file_manager(path: str | Path) -> bool:
    """Open the folder of ``path`` with the file selected (Explorer) or the folder (elsewhere)."""
    path = Path(path).absolute()
    try:
        if sys.platform == "win32":
            subprocess.Popen(["explorer", f"/select,{path}"])  # noqa: S603,S607 - fixed program
        elif sys.platform == "darwin":
            subprocess.Popen(["open", "-R", str(path)])  # noqa: S603,S607
        else:
            subprocess.Popen(["xdg-open", str(path.parent)])  # noqa: S603,S607
    except OSError:
        return False
    return True


def can_compose_mail() -> bool:
    """Whether a mail program with Simple MAPI is available (Windows only)."""
    if sys.platform != "win32":
        return False
    import ctypes

    try:
        ctypes.WinDLL("mapi32.dll").MAPISendMailW  # noqa: B018 - probe for the export
    except (OSError, AttributeError):
        return False
    return True


def compose_mail(attachment: str | Path, subject: str, body: str = "") -> bool:
    """Open a new mail with ``attachment``; False if no mail program answers or the user aborted.

    Blocks until the mail program takes over, so call it off the GUI thread.
    """
    if not can_compose_mail():
        return False
    import ctypes
    from ctypes import wintypes

    class MapiFileDescW(ctypes.Structure):
        _fields_ = [("ulReserved", wintypes.ULONG), ("flFlags", wintypes.ULONG),
                    ("nPosition", wintypes.ULONG), ("lpszPathName", wintypes.LPWSTR),
                    ("lpszFileName", wintypes.LPWSTR), ("lpFileType", ctypes.c_void_p)]

    class MapiMessageW(ctypes.Structure):
        _fields_ = [("ulReserved", wintypes.ULONG), ("lpszSubject", wintypes.LPWSTR),
                    ("lpszNoteText", wintypes.LPWSTR), ("lpszMessageType", wintypes.LPWSTR),
                    ("lpszDateReceived", wintypes.LPWSTR), ("lpszConversationID", wintypes.LPWSTR),
                    ("flFlags", wintypes.ULONG), ("lpOriginator", ctypes.c_void_p),
                    ("nRecipCount", wintypes.ULONG), ("lpRecips", ctypes.c_void_p),
                    ("nFileCount", wintypes.ULONG), ("lpFiles", ctypes.POINTER(MapiFileDescW))]

    path = Path(attachment).absolute()
    files = MapiFileDescW(0, 0, 0xFFFFFFFF, str(path), path.name, None)
    message = MapiMessageW(0, subject, body, None, None, None, 0, None, 0, None, 1,
                           ctypes.pointer(files))
    send = ctypes.WinDLL("mapi32.dll").MAPISendMailW
    send.restype = wintypes.ULONG
    result = send(None, None, ctypes.byref(message), MAPI_LOGON_UI | MAPI_DIALOG, 0)
    return result == 0


def default_subject(municipality: str, file_name: str) -> str:
    """The German subject line for a sent project copy."""
    return f"Projektdatei {municipality}: {file_name}"


__all__ = ["can_compose_mail", "compose_mail", "default_subject", "show_in_file_manager"]
