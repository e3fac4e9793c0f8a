#!/usr/bin/env bash
# Build the binary that is shipped for TARGET (the `dist` profile: stripped,
# thin LTO), copy it to dist/TARGET/, and hold it to the size budget.
#
#   bash scripts/dist.sh x86_64-unknown-linux-musl
#   bash scripts/dist.sh x86_64-pc-windows-gnu      # cross-built here with mingw
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: scripts/dist.sh TARGET}"
# The budget of the install issue: 30 MB, fonts included (docs/install.md).
budget=$((30 * 1000 * 1000))

cargo build --profile dist --locked --target "$target"
exe=""
case "$target" in *windows*) exe=".exe" ;; esac
mkdir -p "dist/$target"
cp "${CARGO_TARGET_DIR:-target}/$target/dist/shenbao$exe" "dist/$target/shenbao$exe"
size=$(wc -c < "dist/$target/shenbao$exe")
echo "dist/$target/shenbao$exe: $size bytes"
if [ "$size" -gt "$budget" ]; then
  echo "error: the binary is $size bytes, over the budget of $budget" >&2
  exit 1
fi
