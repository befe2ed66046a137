; Inno Setup script of Quầy Số for Windows 10/11, 64-bit (Inno Setup 6.3 or newer: it reads
; this UTF-8 file without a BOM). Not built or run on the Linux machine this was written on:
; see installer/README.md, "Windows", for the steps and what to check.
;
; Build, on Windows, from the repository root:
;   1. the one-folder app:  .venv\Scripts\python scripts\translations.py build
;                           .venv\Scripts\pyinstaller --noconfirm installer\kiosk.spec
;      -> dist\kiosk\kiosk.exe (console: kiosk doctor, kiosk scan...)
;         dist\kiosk\quay-so.exe (windowed: the kiosk itself)
;   2. the installer:       iscc /DAppVersion=0.1.0 installer\windows\quay-so.iss
;      -> dist\quay-so-setup-0.1.0.exe
;
; What it does: installs dist\kiosk into Program Files\Quay So; a Start menu entry (and one
; for "kiosk doctor"); optionally starts the kiosk when anyone logs on (task "autostart");
; writes a settings.toml with printing.backend = "qt" (no CUPS on Windows) for the user who
; ran the installer, only if that user has none. The kiosk keeps its settings, privacy key,
; database and logs in %LOCALAPPDATA%\quay-so\quay-so of the account it runs under
; (platformdirs); the uninstaller leaves them there unless asked to delete them.

#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed (UTF-8 script without a BOM)
#endif
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Quầy Số"
#define GuiExe "quay-so.exe"
#define CliExe "kiosk.exe"
; Relative to this file: the app built by PyInstaller.
#define AppSource "..\..\dist\kiosk"

[Setup]
AppId={{6F1C2A7E-3B9D-4C55-9E21-7A0D4B8C1F36}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Quầy Số
DefaultDirName={autopf}\Quay So
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Program Files and the all-users Startup folder need an administrator.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=quay-so-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#GuiExe}
; Close a running kiosk before files are replaced or removed.
CloseApplications=yes
SetupLogging=yes

[Languages]
; Inno Setup ships no Vietnamese wizard texts; a contributed Vietnamese.isl can be added here.
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "autostart"; Description: "Start Quầy Số when a user logs on to this PC (a counter PC)"; GroupDescription: "Start-up:"; Flags: unchecked

[Files]
Source: "{#AppSource}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "settings.toml"; DestDir: "{app}"; DestName: "settings.default.toml"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{#AppName} - kiosk doctor"; Filename: "{cmd}"; Parameters: "/k """"{app}\{#CliExe}"" doctor"""; WorkingDir: "{app}"
Name: "{commonstartup}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Tasks: autostart

[Run]
Filename: "{app}\{#GuiExe}"; Description: "Start {#AppName} now"; Flags: nowait postinstall skipifsilent runasoriginaluser

[Code]
const
  { platformdirs puts both the config and the data dir of app "quay-so" (author defaults to
    the app name) at %LOCALAPPDATA%\quay-so\quay-so. }
  SettingsDir = '%LOCALAPPDATA%\quay-so\quay-so';

{ The settings file belongs in the profile of the account that runs the kiosk, which is the
  user who started Setup, not the administrator whose rights Setup runs with: copy it as
  that user, through cmd so that %LOCALAPPDATA% is theirs. Never overwrites a file. }
procedure WriteDefaultSettings();
var
  Params: String;
  ResultCode: Integer;
begin
  Params := '/c if not exist "' + SettingsDir + '\settings.toml" ('
    + 'mkdir "' + SettingsDir + '" 2>nul & '
    + 'copy /y "' + ExpandConstant('{app}\settings.default.toml') + '" "'
    + SettingsDir + '\settings.toml" >nul)';
  if ExecAsOriginalUser(ExpandConstant('{cmd}'), Params, '', SW_HIDE,
      ewWaitUntilTerminated, ResultCode) then
    Log(Format('default settings: cmd exited with %d', [ResultCode]))
  else
    Log('default settings not written: ' + SysErrorMessage(ResultCode));
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep = ssPostInstall then
    WriteDefaultSettings();
end;

{ Uninstall keeps the data: the transactions database (the centre's record of every visit)
  and the privacy key (without it the stored names can never be read again). It deletes
  them only when the administrator says so: a Yes to the question (default No), or
  /DELETEDATA=yes on a silent uninstall. The uninstaller runs as an administrator, so this
  is the data of the account running it: a kiosk account that is a standard user keeps its
  %LOCALAPPDATA%\quay-so, to be deleted by hand. }
function WantDeleteData(const DataDir: String): Boolean;
begin
  if CompareText(ExpandConstant('{param:DELETEDATA|no}'), 'yes') = 0 then
    Result := True
  else if UninstallSilent() then
    Result := False
  else
    Result := MsgBox('Also delete the kiosk''s data in' + #13#10 + DataDir + '?' + #13#10#13#10
      + 'It holds the transactions database, the privacy key, the settings and the logs. '
      + 'Without the privacy key the names stored in any copy of the database can never be '
      + 'read again. Choose No to keep them (for a later installation).',
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\quay-so');
    if DirExists(DataDir) then
    begin
      if WantDeleteData(DataDir) then
      begin
        if DelTree(DataDir, True, True, True) then
          Log('deleted ' + DataDir)
        else
          Log('could not delete ' + DataDir);
      end
      else
        Log('kept ' + DataDir);
    end;
  end;
end;
