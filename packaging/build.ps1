# One command for the Windows one-folder app:  powershell -ExecutionPolicy Bypass -File packaging\build.ps1
# -> dist\kasir\kasir.exe (console: commands) and dist\kasir\kasir-gui.exe (the app, no console window).
# Uses the project's .venv (made when missing), installs Kasir with its [build] extra (PyInstaller, pywin32),
# then runs PyInstaller on packaging\kasir.spec — the same spec packaging/build.sh uses on Linux.
# With -Installer it also compiles packaging\kasir.iss with Inno Setup 6 (iscc on PATH or in its default folder)
# into dist\KasirSetup-<version>.exe.
param([switch]$Installer)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

$python = if ($env:PYTHON) { $env:PYTHON } else { ".venv\Scripts\python.exe" }
if (-not (Test-Path $python)) {
    py -3.11 -m venv .venv
    if ($LASTEXITCODE -ne 0) { python -m venv .venv }
    $python = ".venv\Scripts\python.exe"
}
& $python -m pip install -q -e ".[build]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

$watch = [Diagnostics.Stopwatch]::StartNew()
& $python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\kasir.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
$size = (Get-ChildItem dist\kasir -Recurse -File | Measure-Object -Property Length -Sum).Sum / 1MB
"+ dist\kasir built in {0:N0} s, {1:N0} MB" -f $watch.Elapsed.TotalSeconds, $size

if ($Installer) {
    $iscc = (Get-Command iscc -ErrorAction SilentlyContinue).Source
    if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
    $version = (& $python -c "import configparser; c = configparser.ConfigParser(); c.read('setup.cfg'); print(c['metadata']['version'])").Trim()
    & $iscc "/DAppVersion=$version" packaging\kasir.iss
    if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
}
