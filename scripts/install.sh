#!/bin/sh
# Installs the nianbao binary (checker and language server for 政府信息公开工作年度报告 drafts)
# from a GitHub release, on Linux (x86-64, ARM64, LoongArch64) and macOS (Apple silicon, Intel).
#
#   curl -fsSL https://github.com/nianbao/nianbao/releases/latest/download/install.sh | sh
#   curl -fsSL .../install.sh | sh -s -- --version 0.2.0 --to ~/bin
#
# It picks the archive for this system, downloads it and its SHA-256 checksum, refuses the
# archive if the checksum does not match, and copies `nianbao` into a directory of the user's
# (default ~/.local/bin). It changes no shell start-up file: it prints the line to add when
# the directory is not on PATH. Needs curl or wget, tar, and sha256sum or shasum.
#
# Options (or the environment variables in brackets):
#   --version V   the release to install, e.g. 0.2.0 (NIANBAO_VERSION; default: the latest)
#   --to DIR      where to put the binary (NIANBAO_INSTALL_DIR; default: ~/.local/bin)
#   --target T    the archive's target triple, e.g. x86_64-unknown-linux-musl, instead of
#                 the one detected (NIANBAO_TARGET)
#   --base-url U  where the release assets are (NIANBAO_DOWNLOAD_URL): an https://, http://
#                 or file:// URL of a directory holding nianbao-TARGET.tar.gz and its .sha256;
#                 default: this project's GitHub release for the version
#   -h, --help    this text
set -eu

REPO_URL="https://github.com/nianbao/nianbao"

say() { printf 'nianbao-install: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

usage() {
    sed -n '2,/^set -eu$/p' "$0" 2>/dev/null | sed -e '$d' -e 's/^# \{0,1\}//' >&2 \
        || say "see the comments at the top of install.sh"
}

version=${NIANBAO_VERSION:-}
install_dir=${NIANBAO_INSTALL_DIR:-}
target=${NIANBAO_TARGET:-}
base_url=${NIANBAO_DOWNLOAD_URL:-}

while [ $# -gt 0 ]; do
    case $1 in
        --version) [ $# -ge 2 ] || die "--version needs a value"; version=$2; shift 2 ;;
        --version=*) version=${1#*=}; shift ;;
        --to) [ $# -ge 2 ] || die "--to needs a value"; install_dir=$2; shift 2 ;;
        --to=*) install_dir=${1#*=}; shift ;;
        --target) [ $# -ge 2 ] || die "--target needs a value"; target=$2; shift 2 ;;
        --target=*) target=${1#*=}; shift ;;
        --base-url) [ $# -ge 2 ] || die "--base-url needs a value"; base_url=$2; shift 2 ;;
        --base-url=*) base_url=${1#*=}; shift ;;
        -h | --help) usage; exit 0 ;;
        *) die "unknown option: $1 (see --help)" ;;
    esac
done

# A version is given without the tag's leading v.
version=${version#v}

# --- which archive --------------------------------------------------------------------------

# The glibc version as MAJOR*1000+MINOR (2.34 -> 2034), or 0 when there is no glibc (musl,
# or none found).
glibc_version() {
    v=$(getconf GNU_LIBC_VERSION 2>/dev/null | sed -n 's/^glibc \([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
    if [ -z "$v" ] && command -v ldd >/dev/null 2>&1; then
        v=$(ldd --version 2>&1 | sed -n '1s/.* \([0-9][0-9]*\)\.\([0-9][0-9]*\)$/\1 \2/p')
        ldd --version 2>&1 | grep -qi musl && v=
    fi
    if [ -z "$v" ]; then
        echo 0
        return
    fi
    # shellcheck disable=SC2086 # split "MAJOR MINOR" on purpose
    set -- $v
    echo $(($1 * 1000 + $2))
}

# The release's glibc builds are linked on Ubuntu 22.04 and need its glibc, 2.35, or later;
# older systems and musl systems (Alpine) take the static musl build (x86-64 and ARM64).
GLIBC_MIN=2035

detect_target() {
    os=$(uname -s)
    arch=$(uname -m)
    case $arch in
        x86_64 | amd64) arch=x86_64 ;;
        aarch64 | arm64) arch=aarch64 ;;
        loongarch64) arch=loongarch64 ;;
        *) die "no release build for the $arch processor; build from source: cargo install --locked nianbao" ;;
    esac
    case $os in
        Linux)
            if [ "$(glibc_version)" -ge "$GLIBC_MIN" ]; then
                echo "$arch-unknown-linux-gnu"
            elif [ "$arch" != loongarch64 ]; then
                echo "$arch-unknown-linux-musl"
            else
                die "the loongarch64 build needs glibc 2.36 or later; build from source: cargo install --locked nianbao"
            fi
            ;;
        Darwin) echo "$arch-apple-darwin" ;;
        MINGW* | MSYS* | CYGWIN* | Windows_NT)
            die "on Windows use install.ps1: powershell -ExecutionPolicy Bypass -c \"irm $REPO_URL/releases/latest/download/install.ps1 | iex\"" ;;
        *) die "no release build for $os; build from source: cargo install --locked nianbao" ;;
    esac
}

