package dev.a64w.oracle.llvm;

/**
 * What one run of a bundled LLVM executable gave: its exit code and both output streams, decoded
 * as UTF-8.
 */
public record ToolResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }
}
