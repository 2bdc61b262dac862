package dev.a64w.diff;

/** The verdict of one check for one module. */
public record CheckResult(Check check, Verdict verdict) {}
