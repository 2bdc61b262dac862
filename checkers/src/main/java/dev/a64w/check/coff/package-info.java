/**
 * Independent reader and checker for ARM64 COFF objects, written from the Microsoft PE format
 * specification (summary: reference/arm64-coff.md §1–§3), never from the subject's writer.
 *
 * <p>Takes: the raw bytes of an object file ({@link dev.a64w.util.Bytes}).
 * Gives: an immutable {@link dev.a64w.check.coff.CoffObject} (sections with data and resolved
 * relocations, symbols with resolved names and aux bytes) via {@link dev.a64w.check.coff.CoffReader},
 * and a list of relocation-fit and alignment problems via {@link dev.a64w.check.coff.RelocationRules}.
 * Keeps true: reading any byte string either succeeds or throws
 * {@link dev.a64w.check.coff.MalformedObjectException}, nothing else; no code under
 * {@code dev.a64w.backend} is used: the package lives in the checkers module, which the build
 * (maven-enforcer bannedDependencies) keeps from depending on the subject.
 */
package dev.a64w.check.coff;
