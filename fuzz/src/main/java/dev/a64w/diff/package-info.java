/**
 * The checks of DESIGN.md "The checks" and their verdicts.
 *
 * <p>Takes: object bytes (the subject's, LLVM MC's) and, optionally, a word disassembler.
 * Gives: a {@link dev.a64w.diff.Verdict} per check ({@link dev.a64w.diff.ObjectCheck},
 * {@link dev.a64w.diff.McCheck}), the full list of problems or differences, and a plain-text
 * side-by-side report for attachments and issue texts.
 * Keeps true: the checks are pure functions of their inputs; objects are read only through the
 * independent {@link dev.a64w.check.coff.CoffReader} and {@link dev.a64w.check.unwind} decoders,
 * never through the subject's writer; bad bytes give a verdict, never an exception; a detail is one
 * line, names the section/function/offset (hex), and gives subject before MC (or expected before actual).
 */
package dev.a64w.diff;
