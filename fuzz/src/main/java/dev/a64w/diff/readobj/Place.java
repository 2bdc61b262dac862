package dev.a64w.diff.readobj;

/** Where our readers say a function, xdata record or handler is. */
public sealed interface Place {
    /** In an object: the relocation's symbol, its section (0 if undefined) and the offset (symbol value + addend). */
    record InObject(String symbol, int sectionNumber, long offset) implements Place {
        @Override
        public String toString() {
            return symbol + "+0x" + Long.toHexString(offset) + " (section " + sectionNumber + ")";
        }
    }

    /** In an image: the virtual address (ImageBase + RVA). */
    record InImage(long address) implements Place {
        @Override
        public String toString() {
            return "0x" + Long.toHexString(address);
        }
    }
}
