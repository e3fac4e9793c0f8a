#!/usr/bin/env bash
# The core as WebAssembly (crates/shenbao-web, wasm32-unknown-unknown): built,
# given its import glue by wasm-bindgen (the CLI from crates.io, the version of
# the wasm-bindgen crate in Cargo.lock), then run by Node.js through
# web/core.mjs against the command line on every example
# (scripts/wasm-check.mjs): the same findings, form and dossier bytes. Then
# the offline page, $CARGO_TARGET_DIR/web/shenbao.html (scripts/page.mjs),
# tried in chromium through chromedriver (tests/browser.rs).
#
#   bash scripts/wasm.sh [SHENBAO_BINARY]     # default: a release build of this tree
set -euo pipefail
cd "$(dirname "$0")/.."
rustup target add wasm32-unknown-unknown >/dev/null
# The profile that is shipped: no debug info, thin LTO.
cargo build --locked --profile dist -p shenbao-web --target wasm32-unknown-unknown
target_dir="${CARGO_TARGET_DIR:-target}"
cli="${1:-}"
if [ -z "$cli" ]; then
  cargo build --locked --release --bin shenbao
  cli="$target_dir/release/shenbao"
fi
wasm="$target_dir/wasm32-unknown-unknown/dist/shenbao_web.wasm"
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
tools="$target_dir/tools/wasm-bindgen"
if [ "$("$tools/bin/wasm-bindgen" --version 2>/dev/null)" != "wasm-bindgen $version" ]; then
  # Not --locked: the registry here lacks a version its lock file names (webpki-roots 1.0.11).
  # Without default features: no TLS stack (ring, rustls), which only its test runner uses.
  cargo install --quiet --no-default-features wasm-bindgen-cli --version "$version" --root "$tools"
fi
out="$target_dir/web"
"$tools/bin/wasm-bindgen" --target web --no-typescript --out-dir "$out" "$wasm"
ls -l "$out"
node scripts/wasm-check.mjs "$out" "$cli"
# The page, within its 30 MB budget, then in a real browser.
node scripts/page.mjs "$out" "$out/shenbao.html"
. scripts/apt-install.sh
command -v chromedriver >/dev/null 2>&1 || apt_install chromium-driver
SHENBAO_PAGE="$out/shenbao.html" cargo test --locked --test browser -- --ignored --nocapture --test-threads=1
