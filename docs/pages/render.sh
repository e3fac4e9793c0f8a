#!/usr/bin/env bash
# Regenerates the page images in docs/pages/ (needs poppler-utils): the form of
# two examples, the recommendation letter with its 附表 and the 汇总表, rendered
# with fixed test keys and dates by tests/pages.rs, at 60 dpi in grey.
# Look at the new images (git diff shows which changed) before committing them.
set -euo pipefail
cd "$(dirname "$0")/../.."
SHENBAO_BLESS=1 cargo test --quiet --test pages pages_look_as_committed
ls -l docs/pages/*.png
