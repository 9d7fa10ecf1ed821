; The Windows installer: per user, no administrator rights needed. It puts
; manual-editor under the user's own programs folder, adds a Start menu
; entry, offers the editor for manual files (*.ron, as "Open with"; it
; becomes the default only where no program has .ron yet: the extension
; is Rust's general data format too, and a manual is a .ron file in every
; other place it goes), and registers an uninstaller in Add or remove
; programs. `/S` installs silently.
;
; Built on Linux by tests/windows/build.sh:
;   makensis -DVERSION=0.1.0 -DSTAGE=<folder with the program> -DOUT=<setup.exe> installer.nsi

; A 64-bit installer for the 64-bit program (and one that runs where only
; 64-bit Windows programs can, as under a 64-bit-only Wine).
Target amd64-unicode
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "VERSION is not set"
!endif
!ifndef STAGE
  !error "STAGE (the folder to install) is not set"
!endif
!ifndef OUT
  !define OUT "manual-editor-${VERSION}-setup.exe"
!endif

!define NAME "manual-editor"
!define PROGID "ManualEditor.Manual"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${NAME}"

Name "${NAME} ${VERSION}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\${NAME}"
InstallDirRegKey HKCU "Software\${NAME}" "InstallDir"
Icon "manual-editor.ico"
UninstallIcon "manual-editor.ico"
ShowInstDetails show

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Section "manual-editor"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File /r "${STAGE}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "Software\${NAME}" "InstallDir" "$INSTDIR"

  CreateShortcut "$SMPROGRAMS\manual-editor.lnk" "$INSTDIR\manual-editor.exe" "" "$INSTDIR\manual-editor.exe" 0

  ; Manual files open in the editor.
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Procedures manual"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\manual-editor.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\manual-editor.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\.ron\OpenWithProgids" "${PROGID}" ""
  ReadRegStr $0 HKCU "Software\Classes\.ron" ""
  StrCmp $0 "" 0 +2
    WriteRegStr HKCU "Software\Classes\.ron" "" "${PROGID}"

  ; Add or remove programs.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "manual-editor"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\manual-editor.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\manual-editor.lnk"
  DeleteRegValue HKCU "Software\Classes\.ron\OpenWithProgids" "${PROGID}"
  ReadRegStr $0 HKCU "Software\Classes\.ron" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegValue HKCU "Software\Classes\.ron" ""
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${NAME}"
  RMDir /r "$INSTDIR"
SectionEnd
