#!/usr/bin/env bash
# Pack dist/TARGET/shenbao[.exe] with the README, the licences and the
# examples into dist/shenbao-VERSION-TARGET.(zip|tar.gz), as released.
#
#   bash scripts/pack.sh x86_64-unknown-linux-musl v0.1.0 tar.gz
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: scripts/pack.sh TARGET VERSION zip|tar.gz}"
version="${2:?}"
format="${3:?}"
name="shenbao-$version-$target"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
cp dist/"$target"/shenbao* "$stage/$name/"
cp README.md LICENSE-MIT LICENSE-APACHE "$stage/$name/"
mkdir "$stage/$name/fonts"
cp crates/shenbao-pdf/fonts/OFL.txt crates/shenbao-pdf/fonts/OFL-NotoSerifSC.txt "$stage/$name/fonts/"
cp -r examples "$stage/$name/examples"
case "$format" in
  zip)
    # Windows users unzip with Explorer; Python's zipfile is on every runner
    # (as python3, or as python on Windows).
    py="$(command -v python3 || command -v python)"
    (cd "$stage" && "$py" -m zipfile -c "$OLDPWD/dist/$name.zip" "$name") ;;
  tar.gz)
    tar -C "$stage" -czf "dist/$name.tar.gz" "$name" ;;
  *) echo "unknown archive format $format" >&2; exit 2 ;;
esac
ls -l dist/"$name".*
