#!/usr/bin/env bash
# `shenbao intake` over many large dossiers, against the hashing floor.
#
#   bash benches/intake.sh
#
# Builds the release binary and generates N signed dossiers of about MIB MiB
# each (benches/gen_dossiers.py: generated declarations plus a scanned PDF and
# a photo of incompressible bytes, packaged with `shenbao package`, signed by
# 8 applicant keys) into BENCH_DIR unless they are already there. Then, with
# the dossiers in the page cache (read once beforehand), it times with
# hyperfine, RUNS runs each:
#   - the floor: `openssl dgst -sha256` over every ZIP, one process per core
#     (xargs -P); intake must hash each byte about twice (every payload entry
#     against the manifest, and the whole ZIP for the summary table), so its
#     floor is twice this;
#   - shenbao intake --trusted-keys TRUSTED --csv OUT/summary.csv DOSSIERS
#     (every core), and the same with BEFORE, a second binary, if given;
# and measures CPU time, utilisation and peak RSS with /usr/bin/time -v.
#
# Environment: N (1000), MIB (5), SEED (2021), RUNS (5),
# BENCH_DIR (${TMPDIR:-/tmp}/shenbao-bench), OUT (target/bench-intake),
# BEFORE (a shenbao binary to compare with, e.g. one built from main).
# Disk: about N x MIB MiB under BENCH_DIR. Installs hyperfine and GNU time
# with apt-get when they are missing. docs/performance.md has the figures.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${N:-1000}
MIB=${MIB:-5}
SEED=${SEED:-2021}
RUNS=${RUNS:-5}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/shenbao-bench}
SET=$BENCH_DIR/dossiers-$N-${MIB}mib
OUT=${OUT:-$ROOT/target/bench-intake}
BIN=$ROOT/target/release/shenbao
BEFORE=${BEFORE:-}
CORES=$(nproc)
# The generated declarations are dated up to the call's deadline.
export SHENBAO_AS_OF=2021-03-31 SHENBAO_LANG=en NO_COLOR=1

source "$ROOT/benches/common.sh"
need_apt hyperfine hyperfine
[ -x /usr/bin/time ] || need_apt /usr/bin/time time
command -v openssl >/dev/null || need_apt openssl openssl

say "cargo build --release"
(cd "$ROOT" && cargo build --release --quiet)
mkdir -p "$OUT"
if ! grep -qs "^n=$N mib=$MIB\(\.0\)\? keys=8 seed=$SEED\$" "$SET/.gen-complete"; then
    say "generating $N dossiers of about $MIB MiB into $SET (several minutes)"
    python3 "$ROOT/benches/gen_dossiers.py" "$SET" "$N" --mib "$MIB" --seed "$SEED" >&2
else
    say "dossiers present: $SET"
fi
bytes=$(find "$SET/dossiers" -name '*.zip' -printf '%s\n' | awk '{s += $1} END {printf "%.0f", s}')
echo "$N dossiers, $bytes bytes ($(awk -v b="$bytes" 'BEGIN {printf "%.2f", b / 2^30}') GiB), $CORES cores" >&2

say "reading the dossiers once (page cache)"
cat "$SET"/dossiers/*.zip >/dev/null

FLOOR="find $SET/dossiers -name '*.zip' -print0 | xargs -0 -P $CORES -n 50 openssl dgst -sha256 >/dev/null"
INTAKE="$BIN intake --trusted-keys $SET/trusted --csv $OUT/summary.csv $SET/dossiers"
commands=(-n "openssl dgst -sha256 (floor, x$CORES)" "$FLOOR" -n "shenbao intake" "$INTAKE >/dev/null")
[ -n "$BEFORE" ] && commands+=(-n "before: $BEFORE" "$BEFORE intake --trusted-keys $SET/trusted --csv $OUT/before.csv $SET/dossiers >/dev/null")

say "checking intake's result"
status=0
$INTAKE >"$OUT/intake.out" || status=$?
tail -1 "$OUT/intake.out" >&2
# Exit 1 (errors found) is expected: most bodies are over their quota.
[ "$status" -le 1 ] && grep -q "checked $N dossier(s)" "$OUT/intake.out" || { echo "intake failed ($status)" >&2; exit 1; }
# The status column (the last but one): which checks the dossiers fail. Only
# intake's own checks across dossiers (I...) should appear, never a failed
# verification (Z...): that would be a broken set, not the work to measure.
echo "status column:" >&2
awk -F, 'NR > 1 {print $(NF - 1)}' "$OUT/summary.csv" | sort | uniq -c | sort -rn >&2
awk -F, 'NR > 1 && $(NF - 1) ~ /[A-HJ-Z][0-9][0-9][0-9]/ {bad++} END {exit bad > 0}' "$OUT/summary.csv" \
    || { echo "some dossiers fail verification" >&2; exit 1; }

say "hyperfine ($RUNS runs each, after one warm-up run)"
hyperfine --warmup 1 --runs "$RUNS" -i --export-json "$OUT/intake.json" --export-markdown "$OUT/intake.md" "${commands[@]}"

say "CPU utilisation and peak RSS (/usr/bin/time -v, one run each)"
timev() { # label command
    /usr/bin/time -v bash -c "$2" 2>"$OUT/time.txt" >/dev/null || true
    awk -F': ' -v l="$1" '/Percent of CPU/ {c = $2} /Maximum resident/ {r = $2}
        END {printf "%s\t%s\t%s\n", l, c, r}' "$OUT/time.txt"
}
{
    timev floor "$FLOOR"
    timev intake "$INTAKE"
    [ -z "$BEFORE" ] || timev before "$BEFORE intake --trusted-keys $SET/trusted --csv $OUT/before.csv $SET/dossiers"
} >"$OUT/timev.tsv"

say "summary"
python3 - "$OUT" "$bytes" "$CORES" <<'EOF'
import json, os, sys
out, size, cores = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
runs = json.load(open(f"{out}/intake.json"))["results"]
timev = {l.split("\t")[0]: l.rstrip("\n").split("\t")[1:] for l in open(f"{out}/timev.tsv")}
floor = runs[0]
print(f"load average now: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
print(f"| command | wall median | MB/s | CPU (user + sys) | × floor (wall) | × 2 floors (wall) | × 2 floors (CPU) | CPU use | peak RSS |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for r, key in zip(runs, ["floor", "intake", "before"]):
    cpu = r["user"] + r["system"]
    fcpu = floor["user"] + floor["system"]
    pct, rss = timev.get(key, ["?", "0"])
    print(f"| {r['command']} | {r['median']:.2f} s | {size / r['median'] / 1e6:,.0f} | {cpu:.2f} s "
          f"({r['user']:.2f} + {r['system']:.2f}) | {r['median'] / floor['median']:.2f} | "
          f"{r['median'] / (2 * floor['median']):.2f} | {cpu / (2 * fcpu):.2f} | {pct} | {int(rss) / 1024:.1f} MiB |")
print(f"\n(raw: {out}/intake.json, timev.tsv; hyperfine table: intake.md)")
EOF
