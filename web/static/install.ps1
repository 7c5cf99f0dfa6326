# Installs gomod-doctor, the Go Module Doctor's command line, from the site that served this
# script: the Windows x86_64 binary, checked against the site's SHA256SUMS, into a directory of
# yours (no administrator). Windows PowerShell 5.1 and PowerShell 7.
#
#   irm @ORIGIN@/install.ps1 | iex
#
# $env:GMD_BASE     where to download from (default: @ORIGIN@)
# $env:GMD_INSTALL  the directory to install into (default: %LOCALAPPDATA%\Programs\gomod-doctor)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$base = if ($env:GMD_BASE) { $env:GMD_BASE } else { '@ORIGIN@' }
$dir = if ($env:GMD_INSTALL) { $env:GMD_INSTALL } else { Join-Path $env:LOCALAPPDATA 'Programs\gomod-doctor' }
$target = 'x86_64-pc-windows-gnu'
if ($env:PROCESSOR_ARCHITECTURE -ne 'AMD64' -and $env:PROCESSOR_ARCHITEW6432 -ne 'AMD64') {
    throw "gomod-doctor install: no Windows binary for $($env:PROCESSOR_ARCHITECTURE)"
}

$tmp = Join-Path ([System.IO.Path]::GetTempPath()) ([System.IO.Path]::GetRandomFileName())
New-Item -ItemType Directory -Path $tmp | Out-Null
try {
    $sums = (Invoke-WebRequest -UseBasicParsing -Uri "$base/dl/SHA256SUMS").Content
    if ($sums -is [byte[]]) { $sums = [System.Text.Encoding]::UTF8.GetString($sums) }
    # The line of this target: `<sha256>  gomod-doctor-<version>-<target>.exe`.
    $line = $sums -split "`n" | Where-Object { $_ -match "^[0-9a-f]{64}  gomod-doctor-[0-9A-Za-z.+-]+-$target\.exe$" } | Select-Object -First 1
    if (-not $line) { throw "gomod-doctor install: $base offers no binary for $target" }
    $want, $name = $line -split '  ', 2
    $file = Join-Path $tmp 'gomod-doctor.exe'
    Invoke-WebRequest -UseBasicParsing -Uri "$base/dl/$name" -OutFile $file
    $got = (Get-FileHash -Algorithm SHA256 -Path $file).Hash.ToLowerInvariant()
    if ($got -ne $want) {
        throw "gomod-doctor install: the download does not match SHA256SUMS ($got, expected $want): not installed"
    }
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
    Move-Item -Force -Path $file -Destination (Join-Path $dir 'gomod-doctor.exe')
} finally {
    Remove-Item -Recurse -Force -Path $tmp -ErrorAction SilentlyContinue
}

$installed = & (Join-Path $dir 'gomod-doctor.exe') version
Write-Host "installed $installed in $dir"
$userPath = [Environment]::GetEnvironmentVariable('Path', 'User')
if (($userPath -split ';') -notcontains $dir) {
    Write-Host "$dir is not on your PATH; add it (then open a new terminal):"
    Write-Host "  [Environment]::SetEnvironmentVariable('Path', `"$dir;`$([Environment]::GetEnvironmentVariable('Path', 'User'))`", 'User')"
}
Write-Host 'then, in your module: gomod-doctor check -- go mod download'
