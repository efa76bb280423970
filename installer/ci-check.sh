#!/usr/bin/env bash
# CI check of the delivery, called by .ci/run after the tests:
#   1. freeze the Linux bundle with the same spec as Windows, run its self-test offscreen
#      (every dependency, the demo project, a district profile once those exist);
#   2. build the per-machine MSI with wixl and assert version, upgrade code, upgrade rules,
#      per-machine scope, Start-menu shortcut and .k360 association with msiinfo;
#   3. run the installer tests that need wixl/makensis (upgrade rules, the per-user
#      uninstaller's file list compiled by makensis).
# Installs its own tools (PyInstaller into the venv; wixl, msitools and nsis with apt-get
# when run as root); without apt-get the MSI part is skipped with a message. Target: < 5 min.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(dirname "$HERE")
cd "$ROOT"
T0=$(date +%s)
if [ -z "${PY:-}" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=/work/venv/bin/python; fi
fi
export PY
echo "== Auslieferung: Linux-Bundle und Selbsttest"
"$PY" -m pip install --quiet "pyinstaller>=6.10"
"$HERE/build-linux.sh"
T1=$(date +%s)

echo "== Auslieferung: MSI (wixl) und Prüfung (msiinfo)"
if ! command -v wixl >/dev/null || ! command -v msiinfo >/dev/null || ! command -v makensis >/dev/null; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q wixl msitools nsis >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && apt-get install -y -q wixl msitools nsis >/dev/null; }
  fi
fi
if ! command -v wixl >/dev/null || ! command -v msiinfo >/dev/null; then
  echo "HINWEIS: MSI-Prüfung übersprungen – wixl/msitools fehlen und apt-get ist nicht verfügbar."
else
  # Structure check: wixl lays out the real bundle's files (Linux binaries under the
  # Windows launcher names); the real Windows MSI comes from wine-build.sh and the
  # release workflow. The MSI is deleted afterwards.
  STAGE=$(mktemp -d)
  trap 'rm -rf "$STAGE"' EXIT
  cp -al "$HERE/out/dist/k360desk" "$STAGE/k360desk" 2>/dev/null || cp -a "$HERE/out/dist/k360desk" "$STAGE/k360desk"
  ln -f "$STAGE/k360desk/k360desk" "$STAGE/k360desk/k360desk.exe"
  ln -f "$STAGE/k360desk/k360desk-cli" "$STAGE/k360desk/k360desk-cli.exe"
  rm -f "$STAGE/k360desk/k360desk" "$STAGE/k360desk/k360desk-cli"
  "$HERE/build-msi.sh" "$STAGE/k360desk" "$STAGE/k360desk-ci-x64.msi" 2>&1 | grep -vE "CRITICAL|^$"
fi
if command -v makensis >/dev/null && command -v wixl >/dev/null; then
  echo "== Auslieferung: Upgrade-Regeln und Deinstallation pro Benutzer (wixl, makensis)"
  QT_QPA_PLATFORM=offscreen "$PY" -m pytest -q -p no:warnings -p no:cacheprovider \
    tests/windows/test_msi_upgrade.py tests/windows/test_uninstall_files.py
fi
T2=$(date +%s)
echo "Auslieferung geprüft in $(( T2 - T0 )) s (Bundle und Selbsttest $(( T1 - T0 )) s, MSI $(( T2 - T1 )) s)"
