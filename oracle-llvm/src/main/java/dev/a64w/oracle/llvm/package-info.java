/**
 * LLVM as the oracle, through the JavaCPP presets ({@code org.bytedeco:llvm}, LLVM 20).
 *
 * <p>Takes: AArch64 listings in LLVM assembler syntax with {@code .seh_*} directives (the
 * subject's printer output), IR modules ({@link dev.a64w.ir.Module}, translated to LLVM IR with
 * the same meaning by {@link dev.a64w.oracle.llvm.IrToLlvm}, traps as {@code brk} with the
 * immediates of {@link dev.a64w.backend.abi.TrapCodes}, the subject's table), textual LLVM IR, instruction words,
 * and command lines for the bundled executables. Gives: COFF objects for {@code aarch64-pc-windows-msvc} made by LLVM MC
 * ({@link dev.a64w.oracle.llvm.LlvmMc}) or LLVM's code generator ({@link
 * dev.a64w.oracle.llvm.LlvmCodegen}), each as a {@link dev.a64w.oracle.llvm.McResult} with the
 * diagnostics; LLVM's disassembly of
 * words ({@link dev.a64w.oracle.llvm.Disassembler}), and runs of lld-link, llvm-lib, llvm-readobj,
 * llvm-objdump and llvm-mc from the same jar ({@link dev.a64w.oracle.llvm.Tools}).
 *
 * <p>Keeps true: LLVM diagnostics are never printed or lost — assembler errors come back as
 * strings with line:column, and a result with errors is never mistaken for an object. LLVM
 * fatal errors abort the process that runs LLVM, so untrusted input goes through {@link
 * dev.a64w.oracle.llvm.OracleClient}, whose worker JVM dies instead of the caller; the request
 * that killed it comes back {@code Crashed} (never silently retried) and the next request gets a
 * fresh worker. {@link dev.a64w.oracle.llvm.LocalOracle} is the same {@link
 * dev.a64w.oracle.llvm.Oracle} in process, for tests. A batch ({@link
 * dev.a64w.oracle.llvm.Oracle#runAll}) is one round trip for many requests and answers each item
 * exactly as its single request would, a crash charged to its own item. The same input gives the
 * same bytes.
 * Errors of this layer are {@link dev.a64w.oracle.llvm.OracleException}; IR that LLVM cannot
 * express with the subject's ABI is {@link dev.a64w.backend.UnsupportedFeatureException}, the
 * same "unsupported" the subject throws.
 */
package dev.a64w.oracle.llvm;
