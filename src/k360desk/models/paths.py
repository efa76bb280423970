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
