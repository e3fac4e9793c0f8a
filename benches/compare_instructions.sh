#!/usr/bin/env bash
# Two builds of shenbao side by side, counted in instructions (valgrind's
# callgrind): the same total for the same binary and inputs whatever else the
# machine is doing, so a change's cost shows even on a busy machine where
# wall-clock figures (benches/compare.sh) wander.
#
#   bash benches/compare_instructions.sh OLD_BIN NEW_BIN
#
# Counts: validate of one declaration, validate of N declarations on one
# thread (benches/gen_declarations.py), form of one declaration, and verify of a
# dossier with a SIZE_MIB attachment. Environment: N (1000), SEED (2021),
# SIZE_MIB (16), BENCH_DIR (${TMPDIR:-/tmp}/shenbao-bench).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OLD=$(realpath "${1:?usage: compare_instructions.sh OLD_BIN NEW_BIN}")
NEW=$(realpath "${2:?usage: compare_instructions.sh OLD_BIN NEW_BIN}")
N=${N:-1000}
SEED=${SEED:-2021}
SIZE_MIB=${SIZE_MIB:-16}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/shenbao-bench}
CORPUS=$BENCH_DIR/corpus-$N-$SEED
SINGLE=$ROOT/examples/thermal-screening-robot
export SHENBAO_AS_OF=2021-03-31

source "$ROOT/benches/common.sh"
need_apt valgrind valgrind
mkdir -p "$BENCH_DIR"
[ -d "$CORPUS" ] || python3 "$ROOT/benches/gen_declarations.py" "$CORPUS" "$N" --seed "$SEED" >&2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Total instructions (Ir) of one run, all threads.
count() {
    local out=$work/cg.out
    valgrind --tool=callgrind --callgrind-out-file="$out" "$@" >/dev/null 2>&1 || true
    awk '/^summary:/ { print $2 }' "$out"
}

row() { # NAME ARGS...
    local name=$1
    shift
    local old new
    old=$(count "$OLD" "$@")
    new=$(count "$NEW" "$@")
    awk -v n="$name" -v o="$old" -v w="$new" \
        'BEGIN { printf "%-24s %16.0f %16.0f   new/old %.3f\n", n, o, w, w / o }'
}

# A dossier with one large attachment, made by the new binary, verified by both.
cp -r "$SINGLE" "$work/decl"
{ printf '\xff\xd8\xff\xe0'; head -c $((SIZE_MIB * 1024 * 1024 - 4)) /dev/urandom; } > "$work/decl/attachments/site-survey.jpg"
python3 - "$work/decl/shenbao.yaml" <<'PY'
import sys
p = sys.argv[1]
t = open(p, encoding="utf-8").read()
t = t.replace("attachments:\n", "attachments:\n  - path: attachments/site-survey.jpg\n    kind: evidence\n    title: 现场勘查影像\n", 1)
open(p, "w", encoding="utf-8").write(t)
PY
"$NEW" keygen --no-password -o "$work/k" >/dev/null
SHENBAO_AS_OF=2021-03-25 "$NEW" package --key "$work/k.key" -o "$work/d.zip" "$work/decl" >/dev/null

printf '%-24s %16s %16s\n' measurement "old Ir" "new Ir"
row validate-one validate -q "$SINGLE"
row "validate-$N-jobs1" validate -q --jobs 1 "$CORPUS"
row form form "$SINGLE" -o "$work/form.pdf"
SHENBAO_AS_OF=2021-03-25 row "verify-${SIZE_MIB}mib" verify --trusted-key "$work/k.pub" "$work/d.zip"
