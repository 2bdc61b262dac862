package dev.a64w.ir;

/** A block parameter {@code v0: i32}. */
public record Param(Value value, Type type) {}
