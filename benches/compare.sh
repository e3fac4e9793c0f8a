#!/usr/bin/env bash
# Two builds of shenbao side by side, in one hyperfine run per measurement:
#
#   bash benches/compare.sh OLD_BIN NEW_BIN
#
# e.g. an earlier commit built into its own target directory:
#   git worktree add --detach /tmp/old 6972dcb
#   (cd /tmp/old && CARGO_TARGET_DIR=/tmp/old-target cargo build --release --locked)
#   cargo build --release --locked
#   bash benches/compare.sh /tmp/old-target/release/shenbao target/release/shenbao
#
# Each measurement is one hyperfine call with both binaries (same inputs, same
# machine state, warm caches), so the two figures can be read side by side:
#   - validate of N declarations (benches/gen_declarations.py), --jobs 1 and both cores
#   - validate of one declaration (examples/thermal-screening-robot), process included
#   - form of that declaration
#   - package and verify of a dossier with a SIZE_MIB attachment
# Environment: N (10000), SEED (2021), RUNS (10), SINGLE_RUNS (100), SIZE_MIB (1024),
# BIG_RUNS (5), BENCH_DIR (${TMPDIR:-/tmp}/shenbao-bench), OUT (target/bench-compare).
# Results: OUT/*.md (hyperfine's markdown tables) and OUT/*.json.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OLD=$(realpath "${1:?usage: compare.sh OLD_BIN NEW_BIN}")
NEW=$(realpath "${2:?usage: compare.sh OLD_BIN NEW_BIN}")
N=${N:-10000}
SEED=${SEED:-2021}
RUNS=${RUNS:-10}
SINGLE_RUNS=${SINGLE_RUNS:-100}
SIZE_MIB=${SIZE_MIB:-1024}
BIG_RUNS=${BIG_RUNS:-5}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/shenbao-bench}
CORPUS=$BENCH_DIR/corpus-$N-$SEED
OUT=${OUT:-$ROOT/target/bench-compare}
SINGLE=$ROOT/examples/thermal-screening-robot
export SHENBAO_AS_OF=2021-03-31

source "$ROOT/benches/common.sh"
need_apt hyperfine hyperfine
mkdir -p "$OUT" "$BENCH_DIR"

if [ ! -d "$CORPUS" ]; then
    say "generating $N declarations into $CORPUS"
    python3 "$ROOT/benches/gen_declarations.py" "$CORPUS" "$N" --seed "$SEED" >&2
fi

compare() { # NAME RUNS ARGS...: the shenbao arguments, run by both binaries
    local name=$1 runs=$2
    shift 2
    local old_cmd new_cmd
    old_cmd="$OLD $*"
    new_cmd="$NEW $*"
    say "$name"
    hyperfine -N --warmup 1 --runs "$runs" \
        --command-name old --command-name new \
        --export-markdown "$OUT/$name.md" --export-json "$OUT/$name.json" \
        "$old_cmd" "$new_cmd"
}

compare validate-10k-jobs1 "$RUNS" validate -q --jobs 1 "$CORPUS"
compare validate-10k "$RUNS" validate -q "$CORPUS"
compare validate-one "$SINGLE_RUNS" validate -q "$SINGLE"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
compare form "$SINGLE_RUNS" form "$SINGLE" -o "$work/form.pdf"

# A dossier with one large attachment (the 20 MiB limit raised in a profile).
cp -r "$SINGLE" "$work/decl"
big="$work/decl/attachments/site-survey.jpg"
{ printf '\xff\xd8\xff\xe0'; head -c $((SIZE_MIB * 1024 * 1024 - 4)) /dev/urandom; } > "$big"
python3 - "$work/decl/shenbao.yaml" <<'PY'
import sys
p = sys.argv[1]
t = open(p, encoding="utf-8").read()
t = t.replace("attachments:\n", "attachments:\n  - path: attachments/site-survey.jpg\n    kind: evidence\n    title: 现场勘查影像\n", 1)
open(p, "w", encoding="utf-8").write(t)
PY
sed -e 's/max_file_mib: 20/max_file_mib: 4096/' -e 's/max_total_mib: 100/max_total_mib: 8192/' \
    "$ROOT/schemas/calls/miit-xxxf-2021.yaml" > "$work/profile.yaml"
"$NEW" keygen --no-password -o "$work/k" > /dev/null
export SHENBAO_AS_OF=2021-03-25
compare package-${SIZE_MIB}mib "$BIG_RUNS" package --call "$work/profile.yaml" --key "$work/k.key" -o "$work/d.zip" "$work/decl"
compare verify-${SIZE_MIB}mib "$BIG_RUNS" verify --call "$work/profile.yaml" --trusted-key "$work/k.pub" "$work/d.zip"

say "summary (mean ± σ, old → new)"
for f in "$OUT"/*.json; do
    python3 - "$f" <<'PY'
import json, sys, os
r = json.load(open(sys.argv[1]))["results"]
old, new = r[0], r[1]
ratio = new["mean"] / old["mean"]
print(f'{os.path.basename(sys.argv[1])[:-5]:<22} {old["mean"]*1000:9.1f} ± {old["stddev"]*1000:6.1f} ms → '
      f'{new["mean"]*1000:9.1f} ± {new["stddev"]*1000:6.1f} ms   new/old {ratio:5.3f}')
PY
done
