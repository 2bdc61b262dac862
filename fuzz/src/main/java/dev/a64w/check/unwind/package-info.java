/**
 * ARM64 Windows unwind data, decoded and executed independently of the subject, from the
 * "ARM64 exception handling" document (summary: reference/arm64-coff.md §5, §6).
 *
 * <p>Takes: unwind code bytes, {@code .xdata} records, {@code .pdata} sections of objects (via
 * {@link dev.a64w.check.coff}) or of loaded images (via {@link dev.a64w.check.unwind.Memory}), and a
 * register {@link dev.a64w.check.unwind.Context} plus memory for unwinding.
 * Gives: {@link dev.a64w.check.unwind.UnwindCode} lists, {@link dev.a64w.check.unwind.Xdata},
 * {@link dev.a64w.check.unwind.PackedUnwind} with its canonical expansion, the normalized
 * {@link dev.a64w.check.unwind.UnwindMeaning} (equal for encodings that mean the same frame), and
 * the caller's context from {@link dev.a64w.check.unwind.VirtualUnwinder}.
 * Keeps true: every failure is a {@link dev.a64w.check.unwind.MalformedUnwindException}; one
 * {@link dev.a64w.check.unwind.UnwindOp} per prologue/epilogue instruction, so instruction counting
 * for partial prologues and epilogues is done on ops; no code under {@code dev.a64w.backend} is used.
 */
package dev.a64w.check.unwind;
