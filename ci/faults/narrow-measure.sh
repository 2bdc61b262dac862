#!/usr/bin/env bash
# Measures how soon a fuzz campaign finds a narrow backend fault (issue 10, coverage):
# applies PATCH to the checkout TREE (a scratch git worktree; never commit the faulty backend), runs
# `./a64w fuzz --time TIME --seed SEED --no-cranelift`, prints the time and case of the first finding on
# the subject side, then reverts the patch.
# Usage: ci/faults/narrow-measure.sh TREE PATCH SEED [TIME [MORE FUZZ OPTIONS...]]
set -euo pipefail
TREE=$1; PATCH=$(realpath "$2"); SEED=$3; TIME=${4:-60s}; shift 4 2>/dev/null || shift $#
OUT=$(mktemp -d /tmp/narrow-out.XXXXXX)
cd "$TREE"
git apply "$PATCH"
trap 'git apply -R "$PATCH"' EXIT
./a64w --help >/dev/null 2>&1 || true # build first, so build time is not counted
start=$(date +%s.%N)
set +e
./a64w fuzz --time "$TIME" --seed "$SEED" --no-cranelift --reduce-time 0 --out "$OUT" "$@" >"$OUT/stdout.txt" 2>"$OUT/stderr.txt"
set -e
summary=$(tail -n 1 "$OUT/stdout.txt")
first=$(ls -1tr --time-style=+%s.%N "$OUT"/subject/*.clif 2>/dev/null | head -n 1 || true)
if [ -z "$first" ]; then
  echo "$(basename "$PATCH") seed $SEED: no finding; $summary"
  exit 0
fi
t=$(stat -c %.Y "$first" 2>/dev/null || stat -c %Y "$first")
n=$(ls -1 "$OUT"/subject/*.clif | wc -l)
echo "$(basename "$PATCH") seed $SEED: first finding after $(echo "$t - $start" | bc) s: $(basename "$first"); $n findings; $summary"
echo "  signatures: $(ls -1 "$OUT"/subject/*.clif | xargs -n1 basename | sed 's/-[0-9]*\.clif$//' | sort | uniq -c | tr '\n' ';')"
echo "  output in $OUT"
