#!/usr/bin/env bash
# The ClusterFuzzLite build and run, here, without Docker.
#
# What ClusterFuzzLite does in its containers, done with temporary directories:
#   1. the Dockerfile's `COPY . $SRC/a64w` and `COPY .clusterfuzzlite/build.sh $SRC/build.sh`
#      (the working tree's tracked and untracked, not ignored, files);
#   2. the builder's `bash -eu $SRC/build.sh` in $SRC/a64w with SRC, OUT, WORK, SANITIZER=address,
#      FUZZING_LANGUAGE=jvm set, plus the crash canary target (A64W_EXTRA_FUZZ_TARGETS);
#   3. the runner's checks on every executable in $OUT that contains LLVMFuzzerTestOneInput:
#      - its bad-build check: `$OUT/T -seed=1337 -runs=4` must end with "Done 4 runs";
#      - its seed corpus check: `$OUT/T -rss_limit_mb=2560 -timeout=25 -runs=0 SEEDS` exits 0;
#   4. fuzzing each target for $CFLITE_FUZZ_SECONDS (default 10) seconds with the runner's libFuzzer
#      arguments: `$OUT/T -rss_limit_mb=2560 -timeout=25 -max_total_time=10 -print_final_stats=1
#      -artifact_prefix=ART/ CORPUS SEEDS`; a real target must execute inputs and not crash;
#   5. replaying one input per real target the way the runner reproduces a testcase
#      (`$OUT/T -rss_limit_mb=2560 -timeout=25 -runs=100 FILE`): exit 0;
#   6. the positive control: the crash canary (dev.a64w.fuzzinfra.CrashCanaryFuzzTest), whose
#      wrapper must be the real wrappers' template with only the target's name changed, must find its
#      crash while fuzzing, write it as an artifact, and the artifact (and a hand-made crashing input)
#      must replay with a non-zero exit and the crash report; a near miss must replay with exit 0.
#
# Prints one line per target (executions, exec/s, coverage) and a last line
# `cflite-local: N targets ok, crash replay ok` (exit 0), or `cflite-local: FAILED: ...` (exit 1).
# Environment: CFLITE_FUZZ_SECONDS, CFLITE_KEEP=1 (keep the temporary directory and say where),
# MAVEN_ARGS (e.g. -o), A64W_JAVA or JAVA_HOME (a JDK 21+; else the newest in /usr/lib/jvm).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECS=${CFLITE_FUZZ_SECONDS:-10}
CANARY=dev.a64w.fuzzinfra.CrashCanaryFuzzTest#crashesOnMagicPrefix
CANARY_NAME=CrashCanaryFuzzTest_crashesOnMagicPrefix
# libFuzzer flags the runner image adds to every run (its FUZZER_ARGS)
RUNNER_ARGS=(-rss_limit_mb=2560 -timeout=25)

say() { echo "cflite-local: $*"; }
fail() { say "FAILED: $*"; exit 1; }

java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n1; }
find_jdk() {
  local c v
  for c in "${A64W_JAVA:+$(dirname "$(dirname "$A64W_JAVA")")}" "${JAVA_HOME:-}"; do
    [ -n "$c" ] && [ -x "$c/bin/javac" ] && v=$(java_major "$c/bin/java") && [ "${v:-0}" -ge 21 ] && { echo "$c"; return; }
  done
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
    c=${c%/}
    [ -x "$c/bin/javac" ] || continue
    v=$(java_major "$c/bin/java")
    [ "${v:-0}" -ge 21 ] && { echo "$c"; return; }
  done
  return 1
}
JDK=$(find_jdk) || fail "no JDK 21+ found (set JAVA_HOME)"
for tool in mvn zip unzip git tar; do
  command -v "$tool" >/dev/null || fail "$tool is needed"
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cflite-local.XXXXXX")
if [ "${CFLITE_KEEP:-0}" = 1 ]; then
  trap 'say "kept $TMP"' EXIT
else
  trap 'rm -rf "$TMP"' EXIT
fi
export SRC=$TMP/src OUT=$TMP/out WORK=$TMP/work
mkdir -p "$SRC/a64w" "$OUT" "$WORK"

