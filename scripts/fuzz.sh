#!/usr/bin/env bash
# Coverage-guided fuzzing (docs/security.md, "Fuzzing"): builds the targets in
# fuzz/ with cargo-fuzz on the nightly toolchain, seeds their corpora
# (fuzz/seed.py), runs each target for SECONDS and fails on any crash, hang or
# running out of memory, printing the input that did it. CI runs it for 60 s.
#
#   bash scripts/fuzz.sh SECONDS [TARGET...]
#
#   SHENBAO_FUZZ_OPTIONAL=1  without a nightly toolchain, say so and succeed
#                            (by default that is a failure)
#   SHENBAO_FUZZ_JOBS=N      targets fuzzed at the same time (default 2)
#   SHENBAO=PATH             the binary that packages the seed dossiers
#                            (default: the release build if there is one,
#                            else the debug build, built if need be)
#   SHENBAO_FUZZ_TARGET_DIR  where the targets are built (default
#                            ~/.cache/shenbao/fuzz-target, kept between
#                            checkouts: a cold build takes most of the step)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:?usage: bash scripts/fuzz.sh SECONDS [TARGET...]}
shift
case $seconds in
  '' | *[!0-9]*) echo "fuzz: SECONDS must be a whole number, not '$seconds'" >&2; exit 2 ;;
esac

if ! cargo +nightly --version >/dev/null 2>&1; then
  if [ "${SHENBAO_FUZZ_OPTIONAL:-0}" = 1 ]; then
    echo "fuzz: NOTICE: no nightly toolchain (cargo +nightly); fuzzing skipped (SHENBAO_FUZZ_OPTIONAL=1)" >&2
    exit 0
  fi
  echo "fuzz: no nightly toolchain (cargo +nightly), which cargo-fuzz needs;" \
    "install one (rustup toolchain install nightly) or set SHENBAO_FUZZ_OPTIONAL=1 to skip" >&2
  exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz (crates.io)" >&2
  cargo install cargo-fuzz --locked
fi

# Release with debug assertions and overflow checks (so the YAML paths'
# debug-build switch is on), without AddressSanitizer: the code is safe Rust,
# and the sanitizer would halve the executions on these two cores.
# Its own target folder, whatever CARGO_TARGET_DIR says: nightly and
# instrumented, nothing in it is shared with the stable builds. Outside the
# checkout, so that CI's fresh clone rebuilds only the project's crates.
target_dir=${SHENBAO_FUZZ_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/shenbao/fuzz-target}
flags=(--sanitizer none --debug-assertions --target-dir "$target_dir")
start=$SECONDS
cargo +nightly fuzz build "${flags[@]}"
echo "fuzz: built in $((SECONDS - start)) s" >&2

binary=${SHENBAO:-}
if [ -z "$binary" ]; then
  target_dir=${CARGO_TARGET_DIR:-target}
  if [ -x "$target_dir/release/shenbao" ]; then
    binary=$target_dir/release/shenbao
  else
    cargo build --locked --quiet --bin shenbao
    binary=$target_dir/debug/shenbao
  fi
fi
python3 fuzz/seed.py --shenbao "$binary"

if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo +nightly fuzz list)
fi

logs=fuzz/artifacts/logs
mkdir -p "$logs"
run_one() {
  local target=$1 dict=()
  case $target in
    yaml_paths | load_and_check | call_profile) dict=(-dict=fuzz/yaml.dict) ;;
  esac
  mkdir -p "fuzz/corpus/$target"
  # -timeout: one input taking longer is a hang; -rss_limit_mb: memory.
  local status=0
  cargo +nightly fuzz run "${flags[@]}" "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 "${dict[@]}" >"$logs/$target.log" 2>&1 || status=$?
  echo "$status" >"$logs/$target.status"
}

jobs_max=${SHENBAO_FUZZ_JOBS:-2}
for target in "${targets[@]}"; do
  rm -f "$logs/$target.status"
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do
    sleep 1
  done
  echo "fuzz: $target for $seconds s" >&2
  run_one "$target" &
done
wait

failed=()
for target in "${targets[@]}"; do
  log=$logs/$target.log
  status=$(cat "$logs/$target.status" 2>/dev/null || echo missing)
  if [ "$status" = 0 ]; then
    summary=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)
    echo "fuzz: $target: ${summary:-no summary}; $(grep -E '^Done [0-9]+ runs' "$log" | tail -n 1 || true)"
  else
    failed+=("$target")
    echo "fuzz: $target FAILED (exit $status); log: $log" >&2
    grep -E 'panicked at|^SUMMARY|ERROR: libFuzzer' "$log" | head -n 5 >&2 || true
    grep -Eo 'Test unit written to [^ ]+' "$log" | sed 's/^Test unit written to /fuzz: artifact: /' >&2 || true
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
  echo "fuzz: reproduce with: cargo +nightly fuzz run ${flags[*]} TARGET ARTIFACT" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, $seconds s each, nothing found ($((SECONDS - start)) s in all)"
