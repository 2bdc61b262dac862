/**
 * The checks and their verdicts.
 *
 * <p>Takes a module (and input vectors), the subject's object and listing, and the oracles; gives one
 * {@link dev.a64w.diff.Verdict} per {@link dev.a64w.diff.Check}. Keeps true: checkers read the
 * subject's output only through the independent reader in {@code dev.a64w.check}, never through the
 * subject's writer code.
 */
package dev.a64w.diff;
