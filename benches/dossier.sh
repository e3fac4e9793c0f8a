#!/usr/bin/env bash
# package and verify of a dossier with a large attachment, side by side with
# `openssl dgst -sha256` on the same bytes, and Python bagit on the unzipped bag.
# Usage: benches/dossier.sh [SIZE_MIB=1024] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${1:-1024}
runs=${2:-3}
cargo build --release --quiet
bin=$PWD/target/release/shenbao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The thermal-screening-robot example plus one large attachment (a JPEG
# signature then random bytes: stored, not deflated, as real scans are).
cp -r examples/thermal-screening-robot "$work/decl"
big="$work/decl/attachments/site-survey.jpg"
{ printf '\xff\xd8\xff\xe0'; head -c $((size_mib * 1024 * 1024 - 4)) /dev/urandom; } > "$big"
python3 - "$work/decl/shenbao.yaml" <<'PY'
import sys
p = sys.argv[1]
t = open(p, encoding="utf-8").read()
t = t.replace("attachments:\n", "attachments:\n  - path: attachments/site-survey.jpg\n    kind: evidence\n    title: 现场勘查影像\n", 1)
open(p, "w", encoding="utf-8").write(t)
PY
# The 2021 profile caps attachments at 20 MiB; this benchmark lifts the cap.
sed -e 's/max_file_mib: 20/max_file_mib: 4096/' -e 's/max_total_mib: 100/max_total_mib: 8192/' schemas/calls/miit-xxxf-2021.yaml > "$work/profile.yaml"
"$bin" keygen --no-password -o "$work/k" > /dev/null
export SHENBAO_AS_OF=2021-03-25

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }

echo "attachment: ${size_mib} MiB; runs: $runs; $(nproc) cores"
for name in openssl package verify bagit; do : > "$work/$name.times"; done
for _ in $(seq "$runs"); do
  seconds openssl dgst -sha256 "$big" >> "$work/openssl.times"
  rm -f "$work/d.zip"
  seconds "$bin" package --call "$work/profile.yaml" --key "$work/k.key" -o "$work/d.zip" "$work/decl" >> "$work/package.times"
  seconds "$bin" verify --call "$work/profile.yaml" --trusted-key "$work/k.pub" "$work/d.zip" >> "$work/verify.times"
done
rm -rf "$work/bag" && mkdir "$work/bag" && (cd "$work/bag" && unzip -q "$work/d.zip")
for _ in $(seq "$runs"); do
  (cd "$work/bag"/* && seconds python3 -m bagit --validate --processes 1 .) >> "$work/bagit.times"
done
bytes=$((size_mib * 1024 * 1024))
ossl=$(cut -d' ' -f1 "$work/openssl.times" | median)
printf '%-28s %8s %10s %12s %10s\n' command "median s" "MB/s" "vs openssl" "peak RSS"
for name in openssl package verify bagit; do
  t=$(cut -d' ' -f1 "$work/$name.times" | median)
  rss=$(cut -d' ' -f2 "$work/$name.times" | sort -n | tail -1)
  awk -v n="$name" -v t="$t" -v b="$bytes" -v o="$ossl" -v r="$rss" \
    'BEGIN { printf "%-28s %8.2f %10.0f %11.0f%% %8.1f MB\n", n, t, b / t / 1e6, 100 * o / t, r / 1024 }'
done
