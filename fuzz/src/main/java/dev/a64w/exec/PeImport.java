package dev.a64w.exec;

/** One imported function: its DLL, its name, and the RVA of its 8-byte IAT slot. */
public record PeImport(String dll, String name, long iatRva) {}
