#!/usr/bin/env bash
# The project's test command (README, "The two commands"; CI runs it too).
# It installs the outside tools the tests check our files with, then runs every
# test of the workspace and ends with one line that sums all test binaries.
#   poppler-utils  pdftotext, pdffonts, pdftoppm: the PDF form, letter and table
#   minisign       signatures made and checked by the reference tool
#   unzip          dossiers extracted by a standard tool
#   chromium       the HTML report rendered in a real browser
#   bagit (PyPI)   Python's BagIt validator on the extracted dossier
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v minisign >/dev/null 2>&1 || need+=(minisign)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
. scripts/apt-install.sh
apt_install ${need[@]+"${need[@]}"}
python3 -c "import bagit" 2>/dev/null ||
  python3 -m pip install -q --disable-pip-version-check bagit==1.9.0

# Debug builds compare the YAML fast path with the full parser on every load
# (crates/shenbao-load/src/yaml/mod.rs): every test's declaration is checked.
export SHENBAO_CHECK_YAML_PATHS="${SHENBAO_CHECK_YAML_PATHS:-1}"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test --workspace --locked "$@" 2>&1 | tee "$log" || status=$?
# cargo's own last line is a doc-test run; sum every binary's results instead.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
