#!/usr/bin/env bash
# End-to-end throughput of `shenbao validate`, with ajv-cli side by side.
#
#   bash benches/validate.sh
#
# Builds the release binary, generates the benchmark corpus (10,000 valid
# declarations, benches/gen_declarations.py) into a temporary folder unless it
# is already there, converts it once to JSON for ajv-cli, checks that both
# tools accept every file, then times with hyperfine:
#   - shenbao validate -q --jobs 1 CORPUS     (one core)
#   - shenbao validate -q CORPUS              (default: every core)
#   - ajv validate ... -d 'CORPUS_JSON/*.json'  (ajv-cli 5, same schema, formats)
#   - shenbao validate examples/thermal-screening-robot  (one file, wall time
#     including process start), and ajv-cli on that one file
# measures peak RSS with /usr/bin/time -v, and prints a summary in docs/s.
#
# Environment: N (10000), SEED (2021), RUNS (10), SINGLE_RUNS (200),
# BENCH_DIR (${TMPDIR:-/tmp}/shenbao-bench), OUT (target/bench-validate),
# SHENBAO_AS_OF (2021-03-31: see below).
# Installs hyperfine and GNU time with apt-get when they are missing, and the
# npm packages of benches/package-lock.json with `npm ci` (node and npm must
# be there). See docs/performance.md for the figures and what they mean.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${N:-10000}
SEED=${SEED:-2021}
RUNS=${RUNS:-10}
SINGLE_RUNS=${SINGLE_RUNS:-200}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/shenbao-bench}
CORPUS=$BENCH_DIR/corpus-$N-$SEED
CORPUS_JSON=$BENCH_DIR/corpus-$N-$SEED-json
OUT=${OUT:-$ROOT/target/bench-validate}
SCHEMA=$ROOT/schemas/declaration.schema.json
SINGLE=$ROOT/examples/thermal-screening-robot
BIN=$ROOT/target/release/shenbao
AJV=$ROOT/benches/node_modules/.bin/ajv
# Judge "has the call closed" as of the call's own deadline, not today: run
# today, every 2021 declaration gets a deadline warning, and with -q every
# file would then be printed with a source excerpt. The timed work is then
# that of valid, warning-free declarations.
export SHENBAO_AS_OF=${SHENBAO_AS_OF:-2021-03-31}

source "$ROOT/benches/common.sh"

need_apt hyperfine hyperfine
[ -x /usr/bin/time ] || need_apt /usr/bin/time time
command -v node >/dev/null && command -v npm >/dev/null || {
    echo "node and npm are needed for the ajv-cli comparison" >&2
    exit 2
}

say "cargo build --release"
(cd "$ROOT" && cargo build --release --quiet)

if [ ! -x "$AJV" ] || [ ! -d "$ROOT/benches/node_modules/ajv-formats" ] || [ ! -d "$ROOT/benches/node_modules/js-yaml" ]; then
    say "npm ci --prefix benches (ajv-cli, ajv-formats, js-yaml)"
    npm ci --prefix "$ROOT/benches" --no-audit --no-fund --loglevel=error
fi

mkdir -p "$BENCH_DIR" "$OUT"
GEN_SHA=$(sha256sum "$ROOT/benches/gen_declarations.py" | cut -d' ' -f1)
if ! grep -qs "^n=$N seed=$SEED gen=$GEN_SHA\$" "$CORPUS/.gen-complete"; then
    say "generating $N declarations into $CORPUS"
    rm -rf "$CORPUS" "$CORPUS_JSON"
    python3 "$ROOT/benches/gen_declarations.py" "$CORPUS" "$N" --seed "$SEED" >&2
else
    say "corpus present: $CORPUS"
fi

