package dev.a64w.ir;

/**
 * A function in the source that uses a feature this project does not support yet; the parser
 * skips its body so the rest of the file still parses. {@code feature} names what is missing
 * (e.g. "type i128"), {@code line}/{@code column} where it was found.
 */
public record SkippedFunction(String name, int line, int column, String feature) {}
