/**
 * Findings: signatures that deduplicate them, reproducer files written atomically, and the triage
 * step that turns a findings directory into reduced reproducers, regressions and issue texts.
 *
 * <p>Takes verdicts and the printed IR of the case; gives {@code .clif} files whose leading comments
 * name the verdict, signature and origin (seed). {@link dev.a64w.findings.Signature} computes a
 * signature from a verdict alone ({@link dev.a64w.findings.Cause} holds the normalization rules);
 * {@link dev.a64w.findings.Triage} reads a findings directory ({@link dev.a64w.findings.FindingFile}
 * reads each finding's header), reduces with {@link dev.a64w.fuzz.FindingReducer} and writes
 * {@code <side>/reduced/}, {@code regressions/} ({@link dev.a64w.findings.Regressions}) and
 * {@code issues/} ({@link dev.a64w.findings.IssueText}, {@link dev.a64w.findings.SideBySide}).
 * Keeps true: a finding is on disk before it is reduced, deduplicated or reported; an issue text is
 * written last, so its existence means the signature is done; the same inputs give the same texts.
 */
package dev.a64w.findings;
