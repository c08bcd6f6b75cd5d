; Inno Setup 6 script for Kasir on Windows: installs dist\kasir (packaging\build.ps1) into Program Files,
; with a Start-menu entry (and an optional desktop icon) that starts kasir-gui.exe (no console window).
;     iscc /DAppVersion=0.1.0 packaging\kasir.iss      (packaging\build.ps1 -Installer does it)
; -> dist\KasirSetup-<version>.exe
;
; The shop's data is NOT here: Kasir keeps its database, backups and settings in %LOCALAPPDATA%\Kasir
; (platformdirs), per Windows user. Uninstalling removes the program only; the data stays, so a reinstall or
; a newer version opens the same shop (and migrates it after a backup).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6C1D2F0A-3B7E-4C58-9A61-5E2B8D4F7A10}
AppName=Kasir
AppVersion={#AppVersion}
AppVerName=Kasir {#AppVersion}
AppPublisher=Kasir
DefaultDirName={autopf}\Kasir
DefaultGroupName=Kasir
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename=KasirSetup-{#AppVersion}
SetupIconFile=kasir.ico
UninstallDisplayIcon={app}\kasir-gui.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
CloseApplications=yes

[Languages]
; Inno Setup ships no Indonesian wizard among its official translations; Kasir itself speaks Indonesian
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\kasir\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an upgrade replaces the program's own folder as a whole (never the data, which lives elsewhere)
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\Kasir"; Filename: "{app}\kasir-gui.exe"; IconFilename: "{app}\kasir-gui.exe"; Comment: "Kasir offline untuk UMKM"
Name: "{autodesktop}\Kasir"; Filename: "{app}\kasir-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\kasir-gui.exe"; Description: "{cm:LaunchProgram,Kasir}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only what the program folder may hold besides the installed files; %LOCALAPPDATA%\Kasir (the shop) stays
Type: filesandordirs; Name: "{app}\_internal"
