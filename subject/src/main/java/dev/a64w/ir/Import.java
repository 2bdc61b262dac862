package dev.a64w.ir;

/** {@code ; import: %name from "host.dll"}: calls and func_addr of {@code name} go through {@code __imp_name}. */
public record Import(String name, String dll) {}
