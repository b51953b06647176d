#!/usr/bin/env bash
# Installs code-server (VS Code in the browser, extension host in Node) from the npm registry
# only: npm install scripts are disabled, because code-server's would download ripgrep from
# GitHub, and the native modules are rebuilt here from source instead.
#
# Usage: install-code-server.sh DEST [VERSION]
#   VERSION defaults to 4.100.3 (VS Code 1.100.3), the last code-server that runs on Node 20.
# Does nothing when DEST already holds a working install of VERSION. Prints the npm and
# compiler output only on failure (it is kept in DEST.log).
set -euo pipefail
DEST=$1
VER=${2:-4.100.3}
mkdir -p "$(dirname "$DEST")"
DEST=$(cd "$(dirname "$DEST")" && pwd)/$(basename "$DEST")
CS=$DEST/node_modules/.bin/code-server
# Keep code-server's own files (config.yaml, ...) out of the home directory.
export XDG_CONFIG_HOME=$DEST/xdg/config XDG_DATA_HOME=$DEST/xdg/data XDG_CACHE_HOME=$DEST/xdg/cache

if [ -f "$DEST/.installed" ] && [ "$(cat "$DEST/.installed")" = "$VER" ] \
    && "$CS" --version >/dev/null 2>&1; then
    exit 0
fi

# Build tools for the native modules (kerberos needs the gssapi headers) and a ripgrep to put
# where @vscode/ripgrep's download would have gone.
deps=(build-essential pkg-config python3 libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep)
missing=()
for p in "${deps[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
    apt_install() {
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
    }
    apt_install || { $sudo apt-get update -q -o DPkg::Lock::Timeout=600 >/dev/null && apt_install; }
fi

LOG=$DEST.log
rm -rf "$DEST"
mkdir -p "$DEST"
cd "$DEST"
echo "installing code-server $VER into $DEST (log: $LOG)"
: > "$LOG"
run() {
    if ! "$@" >>"$LOG" 2>&1; then
        echo "install-code-server.sh: failed: $*" >&2
        tail -n 60 "$LOG" >&2
        exit 1
    fi
}
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# node-pty's build runs `npx node-gyp`; this machine's npmrc may say yes=false.
export npm_config_yes=true

echo '{"name":"code-server-install","private":true}' > package.json
# 1. code-server itself, without its postinstall.
run npm install --ignore-scripts "code-server@$VER"
run npm rebuild argon2
VS=node_modules/code-server/lib/vscode
# 2. VS Code's own dependencies, scripts off, then the native ones rebuilt.
run bash -c "cd $VS && npm install --omit=dev --ignore-scripts"
mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$VS/node_modules/@vscode/ripgrep/bin/rg"
native=()
for m in @parcel/watcher @vscode/spdlog @vscode/deviceid @vscode/native-watchdog kerberos native-watchdog node-pty; do
    [ -d "$VS/node_modules/$m" ] && native+=("$m")
done
run bash -c "cd $VS && npm rebuild --foreground-scripts ${native[*]}"
# 3. What code-server's postinstall.sh does after that.
ln -sfn node_modules "$VS/node_modules.asar"
(cd "$VS/bin/remote-cli" && ln -sfn code-linux.sh code-server)
(cd "$VS/bin/helpers" && ln -sfn browser-linux.sh browser.sh)
run bash -c "cd $VS/extensions && npm install --omit=dev --ignore-scripts && node ./postinstall.mjs"

"$CS" --version >>"$LOG" 2>&1 || { echo "install-code-server.sh: code-server does not run" >&2; tail -n 30 "$LOG" >&2; exit 1; }
echo "$VER" > "$DEST/.installed"
