package dev.a64w.check.coff;

import dev.a64w.util.Bytes;

/**
 * One primary symbol-table record (PE format, "COFF Symbol Table") with its auxiliary records.
 *
 * @param index         the record's index in the table (aux records occupy indices too)
 * @param name          short name or long name resolved via the string table
 * @param value         the Value field (offset in the section for most symbols)
 * @param sectionNumber 1-based section, 0 undefined, -1 absolute, -2 debug
 * @param type          the Type field (0x20 = function)
 * @param storageClass  StorageClass (2 external, 3 static, 6 label, 103 file, 104 section, 105 weak external)
 * @param auxCount      NumberOfAuxSymbols
 * @param aux           the raw bytes of the aux records, {@code 18 * auxCount} bytes
 */
public record Symbol(int index, String name, long value, int sectionNumber, int type, int storageClass,
                     int auxCount, Bytes aux) {
    public static final int SYM_UNDEFINED = 0;
    public static final int SYM_ABSOLUTE = -1;
    public static final int SYM_DEBUG = -2;
    public static final int TYPE_FUNCTION = 0x20;
    public static final int CLASS_EXTERNAL = 2;
    public static final int CLASS_STATIC = 3;
    public static final int CLASS_LABEL = 6;
    public static final int CLASS_FILE = 103;
    public static final int CLASS_SECTION = 104;
    public static final int CLASS_WEAK_EXTERNAL = 105;

    public boolean isFunction() {
        return (type & 0xf0) == TYPE_FUNCTION;
    }

    public boolean isDefined() {
        return sectionNumber > 0;
    }

    /** Undefined externals and weak externals: resolved only by the linker. */
    public boolean isExternalReference() {
        return sectionNumber == SYM_UNDEFINED
                && (storageClass == CLASS_EXTERNAL || storageClass == CLASS_WEAK_EXTERNAL);
    }
}