# 1. the Dockerfile's copies
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard) \
  | (cd "$ROOT" && xargs -0 -I{} sh -c '[ -e "$1" ] && printf "%s\0" "$1"' _ {}) \
  | tar -C "$ROOT" --null -T - -cf - | tar -C "$SRC/a64w" -xf -
cp "$SRC/a64w/.clusterfuzzlite/build.sh" "$SRC/build.sh"

# 2. the build, as the builder image runs it
say "building with .clusterfuzzlite/build.sh (JDK $JDK, log $WORK/build.log)"
start=$(date +%s)
if ! (cd "$SRC/a64w" && env FUZZING_LANGUAGE=jvm FUZZING_ENGINE=libfuzzer SANITIZER=address ARCHITECTURE=x86_64 \
        A64W_JAVA_HOME="$JDK" A64W_EXTRA_FUZZ_TARGETS="$CANARY" bash -eu "$SRC/build.sh") >"$WORK/build.log" 2>&1; then
  tail -n 40 "$WORK/build.log"
  fail "build.sh failed"
fi
say "build.sh ok in $(( $(date +%s) - start )) s"

# 3. the targets, found as the runner finds them
targets=()
for f in "$OUT"/*; do
  name=$(basename "$f")
  [ -f "$f" ] && [ -x "$f" ] && [[ "$name" != *.* ]] && grep -q LLVMFuzzerTestOneInput "$f" && targets+=("$name")
done
real=()
for t in "${targets[@]}"; do [ "$t" != "$CANARY_NAME" ] && real+=("$t"); done
[ "${#real[@]}" -gt 0 ] || fail "build.sh made no fuzz targets in $OUT"
[ -x "$OUT/$CANARY_NAME" ] || fail "build.sh made no wrapper for the canary $CANARY"
say "targets: ${real[*]} (and the canary $CANARY_NAME)"

# the canary's wrapper is the real wrappers' template: equal once the target's name is blanked
template() {
  local class
  class=$(sed -n 's/.*--target_class=\([^ ]*\).*/\1/p' "$1")
  sed -E "s/${class//./\\.}/X/g; s/(--target_method=|fuzz target X#)[^ ,]*/\1Y/g" "$1"
}
for t in "${real[@]}"; do
  diff <(template "$OUT/$t") <(template "$OUT/$CANARY_NAME") >/dev/null \
    || fail "the canary's wrapper differs from $t's beyond the target name"
done

run() { # run LOG CMD...: runs in $OUT like the runner, output to LOG, returns the exit code
  local log=$1; shift
  set +e
  (cd "$OUT" && "$@") >"$log" 2>&1
  local code=$?
  set -e
  return $code
}
stat_of() { sed -n "s/^stat::$2: *//p" "$1" | tail -n1; }

