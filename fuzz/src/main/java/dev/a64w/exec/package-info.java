/**
 * Linking, PE loading and execution on the emulated ARM64 CPU (DESIGN.md "Execution").
 *
 * <p>Takes COFF objects (the subject's or LLVM's) and the imports they use; gives
 * <ul>
 *   <li>{@link dev.a64w.exec.Linker}: a DLL from the bundled lld-link at the fixed base
 *       {@code 0x180000000}, with lld's errors and warnings (the Link check: both empty). Many
 *       modules may be linked into one DLL to amortize process start; {@code __chkstk} comes
 *       from the runtime DLL {@code a64w_rt.dll} and is implemented by the executor;</li>
 *   <li>{@link dev.a64w.exec.PeImage}: the parsed DLL (sections, exports, IAT slots,
 *       {@code .pdata}) and its in-memory layout, read from the PE specification;</li>
 *   <li>{@link dev.a64w.exec.Executor} / {@link dev.a64w.exec.UnicornExecutor}: calls exports
 *       on Unicorn and returns an {@link dev.a64w.exec.ExecResult} (Returned | Trapped | StackOverflow |
 *       Faulted | BudgetExhausted | AbiViolation) with the trace of import calls.</li>
 * </ul>
 *
 * <p>Keeps true: what the code under test does is a result, never an exception or a crash
 * (Unicorn errors, host-function failures and hook exceptions become {@code Faulted});
 * {@link dev.a64w.exec.ExecException} is only for what the harness got wrong (tool missing,
 * malformed image, unknown export). Every call starts from the same register state (arguments,
 * fixed fillers, seeded callee-saved registers), so equal code and equal call sequences give
 * equal results. One engine per image; an executor is used by one thread at a time.
 */
package dev.a64w.exec;
