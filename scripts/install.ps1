# Installs nianbao.exe (checker and language server for drafts of Chinese government
# information disclosure annual reports) on Windows from a GitHub release.
# This file is ASCII on purpose: Windows PowerShell 5.1 reads a script without a BOM in the
# system code page.
#
#   powershell -ExecutionPolicy Bypass -c "irm https://github.com/nianbao/nianbao/releases/latest/download/install.ps1 | iex"
#
# It downloads nianbao-x86_64-pc-windows-msvc.zip and its SHA-256 checksum, refuses the
# archive if the checksum does not match, copies nianbao.exe to
# %LOCALAPPDATA%\Programs\nianbao\bin and adds that directory to the user's PATH (not the
# machine's: no administrator rights needed). Windows on ARM runs the x64 build.
#
# Settings, as environment variables (or parameters when the script is run as a file):
#   NIANBAO_VERSION       the release to install, e.g. 0.2.0 (default: the latest)   -Version
#   NIANBAO_INSTALL_DIR   where to put nianbao.exe                                   -InstallDir
#   NIANBAO_DOWNLOAD_URL  the URL of a directory holding the release assets          -BaseUrl
#   NIANBAO_NO_MODIFY_PATH=1  leave PATH alone and only say what to add              -NoModifyPath
param(
    [string]$Version = $env:NIANBAO_VERSION,
    [string]$InstallDir = $env:NIANBAO_INSTALL_DIR,
    [string]$BaseUrl = $env:NIANBAO_DOWNLOAD_URL,
    [switch]$NoModifyPath = ($env:NIANBAO_NO_MODIFY_PATH -eq '1')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$RepoUrl = 'https://github.com/nianbao/nianbao'
$Target = 'x86_64-pc-windows-msvc'
$Archive = "nianbao-$Target.zip"

function Say([string]$Text) { Write-Host "nianbao-install: $Text" }

# Old Windows PowerShell defaults to TLS 1.0, which GitHub refuses.
try {
    [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
} catch { }

$arch = $env:PROCESSOR_ARCHITECTURE
if ($env:PROCESSOR_ARCHITEW6432) { $arch = $env:PROCESSOR_ARCHITEW6432 }
if ($arch -notin @('AMD64', 'ARM64')) {
    throw "nianbao-install: no release build for a $arch processor; build from source: cargo install --locked nianbao"
}

if ($Version) { $Version = $Version.TrimStart('v') }
if (-not $BaseUrl) {
    if ($Version) { $BaseUrl = "$RepoUrl/releases/download/v$Version" }
    else { $BaseUrl = "$RepoUrl/releases/latest/download" }
}
$BaseUrl = $BaseUrl.TrimEnd('/')
if (-not $InstallDir) { $InstallDir = Join-Path $env:LOCALAPPDATA 'Programs\nianbao\bin' }

$tmp = Join-Path ([IO.Path]::GetTempPath()) ("nianbao-install-" + [Guid]::NewGuid())
New-Item -ItemType Directory -Path $tmp | Out-Null
try {
    $zip = Join-Path $tmp $Archive
    $sum = "$zip.sha256"
    Say "downloading $BaseUrl/$Archive"
    $saved = $ProgressPreference
    $ProgressPreference = 'SilentlyContinue'  # the progress bar slows Invoke-WebRequest down
    try {
        Invoke-WebRequest -UseBasicParsing -Uri "$BaseUrl/$Archive" -OutFile $zip
        Invoke-WebRequest -UseBasicParsing -Uri "$BaseUrl/$Archive.sha256" -OutFile $sum
    } finally {
        $ProgressPreference = $saved
    }

    $line = (Get-Content -LiteralPath $sum -TotalCount 1)
    if ($line -notmatch '^([0-9A-Fa-f]{64})') { throw "nianbao-install: $Archive.sha256 holds no SHA-256 checksum" }
    $expected = $Matches[1].ToLowerInvariant()
    $actual = (Get-FileHash -Algorithm SHA256 -LiteralPath $zip).Hash.ToLowerInvariant()
    if ($actual -ne $expected) {
        throw "nianbao-install: checksum mismatch for ${Archive}: expected $expected, got $actual; nothing was installed"
    }
    Say "checksum verified (SHA-256 $actual)"

    $unpacked = Join-Path $tmp 'x'
    Expand-Archive -LiteralPath $zip -DestinationPath $unpacked
    $exe = Get-ChildItem -LiteralPath $unpacked -Recurse -Filter 'nianbao.exe' | Select-Object -First 1
    if (-not $exe) { throw "nianbao-install: $Archive holds no nianbao.exe" }

    New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
    $dest = Join-Path $InstallDir 'nianbao.exe'
    # A running nianbao.exe (an editor's language server) cannot be overwritten, but renamed.
    if (Test-Path -LiteralPath $dest) {
        $old = "$dest.old"
        Remove-Item -LiteralPath $old -Force -ErrorAction SilentlyContinue
        Move-Item -LiteralPath $dest -Destination $old -Force
    }
    Copy-Item -LiteralPath $exe.FullName -Destination $dest
    $installed = (& $dest --version) 2>$null
    if (-not $installed) { $installed = 'nianbao' }
    Say "installed $installed to $dest"
} finally {
    Remove-Item -LiteralPath $tmp -Recurse -Force -ErrorAction SilentlyContinue
}

$userPath = [Environment]::GetEnvironmentVariable('Path', 'User')
$onPath = @($userPath -split ';') -contains $InstallDir
if (-not $onPath) {
    if ($NoModifyPath) {
        Say "$InstallDir is not on your PATH; add it in Settings > System > About > Advanced system settings > Environment Variables"
    } else {
        $newPath = if ($userPath) { "$userPath;$InstallDir" } else { $InstallDir }
        [Environment]::SetEnvironmentVariable('Path', $newPath, 'User')
        $env:Path = "$env:Path;$InstallDir"
        Say "added $InstallDir to your user PATH; open a new terminal to use it"
    }
}
Say "try: nianbao check report.txt    (VS Code: install the nianbao extension)"