# ajv-cli reads .yaml data with js-yaml 3's default schema, which turns the
# unquoted dates (established: 2014-06-12) into Date objects, so every
# declaration fails `type: string`. shenbao reads YAML 1.2 (core schema), where
# they are strings. So the corpus is converted once, with js-yaml 4's
# CORE_SCHEMA, to JSON for ajv; ajv then parses JSON, not YAML.
if [ ! -f "$CORPUS_JSON/.complete" ]; then
    say "converting the corpus to JSON for ajv-cli (js-yaml CORE_SCHEMA)"
    rm -rf "$CORPUS_JSON"
    node - "$ROOT/benches" "$CORPUS" "$CORPUS_JSON" <<'EOF'
const fs = require("fs"), path = require("path");
const [benches, src, dst] = process.argv.slice(2);
const yaml = require(path.join(benches, "node_modules", "js-yaml"));
fs.mkdirSync(dst, { recursive: true });
let n = 0;
for (const name of fs.readdirSync(src).sort()) {
  const file = path.join(src, name, "shenbao.yaml");
  if (!fs.existsSync(file)) continue;
  const doc = yaml.load(fs.readFileSync(file, "utf8"), { schema: yaml.CORE_SCHEMA, filename: file });
  fs.writeFileSync(path.join(dst, name + ".json"), JSON.stringify(doc) + "\n");
  n++;
}
fs.writeFileSync(path.join(dst, ".complete"), `${n}\n`);
console.error(`converted ${n} declarations`);
EOF
fi

SHENBAO_J1="$BIN validate -q --jobs 1 $CORPUS"
SHENBAO_ALL="$BIN validate -q $CORPUS"
SHENBAO_ONE="$BIN validate $SINGLE"
AJV_ONE="$AJV validate --spec=draft2020 -c ajv-formats -s $SCHEMA -d $CORPUS_JSON/00000.json"

say "checking that both tools accept every file"
$SHENBAO_ALL --lang en >"$OUT/shenbao.out" || { tail -5 "$OUT/shenbao.out" >&2; echo "shenbao rejects part of the corpus" >&2; exit 1; }
tail -1 "$OUT/shenbao.out" >&2
grep -qF "checked $N declaration(s): $N ok, 0 failed (0 error(s), 0 warning(s))" "$OUT/shenbao.out" \
    || { tail -20 "$OUT/shenbao.out" >&2; echo "the corpus is not clean (errors or warnings above)" >&2; exit 1; }
$BIN validate --lang en $SINGLE | grep -qF "1 ok, 0 failed (0 error(s), 0 warning(s))" || { echo "$SINGLE does not validate cleanly" >&2; exit 1; }
# (the glob is ajv's: quoted for the shell, expanded by ajv-cli)
"$AJV" validate --spec=draft2020 -c ajv-formats -s "$SCHEMA" -d "$CORPUS_JSON/*.json" >"$OUT/ajv.out" 2>&1 \
    || { grep -v ' valid$' "$OUT/ajv.out" | head -20 >&2; echo "ajv-cli rejects part of the JSON corpus" >&2; exit 1; }
echo "ajv-cli: $(grep -c ' valid$' "$OUT/ajv.out") valid" >&2
ajv_yaml=$("$AJV" validate --spec=draft2020 -c ajv-formats -s "$SCHEMA" -d "$CORPUS/0000[0-9]/shenbao.yaml" 2>&1 | grep -c ' invalid$' || true)
echo "ajv-cli on the YAML itself: $ajv_yaml of 10 sampled files invalid (dates read as Date objects)" >&2

say "hyperfine: corpus of $N ($RUNS runs each)"
hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$OUT/corpus.json" --export-markdown "$OUT/corpus.md" \
    -n "shenbao --jobs 1" "$SHENBAO_J1" \
    -n "shenbao (all cores)" "$SHENBAO_ALL" \
    -n "ajv-cli" "$AJV validate --spec=draft2020 -c ajv-formats -s $SCHEMA -d '$CORPUS_JSON/*.json'"

say "hyperfine: one declaration, including process start ($SINGLE_RUNS runs)"
hyperfine -N --warmup 20 --runs "$SINGLE_RUNS" --export-json "$OUT/single.json" --export-markdown "$OUT/single.md" \
    -n "shenbao validate examples/thermal-screening-robot" "$SHENBAO_ONE" \
    -n "ajv-cli, one file" "$AJV_ONE"

