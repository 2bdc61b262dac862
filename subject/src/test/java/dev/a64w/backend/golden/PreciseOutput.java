package dev.a64w.backend.golden;

import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.Epilogue;
import dev.a64w.backend.FunctionUnwind;
import dev.a64w.backend.Reloc;
import dev.a64w.backend.UnwindStep;
import dev.a64w.backend.unwind.PackedUnwind;
import dev.a64w.backend.unwind.SehDirectives;
import dev.a64w.backend.unwind.UnwindEntry;
import dev.a64w.backend.unwind.XdataRecord;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code test compile precise-output} view of a compiled function: a header line
 * {@value #HEADER}, then one comment line per label, per instruction word and per unwind region
 * marker, in code order:
 * <pre>
 * ; Disassembled:
 * ;   0xa9bf7bfd  stp x29, x30, [sp, #-16]!      ; .seh_save_fplr_x 16
 * ;   0x910003fd  mov x29, sp                    ; .seh_set_fp
 * ;               .seh_endprologue
 * ;   0x94000000  bl callee                      ; CALL26 callee
 * ; .Lf_block1:
 * ;               .seh_startepilogue
 * ;   0xa8c17bfd  ldp x29, x30, [sp], #16        ; .seh_save_fplr_x 16
 * ;               .seh_endepilogue
 * ;   0xd65f03c0  ret
 * </pre>
 * The word is the little-endian instruction word in hex; annotations after the listing text are
 * the relocation (kind, symbol, addend in hex) and the unwind step's {@code .seh_*} directive. The
 * region markers sit where LLVM's assembler expects them (as in the emitter's listing). A frameless
 * leaf (no unwind facts) has no {@code .seh} lines at all. A function with unwind facts ends with one
 * line per {@code .pdata} entry: {@code ; Unwind: packed 0x00e00015 (fields)} for packed data, or
 * {@code ; Unwind: xdata 0a00e008 e181e4e3} (the record's bytes in file order, four to a group);
 * a later fragment of a large function says {@code ; Unwind +0x<offset>:}.
 */
public final class PreciseOutput {
    public static final String HEADER = "; Disassembled:";
    private static final String INDENT = ";   ";
    private static final String MARKER_INDENT = ";               ";
    private static final int ASM_WIDTH = 30;

    private PreciseOutput() {}

    public static List<String> lines(CompiledFunction f) {
        Map<Integer, List<String>> notes = new TreeMap<>();
        Map<Integer, List<String>> before = new TreeMap<>();
        Map<Integer, List<String>> after = new TreeMap<>();
        for (Reloc r : f.relocs()) add(notes, r.offset(), r.kind() + " " + r.symbol() + addend(r.addend()));
        if (f.unwind().isPresent()) {
            FunctionUnwind u = f.unwind().get();
            if (u.prologue().isEmpty()) add(before, 0, SehDirectives.END_PROLOGUE);
            for (UnwindStep s : u.prologue()) add(notes, s.offset(), SehDirectives.of(s.op()));
            if (!u.prologue().isEmpty()) add(after, u.prologue().getLast().offset(), SehDirectives.END_PROLOGUE);
            for (Epilogue e : u.epilogues()) {
                add(before, e.startOffset(), SehDirectives.START_EPILOGUE);
                for (UnwindStep s : e.steps()) add(notes, s.offset(), SehDirectives.of(s.op()));
                if (e.steps().isEmpty()) add(before, e.endOffset(), SehDirectives.END_EPILOGUE);
                else add(after, e.steps().getLast().offset(), SehDirectives.END_EPILOGUE);
            }
        }
        List<String> out = new ArrayList<>();
        out.add(HEADER);
        List<String> asm = f.asm();
        for (int i = 0; i < asm.size(); i++) {
            int offset = 4 * i;
            for (String label : f.labels().getOrDefault(offset, List.of())) out.add("; " + label + ":");
            for (String m : before.getOrDefault(offset, List.of())) out.add(MARKER_INDENT + m);
            StringBuilder line = new StringBuilder(INDENT).append(String.format("0x%08x  ", f.code().u32(offset))).append(asm.get(i));
            List<String> n = notes.getOrDefault(offset, List.of());
            if (!n.isEmpty()) {
                int pad = Math.max(2, INDENT.length() + 12 + ASM_WIDTH - line.length());
                line.append(" ".repeat(pad)).append("; ").append(String.join("; ", n));
            }
            out.add(line.toString());
            for (String m : after.getOrDefault(offset, List.of())) out.add(MARKER_INDENT + m);
        }
        f.labels().tailMap(f.code().size()).values().forEach(ls -> ls.forEach(l -> out.add("; " + l + ":")));
        if (f.unwind().isPresent()) {
            for (UnwindEntry.Placed p : UnwindEntry.entries(f.name(), f.code().size(), f.unwind().get())) out.add(unwind(p));
        }
        return out;
    }

    /** {@code ; Unwind: packed 0x...  (fields)} or {@code ; Unwind: xdata <record bytes, by word>}. */
    private static String unwind(UnwindEntry.Placed p) {
        String where = p.offset() == 0 ? "; Unwind: " : "; Unwind +0x" + Integer.toHexString(p.offset()) + ": ";
        return where + switch (p.entry()) {
            case UnwindEntry.Packed(PackedUnwind packed) -> String.format("packed 0x%08x (%s)", packed.word(), packed.fields());
            case UnwindEntry.Full(XdataRecord x) -> "xdata " + words(x.bytes());
        };
    }

    private static String words(Bytes b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < b.size(); i += 4) {
            if (i > 0) s.append(' ');
            s.append(b.slice(i, Math.min(b.size(), i + 4)).hex());
        }
        return s.toString();
    }

    private static String addend(long a) {
        return a == 0 ? "" : a > 0 ? "+0x" + Long.toHexString(a) : "-0x" + Long.toHexString(-a);
    }

    private static void add(Map<Integer, List<String>> map, int offset, String text) {
        map.computeIfAbsent(offset, k -> new ArrayList<>()).add(text);
    }
}
