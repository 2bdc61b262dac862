package dev.a64w.check.unwind;

import dev.a64w.util.Bytes;

import java.util.List;
import java.util.OptionalLong;

/**
 * A decoded {@code .xdata} record ("ARM64 exception handling", ".xdata records"; reference §6).
 *
 * @param functionLengthWords Function Length / 4 (18 bits)
 * @param vers                Vers (must be 0)
 * @param x                   X: a handler RVA follows the codes
 * @param e                   E: one epilogue packed into the header
 * @param epilogCountOrIndex  the (possibly extended) epilog count when E=0, the epilogue's code index when E=1
 * @param codeWords           the (possibly extended) number of code words
 * @param extended            whether the extension word was present
 * @param scopes              epilog scopes (empty when E=1)
 * @param codes               the code bytes, {@code 4 * codeWords}, padding included
 * @param handlerRva          the raw handler word when X=1 (in an object: the addend of an ADDR32NB)
 * @param size                bytes from the header through the handler RVA
 */
public record Xdata(int functionLengthWords, int vers, boolean x, boolean e, int epilogCountOrIndex, int codeWords,
                    boolean extended, List<EpilogScope> scopes, Bytes codes, OptionalLong handlerRva, int size) {

    /** One epilog scope word: start offset / 4 from the fragment start, reserved bits, start index. */
    public record EpilogScope(int startOffsetWords, int reserved, int startIndex) {
    }

    public Xdata {
        scopes = List.copyOf(scopes);
    }

    public long functionLengthBytes() {
        return 4L * functionLengthWords;
    }

    /** The prologue sequence (from code index 0). */
    public Sequence prologue() {
        return Sequence.fromCodes(UnwindCodes.decodeSequence(codes, 0));
    }

    /** The sequence starting at a code byte index (an epilogue's start index). */
    public Sequence sequenceAt(int index) {
        return Sequence.fromCodes(UnwindCodes.decodeSequence(codes, index));
    }
}
