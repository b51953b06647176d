#!/usr/bin/env bash
# Builds the .vsix for one platform with the nianbao server binary inside it.
# Usage: scripts/package.sh TARGET [BINARY]
#   TARGET: a vsce platform target (linux-x64, linux-arm64, darwin-arm64, win32-x64, ...)
#   BINARY: the nianbao executable built for TARGET
#           (default: ../../target/release/nianbao, i.e. `cargo build --release`)
# Writes nianbao-TARGET-VERSION.vsix here and prints its path. Needs `npm ci` first.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/package.sh TARGET [BINARY]}
binary=${2:-../../target/release/nianbao}
[ -f "$binary" ] || { echo "package.sh: no server binary at $binary (run cargo build --release)" >&2; exit 1; }
exe=nianbao
case $target in win32-*) exe=nianbao.exe ;; esac
rm -rf server
mkdir server
cp "$binary" "server/$exe"
chmod 755 "server/$exe"
version=$(node -p 'require("./package.json").version')
out="nianbao-$target-$version.vsix"
rm -f "$out"
npx --no-install vsce package --no-dependencies --allow-missing-repository \
    --no-rewrite-relative-links --target "$target" --out "$out" >&2
echo "$PWD/$out"
