/**
 * Cranelift as a third compiler under test: the driver process ({@code oracle-cranelift/}, Rust,
 * built by Maven with cargo against {@code ../shared/peers/cranelift}) and how the harness talks to
 * it. Takes a module (translated to the CLIF dialect this Cranelift reads by
 * {@link dev.a64w.cranelift.CraneliftDialect}) and a {@link dev.a64w.cranelift.CraneliftVariant};
 * gives a {@link dev.a64w.cranelift.CraneliftOutput}: a COFF object for aarch64-pc-windows-msvc with
 * {@code .pdata}/{@code .xdata} written as wasmtime writes them, plus the trap-site table, or why
 * there is none (Cranelift refused, panicked, or the driver died). Keeps true: a Cranelift panic
 * or a dead driver is an answer, never an exception of the harness; where the driver is not built
 * the leg is skipped with one clear reason.
 */
package dev.a64w.cranelift;
