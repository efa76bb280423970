#!/usr/bin/env bash
# Run every benchmark in bench/ and print its figures (medians); no pass/fail.
set -uo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
for script in bench/bench_*.py; do
  echo "== $script"
  .venv/bin/python "$script" || echo "(fehlgeschlagen: $script)"
done
