package dev.a64w.exec;

/**
 * One {@code .pdata} entry (PE spec "The .pdata Section", ARM64 form): the function's start RVA
 * and the unwind word — either packed unwind data ({@code Flag}, bits 0-1, non-zero) or the RVA
 * of the {@code .xdata} record (Flag 0).
 */
public record RuntimeFunction(long beginRva, long unwindData) {
    public int flag() {
        return (int) (unwindData & 3);
    }

    public boolean packed() {
        return flag() != 0;
    }

    /** The {@code .xdata} RVA; only meaningful when not {@link #packed()}. */
    public long xdataRva() {
        return unwindData & ~3L;
    }
}
