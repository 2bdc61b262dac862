package dev.a64w.backend.unwind;

import dev.a64w.backend.CompileException;
import dev.a64w.util.ByteSink;
import dev.a64w.util.Bytes;
import java.util.List;
import java.util.OptionalInt;

/**
 * A full (unpacked) Windows ARM64 .xdata record for one function without exception handler
 * (reference/arm64-coff.md §6): header word, optional extension word, epilog scopes (when E=0),
 * the code bytes and {@code nop} (0xE3) padding to a whole word, as LLVM pads.
 *
 * @param function       the function's name, for messages ({@code f+0x...} for a later segment)
 * @param functionLength the size in bytes of the function or segment it describes (a multiple of
 *                       4, below 1 MiB)
 * @param packedEpilog   present when E=1: the code index where the single, final epilogue's
 *                       codes start; then {@code scopes} is empty
 * @param scopes         the epilog scopes (E=0), by increasing start offset
 * @param codes          every unwind code in array order: the prologue's in reverse execution
 *                       order ending in {@code end}, then each stored epilogue sequence ending in
 *                       {@code end}; no padding
 */
public record XdataRecord(
        String function, int functionLength, OptionalInt packedEpilog, List<EpilogScope> scopes, List<UnwindCode> codes) {

    /** FunctionLength is 18 bits of words. */
    public static final int MAX_FUNCTION_WORDS = (1 << 18) - 1;

    public XdataRecord {
        scopes = List.copyOf(scopes);
        codes = List.copyOf(codes);
        if (functionLength <= 0 || functionLength % 4 != 0 || functionLength / 4 > MAX_FUNCTION_WORDS) {
            throw new CompileException("function " + function + ": length 0x" + Integer.toHexString(functionLength)
                    + " is not a positive multiple of 4 below 0x100000 (a longer function is split into segments first)");
        }
        int bytes = XdataBuilder.bytes(codes);
        int words = (bytes + 3) / 4;
        if (packedEpilog.isPresent()) {
            if (!scopes.isEmpty()) throw new CompileException("function " + function + ": E=1 with epilog scopes");
            int index = packedEpilog.getAsInt();
            if (index < 0 || index > 31 || index >= bytes || words > 31) {
                throw new CompileException("function " + function + ": E=1 needs index <= 31 and <= 31 code words, got index "
                        + index + " and " + words + " words");
            }
        }
        if (words > 0xff || scopes.size() > 0xffff) {
            throw new CompileException("function " + function + ": " + words + " unwind code words (max 0xff) and "
                    + scopes.size() + " epilogues (max 0xffff): too large for one .xdata record");
        }
        for (EpilogScope s : scopes) {
            if (s.startIndex() >= bytes || s.startOffset() >= functionLength) {
                throw new CompileException("function " + function + ": epilog scope " + s + " outside the codes (0x"
                        + Integer.toHexString(bytes) + " bytes) or the function (0x" + Integer.toHexString(functionLength) + ")");
            }
        }
    }

    public int codeBytes() {
        return XdataBuilder.bytes(codes);
    }

    public int codeWords() {
        return (codeBytes() + 3) / 4;
    }

    /** The header's Epilog Count field, or the packed epilogue's index when E=1. */
    public int epilogCountField() {
        return packedEpilog.orElse(scopes.size());
    }

    /** LLVM's rule: an extension word when the count exceeds 31 or the codes exceed 124 bytes. */
    public boolean hasExtensionWord() {
        return hasExtensionWord(codeWords());
    }

    public int headerWord() {
        return headerWord(codeWords());
    }

    private int headerWord(int codeWords) {
        int w = functionLength / 4;
        if (packedEpilog.isPresent()) w |= 1 << 21;
        if (!hasExtensionWord(codeWords)) w |= (epilogCountField() << 22) | (codeWords << 27);
        return w;
    }

    private boolean hasExtensionWord(int codeWords) {
        return epilogCountField() > 31 || codeWords > 31;
    }

    public int extensionWord() {
        return epilogCountField() | (codeWords() << 16);
    }

    /** Bytes {@link #write} appends (a multiple of 4). */
    public int length() {
        return length(codeWords());
    }

    private int length(int codeWords) {
        return 4 + (hasExtensionWord(codeWords) ? 4 : 0) + 4 * scopes.size() + 4 * codeWords;
    }

    public void write(ByteSink sink) {
        int start = sink.size();
        int codeBytes = codeBytes(), codeWords = (codeBytes + 3) / 4;
        sink.u32(headerWord(codeWords) & 0xffff_ffffL);
        if (hasExtensionWord(codeWords)) sink.u32(epilogCountField() | (codeWords << 16));
        for (EpilogScope s : scopes) sink.u32(s.word() & 0xffff_ffffL);
        for (UnwindCode c : codes) {
            int before = sink.size();
            c.write(sink);
            if (sink.size() - before != c.length()) {
                throw new IllegalStateException(c + " wrote " + (sink.size() - before) + " bytes, declares " + c.length());
            }
        }
        sink.fill(4 * codeWords - codeBytes, 0xe3);
        if (sink.size() - start != length(codeWords)) {
            throw new IllegalStateException("xdata for " + function + " wrote " + (sink.size() - start) + " bytes, declares " + length(codeWords));
        }
    }

    public Bytes bytes() {
        ByteSink sink = new ByteSink();
        write(sink);
        return sink.toBytes();
    }
}
