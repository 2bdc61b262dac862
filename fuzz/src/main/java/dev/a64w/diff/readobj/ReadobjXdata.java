package dev.a64w.diff.readobj;

import java.util.List;
import java.util.Optional;

/**
 * An {@code ExceptionData} block (an {@code .xdata} record) as llvm-readobj prints it. Numbers are
 * as printed: {@code functionLength} in bytes, {@code byteCodeLength} in bytes (4 × code words), a
 * scope's {@code startOffset} in words (the raw field), {@code epilogueCountOrOffset} the epilogue
 * count when E=0 and the epilogue's code index when E=1 (readobj labels it "EpilogueOffset").
 *
 * @param epilogue the E=1 epilogue's codes; empty when E=0, and also when E=1 with index 0 (readobj
 *                 then prints no Epilogue list)
 */
public record ReadobjXdata(long functionLength, int version, boolean exceptionData, boolean epiloguePacked,
                           int epilogueCountOrOffset, int byteCodeLength, List<ReadobjCode> prologue,
                           Optional<List<ReadobjCode>> epilogue, List<Scope> scopes, Optional<Handler> handler) {

    /** One {@code EpilogueScope}: start offset in words, start index, reserved bits (0 when not printed), codes. */
    public record Scope(long startOffset, int startIndex, int reservedBits, List<ReadobjCode> opcodes) {
        public Scope {
            opcodes = List.copyOf(opcodes);
        }
    }

    /** The {@code ExceptionHandler} list: {@code Routine} (a location) and {@code Parameter} (the next word). */
    public record Handler(FunctionRef routine, long parameter) {
    }

    public ReadobjXdata {
        prologue = List.copyOf(prologue);
        epilogue = epilogue.map(List::copyOf);
        scopes = List.copyOf(scopes);
    }

    static ReadobjXdata of(ReadobjTree t) {
        boolean e = t.bool("EpiloguePacked");
        int count = (int) t.number(e ? "EpilogueOffset" : "EpilogueScopes");
        List<ReadobjCode> prologue = codes(t.scope("Prologue").orElseThrow(() -> missing(t, "Prologue")));
        Optional<List<ReadobjCode>> epilogue = t.scope("Epilogue").map(ReadobjXdata::codes);
        List<Scope> scopes = t.scope("EpilogueScopes").map(s -> s.scopes("EpilogueScope").stream()
                .map(ReadobjXdata::scope).toList()).orElse(List.of());
        Optional<Handler> handler = t.scope("ExceptionHandler").map(h ->
                new Handler(FunctionRef.parse(h.need("Routine")), h.number("Parameter")));
        return new ReadobjXdata(t.number("FunctionLength"), (int) t.number("Version"), t.bool("ExceptionData"), e,
                count, (int) t.number("ByteCodeLength"), prologue, epilogue, scopes, handler);
    }

    private static Scope scope(ReadobjTree s) {
        int reserved = s.field("ReservedBits").isPresent() ? (int) s.number("ReservedBits") : 0;
        List<ReadobjCode> ops = s.scope("Opcodes").map(ReadobjXdata::codes).orElseThrow(() -> missing(s, "Opcodes"));
        return new Scope(s.number("StartOffset"), (int) s.number("EpilogueStartIndex"), reserved, ops);
    }

    static List<ReadobjCode> codes(ReadobjTree list) {
        return list.lines().stream().map(ReadobjCode::parse).toList();
    }

    private static ReadobjException missing(ReadobjTree t, String what) {
        return new ReadobjException("llvm-readobj output: '" + t.name() + "' at line " + t.line() + " has no '"
                + what + "' list");
    }
}
