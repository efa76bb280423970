"""Where the application keeps its own files: working copies, backups, settings.

Nothing is ever written beside the program (it may sit read-only in Program Files);
everything lives under the user's local application data.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "k360desk"


def data_dir() -> Path:
    """Return the per-user local data folder, creating it if needed.

    ``K360DESK_DATA_DIR`` overrides it (tests, portable use). On Windows this is
    ``%LOCALAPPDATA%\\k360desk`` – local, not roaming, so working copies never travel
    through OneDrive or a redirected profile share.
    """
    override = os.environ.get("K360DESK_DATA_DIR")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        base = Path(local) / APP_DIR_NAME
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        base = Path(xdg) / APP_DIR_NAME
    base.mkdir(parents=True, exist_ok=True)
    return base


def work_dir() -> Path:
    """Folder of working copies of open projects (and of crash leftovers)."""
    path = data_dir() / "work"
    path.mkdir(parents=True, exist_ok=True)
    return path


def backup_dir() -> Path:
    """Folder of the kept previous versions of saved projects."""
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_name() -> str:
    """Return the login name of the current user, or a neutral fallback."""
    for var in ("USERNAME", "USER", "LOGNAME"):
        if os.environ.get(var):
            return os.environ[var]
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # noqa: BLE001 - any failure means "unknown"
        return "unbekannt"


# Folders where mail programs put opened attachments (Outlook's secure temp folder lives
# under INetCache\Content.Outlook; others use the user's temp folder).
_ATTACHMENT_MARKERS = ("content.outlook", "content.mso", "inetcache", "temporary internet files")


def is_temporary_location(path: Path) -> bool:
    """Whether a file lies in a temporary folder, as an opened email attachment does."""
    import tempfile

    resolved = str(Path(path).absolute()).lower()
    if any(marker in resolved for marker in _ATTACHMENT_MARKERS):
        return True
    temp = str(Path(tempfile.gettempdir()).absolute()).lower()
    # Tests (and portable setups) keep real documents in the temp folder.
    if os.environ.get("K360DESK_TEMP_AS_DOCUMENTS"):
        return False
    return resolved.startswith(temp + os.sep)


# --- Windows: program folder, Documents, long and network paths ------------------------
# Municipal PCs install the program read-only under Program Files, redirect Documents to
# OneDrive or a server share, map network drives and have user names with umlauts.

LONG_PATH_LIMIT = 240  # MAX_PATH is 260; leave room for the names SQLite and we append


def is_frozen() -> bool:
    """Whether we run from the installed (PyInstaller) bundle."""
    return bool(getattr(sys, "frozen", False))


def program_dir() -> Path:
    """The folder of the program: read-only when installed, never written at run time."""
    if is_frozen():
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[1]


def is_within(child: Path, parent: Path) -> bool:
    """Whether ``child`` is ``parent`` or lies below it (case-insensitive on Windows)."""
    a = os.path.normcase(os.path.abspath(child))
    b = os.path.normcase(os.path.abspath(parent))
    return a == b or a.startswith(b.rstrip("\\/") + os.sep)


def folder_writable(folder: Path) -> bool:
    """Whether we may create files in ``folder``, by trying it.

    ``os.access`` only looks at the read-only attribute on Windows, not at the ACLs of
    Program Files or a network share, so it says "writable" where writing fails. On other
    systems ``os.access`` is accurate and leaves no trace in the user's folder.
    """
    if sys.platform != "win32":
        return os.access(folder, os.W_OK)
    probe = Path(folder) / f".k360-probe-{os.getpid()}"
    try:
        with open(long_path(probe), "x", encoding="ascii") as handle:
            handle.write("")
    except OSError:
        return False
    try:
        os.unlink(long_path(probe))
    except OSError:
        pass
    return True


def documents_dir() -> Path:
    """The user's real Documents folder, also when redirected to OneDrive or a share.

    ``~/Documents`` is wrong there; Windows knows the real place as a Known Folder.
    """
    if sys.platform == "win32":
        found = _known_folder_documents()
        if found:
            return Path(found)
        one_drive = os.environ.get("OneDriveCommercial") or os.environ.get("OneDrive")
        if one_drive and (Path(one_drive) / "Documents").is_dir():
            return Path(one_drive) / "Documents"
    for name in ("Documents", "Dokumente"):
        candidate = Path.home() / name
        if candidate.is_dir():
            return candidate
    return Path.home()


def _known_folder_documents() -> str | None:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    class GUID(ctypes.Structure):
        _fields_ = [("Data1", wintypes.DWORD), ("Data2", wintypes.WORD),
                    ("Data3", wintypes.WORD), ("Data4", ctypes.c_ubyte * 8)]

    # FOLDERID_Documents {FDD39AD0-238F-46AF-ADB4-6C85480369C7}
    folder_id = GUID(0xFDD39AD0, 0x238F, 0x46AF,
                     (ctypes.c_ubyte * 8)(0xAD, 0xB4, 0x6C, 0x85, 0x48, 0x03, 0x69, 0xC7))
    result = ctypes.c_wchar_p()
    try:
        shell32 = ctypes.windll.shell32
        if shell32.SHGetKnownFolderPath(ctypes.byref(folder_id), 0, None,
                                        ctypes.byref(result)) != 0:
            return None
        return result.value
    except (AttributeError, OSError):
        return None
    finally:
        if result:
            ctypes.windll.ole32.CoTaskMemFree(result)


def long_path(path: str | os.PathLike, windows: bool | None = None) -> str:
    """A path string that Windows file functions accept beyond 260 characters.

    Adds ``\\\\?\\`` (or ``\\\\?\\UNC\\`` for network paths) to long absolute paths on
    Windows; elsewhere, and for short paths, the path is returned unchanged.
    """
    windows = sys.platform == "win32" if windows is None else windows
    text = os.fspath(path)
    if not windows or text.startswith("\\\\?\\") or len(text) < LONG_PATH_LIMIT:
        return text
    text = _win_absolute(text)
    if text.startswith("\\\\"):
        return "\\\\?\\UNC\\" + text[2:]
    return "\\\\?\\" + text


def _win_absolute(text: str) -> str:
    import ntpath

    if sys.platform == "win32":
        text = os.path.abspath(text)
    return ntpath.normpath(text.replace("/", "\\"))


def is_network_path(path: str | os.PathLike, windows: bool | None = None) -> bool:
    """Whether a path lies on a network share (UNC path or mapped network drive)."""
    windows = sys.platform == "win32" if windows is None else windows
    text = os.fspath(path)
    if not windows:
        return text.startswith("//")
    if text.startswith("\\\\?\\UNC\\") or (text.startswith(("\\\\", "//"))
                                          and not text.startswith("\\\\?\\")):
        return True
    drive = text[:2]
    if len(drive) == 2 and drive[1] == ":" and sys.platform == "win32":  # pragma: no cover
        import ctypes

        return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4  # DRIVE_REMOTE
    return False


def sqlite_uri(path: str | os.PathLike, windows: bool | None = None, **query: str) -> str:
    """A ``file:`` URI for SQLite that also works for UNC paths, umlauts and ``#``/``?``.

    ``Path.as_uri()`` turns ``\\\\server\\share\\x.k360`` into ``file://server/share/…``,
    which SQLite rejects ("invalid uri authority"); and on Windows ``Path.resolve()``
    turns every mapped network drive into such a UNC path. SQLite wants
    ``file:////server/share/…`` instead.
    """
    from urllib.parse import quote

    windows = sys.platform == "win32" if windows is None else windows
    text = os.fspath(path)
    if windows:
        text = _win_absolute(text)
        if text.startswith("\\\\?\\UNC\\"):
            text = "\\\\" + text[8:]
        elif text.startswith("\\\\?\\"):
            text = text[4:]
        text = text.replace("\\", "/")
        if text.startswith("//"):
            text = "//" + text  # empty authority, then the UNC path //server/share
        else:
            text = "/" + text  # /C:/Users/…
    else:
        text = os.path.abspath(text)
    uri = "file:" + quote(text, safe="/:")
    if query:
        uri += "?" + "&".join(f"{k}={quote(str(v), safe='')}" for k, v in query.items())
    return uri


def replace_file(source: Path, target: Path, attempts: int = 10, pause: float = 0.2) -> None:
    """``os.replace`` that waits out short locks by OneDrive, indexing or virus scanners.

    On Windows a file that another process has open (OneDrive syncing the previous
    version, Defender scanning it) cannot be replaced for a moment: "access denied" or
    "being used by another process". Retry for about two seconds before giving up.
    """
    import time

    for attempt in range(attempts):
        try:
            os.replace(long_path(source), long_path(target))
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == attempts - 1:
                raise
            time.sleep(pause)


def prepare_runtime() -> None:
    """Point caches that libraries would put beside the program to the user's folder.

    Call before matplotlib is imported. In the frozen app matplotlib would otherwise use
    a fresh temporary folder and rebuild its font cache on every start (seconds).
    """
    if not is_frozen():
        return  # a Python installation keeps matplotlib's cache in the user's home already
    # The app promises IT that it makes no network connections: PROJ must never fetch grids.
    os.environ["PROJ_NETWORK"] = "OFF"
    try:
        target = data_dir() / "matplotlib"  # the same folder the GUI start uses
        target.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # PyInstaller's temporary folder stays in place: slower start, but it works
    os.environ["MPLCONFIGDIR"] = str(target)
