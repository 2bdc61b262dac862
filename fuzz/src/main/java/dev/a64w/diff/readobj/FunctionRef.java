package dev.a64w.diff.readobj;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A location as llvm-readobj prints it (its {@code formatSymbol}): {@code "name (0xADDR)"},
 * {@code "name +0xOFF (0xADDR)"}, or a bare {@code "0xADDR"} when no symbol was found (linked
 * images without a symbol table). In an object, {@code name} is the symbol of the relocation (or
 * a better function symbol found for it) and {@code offset} the addend; {@code address} is the
 * symbol's address plus that offset. In an image, {@code address} is ImageBase + RVA.
 */
public record FunctionRef(Optional<String> symbol, long offset, long address) {
    private static final Pattern NAMED = Pattern.compile("^(?:(.*?) )?(?:\\+0x([0-9A-Fa-f]+) )?\\(0x([0-9A-Fa-f]+)\\)$");
    private static final Pattern BARE = Pattern.compile("^0x([0-9A-Fa-f]+)$");

    public static FunctionRef parse(String text) {
        Matcher b = BARE.matcher(text);
        if (b.matches()) {
            return new FunctionRef(Optional.empty(), 0, Long.parseUnsignedLong(b.group(1), 16));
        }
        Matcher m = NAMED.matcher(text);
        if (!m.matches()) {
            throw new ReadobjException("llvm-readobj output: location '" + text
                    + "' expected 'name (0xADDR)', 'name +0xOFF (0xADDR)' or '0xADDR'");
        }
        long offset = m.group(2) == null ? 0 : Long.parseUnsignedLong(m.group(2), 16);
        return new FunctionRef(Optional.ofNullable(m.group(1)), offset, Long.parseUnsignedLong(m.group(3), 16));
    }

    @Override
    public String toString() {
        String off = offset == 0 ? "" : "+0x" + Long.toHexString(offset);
        return symbol.map(s -> s + off).orElse("0x" + Long.toHexString(address));
    }
}
