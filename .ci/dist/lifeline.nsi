; Lifeline's Windows installer (NSIS 3, Debian's makensis). Built by .ci/dist/windows, which
; passes VERSION, SRC (the folder with lifeline.exe, lifeline.com and LICENSE.txt) and OUT.
;
; Per user, without admin rights: into %LocalAppData%\Programs\Lifeline, a Start-menu entry,
; the folder on the user's PATH (so `lifeline code github` works in cmd and PowerShell: cmd
; runs lifeline.com, the console twin, before lifeline.exe), and an entry in "Installed apps".
; Silent with /S. The uninstaller removes what the installer put there and never the vault
; (%AppData%\lifeline) or its backups.

Unicode true
SetCompressor /SOLID lzma
; lifeline.com is lifeline.exe but for one header field: a dictionary that holds both
; stores the second for almost nothing.
SetCompressorDictSize 64
RequestExecutionLevel user
ManifestDPIAware true

!include "MUI2.nsh"
!include "WordFunc.nsh"
!include "WinMessages.nsh"

Name "Lifeline"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\Lifeline"
InstallDirRegKey HKCU "Software\Lifeline" "InstallDir"
BrandingText "Lifeline ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "Lifeline"
VIAddVersionKey "FileDescription" "Lifeline installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "GPL-3.0-or-later"

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Lifeline"
!define MUI_ICON "${SRC}\lifeline.ico"
!define MUI_UNICON "${SRC}\lifeline.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\lifeline.exe"

!insertmacro MUI_PAGE_LICENSE "${SRC}\LICENSE.txt"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "Lifeline"
	SetOutPath "$INSTDIR"
	File "${SRC}\lifeline.exe"
	File "${SRC}\lifeline.com"
	File "${SRC}\LICENSE.txt"
	File "${SRC}\README.txt"
	WriteUninstaller "$INSTDIR\uninstall.exe"

	CreateShortCut "$SMPROGRAMS\Lifeline.lnk" "$INSTDIR\lifeline.exe"

	WriteRegStr HKCU "Software\Lifeline" "InstallDir" "$INSTDIR"
	WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "Lifeline"
	WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
	WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Lifeline"
	WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\lifeline.exe"
	WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
	WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
	WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
	WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
	WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1

	; The user's PATH, once: read, append unless present, broadcast the change.
	ReadRegStr $0 HKCU "Environment" "Path"
	${WordFind} "$0" "$INSTDIR" "E+1{" $1
	IfErrors 0 path_done
	StrCmp $0 "" 0 +3
	WriteRegExpandStr HKCU "Environment" "Path" "$INSTDIR"
	Goto path_told
	WriteRegExpandStr HKCU "Environment" "Path" "$0;$INSTDIR"
	path_told:
	SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=500
	path_done:
SectionEnd

Section "Uninstall"
	Delete "$INSTDIR\lifeline.exe"
	Delete "$INSTDIR\lifeline.com"
	Delete "$INSTDIR\LICENSE.txt"
	Delete "$INSTDIR\README.txt"
	Delete "$INSTDIR\uninstall.exe"
	RMDir "$INSTDIR"
	Delete "$SMPROGRAMS\Lifeline.lnk"

	ReadRegStr $0 HKCU "Environment" "Path"
	${WordReplace} "$0" ";$INSTDIR" "" "+" $1
	${WordReplace} "$1" "$INSTDIR;" "" "+" $1
	${WordReplace} "$1" "$INSTDIR" "" "+" $1
	WriteRegExpandStr HKCU "Environment" "Path" "$1"
	SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=500

	DeleteRegKey HKCU "${UNINSTALL_KEY}"
	DeleteRegKey HKCU "Software\Lifeline"
	; The vault in %AppData%\lifeline and its backups are the person's: left alone.
SectionEnd
