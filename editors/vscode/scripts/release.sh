#!/usr/bin/env bash
# Builds the release's VS Code packages from the release's archives: one .vsix per platform
# with that platform's nianbao binary inside, and the universal .vsix without one. The release
# workflow (.github/workflows/publish-vscode.yml) runs it on the archives of the GitHub
# release; tests/release/run runs it here on a linux-x64 archive built locally.
#
# Usage: scripts/release.sh ASSETS OUT [VSCE_TARGET...]
#   ASSETS       a directory holding nianbao-TRIPLE.tar.gz / nianbao-TRIPLE.zip
#                (the archives `dist` builds, see dist-workspace.toml)
#   OUT          where to write the .vsix files (created)
#   VSCE_TARGET  the packages to build (default: every one below, and universal)
# Each package's binary is checked to be the one for its platform (`file`), and the
# extension's version must equal the nianbao crate's; with NIANBAO_RELEASE_TAG (the release
# workflow sets it), the tag must be vVERSION and CHANGELOG.md must have a `## VERSION` entry.
# Needs `npm ci` first.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/../.." && pwd)
assets=$(cd "${1:?usage: scripts/release.sh ASSETS OUT [VSCE_TARGET...]}" && pwd)
mkdir -p "${2:?usage: scripts/release.sh ASSETS OUT [VSCE_TARGET...]}"
out=$(cd "$2" && pwd)
shift 2

# vsce target -> the archives' target triples, the first found taken. Linux takes the static
# musl build, so the extension runs on any distribution VS Code runs on, whatever its glibc
# (the glibc build, second, is there for a local run, which has no musl build; a release
# always has both, as its every build must succeed before this runs).
triple() {
    case $1 in
        linux-x64) echo x86_64-unknown-linux-musl x86_64-unknown-linux-gnu ;;
        linux-arm64) echo aarch64-unknown-linux-musl aarch64-unknown-linux-gnu ;;
        alpine-x64) echo x86_64-unknown-linux-musl ;;
        alpine-arm64) echo aarch64-unknown-linux-musl ;;
        win32-x64) echo x86_64-pc-windows-msvc ;;
        darwin-arm64) echo aarch64-apple-darwin ;;
        darwin-x64) echo x86_64-apple-darwin ;;
        *) echo "release.sh: no archive for the vsce target $1" >&2; return 1 ;;
    esac
}

# What `file` says of each platform's binary.
file_pattern() {
    case $1 in
        linux-x64 | alpine-x64) echo 'ELF 64-bit.*x86-64' ;;
        linux-arm64 | alpine-arm64) echo 'ELF 64-bit.*(ARM aarch64|aarch64)' ;;
        win32-x64) echo 'PE32\+ executable.*x86-64' ;;
        darwin-arm64) echo 'Mach-O 64-bit.*arm64' ;;
        darwin-x64) echo 'Mach-O 64-bit.*x86_64' ;;
    esac
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(linux-x64 linux-arm64 alpine-x64 alpine-arm64 win32-x64 darwin-arm64 darwin-x64 universal)

crate_version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/server/Cargo.toml" | head -n 1)
ext_version=$(node -p "require('$here/package.json').version")
[ "$crate_version" = "$ext_version" ] || {
    echo "release.sh: editors/vscode/package.json has version $ext_version, server/Cargo.toml $crate_version" >&2
    exit 1
}

if [ -n "${NIANBAO_RELEASE_TAG:-}" ]; then
    [ "$NIANBAO_RELEASE_TAG" = "v$ext_version" ] || {
        echo "release.sh: the tag $NIANBAO_RELEASE_TAG is not v$ext_version, the extension's version" >&2
        exit 1
    }
    grep -qx "## $ext_version" "$here/CHANGELOG.md" || {
        echo "release.sh: editors/vscode/CHANGELOG.md has no entry \"## $ext_version\"" >&2
        exit 1
    }
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for t in "${targets[@]}"; do
    if [ "$t" = universal ]; then
        vsix=$("$here/scripts/package.sh" universal)
        mv "$vsix" "$out/"
        echo "release.sh: universal -> $out/$(basename "$vsix")" >&2
        continue
    fi
    candidates=$(triple "$t")
    exe=nianbao
    [ "${t%%-*}" = win32 ] && exe=nianbao.exe
    rm -rf "${work:?}/$t"
    mkdir -p "$work/$t"
    tr=
    for c in $candidates; do
        if [ -f "$assets/nianbao-$c.tar.gz" ]; then
            tar -xzf "$assets/nianbao-$c.tar.gz" -C "$work/$t"
        elif [ -f "$assets/nianbao-$c.zip" ]; then
            unzip -q "$assets/nianbao-$c.zip" -d "$work/$t"
        else
            continue
        fi
        tr=$c
        break
    done
    [ -n "$tr" ] || {
        echo "release.sh: no archive for $t in $assets (looked for nianbao-{${candidates// /,}}.tar.gz/.zip)" >&2
        exit 1
    }
    bin=$(find "$work/$t" -type f -name "$exe" | head -n 1)
    [ -n "$bin" ] || { echo "release.sh: nianbao-$tr holds no $exe" >&2; exit 1; }
    kind=$(file -b "$bin")
    grep -Eq "$(file_pattern "$t")" <<<"$kind" \
        || { echo "release.sh: the $exe in nianbao-$tr is not a $t binary: $kind" >&2; exit 1; }
    vsix=$("$here/scripts/package.sh" "$t" "$bin")
    mv "$vsix" "$out/"
    echo "release.sh: $t <- nianbao-$tr ($kind) -> $out/$(basename "$vsix")" >&2
done
