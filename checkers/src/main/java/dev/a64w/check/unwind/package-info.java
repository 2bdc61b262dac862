/**
 * ARM64 Windows unwind data, decoded and executed independently of the subject, the way Windows'
 * own unwinder (RtlVirtualUnwind) reads it. Facts come from the "ARM64 exception handling" document
 * (summary: reference/arm64-coff.md §5, §6); where that document and Windows disagree, Windows wins,
 * and each such decision is written down in docs/unwind-windows.md.
 *
 * <p>Takes: unwind code bytes, {@code .xdata} records, {@code .pdata} sections of objects (via
 * {@link dev.a64w.check.coff}) or of loaded images (via {@link dev.a64w.check.unwind.Memory}), and a
 * register {@link dev.a64w.check.unwind.Context} (x0..x30, sp, pc, full v0..v31, unwound-to-call flag)
 * plus memory for unwinding.
 * Gives: {@link dev.a64w.check.unwind.UnwindCode} lists, {@link dev.a64w.check.unwind.Xdata},
 * {@link dev.a64w.check.unwind.PackedUnwind} with Windows' expansion of the packed fields, the
 * normalized {@link dev.a64w.check.unwind.UnwindMeaning} (equal for encodings that mean the same
 * frame), where Windows puts each prologue and epilogue
 * ({@link dev.a64w.check.unwind.UnwindMeaning#prologueLength()},
 * {@link dev.a64w.check.unwind.UnwindMeaning.Epilog#instructionCount()}, the final {@code ret}
 * included), and the caller's context from {@link dev.a64w.check.unwind.VirtualUnwinder}.
 * Keeps true: every failure is a {@link dev.a64w.check.unwind.MalformedUnwindException}; one
 * {@link dev.a64w.check.unwind.UnwindOp} per unwind code other than end/end_c/save_next (save_next
 * becomes the pair it adds), so skipping k codes is skipping k ops; instruction counts leave out the
 * custom frame codes 0xE8–0xF7 ({@link dev.a64w.check.unwind.Sequence#instructionCount()}), as
 * Windows does; no code under {@code dev.a64w.backend} is used: the package lives in the checkers
 * module, which the build (maven-enforcer bannedDependencies) keeps from depending on the subject.
 */
package dev.a64w.check.unwind;
