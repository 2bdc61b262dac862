package dev.a64w.exec;

/**
 * One section of a PE image as the loader maps it: name, RVA, size in memory and the
 * {@code IMAGE_SCN_*} characteristics (PE spec, "Section Flags").
 */
public record PeSection(String name, long virtualAddress, long virtualSize, long characteristics) {
    public static final long IMAGE_SCN_MEM_EXECUTE = 0x2000_0000L;
    public static final long IMAGE_SCN_MEM_READ = 0x4000_0000L;
    public static final long IMAGE_SCN_MEM_WRITE = 0x8000_0000L;

    public boolean executable() {
        return (characteristics & IMAGE_SCN_MEM_EXECUTE) != 0;
    }

    public boolean writable() {
        return (characteristics & IMAGE_SCN_MEM_WRITE) != 0;
    }

    public boolean contains(long rva) {
        return rva >= virtualAddress && rva < virtualAddress + virtualSize;
    }
}
