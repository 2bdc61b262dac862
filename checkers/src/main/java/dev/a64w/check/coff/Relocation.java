package dev.a64w.check.coff;

/**
 * One relocation record of a section (PE format, "COFF Relocations (Object Only)").
 *
 * @param offset      VirtualAddress: offset of the patched field within the section
 * @param type        the raw Type field; see {@link Arm64RelocType#fromCode(int)}
 * @param symbolIndex SymbolTableIndex (index of the primary symbol record, aux records count)
 * @param symbolName  the resolved name of that symbol
 */
public record Relocation(long offset, int type, int symbolIndex, String symbolName) {

    /** The ARM64 type, or empty if the code is not an IMAGE_REL_ARM64_* value. */
    public java.util.Optional<Arm64RelocType> arm64Type() {
        return Arm64RelocType.fromCode(type);
    }

    @Override
    public String toString() {
        return "Relocation[0x" + Long.toHexString(offset) + " "
                + arm64Type().map(Enum::name).orElse("type 0x" + Integer.toHexString(type))
                + " #" + symbolIndex + " " + symbolName + "]";
    }
}
