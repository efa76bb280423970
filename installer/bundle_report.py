"""Print what a frozen bundle holds, for the build log: total, launchers, the 20 largest files.

    python installer/bundle_report.py BUNDLE [--max-mb 250] [--forbid scipy,sklearn]

Exit code 1 when the bundle is larger than ``--max-mb`` or holds a forbidden package
(the Windows build checks the installed size against the 250 MB goal this way; the Linux
bundle carries a larger GDAL and is reported only).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

MB = 1024 * 1024


def sizes(bundle: Path) -> list[tuple[int, Path]]:
    """Every file of the bundle with its size, largest first."""
    # Linux bundles link libraries into _internal (symlinks): count each file once.
    found = [(p.stat().st_size, p.relative_to(bundle)) for p in bundle.rglob("*")
             if p.is_file() and not p.is_symlink()]
    return sorted(found, key=lambda item: (-item[0], str(item[1])))


def forbidden_found(files: list[tuple[int, Path]], names: list[str]) -> list[str]:
    """The forbidden top-level packages that occur below _internal."""
    present = {path.parts[1] for _size, path in files if len(path.parts) > 2 and path.parts[0] == "_internal"}
    return [name for name in names if name in present]


def main(argv: list[str]) -> int:
    """Command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--max-mb", type=float)
    parser.add_argument("--forbid", default="scipy,sklearn,mapclassify,networkx")
    args = parser.parse_args(argv)
    files = sizes(args.bundle)
    total = sum(size for size, _path in files)
    launchers = [(s, p) for s, p in files if len(p.parts) == 1 and p.name.startswith("k360desk")]
    print(f"Bundle: {total / MB:.1f} MB in {len(files)} Dateien; Starter: "
          + ", ".join(f"{p.name} {s / MB:.2f} MB" for s, p in launchers))
    print("Die 20 größten Dateien:")
    for size, path in files[:20]:
        print(f"  {size / MB:7.1f} MB  {path.as_posix()}")
    failed = False
    bad = forbidden_found(files, [n for n in args.forbid.split(",") if n])
    if bad:
        print(f"Fehler: nicht benötigte Pakete im Bundle: {', '.join(bad)}", file=sys.stderr)
        failed = True
    if args.max_mb is not None and total > args.max_mb * MB:
        print(f"Fehler: {total / MB:.1f} MB installiert, Ziel höchstens {args.max_mb:.0f} MB",
              file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
