"""The installer sources agree with each other and with the program."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from k360desk import FILE_SUFFIX, __version__

INSTALLER = Path(__file__).resolve().parents[2] / "installer"
WIX = "{http://schemas.microsoft.com/wix/2006/wi}"


def _wxs():
    return ET.parse(INSTALLER / "k360desk.wxs").getroot()


def test_msi_is_per_machine_with_a_stable_upgrade_code():
    product = _wxs().find(f"{WIX}Product")
    package = product.find(f"{WIX}Package")
    assert package.get("InstallScope") == "perMachine"
    code = product.get("UpgradeCode")
    assert product.find(f"{WIX}Upgrade").get("Id") == code
    # build-msi.sh asserts the built MSI against the same code.
    assert f"UPGRADE_CODE={{{code}}}" in (INSTALLER / "build-msi.sh").read_text()
    assert product.get("Version") == "$(var.Version)"


def test_association_is_the_same_in_msi_and_per_user_installer():
    wxs = (INSTALLER / "k360desk.wxs").read_text(encoding="utf-8")
    nsi = (INSTALLER / "k360desk-user.nsi").read_text(encoding="utf-8")
    assert f"Software\\Classes\\{FILE_SUFFIX}" in wxs and f"Software\\Classes\\{FILE_SUFFIX}" in nsi
    for text in (wxs, nsi):
        assert "k360desk-Projekt" in text
        assert "k360desk.Projekt" in text
        assert "_internal\\k360desk\\resources\\k360desk-file.ico" in text
    assert "RequestExecutionLevel user" in nsi
    assert "$LOCALAPPDATA\\Programs\\${APP}" in nsi


def test_icons_exist_in_the_package_resources():
    resources = Path(__file__).resolve().parents[2] / "src" / "k360desk" / "resources"
    for name in ("k360desk.ico", "k360desk.png", "k360desk-file.ico"):
        data = (resources / name).read_bytes()
        assert len(data) > 1000, name
    assert (resources / "k360desk.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"  # ICO header


def test_version_is_msi_compatible():
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def _workflow() -> str:
    return (INSTALLER.parent / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")


def test_windows_workflow_tests_every_push_to_main_and_builds_with_wix():
    flow = _workflow()
    trigger = flow.split("\njobs:")[0]
    assert re.search(r"push:\n\s+branches: \[main\]", trigger)
    assert "pull_request" in trigger
    # The whole suite on Windows, before anything is built.
    assert re.search(r"tests:\n\s+runs-on: windows-latest", flow)
    assert "needs: tests" in flow and "-m pytest" in flow
    # WiX (the shipped tool) builds and validates; wixl is not used on Windows.
    for tool in ("heat.exe", "candle.exe", "light.exe", "smoke.exe"):
        assert tool in flow
    assert "wixl" not in flow.replace("wixl builds only", "")


def test_windows_workflow_checks_the_frozen_window_size_upgrades_and_uninstall():
    flow = _workflow()
    assert "--selftest" in flow and "k360desk.exe -ArgumentList \"--smoke\"" in flow
    assert "bundle_report.py $dir --max-mb $env:MAX_INSTALLED_MB" in flow
    assert 'MAX_INSTALLED_MB: "250"' in flow
    for check in ("same version installed side by side", "upgrade failed",
                  "downgrade was not refused", "Eigenes Projekt.k360", "nsis_files.py",
                  "/DSIGNCMD="):
        assert check in flow, check
