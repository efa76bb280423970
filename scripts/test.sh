#!/usr/bin/env bash
# Run the test suite offscreen. Exit 5 (no tests collected) is reported as a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m pytest "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
  echo "Fehler: pytest hat keine Tests gefunden." >&2
fi
exit "$rc"
