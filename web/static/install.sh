#!/bin/sh
# Installs gomod-doctor, the Go Module Doctor's command line, from the site that served this
# script: the binary for this OS and architecture, checked against the site's SHA256SUMS, into a
# directory of yours (no sudo). Then `gomod-doctor check -- go mod download` diagnoses a failing
# download from this machine.
#
#   curl -fsSL @ORIGIN@/install.sh | sh
#
# GMD_BASE      where to download from (default: @ORIGIN@)
# GMD_INSTALL   the directory to install into (default: $HOME/.local/bin)
set -eu

base=${GMD_BASE:-@ORIGIN@}
dir=${GMD_INSTALL:-${HOME:?HOME is not set}/.local/bin}

say() { printf '%s\n' "$*" >&2; }
fail() { say "gomod-doctor install: $*"; exit 1; }

case $(uname -s) in
  Linux) os=unknown-linux-musl ;;
  Darwin) os=apple-darwin ;;
  MINGW* | MSYS* | CYGWIN* | Windows_NT) fail "on Windows, run in PowerShell: irm $base/install.ps1 | iex" ;;
  *) fail "no binary for $(uname -s): build it with cargo (cargo install --path cli)" ;;
esac
case $(uname -m) in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) fail "no binary for $(uname -m)" ;;
esac
target=$arch-$os

if command -v curl >/dev/null 2>&1; then
  fetch() { curl -fsSL --proto '=https,http' -o "$2" "$1"; }
elif command -v wget >/dev/null 2>&1; then
  fetch() { wget -q -O "$2" "$1"; }
else
  fail "curl or wget is needed"
fi
if command -v sha256sum >/dev/null 2>&1; then
  sha256() { sha256sum "$1" | cut -d ' ' -f 1; }
elif command -v shasum >/dev/null 2>&1; then
  sha256() { shasum -a 256 "$1" | cut -d ' ' -f 1; }
else
  fail "sha256sum or shasum is needed to check the download"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fetch "$base/dl/SHA256SUMS" "$tmp/SHA256SUMS" || fail "cannot download $base/dl/SHA256SUMS"
# The line of this target: `<sha256>  gomod-doctor-<version>-<target>`.
line=$(grep -E "^[0-9a-f]{64}  gomod-doctor-[0-9A-Za-z.+-]+-$target\$" "$tmp/SHA256SUMS" | head -n 1) ||
  fail "$base offers no binary for $target"
want=${line%% *}
name=${line##* }
fetch "$base/dl/$name" "$tmp/gomod-doctor" || fail "cannot download $base/dl/$name"
got=$(sha256 "$tmp/gomod-doctor")
[ "$got" = "$want" ] || fail "the download does not match SHA256SUMS ($got, expected $want): not installed"

mkdir -p "$dir"
chmod 755 "$tmp/gomod-doctor"
mv -f "$tmp/gomod-doctor" "$dir/gomod-doctor"
say "installed $("$dir/gomod-doctor" version) in $dir"
case ":${PATH:-}:" in
  *":$dir:"*) ;;
  *) say "$dir is not on your PATH; add it (then open a new shell):"
     say "  echo 'export PATH=\"$dir:\$PATH\"' >> ~/.profile" ;;
esac
say "then, in your module: gomod-doctor check -- go mod download"
