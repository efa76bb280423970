#!/usr/bin/env bash
# Build the per-machine MSI with msitools' wixl and check its tables with msiinfo.
#   installer/build-msi.sh SOURCEDIR [OUT.msi]
# SOURCEDIR is the PyInstaller folder of the WINDOWS build (k360desk.exe, _internal/…).
# VERSION (default: from src/k360desk/__init__.py) must be numeric x.y.z for MSI.
# Needs: apt-get install wixl msitools
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
SRC=$(cd "${1:?Aufruf: build-msi.sh QUELLORDNER [AUSGABE.msi]}" && pwd)
VERSION=${VERSION:-$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/src/k360desk/__init__.py")}
MSI=${2:-$HERE/out/k360desk-$VERSION-x64.msi}
UPGRADE_CODE={7E501D91-2C56-4149-919F-A11E97E88B36}
mkdir -p "$(dirname "$MSI")"
MSI=$(cd "$(dirname "$MSI")" && pwd)/$(basename "$MSI")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if ! [[ $VERSION =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "Fehler: MSI-Version muss x.y.z sein, nicht '$VERSION'" >&2; exit 1
fi
for f in k360desk.exe k360desk-cli.exe _internal/k360desk/resources/k360desk-file.ico; do
  [ -f "$SRC/$f" ] || { echo "Fehler: $SRC/$f fehlt (kein Windows-Bundle?)" >&2; exit 1; }
done

# 1) the file list: one component per file below INSTALLDIR
PARENT=$(dirname "$SRC"); NAME=$(basename "$SRC")
(cd "$PARENT" && find "$NAME" -type f | LC_ALL=C sort \
  | wixl-heat -p "$NAME/" --component-group CG.AppFiles --var var.SourceDir \
      --directory-ref INSTALLDIR --win64) > "$WORK/appfiles.wxs"

# 2) the MSI
start=$(date +%s)
# wixl only finds sources by relative paths: link them into the work folder.
# It warns about WiX attributes it ignores (Platform, CompressionLevel …): filtered.
ln -s "$SRC" "$WORK/app"; ln -s "$ROOT/src/k360desk/resources" "$WORK/res"
(cd "$WORK" && wixl -a x64 -D Win64=yes -D Version="$VERSION" -D SourceDir=app \
     -D ResourceDir=res -o "$MSI" "$HERE/k360desk.wxs" appfiles.wxs) 2>&1 \
  | grep -vE "has no property named|^\s*\$" || true
[ -s "$MSI" ] || { echo "Fehler: wixl hat kein MSI erzeugt" >&2; exit 1; }
# wixl ignores IncludeMaximum and MigrateFeatures of <UpgradeVersion> (it writes 256): set
# the attributes WiX writes from the same source, 769 = MigrateFeatures + VersionMinInclusive
# + VersionMaxInclusive, so a same-version build replaces the installed one here too.
mkdir -p "$WORK/idt"
msiinfo export "$MSI" Upgrade | tr -d '\r' \
  | awk -F'\t' 'BEGIN{OFS="\t"} $7=="WIX_UPGRADE_DETECTED"{$5=769} {printf "%s\r\n", $0}' > "$WORK/idt/Upgrade.idt"
(cd "$WORK/idt" && msibuild "$MSI" -i Upgrade.idt)
echo "MSI gebaut in $(( $(date +%s) - start )) s: $MSI ($(du -h "$MSI" | cut -f1))"

# 3) assertions on the tables (what IT and Windows will read)
fail=0
check() {  # check DESCRIPTION TABLE PATTERN
  local table  # read the whole table first: grep -q would close the pipe early (pipefail)
  table=$(msiinfo export "$MSI" "$2" | tr -d '\r')
  if grep -qE -- "$3" <<<"$table"; then
    echo "  ok    $1"
  else
    echo "  FEHLT $1 ($2: $3)"; fail=1
  fi
}
echo "Prüfung mit msiinfo:"
check "Produktversion $VERSION" Property "^ProductVersion	$VERSION\$"
check "UpgradeCode $UPGRADE_CODE" Property "^UpgradeCode	$UPGRADE_CODE\$"
check "Hersteller k360" Property "^Manufacturer	k360\$"
check "pro Rechner (ALLUSERS=1)" Property "^ALLUSERS	1\$"
check "Features Main, StartMenu, Association" Feature "^Association	"
check "Upgrade: ältere Versionen und andere Builds dieser Version ersetzen" Upgrade "^$UPGRADE_CODE	0\.0\.0	$VERSION		769		WIX_UPGRADE_DETECTED\$"
check "Upgrade: neuere Version nur erkennen" Upgrade "^$UPGRADE_CODE	$VERSION			2		WIX_DOWNGRADE_DETECTED\$"
check "Downgrade verweigert (Startbedingung)" LaunchCondition "^NOT WIX_DOWNGRADE_DETECTED OR Installed	Eine neuere Version"
check "alte Version im selben Vorgang entfernen (nach InstallInitialize)" InstallExecuteSequence "^RemoveExistingProducts		1501\$"
check "Programme-Ordner 64 Bit" Directory "^INSTALLDIR	ProgramFiles64Folder	k360desk\$"
check "Startmenü-Verknüpfung" Shortcut "ProgramMenuFolder	k360desk	cmpStartMenu	\[INSTALLDIR\]k360desk.exe"
check "Dateiendung .k360" Registry "	2	Software\\\\Classes\\\\.k360		k360desk.Projekt	cmpFileAssociation"
check "Dateityp-Beschreibung" Registry "Software\\\\Classes\\\\k360desk.Projekt		k360desk-Projekt	"
check "eigenes Symbol des Dateityps" Registry "k360desk.Projekt\\\\DefaultIcon		\[INSTALLDIR\]_internal\\\\k360desk\\\\resources\\\\k360desk-file.ico"
check "Öffnen-Befehl" Registry "k360desk.Projekt\\\\shell\\\\open\\\\command		\"\[INSTALLDIR\]k360desk.exe\" \"%1\""
check "Programm k360desk.exe" File "	k360desk.exe	"
check "Konsolenprogramm k360desk-cli.exe" File "	k360desk-cli.exe	"
check "Sprache Deutsch (1031)" Property "^ProductLanguage	1031\$"
summary=$(msiinfo suminfo "$MSI")
if grep -q "Template: x64;" <<<"$summary"; then
  echo "  ok    Plattform x64"
else
  echo "  FEHLT Plattform x64 ($(grep -i template <<<"$summary"))"; fail=1
fi
if [ "$fail" -ne 0 ]; then
  echo "Fehler: das MSI erfüllt nicht alle Prüfungen" >&2; exit 1
fi
echo "MSI-Prüfung bestanden."
