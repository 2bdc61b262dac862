#!/usr/bin/env bash
# Builds or tests the Cranelift driver offline; called by Maven (this module's pom.xml).
# Usage: build.sh build|test
# Skips with one line (exit 0) when cargo or ../shared/peers/cranelift is missing: the harness then
# skips the Cranelift leg and says why.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PEERS="$HERE/../../shared/peers/cranelift"
export CARGO_TARGET_DIR="$HERE/target/cargo"
if ! command -v cargo >/dev/null 2>&1; then
  echo "[a64w] Cranelift driver not built: cargo not found on PATH (the Cranelift leg will be skipped)"
  exit 0
fi
if [ ! -d "$PEERS/wasmtime/cranelift" ]; then
  echo "[a64w] Cranelift driver not built: ../shared/peers/cranelift not found (the Cranelift leg will be skipped)"
  exit 0
fi
cd "$HERE"
case "${1:-build}" in
  build) exec cargo build --offline --release --ignore-rust-version --quiet ;;
  # --release shares the dependencies compiled for the build instead of compiling them again
  test) exec cargo test --offline --release --ignore-rust-version --quiet ;;
  *) echo "usage: build.sh build|test" >&2; exit 2 ;;
esac
