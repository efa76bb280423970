#!/usr/bin/env bash
# Freeze k360desk for Linux with the same spec as Windows and run the frozen self-test.
#   installer/build-linux.sh            # bundle in installer/out/dist/k360desk
# PY: the Python with k360desk's dependencies (default .venv/bin/python, else /work/venv).
# SKIP_SELFTEST=1 builds only. The self-test runs offscreen from a read-only copy of the
# bundle (as from Program Files) and fails if anything is written beside the program.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(dirname "$HERE")
cd "$ROOT"
if [ -z "${PY:-}" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=/work/venv/bin/python; fi
fi
OUT=$HERE/out
T0=$(date +%s)
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  echo "PyInstaller installieren …"
  "$PY" -m pip install --quiet "pyinstaller>=6.10"
fi
echo "PyInstaller: Linux-Bundle bauen …"
"$PY" -m PyInstaller --noconfirm --clean --log-level ERROR \
  --distpath "$OUT/dist" --workpath "$OUT/build" "$HERE/k360desk.spec"
APP=$OUT/dist/k360desk
echo "Bundle: $APP ($(du -sh "$APP" | cut -f1), $(find "$APP" -type f | wc -l) Dateien) in $(( $(date +%s) - T0 )) s"
"$PY" "$HERE/bundle_report.py" "$APP"
[ "${SKIP_SELFTEST:-0}" = 1 ] && exit 0

# Self-test of the frozen program, from a read-only folder, with a fresh user profile.
chmod -R a-w "$APP"
REPORT=$OUT/selftest-linux
rm -rf "$REPORT" "$OUT/home"; mkdir -p "$OUT/home"
set +e
env -u K360DESK_DATA_DIR HOME="$OUT/home" XDG_DATA_HOME="$OUT/home/.local/share" \
  QT_QPA_PLATFORM=offscreen "$APP/k360desk-cli" --selftest "$REPORT"
rc=$?
set -e
chmod -R u+w "$APP"
if [ "$rc" -ne 0 ]; then
  echo "Fehler: Selbsttest des gebündelten Programms fehlgeschlagen (Bericht: $REPORT/selftest.txt)" >&2
  sed -n '/Fehlerdetails/,$p' "$REPORT/selftest.txt" >&2 || true
  exit 1
fi
echo "Selbsttest des gebündelten Programms bestanden ($(( $(date +%s) - T0 )) s gesamt)"
