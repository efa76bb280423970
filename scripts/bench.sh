#!/usr/bin/env bash
# Run every benchmark in bench/ and print its figures (medians), then a table of all goals
# and whether each is met. Works from any checkout location; no pass/fail exit code.
# Another interpreter: PYTHON=/path/to/python scripts/bench.sh
set -uo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
export PYTHONPATH="$PWD/src${PYTHONPATH:+:$PYTHONPATH}"
PYTHON="${PYTHON:-.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3
summary="$(mktemp)"
trap 'rm -f "$summary"' EXIT
export K360DESK_BENCH_SUMMARY="$summary"
for script in bench/bench_*.py; do
  echo "== $script"
  "$PYTHON" "$script" || echo "(fehlgeschlagen: $script)"
done
echo
echo "== Ziele"
"$PYTHON" - "$summary" <<'PY'
import sys

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
if not rows:
    print("(keine Ziele gemeldet)")
    sys.exit(0)
width = min(max(len(r[0]) for r in rows), 90)
print(f"{'Ziel':<{width}}  {'Messwert':>10}  {'Ziel':>10}  erreicht")
for label, value, goal, met in rows:
    print(f"{label[:width]:<{width}}  {value:>10}  {goal:>10}  {met}")
met = sum(r[3] == "ja" for r in rows)
print(f"{met} von {len(rows)} Zielen erreicht")
PY
