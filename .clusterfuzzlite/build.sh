#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build script for a64w (JVM, Jazzer).
#
# Builds the project with Maven, puts the fuzz targets' full runtime (project jars, test classes,
# dependencies, a JDK 21) under $OUT, and writes one executable wrapper per fuzz target, named
# after the target, that runs Jazzer's standalone driver (com.code_intelligence.jazzer.Jazzer from
# the Maven artifact com.code-intelligence:jazzer, the same version as the JUnit integration) with
# --target_class (and --target_method for a JUnit @FuzzTest). Arguments from the fuzzing
# infrastructure (libFuzzer flags, corpus directories) are passed through unchanged.
#
# Environment: SRC and OUT (set by the OSS-Fuzz base image; ci/cflite-local.sh sets them to
# temporary directories to run this script without Docker). Overrides, all optional:
#   A64W_ROOT               the sources (default $SRC/a64w, where the Dockerfile copies them)
#   A64W_JAVA_HOME          the JDK 21+ to build with and to bundle (default $SRC/jdk-21 from the
#                           Dockerfile, else $JAVA_HOME)
#   A64W_MVN                the Maven to run (default $SRC/maven/bin/mvn from the Dockerfile, else mvn)
#   MAVEN_ARGS              extra Maven flags (e.g. -o)
#   A64W_FUZZ_TARGETS       the target list (default below)
#   A64W_EXTRA_FUZZ_TARGETS targets added to the list (ci/cflite-local.sh adds its crash canary)
#   A64W_INSTRUMENT         the classes Jazzer instruments, ':'-separated globs (default below)
#   A64W_BUNDLE_JDK=0       do not copy the JDK into $OUT (the wrappers then use $JAVA_HOME at run time)

: "${SRC:?SRC must be set}" "${OUT:?OUT must be set}"
ROOT=${A64W_ROOT:-$SRC/a64w}
# JDK 21+ and Maven: the ones the Dockerfile installed, else whatever the environment has
if [ -n "${A64W_JAVA_HOME:-}" ]; then
  export JAVA_HOME=$A64W_JAVA_HOME
elif [ -x "$SRC/jdk-21/bin/java" ]; then
  export JAVA_HOME=$SRC/jdk-21
fi
: "${JAVA_HOME:?JAVA_HOME must point at a JDK 21+}"
MVN=${A64W_MVN:-mvn}
if [ -z "${A64W_MVN:-}" ] && [ -x "$SRC/maven/bin/mvn" ]; then MVN=$SRC/maven/bin/mvn; fi

# Fuzz targets: a class with a static fuzzerTestOneInput, or Class#method for a JUnit @FuzzTest.
# A target that is not in the build stops the build (a silently missing target fuzzes nothing).
TARGETS=${A64W_FUZZ_TARGETS:-"dev.a64w.fuzz.DifferentialFuzzTest#differential dev.a64w.fuzz.ParserFuzzTest#parse dev.a64w.gen.GeneratorFuzzTest#anyBytesGiveAValidModule dev.a64w.check.coff.CoffReaderFuzzTest#readerOnlyThrowsLayerException dev.a64w.fuzzinfra.BytesFuzzTest#readersAgreeWithNaiveReference"}
TARGETS="$TARGETS ${A64W_EXTRA_FUZZ_TARGETS:-}"
# Coverage for what the fuzzer steers (as fuzz/src/test/resources/junit-platform.properties sets for
# JUnit: the generator, the IR and our backend) plus what the reader targets read, and each wrapper
# adds its target's class; instrumenting the checkers too made the differential target's first input
# take longer than the runner's 25 s timeout.
INSTRUMENT=${A64W_INSTRUMENT:-dev.a64w.backend.**:dev.a64w.ir.**:dev.a64w.gen.**:dev.a64w.check.coff.**:dev.a64w.util.**}

