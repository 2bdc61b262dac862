package dev.a64w.diff;

/**
 * Which compiler's code a check judges. Findings are kept apart by side (their own findings
 * subfolder and counts), so a nightly run can tell our backend's bugs from LLVM's.
 */
public enum Side {
    /** Our backend, the subject. */
    SUBJECT("subject"),
    /** LLVM's code generator at O0 (fast isel, no IR passes). */
    LLVM_O0("llvm-o0"),
    /** LLVM's code generator at O2 ({@code default<O2>}). */
    LLVM_O2("llvm-o2"),
    /** Cranelift (wasmtime's code generator) through the driver in oracle-cranelift/, one variant per case. */
    CRANELIFT("cranelift");

    private final String id;

    Side(String id) {
        this.id = id;
    }

    /** The name used in verdicts, folder names and output. */
    public String id() {
        return id;
    }
}
