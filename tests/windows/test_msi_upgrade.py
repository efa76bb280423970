"""Same-version reinstall replaces in place, a newer version upgrades, a downgrade is refused.

The MSI is built from the real k360desk.wxs with wixl (as installer/build-msi.sh does in CI)
and its Upgrade table is run through Windows Installer's FindRelatedProducts rules for each
installed version. The WiX-built MSI gets the same rows from the same source; the
release workflow checks that one on Windows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

INSTALLER = Path(__file__).resolve().parents[2] / "installer"
RESOURCES = INSTALLER.parent / "src" / "k360desk" / "resources"
WIX = "{http://schemas.microsoft.com/wix/2006/wi}"
MIN_INCLUSIVE, MAX_INCLUSIVE, ONLY_DETECT = 256, 512, 2

needs_wixl = pytest.mark.skipif(not (shutil.which("wixl") and shutil.which("msiinfo")
                                     and shutil.which("msibuild")),
                                reason="wixl/msitools fehlen (apt-get install wixl msitools)")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split("."))


def _found(rows: list[dict], installed: str) -> set[str]:
    """Properties FindRelatedProducts sets for a product of this version with our UpgradeCode."""
    found = set()
    for row in rows:
        v = _version(installed)
        low, high, attributes = row["VersionMin"], row["VersionMax"], int(row["Attributes"])
        if low and not (v >= _version(low) if attributes & MIN_INCLUSIVE else v > _version(low)):
            continue
        if high and not (v <= _version(high) if attributes & MAX_INCLUSIVE else v < _version(high)):
            continue
        found.add(row["ActionProperty"])
    return found


def _msi(tmp_path: Path, version: str) -> Path:
    app = tmp_path / "k360desk"
    (app / "_internal" / "k360desk" / "resources").mkdir(parents=True, exist_ok=True)
    for name in ("k360desk.exe", "k360desk-cli.exe"):
        (app / name).write_bytes(b"MZ")
    shutil.copy(RESOURCES / "k360desk-file.ico", app / "_internal/k360desk/resources")
    out = tmp_path / f"k360desk-{version}.msi"
    result = subprocess.run([str(INSTALLER / "build-msi.sh"), str(app), str(out)],
                            env={**os.environ, "VERSION": version}, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _table(msi: Path, name: str) -> list[dict]:
    text = subprocess.run(["msiinfo", "export", str(msi), name], capture_output=True,
                          text=True, check=True).stdout.replace("\r", "")
    lines = text.split("\n")
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[3:] if line]


@needs_wixl
def test_upgrade_rules_of_the_built_msi(tmp_path):
    msi = _msi(tmp_path, "1.4.2")
    rows = _table(msi, "Upgrade")
    blocked_by = {row["Condition"] for row in _table(msi, "LaunchCondition")}
    assert "NOT WIX_DOWNGRADE_DETECTED OR Installed" in blocked_by
    # Another build of the same version: replaced, not a second entry in Apps & Features.
    assert _found(rows, "1.4.2") == {"WIX_UPGRADE_DETECTED"}
    # An older version: upgraded in place.
    assert _found(rows, "1.3.9") == {"WIX_UPGRADE_DETECTED"}
    assert _found(rows, "0.1.0") == {"WIX_UPGRADE_DETECTED"}
    # A newer version installed: only detected, and the launch condition stops the install.
    assert _found(rows, "1.4.3") == {"WIX_DOWNGRADE_DETECTED"}
    assert _found(rows, "2.0.0") == {"WIX_DOWNGRADE_DETECTED"}
    downgrade = next(r for r in rows if r["ActionProperty"] == "WIX_DOWNGRADE_DETECTED")
    assert int(downgrade["Attributes"]) & ONLY_DETECT
    # The old version is removed inside the install transaction (rolled back on failure).
    sequence = {r["Action"]: int(r["Sequence"]) for r in _table(msi, "InstallExecuteSequence")}
    assert sequence["InstallInitialize"] < sequence["RemoveExistingProducts"] < sequence["InstallFiles"]
    assert sequence["FindRelatedProducts"] < sequence["LaunchConditions"]


def test_wix_source_declares_the_same_rules():
    product = ET.parse(INSTALLER / "k360desk.wxs").getroot().find(f"{WIX}Product")
    assert product.get("Id") == "*"  # every build a new product code: upgrades are major
    assert product.find(f"{WIX}MajorUpgrade") is None  # wixl would drop its options
    versions = product.find(f"{WIX}Upgrade").findall(f"{WIX}UpgradeVersion")
    by_property = {v.get("Property"): v for v in versions}
    older = by_property["WIX_UPGRADE_DETECTED"]
    assert older.get("IncludeMaximum") == "yes" and older.get("Maximum") == "$(var.Version)"
    newer = by_property["WIX_DOWNGRADE_DETECTED"]
    assert newer.get("OnlyDetect") == "yes" and newer.get("IncludeMinimum") == "no"
    remove = product.find(f"{WIX}InstallExecuteSequence").find(f"{WIX}RemoveExistingProducts")
    assert remove.get("After") == "InstallInitialize"
