#!/usr/bin/env bash
# The shipped binaries, built and tried here (CI runs this after the tests):
#   - the static Linux binary (x86_64-unknown-linux-musl): no glibc, checked
#     with file and ldd and run alone in an empty root; then the smoke suite;
#   - the Windows exe (x86_64-pc-windows-gnu, cross-built with mingw): the
#     smoke suite under wine, with the test-only bcryptprimitives shim, its
#     forms byte-identical to the Linux binary's;
#   - both within the size budget (scripts/dist.sh);
#   - the release workflow, linted (scripts/lint-workflows.sh).
# It installs what it needs: Debian's mingw, wine and musl-tools, and the
# two rustup targets.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

need=()
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || need+=(gcc-mingw-w64-x86-64)
command -v wine >/dev/null 2>&1 || need+=(wine64 wine)
command -v musl-gcc >/dev/null 2>&1 || need+=(musl-tools)
command -v file >/dev/null 2>&1 || need+=(file)
command -v iconv >/dev/null 2>&1 || need+=(libc-bin)
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
command -v script >/dev/null 2>&1 || need+=(bsdutils)
command -v locale-gen >/dev/null 2>&1 || need+=(locales)
. scripts/apt-install.sh
apt_install ${need[@]+"${need[@]}"}
rustup target add x86_64-unknown-linux-musl x86_64-pc-windows-gnu >/dev/null
# Wine takes the Windows user locale from LANG, when that locale exists.
if ! locale -a 2>/dev/null | grep -qx 'zh_CN.utf8'; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo sed -i 's/^# *\(zh_CN.UTF-8 UTF-8\)/\1/; s/^# *\(en_US.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  $sudo locale-gen >/dev/null
fi

linux=x86_64-unknown-linux-musl
windows=x86_64-pc-windows-gnu

echo "== static Linux binary"
bash scripts/dist.sh "$linux"
bin="dist/$linux/shenbao"
file "$bin"
file "$bin" | grep -Eq 'static(-pie)? linked' || { echo "error: $bin is not static" >&2; exit 1; }
if ldd "$bin" 2>&1 | grep -q '=>'; then
  echo "error: $bin loads shared libraries:" >&2
  ldd "$bin" >&2
  exit 1
fi
# A bare machine: a root holding the binary and an example, nothing else.
bare="$(mktemp -d)"
trap 'rm -rf "$bare"' EXIT
cp "$bin" "$bare/shenbao"
cp -r examples/thermal-screening-robot "$bare/example"
chroot_run() {
  if [ "$(id -u)" = 0 ]; then chroot "$bare" "$@"; else unshare -r chroot "$bare" "$@"; fi
}
SHENBAO_AS_OF=2021-03-25 chroot_run /shenbao validate /example
echo "ran in an empty root: no libc, no locale files, no /tmp"
bash scripts/smoke.sh "$bin"

echo "== Windows exe under wine"
# Windows-only code (the console, the locale) is linted as Windows builds it.
cargo clippy --locked --target "$windows" --workspace -- -D warnings
bash scripts/dist.sh "$windows"
exe="dist/$windows/shenbao.exe"
bash scripts/windows/build-shim.sh "dist/$windows"
bash scripts/smoke.sh "$exe" "$bin"

echo "== the core as WebAssembly, against the Linux binary"
bash scripts/wasm.sh "$bin"

echo "== release archives"
bash scripts/pack.sh "$linux" v0.0.0-ci tar.gz
bash scripts/pack.sh "$windows" v0.0.0-ci zip
tar tzf "dist/shenbao-v0.0.0-ci-$linux.tar.gz" | grep -qx "shenbao-v0.0.0-ci-$linux/shenbao"
python3 -m zipfile -l "dist/shenbao-v0.0.0-ci-$windows.zip" | grep -q "shenbao-v0.0.0-ci-$windows/shenbao.exe"

echo "== release workflow"
bash scripts/lint-workflows.sh

echo "platforms: done in $(( $(date +%s) - start )) s"
