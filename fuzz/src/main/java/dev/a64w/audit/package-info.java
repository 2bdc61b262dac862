/**
 * {@code a64w audit}: the unwind check applied to any Windows ARM64 image or object (DESIGN.md,
 * "The checks", Unwind), including real binaries built by MSVC or LLVM.
 *
 * <p>Takes: the bytes of a PE32+ ARM64 image or an ARM64 COFF object. Gives: one
 * {@link dev.a64w.audit.FunctionReport} per {@code .pdata} entry, in RVA order, with a
 * {@link dev.a64w.audit.Verdict}: ok, a disagreement (offset, register, expected and actual value,
 * or why the unwind data cannot be used), or unsupported (the instruction or frame the audit does
 * not step). Helpers a prologue or epilogue calls (stack probe, /GS cookie) are run as they are in
 * the image ({@code CallStepper}); the epilogue's start state is found from the code
 * ({@code EpilogueProbe}); secondary fragments run in their host's frame
 * ({@code HostFinder}); the decode is cross-checked with llvm-readobj
 * ({@link dev.a64w.audit.DecodeCheck}). Keeps true: the oracle is the emulated execution of the
 * code from a synthetic entry state ({@link dev.a64w.audit.EntryState}), never the unwind codes it
 * checks; anything the audit
 * cannot emulate faithfully is {@code unsupported}, never a disagreement; input that cannot be read
 * is an {@link dev.a64w.audit.AuditException} with a one-line message; one emulator per file.
 *
 * <p>The same code is the static Unwind check on our own linked images
 * ({@link dev.a64w.audit.BoundaryAudit}, {@link dev.a64w.audit.AuditScope#EVERY_BOUNDARY}): after the
 * prologue, every described epilogue is stepped from the post-prologue state, the code before each
 * return or branch out that no epilogue covers is stepped, every other boundary is unwound in the
 * post-prologue state ({@code BoundarySweep}), and exported functions without {@code .pdata} are
 * checked as leaves ({@link dev.a64w.audit.RegisterWrites}). One emulator serves image after image.
 */
package dev.a64w.audit;
