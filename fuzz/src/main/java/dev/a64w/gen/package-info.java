/**
 * The module generator (a fuzzgen): takes a {@link dev.a64w.gen.ByteSource} (a seed or a fuzzer's
 * bytes) and a {@link dev.a64w.gen.GeneratorConfig}; gives a {@link dev.a64w.gen.GeneratedCase} —
 * a module whose call graph is a DAG, its entry and input vectors.
 *
 * <p>Keeps true by construction: every value is defined in a block that dominates its use (the CFG
 * is structured: straight code, diamonds, bounded loops, br_table switches), types match, every
 * block is terminated, every loop terminates, memory accesses stay inside their slot or data object
 * and read only initialized bytes, atomics are naturally aligned ({@link dev.a64w.gen.AtomicGen}), pointer values are never used as data, divisions are guarded per
 * function (a small share of functions may trap), names are CLIF names that are distinct and clash
 * with no import or runtime symbol (some chosen to be adversarial: {@link dev.a64w.gen.Names}),
 * big code ({@link dev.a64w.gen.SizedCode}) is never executed, tail calls need no more stack
 * arguments than the caller received, floats reach memory, integer code and {@code fcopysign}'s sign
 * only NaN-canonicalized ({@link dev.a64w.gen.FloatGen}). The same stream gives the same module.
 */
package dev.a64w.gen;
