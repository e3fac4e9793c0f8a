#!/usr/bin/env bash
# Build the test-only bcryptprimitives.dll (see bcryptprimitives-shim.c) into
# DIR, beside the Windows exe that wine runs. Needs gcc-mingw-w64-x86-64.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: build-shim.sh DIR}"
x86_64-w64-mingw32-gcc -O2 -shared -o "$out/bcryptprimitives.dll" \
  "$here/bcryptprimitives-shim.c" "$here/bcryptprimitives-shim.def" -ladvapi32
