#!/usr/bin/env bash
# Builds the .vsix for one platform with the nianbao server binary inside it, or the universal
# .vsix with none (it runs the nianbao found on PATH).
# Usage: scripts/package.sh TARGET [BINARY]
#   TARGET: a vsce platform target (linux-x64, linux-arm64, alpine-x64, darwin-arm64,
#           win32-x64, ...), or `universal` for the package without a binary
#   BINARY: the nianbao executable built for TARGET
#           (default: ../../target/release/nianbao, i.e. `cargo build --release`)
# Writes nianbao-TARGET-VERSION.vsix here and prints its path. Needs `npm ci` first.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/package.sh TARGET [BINARY]}
version=$(node -p 'require("./package.json").version')
out="nianbao-$target-$version.vsix"
rm -rf server
rm -f "$out"
if [ "$target" = universal ]; then
    npx --no-install vsce package --no-dependencies --no-rewrite-relative-links --out "$out" >&2
    echo "$PWD/$out"
    exit 0
fi
binary=${2:-../../target/release/nianbao}
[ -f "$binary" ] || { echo "package.sh: no server binary at $binary (run cargo build --release)" >&2; exit 1; }
exe=nianbao
case $target in win32-*) exe=nianbao.exe ;; esac
mkdir server
cp "$binary" "server/$exe"
chmod 755 "server/$exe"
npx --no-install vsce package --no-dependencies --no-rewrite-relative-links \
    --target "$target" --out "$out" >&2
rm -rf server
echo "$PWD/$out"