ok=0
for t in "${real[@]}"; do
  logs=$WORK/logs/$t; mkdir -p "$logs" "$WORK/corpus/$t" "$WORK/artifacts/$t"
  # the runner's bad-build check
  run "$logs/check.log" "./$t" -seed=1337 -runs=4 || { tail -n 30 "$logs/check.log"; fail "$t: the bad-build run (-runs=4) exited non-zero"; }
  grep -q "Done 4 runs" "$logs/check.log" || { tail -n 30 "$logs/check.log"; fail "$t: the bad-build run did not report 'Done 4 runs'"; }
  # the seed corpus must not crash
  seeds=()
  if [ -f "$OUT/${t}_seed_corpus.zip" ]; then
    mkdir -p "$WORK/seeds/$t" && unzip -q -o "$OUT/${t}_seed_corpus.zip" -d "$WORK/seeds/$t"
    seeds=("$WORK/seeds/$t")
    run "$logs/seeds.log" "./$t" "${RUNNER_ARGS[@]}" -runs=0 -artifact_prefix="$WORK/artifacts/$t/" "${seeds[@]}" \
      || { tail -n 30 "$logs/seeds.log"; fail "$t: an input of its seed corpus crashes"; }
  fi
  # fuzzing
  if ! run "$logs/fuzz.log" "./$t" "${RUNNER_ARGS[@]}" -max_total_time="$SECS" -print_final_stats=1 \
         -artifact_prefix="$WORK/artifacts/$t/" "$WORK/corpus/$t" "${seeds[@]}"; then
    tail -n 40 "$logs/fuzz.log"
    fail "$t crashed while fuzzing (artifacts in $WORK/artifacts/$t; rerun with CFLITE_KEEP=1 to keep them)"
  fi
  runs=$(stat_of "$logs/fuzz.log" number_of_executed_units)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$logs/fuzz.log" | tail -n1)
  init=$(sed -n 's/^#\([0-9]*\)[[:space:]]*INITED.*/\1/p' "$logs/fuzz.log" | tail -n1)
  cov=$(sed -n 's/^#[0-9]*[[:space:]].*cov: \([0-9]*\).*/\1/p' "$logs/fuzz.log" | tail -n1)
  [ -n "$runs" ] && [ "$runs" -gt 0 ] && [ -n "$secs" ] \
    || { tail -n 30 "$logs/fuzz.log"; fail "$t executed no inputs"; }
  # libFuzzer's own average counts from the end of the initial corpus; this one from its start
  rate=$(awk -v n="$runs" -v s="$secs" 'BEGIN { printf "%.1f", n / (s > 0 ? s : 1) }')
  # replaying an input, as the runner reproduces a testcase
  input=$(find "$WORK/corpus/$t" "${seeds[@]}" -type f 2>/dev/null | sort | sed -n 1p)
  [ -n "$input" ] || fail "$t: no input in its corpus to replay"
  run "$logs/replay.log" "./$t" "${RUNNER_ARGS[@]}" -runs=100 "$input" \
    || { tail -n 30 "$logs/replay.log"; fail "$t: replaying $input exited non-zero"; }
  grep -q "Executed .* in [0-9]* ms" "$logs/replay.log" || { tail -n 30 "$logs/replay.log"; fail "$t: the replay did not execute $input"; }
  say "$t: $runs executions in $secs s, $rate exec/s (${init:-?} of them the initial corpus), cov ${cov:-?}, $(find "$WORK/corpus/$t" -type f | wc -l) new corpus inputs, replay ok"
  ok=$((ok + 1))
done

# 6. the positive control: a crash is found, written, and replays
t=$CANARY_NAME
logs=$WORK/logs/$t; art=$WORK/artifacts/$t; mkdir -p "$logs" "$WORK/corpus/$t" "$art"
if run "$logs/fuzz.log" "./$t" "${RUNNER_ARGS[@]}" -max_total_time="$SECS" -print_final_stats=1 \
     -artifact_prefix="$art/" "$WORK/corpus/$t"; then
  tail -n 30 "$logs/fuzz.log"; fail "the canary was fuzzed $SECS s without finding its crash"
fi
found=$(find "$art" -maxdepth 1 -name 'crash-*' | sed -n 1p)
[ -n "$found" ] && grep -q "CanaryCrash" "$logs/fuzz.log" \
  || { tail -n 30 "$logs/fuzz.log"; fail "the canary's fuzz run ended without a CanaryCrash report and a crash-* artifact"; }
printf 'A64W' >"$WORK/crafted-crash"
printf 'A64' >"$WORK/near-miss"
for input in "$found" "$WORK/crafted-crash"; do
  code=0
  run "$logs/replay.log" "./$t" "${RUNNER_ARGS[@]}" -runs=100 "$input" || code=$?
  [ "$code" -ne 0 ] && grep -q "== Java Exception: .*CanaryCrash" "$logs/replay.log" \
    || { tail -n 30 "$logs/replay.log"; fail "replaying the crash $input gave exit $code without the crash report"; }
  say "$t: replay of $(basename "$input") ($(head -c 16 "$input" | od -An -c | tr -s ' ')): exit $code, $(grep -m1 -o '== Java Exception: [^:]*' "$logs/replay.log")"
done
run "$logs/near-miss.log" "./$t" "${RUNNER_ARGS[@]}" -runs=100 "$WORK/near-miss" \
  || { tail -n 30 "$logs/near-miss.log"; fail "the canary crashed on the near miss 'A64'"; }
say "$t: fuzzing found the crash after $(stat_of "$logs/fuzz.log" number_of_executed_units) executions; near miss 'A64' replays with exit 0"
say "${ok} targets ok, crash replay ok"
