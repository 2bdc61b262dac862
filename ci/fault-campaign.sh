#!/usr/bin/env bash
# Fault injection: fuzz a scratch copy of the backend with one bug put in by hand, and print the
# distinct signatures it gives (with counts). Used to check that one bug gives one signature.
#
#   ci/fault-campaign.sh PATCH [SECONDS] [SEED]
#
# PATCH is a patch against the repository (ci/faults/*.patch). The scratch copy is the working tree's
# tracked files as they are now (uncommitted edits included), in a temporary directory; the
# repository itself is never changed. Environment: FAULT_OUT=DIR keeps the findings there (default:
# a temporary directory, removed at the end unless FAULT_KEEP=1), FAULT_JOBS (default 1),
# FAULT_ARGS (more `a64w fuzz` options, e.g. "--batch 8"), FAULT_TRIAGE=SECONDS (then run
# `a64w triage` on the findings in the faulty build, SECONDS per signature, and print its lines:
# the reduced size of each signature's first finding).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 1 ] || { echo "usage: ci/fault-campaign.sh PATCH [SECONDS] [SEED]" >&2; exit 2; }
PATCH="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[ -f "$PATCH" ] || { echo "fault-campaign: no such patch: $1" >&2; exit 2; }
SECONDS_=${2:-60}
SEED=${3:-1}
NAME=$(basename "$PATCH" .patch)

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/a64w-fault-$NAME.XXXXXX")
cleanup() { [ "${FAULT_KEEP:-0}" = 1 ] || rm -rf "$SCRATCH"; }
trap cleanup EXIT

# the tracked files as they are in the working tree
(cd "$ROOT" && git ls-files -z | tar --null -T - -cf -) | (cd "$SCRATCH" && tar -xf -)
# the dependencies come from ~/.m2: the copy builds offline
(cd "$SCRATCH" && patch -s -p1 <"$PATCH") || {
  echo "fault-campaign: $NAME does not apply" >&2; exit 2; }
# A fault patch touches only subject/: when the repository's CLI is built and up to date, the copy
# reuses its fuzz classes and LLVM oracle jar and builds subject/ alone; otherwise it builds everything.
echo "fault-campaign: $NAME applied in $SCRATCH; building ..." >&2
stamp="$ROOT/fuzz/target/.a64w-built"
if [ -f "$stamp" ] && [ -f "$ROOT/fuzz/target/classpath.txt" ] && ! grep -qv '^subject/' <(grep -E '^\+\+\+ ' "$PATCH" | sed 's|^+++ b/||') \
    && [ -z "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src/main -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  mkdir -p "$SCRATCH/fuzz/target" "$SCRATCH/oracle-llvm/target"
  cp -r "$ROOT/fuzz/target/classes" "$SCRATCH/fuzz/target/"
  cp "$ROOT"/oracle-llvm/target/*.jar "$SCRATCH/oracle-llvm/target/" 2>/dev/null || true
  [ -d "$ROOT/oracle-llvm/target/classes" ] && cp -r "$ROOT/oracle-llvm/target/classes" "$SCRATCH/oracle-llvm/target/"
  # the copy's subject classes (patched) and oracle classes first, whatever the repository's classpath points at
  # (a build with -pl fuzz alone resolves them from ~/.m2)
  { printf '%s' "$SCRATCH/subject/target/classes:$SCRATCH/oracle-llvm/target/classes"
    tr ':' '\n' <"$ROOT/fuzz/target/classpath.txt" | grep -Ev 'a64w-(subject|oracle-llvm)-|/(subject|oracle-llvm)/target/' \
      | sed "s|^|:|" | tr -d '\n'; } >"$SCRATCH/fuzz/target/classpath.txt"
  build=(mvn -o -B -q -Dmaven.test.skip=true package -pl util,subject)
else
  build=(mvn -o -B -q -Dmaven.test.skip=true package -pl fuzz -am)
fi
if ! (cd "$SCRATCH" && "${build[@]}") >"$SCRATCH/build.log" 2>&1; then
  tail -n 30 "$SCRATCH/build.log" >&2; echo "fault-campaign: build failed" >&2; exit 2
fi
mkdir -p "$SCRATCH/fuzz/target" && touch "$SCRATCH/fuzz/target/.a64w-built"

OUT=${FAULT_OUT:-$SCRATCH/out}
rm -rf "$OUT"
echo "fault-campaign: $NAME: a64w fuzz --time ${SECONDS_}s --seed $SEED --no-cranelift" >&2
# reduction inside the campaign (where it still exists) would only slow the search down here
extra=()
grep -q '"--reduce-time"' "$SCRATCH/fuzz/src/main/java/dev/a64w/cli/FuzzCommand.java" 2>/dev/null && extra=(--reduce-time 0s)
set +e
(cd "$SCRATCH" && ./a64w fuzz "${extra[@]}" --time "${SECONDS_}s" --seed "$SEED" --jobs "${FAULT_JOBS:-1}" --no-cranelift --out "$OUT" \
  ${FAULT_ARGS:-}) >"$SCRATCH/fuzz.log" 2>&1
rc=$?
set -e
[ $rc -le 1 ] || { tail -n 30 "$SCRATCH/fuzz.log" >&2; echo "fault-campaign: fuzz exited $rc" >&2; exit 2; }
grep -E '^fuzz: [0-9]+ cases' "$SCRATCH/fuzz.log" | tail -n 1 >&2 || true

# one line per raw finding: side, signature (from the file header) and verdict line
total=0
declare -A count=()
while IFS= read -r f; do
  side=$(basename "$(dirname "$f")")
  sig=$(sed -n 's/^; signature: //p' "$f" | head -n 1)
  count["$side/$sig"]=$(( ${count["$side/$sig"]:-0} + 1 ))
  total=$((total + 1))
done < <(find "$OUT" -path '*/reduced' -prune -o -name '*.clif' -print 2>/dev/null | sort)
echo "fault $NAME: $total findings, ${#count[@]} signatures"
for k in "${!count[@]}"; do printf '%6d  %s\n' "${count[$k]}" "$k"; done | sort -rn
if [ -n "${FAULT_TRIAGE:-}" ] && [ "$total" -gt 0 ]; then
  (cd "$SCRATCH" && ./a64w triage "$OUT" --reduce-time "${FAULT_TRIAGE}s" --total-time "$(( FAULT_TRIAGE * 4 ))s") 2>"$SCRATCH/triage.log" \
    | sed 's/^/  /' || { tail -n 20 "$SCRATCH/triage.log" >&2; echo "fault-campaign: triage failed" >&2; }
fi
