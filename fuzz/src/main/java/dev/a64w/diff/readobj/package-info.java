/**
 * A third decoder for Windows ARM64 unwind data: {@code llvm-readobj --unwind} from the bundled
 * LLVM 20, parsed ({@link dev.a64w.diff.readobj.ReadobjUnwind}) and compared field by field with
 * the harness's own decoder ({@link dev.a64w.diff.readobj.ReadobjCrossCheck}).
 *
 * <p>Takes: an ARM64 COFF object or PE image (a path), or the two decodings already made.
 * Gives: a {@link dev.a64w.diff.readobj.CrossCheckResult} with the number of entries and fields
 * compared, the unexplained {@link dev.a64w.diff.readobj.Finding.Disagreement}s and the
 * {@link dev.a64w.diff.readobj.Finding.KnownDifference}s (documented llvm-readobj behaviour, see
 * docs/readobj-differences.md). Keeps true: our side only reads {@code dev.a64w.check.*} and
 * {@link dev.a64w.exec.PeImage} (never the subject's writer); every failure to run or parse is a
 * {@link dev.a64w.diff.readobj.ReadobjException}; a difference is never dropped silently.
 */
package dev.a64w.diff.readobj;
