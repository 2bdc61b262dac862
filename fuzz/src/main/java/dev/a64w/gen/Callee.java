package dev.a64w.gen;

import dev.a64w.ir.Signature;

/**
 * Something a function may call: a module function generated earlier (higher index, so the call
 * graph is a DAG) with its estimated dynamic cost, or a host import from {@code host.dll}.
 */
record Callee(String name, Signature signature, boolean isImport, long cost) {}
