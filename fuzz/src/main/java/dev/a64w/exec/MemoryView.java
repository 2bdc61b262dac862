package dev.a64w.exec;

import dev.a64w.util.Bytes;

/** Read access to emulated memory; valid only during the callback it is passed to. */
@FunctionalInterface
public interface MemoryView {
    /** {@code size} bytes at {@code address}; {@link ExecException} if any byte is unmapped. */
    Bytes read(long address, int size);
}
