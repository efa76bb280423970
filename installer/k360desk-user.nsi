; Per-user installer of k360desk: no administrator rights, no UAC prompt.
; Installs into %LOCALAPPDATA%\Programs\k360desk, registers .k360 in HKCU and an entry
; in "Apps & Features" of this user only. Silent: setup-user.exe /S, uninstall.exe /S.
; Build on Linux (Debian nsis) or Windows, after writing the uninstaller's file list:
;   python installer/nsis_files.py dist\k360desk out\uninstall-files.nsh
;   makensis [-DAMD64] -DVERSION=0.1.0 -DSRCDIR=dist\k360desk -DRESDIR=src\k360desk\resources
;            -DFILELIST=out\uninstall-files.nsh [-DSIGNCMD="sign.cmd"] k360desk-user.nsi
; SIGNCMD is called with the path of the uninstaller (and of the setup) to sign them
; before they are packed, so uninstall.exe carries the same signature as the setup.
; Where AppLocker only allows programs from Program Files, use the MSI instead.
Unicode true
!ifdef AMD64
  Target amd64-unicode          ; Debian's nsis has 64-bit stubs; the official Windows build
!endif                          ; has only x86 ones, which suit a per-user install just as well
SetCompressor /SOLID lzma
SetCompressorDictSize 64

!ifndef VERSION
  !define VERSION 0.0.0
!endif
!ifndef SRCDIR
  !define SRCDIR dist\k360desk
!endif
!ifndef RESDIR
  !define RESDIR ..\src\k360desk\resources
!endif
!ifndef OUTDIR
  !define OUTDIR .
!endif
!ifndef FILELIST
  !error "FILELIST fehlt: erst installer/nsis_files.py aufrufen (siehe oben)"
!endif
!include "${FILELIST}"
!ifdef SIGNCMD
  !uninstfinalize '${SIGNCMD} "%1"'
  !finalize '${SIGNCMD} "%1"'
!endif
!define APP "k360desk"
!define EXE "k360desk.exe"
!define PUBLISHER "k360"
!define PROGID "k360desk.Projekt"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"

Name "${APP} ${VERSION}"
OutFile "${OUTDIR}\${APP}-${VERSION}-setup-user.exe"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "Software\${PUBLISHER}\${APP}\Installation" "InstallDir"
ShowInstDetails nevershow
ShowUninstDetails nevershow
BrandingText "${APP} ${VERSION}"
Icon "${RESDIR}\k360desk.ico"
UninstallIcon "${RESDIR}\k360desk.ico"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1031 "ProductName" "${APP}"
VIAddVersionKey /LANG=1031 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1031 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1031 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1031 "FileDescription" "${APP} – Installation für den aktuellen Benutzer"
VIAddVersionKey /LANG=1031 "LegalCopyright" "© ${PUBLISHER}"

!include "MUI2.nsh"
!define MUI_ICON "${RESDIR}\k360desk.ico"
!define MUI_UNICON "${RESDIR}\k360desk.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "k360desk jetzt starten"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "German"

Section "Install"
  SetShellVarContext current
  ; An older version: remove exactly its files with its own uninstaller (it knows its file
  ; list; _?= keeps it in place and makes ExecWait wait), then copy the new ones.
  ReadRegStr $0 HKCU "Software\${PUBLISHER}\${APP}\Installation" "Uninstall"
  StrCmp $0 "filelist" 0 +3
    IfFileExists "$INSTDIR\uninstall.exe" 0 +2
      ExecWait '"$INSTDIR\uninstall.exe" /S _?=$INSTDIR'
  SetOutPath "$INSTDIR"
  File /r "${SRCDIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 \
    SW_SHOWNORMAL "" "Integrierte Sozialplanung"
  WriteRegStr HKCU "Software\${PUBLISHER}\${APP}\Installation" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "Software\${PUBLISHER}\${APP}\Installation" "Version" "${VERSION}"
  ; Marks an uninstaller that removes a file list only (safe to call before an upgrade).
  WriteRegStr HKCU "Software\${PUBLISHER}\${APP}\Installation" "Uninstall" "filelist"
  ; "Apps & Features" entry of this user
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ; .k360 without admin rights: HKCU\Software\Classes overrides HKLM for this user
  WriteRegStr HKCU "Software\Classes\.k360" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.k360" "Content Type" "application/x-k360desk"
  WriteRegStr HKCU "Software\Classes\.k360\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "k360desk-Projekt"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "FriendlyTypeName" "k360desk-Projekt"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\_internal\k360desk\resources\k360desk-file.ico"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP}.lnk"
  ; Exactly the files this version installed, never the folder recursively: a project
  ; file someone saved in the install folder survives, and so does the folder around it.
  !insertmacro K360_REMOVE_FILES
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\${PUBLISHER}\${APP}\Installation"
  ; The association only if it is still ours (a later MSI may have taken it over).
  ReadRegStr $0 HKCU "Software\Classes\.k360" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.k360"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  ; The user's settings (HKCU\Software\k360\k360desk) and projects stay: they are data.
SectionEnd
