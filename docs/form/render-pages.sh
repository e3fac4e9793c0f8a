#!/usr/bin/env bash
# Regenerates the page images in docs/form/ from an example (needs poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo run --release --quiet -- form --as-of 2021-03-25 examples/city-brain-platform -o target/example-form.pdf
rm -f docs/form/page-*.png
pdftoppm -r 80 -png target/example-form.pdf docs/form/page
ls -l docs/form/page-*.png
