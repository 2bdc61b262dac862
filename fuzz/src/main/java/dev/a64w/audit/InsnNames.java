package dev.a64w.audit;

import dev.a64w.oracle.llvm.Disassembler;

/**
 * Names instructions in messages: LLVM's disassembler (created on first use, since only an
 * unsupported instruction needs a name), or {@code .inst 0x...} when LLVM cannot be loaded or the
 * word does not decode.
 */
final class InsnNames implements AutoCloseable {
    private Disassembler disassembler;
    private boolean unavailable;

    String name(int word) {
        String hex = String.format(".inst 0x%08x", word);
        if (!unavailable && disassembler == null) {
            try {
                disassembler = new Disassembler();
            } catch (RuntimeException | LinkageError e) {
                unavailable = true;
            }
        }
        return disassembler == null ? hex : disassembler.disassemble(word).orElse(hex);
    }

    @Override
    public void close() {
        if (disassembler != null) {
            disassembler.close();
        }
    }
}
