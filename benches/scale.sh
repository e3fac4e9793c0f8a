#!/usr/bin/env bash
# `shenbao validate` at growing corpus sizes: wall, CPU time, how many cores
# it keeps busy, and whether memory stays flat.
#
#   bash benches/scale.sh
#
# Builds the release binary and generates the corpora (benches/gen_declarations.py,
# the same seed as benches/validate.sh, so the first 10,000 declarations of
# every corpus are the same files) into BENCH_DIR unless they are there. For
# each size in SIZES it runs, RUNS times each and in turn (A B C A B C ...),
#   - shenbao validate -q CORPUS                          (default: every core)
#   - shenbao validate -q --format json CORPUS            (every result on stdout)
#   - shenbao validate -q --report OUT/report.html CORPUS (every result in a page)
# under /usr/bin/time, and prints the medians of wall time and of CPU time
# (user + sys), the CPU utilisation ((user + sys) / wall: 200 % is two cores
# busy), the largest peak RSS of the runs, and the size of what was written.
#
# Environment: SIZES ("1000 10000 30000"), SEED (2021), RUNS (5),
# BENCH_DIR (${TMPDIR:-/tmp}/shenbao-bench), OUT (target/bench-scale).
# SHENBAO_AS_OF is set to 2021-03-31, as in benches/validate.sh, so that the
# corpora are valid and warning-free. Disk: about 8.5 KB of YAML per
# declaration (the attachments are hard links). Installs GNU time with apt-get
# when it is missing. See docs/performance.md for the figures.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZES=${SIZES:-1000 10000 30000}
SEED=${SEED:-2021}
RUNS=${RUNS:-5}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/shenbao-bench}
OUT=${OUT:-$ROOT/target/bench-scale}
BIN=$ROOT/target/release/shenbao
export SHENBAO_AS_OF=2021-03-31 SHENBAO_LANG=en NO_COLOR=1

source "$ROOT/benches/common.sh"
[ -x /usr/bin/time ] || need_apt /usr/bin/time time

say "cargo build --release"
(cd "$ROOT" && cargo build --release --quiet)
mkdir -p "$BENCH_DIR" "$OUT"
GEN_SHA=$(sha256sum "$ROOT/benches/gen_declarations.py" | cut -d' ' -f1)
: >"$OUT/runs.tsv"
for n in $SIZES; do
    corpus=$BENCH_DIR/corpus-$n-$SEED
    if ! grep -qs "^n=$n seed=$SEED gen=$GEN_SHA\$" "$corpus/.gen-complete"; then
        say "generating $n declarations into $corpus"
        rm -rf "$corpus"
        python3 "$ROOT/benches/gen_declarations.py" "$corpus" "$n" --seed "$SEED" >&2
    fi
    say "validate, $n declarations ($RUNS runs of each variant, in turn)"
    "$BIN" validate -q "$corpus" | grep -qF "checked $n declaration(s): $n ok, 0 failed (0 error(s), 0 warning(s))" \
        || { echo "$corpus is not clean" >&2; exit 1; }
    for run in $(seq "$RUNS"); do
        for variant in plain json report; do
            case $variant in
                plain) extra=() ;;
                json) extra=(--format json) ;;
                report) extra=(--report "$OUT/report.html") ;;
            esac
            /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "$BIN" validate -q "${extra[@]}" "$corpus" >"$OUT/stdout.txt"
            written=$(stat -c %s "$OUT/stdout.txt")
            [ "$variant" = report ] && written=$(stat -c %s "$OUT/report.html")
            printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$variant" "$run" "$(cat "$OUT/time.txt")" "$written" >>"$OUT/runs.tsv"
        done
    done
done

say "summary"
python3 - "$OUT/runs.tsv" <<'EOF'
import os, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    n, variant, _, times, written = line.rstrip("\n").split("\t")
    wall, user, sys_, rss = times.split()
    rows.setdefault((int(n), variant), []).append((float(wall), float(user) + float(sys_), int(rss), int(written)))
print(f"load average now: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (other work on the machine skews wall times)")
print(f"machine: {os.cpu_count()} cores")
print("| declarations | command | wall (median) | CPU (median) | CPU per declaration | CPU use | docs/s | peak RSS | written |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
names = {"plain": "`validate -q`", "json": "`validate -q --format json`", "report": "`validate -q --report r.html`"}
for (n, variant), runs in sorted(rows.items()):
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    use = statistics.median(r[1] / r[0] for r in runs)
    rss = max(r[2] for r in runs) / 1024
    written = runs[-1][3]
    print(f"| {n:,} | {names[variant]} | {wall:.2f} s | {cpu:.2f} s | {cpu / n * 1e6:.0f} µs | {use:.0%} | "
          f"{n / wall:,.0f} | {rss:.1f} MiB | {written / 1e6:.2f} MB |")
EOF
