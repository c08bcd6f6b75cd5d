# The frozen app's smoke run on Windows (the same steps as packaging/smoke.sh): on a fresh demo shop in a
# temporary folder: demo, a receipt PDF, a report PDF and XLSX, verify, an older build's shop (schema 6) kept and
# upgraded, and the window (offscreen) up to the login page. Prints the app's size and its start-up time.
#     powershell -ExecutionPolicy Bypass -File packaging\smoke.ps1 [dist\kasir\kasir.exe]
param([string]$App = "dist\kasir\kasir.exe")
$ErrorActionPreference = "Stop"
$App = (Resolve-Path $App).Path
$oldShop = (Resolve-Path (Join-Path $PSScriptRoot "..\tests\db\fixtures\kasir-schema-6.db.gz")).Path
$work = Join-Path ([IO.Path]::GetTempPath()) ("kasir-smoke-" + [guid]::NewGuid())
New-Item -ItemType Directory $work | Out-Null
Push-Location $work
# the app's data and settings go to the temporary folder (platformdirs and QSettings read these)
$env:LOCALAPPDATA = Join-Path $work "LocalAppData"
$env:APPDATA = Join-Path $work "AppData"
$env:QT_QPA_PLATFORM = "offscreen"
$env:PYTHONIOENCODING = "utf-8"
Remove-Item Env:KASIR_DB -ErrorAction SilentlyContinue

function Step {
    Write-Host "+ kasir $args"
    & $App --db shop.db @args
    if ($LASTEXITCODE -ne 0) { throw "kasir $args failed ($LASTEXITCODE)" }
}
try {
    $from = (Get-Date).AddDays(-30).ToString("yyyy-MM-dd")
    $to = (Get-Date).ToString("yyyy-MM-dd")
    Step demo --shop warung --days 7 --seed 3
    Step receipt K1-000001 --pdf receipt.pdf
    Step --owner-pin 1234 report --from $from --to $to --pdf report.pdf --xlsx report.xlsx  # an export: the owner's PIN
    Step verify
    foreach ($f in "receipt.pdf", "report.pdf") {
        if ([Text.Encoding]::ASCII.GetString([IO.File]::ReadAllBytes($f)[0..4]) -ne "%PDF-") { throw "$f is not a PDF" }
    }
    if ([Text.Encoding]::ASCII.GetString([IO.File]::ReadAllBytes("report.xlsx")[0..1]) -ne "PK") { throw "report.xlsx is not an XLSX file" }

    Write-Host "+ kasir info on a shop made by an older build (schema 6): kept as it was, then upgraded"
    $in = [IO.File]::OpenRead($oldShop)
    $out = [IO.File]::Create((Join-Path $work "old.db"))
    $gzip = New-Object IO.Compression.GZipStream($in, [IO.Compression.CompressionMode]::Decompress)
    $gzip.CopyTo($out); $gzip.Close(); $out.Close(); $in.Close()
    $info = (& $App --db old.db info | Out-String)
    Write-Host $info
    if (-not (Test-Path old.db.before-upgrade-6)) { throw "no copy of the old shop before its upgrade" }
    if ($info -notmatch "nota: 190") { throw "the old shop's 190 sales did not survive the upgrade" }

    Write-Host "+ kasir (the window, offscreen, up to the login page)"
    $env:KASIR_QUIT_AFTER_START = "1"
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $shown = (& $App --db shop.db 2>$null | Out-String).Trim()
    $ms = $watch.ElapsedMilliseconds
    Remove-Item Env:KASIR_QUIT_AFTER_START
    Write-Host $shown
    if ($shown -ne "kasir started: login") { throw "the window did not reach the login page" }
    $folder = Split-Path -Parent $App
    $size = (Get-ChildItem $folder -Recurse -File | Measure-Object -Property Length -Sum).Sum / 1MB
    "+ frozen app: {0:N0} MB in {1}, start-up to the login page {2} ms" -f $size, $folder, $ms
}
finally {
    Pop-Location
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