say "peak RSS (/usr/bin/time -v)"
rss() { # label, command...
    local label=$1; shift
    /usr/bin/time -v "$@" >/dev/null 2>"$OUT/time.txt" || true
    printf '%s\t%s\n' "$label" "$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time.txt")"
}
{
    rss "shenbao --jobs 1" $SHENBAO_J1
    rss "shenbao (all cores)" $SHENBAO_ALL
    rss "ajv-cli" "$AJV" validate --spec=draft2020 -c ajv-formats -s "$SCHEMA" -d "$CORPUS_JSON/*.json"
    rss "shenbao, one file" $SHENBAO_ONE
    rss "ajv-cli, one file" $AJV_ONE
} >"$OUT/rss.tsv"

say "summary"
python3 - "$OUT" "$N" "$CORPUS" <<'EOF'
import json, os, sys, glob, statistics
out, n, corpus = sys.argv[1], int(sys.argv[2]), sys.argv[3]
corpus_runs = {r["command"]: r for r in json.load(open(f"{out}/corpus.json"))["results"]}
single = {r["command"]: r for r in json.load(open(f"{out}/single.json"))["results"]}
rss = dict(line.rstrip("\n").split("\t") for line in open(f"{out}/rss.tsv"))
sizes = [os.path.getsize(p) for p in glob.glob(f"{corpus}/*/shenbao.yaml")]
print(f"load average now: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (other work on the machine skews wall times)")
print(f"machine: {os.cpu_count()} cores, {next((l.split(':',1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')}")
print(f"corpus: {len(sizes)} declarations, shenbao.yaml mean {statistics.mean(sizes)/1024:.1f} KiB, "
      f"min {min(sizes)/1024:.1f}, max {max(sizes)/1024:.1f} KiB ({corpus})")
print()
print(f"| command | wall mean ± sd | wall median | docs/s (mean) | docs/s (median) | CPU per doc | peak RSS |")
print(f"|---|---|---|---|---|---|---|")
for name, r in corpus_runs.items():
    cpu = (r["user"] + r["system"]) / n * 1e6
    print(f"| {name} | {r['mean']:.3f} ± {r['stddev']:.3f} s | {r['median']:.3f} s | {n / r['mean']:,.0f} | "
          f"{n / r['median']:,.0f} | {cpu:.0f} µs | {int(rss.get(name, 0)) / 1024:.1f} MiB |")
for name, r in single.items():
    key = "shenbao, one file" if name.startswith("shenbao") else "ajv-cli, one file"
    print(f"| {name} | {r['mean']*1e3:.2f} ± {r['stddev']*1e3:.2f} ms | {r['median']*1e3:.2f} ms | | | "
          f"{(r['user'] + r['system'])*1e3:.2f} ms | {int(rss.get(key, 0)) / 1024:.1f} MiB |")
j1, allc, ajv = corpus_runs["shenbao --jobs 1"], corpus_runs["shenbao (all cores)"], corpus_runs["ajv-cli"]
print()
print(f"per core (--jobs 1): {n / j1['median']:,.0f} docs/s (median wall), "
      f"{n / (j1['user'] + j1['system']):,.0f} docs per CPU-second   [target >= 8,000]")
print(f"all cores (default): {n / allc['median']:,.0f} docs/s (median wall)")
one = next(r for k, r in single.items() if k.startswith("shenbao"))
print(f"one file: {one['median']*1e3:.2f} ms median wall including process start   [target <= 20 ms]")
print(f"ajv-cli / shenbao wall time: {ajv['median'] / j1['median']:.2f}x vs --jobs 1, "
      f"{ajv['median'] / allc['median']:.2f}x vs all cores; CPU time: "
      f"{(ajv['user'] + ajv['system']) / (j1['user'] + j1['system']):.2f}x")
print(f"\n(raw: {out}/corpus.json, single.json, rss.tsv; hyperfine tables: corpus.md, single.md)")
EOF
