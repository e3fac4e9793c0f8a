#!/usr/bin/env bash
# Regenerates docs/recommend/letter-*.png: 安徽省 forwards 合肥市's extra project
# (examples/city-brain-platform) with a throwaway key (needs poppler-utils, unzip).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --quiet
bin=$PWD/target/release/shenbao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SHENBAO_AS_OF=2021-03-29
"$bin" keygen --no-password -o "$work/applicant" >/dev/null
"$bin" keygen --no-password -o "$work/office" >/dev/null
mkdir "$work/keys" "$work/inbox"
cp "$work/applicant.pub" "$work/keys/"
"$bin" package --key "$work/applicant.key" -o "$work/inbox/shenbao-91340104058372165T-20210326.zip" \
  examples/city-brain-platform >/dev/null
(cd "$work" && "$bin" recommend --office 安徽省 --issuer 安徽省经济和信息化厅 --key "$work/office.key" \
  --trusted-key "$work/keys" --reference "皖经信函〔2021〕8号" --contact "王敏 0551-62871234" \
  "$work/inbox")
unzip -q -d "$work/open" "$work/shenbao-recommendation-安徽省-20210329.zip"
rm -f docs/recommend/letter-*.png
pdftoppm -r 70 -png "$work"/open/*/data/推荐意见函.pdf docs/recommend/letter
ls -l docs/recommend/letter-*.png
