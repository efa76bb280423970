"""Entry script of the frozen program (PyInstaller): set up caches, then the normal front door."""

import sys


def _share_proj_data() -> None:
    """Let pyproj use pyogrio's PROJ database: the bundle carries only that one (9 MB less)."""
    import os
    from pathlib import Path

    base = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    ours = base / "pyogrio" / "proj_data"
    if not (base / "pyproj" / "proj_dir" / "share" / "proj" / "proj.db").exists() \
            and (ours / "proj.db").exists():
        os.environ["PROJ_DATA"] = str(ours)


def _main() -> int:
    _share_proj_data()
    # Before anything imports matplotlib: its font cache belongs under the user's local
    # data folder, not in a new temporary folder on every start (nor beside the program).
    from k360desk.projectfile.paths import prepare_runtime

    prepare_runtime()
    from k360desk.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(_main())
