/**
 * {@code a64w bench}: throughput and compile-speed measurements on generated modules.
 *
 * <p>Takes a case count, a seed and a job count; gives per-stage medians (the subject's compile by
 * phase, LLVM O0/O2, MC, link, emulation, the Unwind check), the median ratio of LLVM O0's compile
 * time to the subject's, and the whole pipeline's cases/s and checked instructions/s; and
 * ({@link dev.a64w.bench.LlvmFloor}) LLVM's floor on synthetic inputs of chosen sizes: the fixed
 * cost of one MC or code-generator call against its cost per line, by line form, and what the
 * worker's round trip adds, singly and in batches. Keeps true:
 * the modules are the ones {@code a64w fuzz} checks for the same seed; nothing here is asserted in
 * tests (speed is measured, never unit-tested).
 */
package dev.a64w.bench;