[ -n "$target" ] || target=$(detect_target)
case $target in
    *-darwin | *-linux-gnu | *-linux-musl) ;;
    *) die "unknown target $target (e.g. x86_64-unknown-linux-gnu, aarch64-apple-darwin)" ;;
esac
archive="nianbao-$target.tar.gz"

if [ -z "$base_url" ]; then
    if [ -n "$version" ]; then
        base_url="$REPO_URL/releases/download/v$version"
    else
        base_url="$REPO_URL/releases/latest/download"
    fi
fi
base_url=${base_url%/}

# --- download and verify --------------------------------------------------------------------

# download URL FILE: http(s) with curl or wget, file:// with curl or by copying.
download() {
    case $1 in
        file://*)
            if command -v curl >/dev/null 2>&1; then
                curl -fsSL -o "$2" "$1"
            else
                cp "${1#file://}" "$2"
            fi
            ;;
        *)
            if command -v curl >/dev/null 2>&1; then
                curl --proto '=https,http' -fsSL --retry 3 -o "$2" "$1"
            elif command -v wget >/dev/null 2>&1; then
                wget -q -O "$2" "$1"
            else
                die "neither curl nor wget is installed"
            fi
            ;;
    esac
}

sha256() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d ' ' -f 1
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 "$1" | cut -d ' ' -f 1
    else
        die "neither sha256sum nor shasum is installed: cannot verify the download"
    fi
}

tmp=$(mktemp -d 2>/dev/null || mktemp -d -t nianbao)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

say "downloading $base_url/$archive"
download "$base_url/$archive" "$tmp/$archive" || die "could not download $base_url/$archive"
download "$base_url/$archive.sha256" "$tmp/$archive.sha256" \
    || die "could not download the checksum $base_url/$archive.sha256"

expected=$(sed -n '1s/^\([0-9A-Fa-f]\{64\}\).*/\1/p' "$tmp/$archive.sha256" | tr 'A-F' 'a-f')
[ -n "$expected" ] || die "$archive.sha256 holds no SHA-256 checksum"
actual=$(sha256 "$tmp/$archive")
[ "$actual" = "$expected" ] \
    || die "checksum mismatch for $archive: expected $expected, got $actual; nothing was installed"
say "checksum verified (SHA-256 $actual)"

mkdir "$tmp/x"
tar -xzf "$tmp/$archive" -C "$tmp/x" || die "could not unpack $archive"
bin=$(find "$tmp/x" -type f -name nianbao | head -n 1)
[ -n "$bin" ] || die "$archive holds no nianbao binary"

# --- install --------------------------------------------------------------------------------

[ -n "$install_dir" ] || install_dir="${HOME:?HOME is not set}/.local/bin"
# A literal ~ (quoted on the command line) means the home directory.
# shellcheck disable=SC2088
case $install_dir in
    "~") install_dir=$HOME ;;
    "~/"*) install_dir="$HOME/${install_dir#"~/"}" ;;
esac
mkdir -p "$install_dir" || die "cannot create $install_dir"
# Copy beside the old binary, then rename over it: a running server keeps its file.
cp "$bin" "$install_dir/.nianbao.new.$$"
chmod 755 "$install_dir/.nianbao.new.$$"
mv -f "$install_dir/.nianbao.new.$$" "$install_dir/nianbao"
installed=$("$install_dir/nianbao" --version 2>/dev/null || echo nianbao)
say "installed $installed ($target) to $install_dir/nianbao"

case ":${PATH:-}:" in
    *":$install_dir:"*) ;;
    *)
        say "$install_dir is not on your PATH; add it, e.g. for bash:"
        say "  echo 'export PATH=\"$install_dir:\$PATH\"' >> ~/.bashrc"
        say "(zsh: ~/.zshrc; fish: fish_add_path $install_dir), then open a new terminal."
        ;;
esac
say "try: nianbao check 年报.txt    (VS Code: install the nianbao extension)"