cd "$ROOT"
LIB=$OUT/a64w/lib
rm -rf "$OUT/a64w"
mkdir -p "$LIB"
# package the modules (no tests run) and write each module's test-scope classpath to the same
# file; fuzz depends on the others, so it comes last in the reactor and its classpath is what stays
# (test scope: the targets may be JUnit @FuzzTest classes). Reactor modules appear as their jars.
"$MVN" -B -ntp ${MAVEN_ARGS:-} -DskipTests -Djavacpp.platform=linux-x86_64 \
  -pl fuzz -am package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/a64w/classpath.txt"
tr ':' '\n' < "$OUT/a64w/classpath.txt" | while read -r entry; do
  if [ -d "$entry" ]; then
    "$JAVA_HOME/bin/jar" cf "$LIB/$(echo "$entry" | tr / _).jar" -C "$entry" .
  elif [[ "$entry" == *.jar ]]; then
    cp "$entry" "$LIB/"
  fi
done
cp fuzz/target/a64w-fuzz-*.jar "$LIB/"
"$JAVA_HOME/bin/jar" cf "$LIB/a64w-fuzz-tests.jar" -C fuzz/target/test-classes .
# the checkers' tests (CoffReaderFuzzTest) live in their own module
"$JAVA_HOME/bin/jar" cf "$LIB/a64w-checkers-tests.jar" -C checkers/target/test-classes .
rm "$OUT/a64w/classpath.txt"

# the JDK the targets run on (the runner image's own JDK is too old for Java 21 class files)
if [ "${A64W_BUNDLE_JDK:-1}" = 1 ]; then
  rm -rf "$OUT/a64w/jdk"
  cp -r "$JAVA_HOME" "$OUT/a64w/jdk"
fi

for target in $TARGETS; do
  class=${target%%#*}
  method=
  if [ "$class" != "$target" ]; then method=${target#*#}; fi
  name=${class##*.}${method:+_$method}
  classfile=$(echo "$class" | tr . /).class
  if [ ! -f "fuzz/target/test-classes/$classfile" ] && [ ! -f "fuzz/target/classes/$classfile" ] \
      && [ ! -f "checkers/target/test-classes/$classfile" ]; then
    echo "build.sh: fuzz target $class is not in the build" >&2
    exit 1
  fi
  wrapper=$OUT/$name
  cat > "$wrapper" <<WRAPPER
#!/bin/bash
# LLVMFuzzerTestOneInput: this line marks the file as a fuzz target for OSS-Fuzz/ClusterFuzzLite.
# a64w fuzz target $target, run by Jazzer's standalone driver; libFuzzer flags pass through.
this_dir=\$(cd "\$(dirname "\$0")" && pwd)
java=\$this_dir/a64w/jdk/bin/java
[ -x "\$java" ] || java=\${JAVA_HOME:+\$JAVA_HOME/bin/}java
cp=\$(printf '%s:' "\$this_dir"/a64w/lib/*.jar)
# libFuzzer's default RSS limit is 2560 MB; keep the heap well below it
exec "\$java" -Xmx1536m -Xss8m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \\
  -Dorg.bytedeco.javacpp.cachedir="\${TMPDIR:-/tmp}/a64w-javacpp" \\
  -cp "\${cp%:}" com.code_intelligence.jazzer.Jazzer \\
  --target_class=$class ${method:+--target_method=$method} \\
  --instrumentation_includes='$INSTRUMENT:$class' \\
  "\$@"
WRAPPER
  chmod +x "$wrapper"

  # seed corpus: the inputs stored for JUnit regression mode, if the target has any
  inputs=fuzz/src/test/resources/$(echo "$class" | tr . /)Inputs${method:+/$method}
  if [ -d "$inputs" ] && [ -n "$(ls -A "$inputs")" ]; then
    rm -f "$OUT/${name}_seed_corpus.zip"
    (cd "$inputs" && find . -type f | zip -q -j "$OUT/${name}_seed_corpus.zip" -@)
  fi
done
