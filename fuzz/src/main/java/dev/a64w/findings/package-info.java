/**
 * Findings: signatures that deduplicate them and reproducer files written atomically.
 *
 * <p>Takes verdicts and the printed IR of the case; gives {@code .clif} files whose leading comments
 * name the verdict, signature and origin (seed). Keeps true: a finding is on disk before it is
 * reduced, deduplicated or reported.
 */
package dev.a64w.findings;
