"""Entry script of the frozen program (PyInstaller): set up caches, then the normal front door."""

import sys


def _main() -> int:
    # Before anything imports matplotlib: its font cache belongs under the user's local
    # data folder, not in a new temporary folder on every start (nor beside the program).
    from k360desk.projectfile.paths import prepare_runtime

    prepare_runtime()
    from k360desk.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(_main())
