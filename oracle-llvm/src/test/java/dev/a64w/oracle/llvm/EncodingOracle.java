package dev.a64w.oracle.llvm;

import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.Sym;
import dev.a64w.util.Bytes;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cross-checks an encoder and a printer against LLVM: every word must disassemble to the printed
 * text, every printed line must assemble to the word, every relocation form must get the
 * relocation LLVM MC gives it. Encoder and printer are parameters so that positive controls can
 * inject a wrong one.
 *
 * <p>Normalization: none beyond {@link Disassembler#normalize} (runs of blanks become one space,
 * no leading/trailing blanks) on LLVM's side; the printer must print exactly what LLVM prints.
 */
final class EncodingOracle {
    /** One disagreement: which check, a category (record/op) for the summary, the instruction, what differed. */
    record Disagreement(String check, String category, A64Inst inst, String detail) {
        @Override
        public String toString() {
            return check + " " + category + " " + inst + ": " + detail;
        }
    }

    /** Lines per assembler call. */
    static final int BATCH = 2000;
    static final int IMAGE_REL_ARM64_BRANCH26 = 0x3, IMAGE_REL_ARM64_PAGEBASE_REL21 = 0x4,
            IMAGE_REL_ARM64_PAGEOFFSET_12A = 0x6, IMAGE_REL_ARM64_PAGEOFFSET_12L = 0x7;
    private static final Pattern ERROR_LINE = Pattern.compile("<inline asm>:(\\d+):");

    private final Disassembler dis;
    private final LlvmMc mc;
    private final ToIntFunction<A64Inst> encoder;
    private final Function<A64Inst, String> printer;

    EncodingOracle(Disassembler dis, LlvmMc mc, ToIntFunction<A64Inst> encoder, Function<A64Inst, String> printer) {
        this.dis = dis;
        this.mc = mc;
        this.encoder = encoder;
        this.printer = printer;
    }

    /** Record name plus its operation, e.g. {@code LogicRRImm/ORR}. */
    static String category(A64Inst inst) {
        String name = inst.getClass().getSimpleName();
        for (RecordComponent c : inst.getClass().getRecordComponents()) {
            if (c.getName().equals("op")) {
                try {
                    return name + "/" + c.getAccessor().invoke(inst);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return name;
    }

    /** LLVM's disassembly of encode(i) must equal print(i). */
    List<Disagreement> disassembly(List<A64Inst> insts) {
        List<Disagreement> out = new ArrayList<>();
        for (A64Inst i : insts) {
            int word = encoder.applyAsInt(i);
            String printed = printer.apply(i);
            String llvm = dis.disassemble(word).orElse(null);
            if (llvm == null) {
                out.add(new Disagreement("disasm", category(i), i, hex(word) + " is not a valid instruction for LLVM; printer: " + printed));
            } else if (!llvm.equals(printed)) {
                out.add(new Disagreement("disasm", category(i), i, hex(word) + " llvm '" + llvm + "' vs printer '" + printed + "'"));
            }
        }
        return out;
    }

    /** LLVM MC must assemble print(i) to encode(i); batched, {@link #BATCH} lines per call. */
    List<Disagreement> assembly(List<A64Inst> insts) {
        List<Disagreement> out = new ArrayList<>();
        for (int from = 0; from < insts.size(); from += BATCH) {
            List<A64Inst> batch = insts.subList(from, Math.min(insts.size(), from + BATCH));
            List<A64Inst> accepted = new ArrayList<>(batch);
            McResult r = mc.assemble(listing(batch));
            if (!r.ok()) {
                // Report the rejected lines, then assemble the rest alone so their words still count.
                Map<Integer, String> bad = new TreeMap<>();
                for (String e : r.errors()) {
                    Matcher m = ERROR_LINE.matcher(e);
                    int line = m.find() ? Integer.parseInt(m.group(1)) - 2 : -1;
                    if (line < 0 || line >= batch.size()) throw new IllegalStateException("assembler error not on an instruction line: " + e);
                    bad.putIfAbsent(line, e);
                }
                accepted.clear();
                for (int k = 0; k < batch.size(); k++) {
                    A64Inst i = batch.get(k);
                    if (bad.containsKey(k)) {
                        out.add(new Disagreement("asm", category(i), i, "'" + printer.apply(i) + "' rejected: " + bad.get(k)));
                    } else {
                        accepted.add(i);
                    }
                }
                r = mc.assemble(listing(accepted));
                if (!r.ok()) throw new IllegalStateException("listing still rejected after dropping bad lines: " + r.errors());
            }
            Bytes text = new MiniCoff(r.object()).section(".text");
            if (text.size() != 4 * accepted.size()) {
                throw new IllegalStateException(".text has " + text.size() + " bytes for " + accepted.size() + " instructions");
            }
            for (int k = 0; k < accepted.size(); k++) {
                A64Inst i = accepted.get(k);
                int llvm = (int) text.u32(4 * k), ours = encoder.applyAsInt(i);
                if (llvm != ours) {
                    out.add(new Disagreement("asm", category(i), i, "'" + printer.apply(i) + "' llvm " + hex(llvm) + " vs encoder " + hex(ours)));
                }
            }
        }
        return out;
    }

    /**
     * Relocation forms: each line, assembled against undefined symbols, must carry exactly one
     * relocation at its offset, of the expected type and symbol, and LLVM's word must equal the
     * encoder's (the bits outside the immediate field always; the immediate field holds the COFF
     * addend, reported separately).
     */
    List<Disagreement> relocations(List<A64Inst> insts) {
        List<Disagreement> out = new ArrayList<>();
        McResult r = mc.assemble(listing(insts));
        if (!r.ok()) {
            for (A64Inst i : insts) out.add(new Disagreement("reloc", category(i), i, "listing rejected: " + r.errors()));
            return out;
        }
        MiniCoff coff = new MiniCoff(r.object());
        Bytes text = coff.section(".text");
        Map<Long, List<MiniCoff.Reloc>> byOffset = new TreeMap<>();
        for (MiniCoff.Reloc rel : coff.relocations(".text")) byOffset.computeIfAbsent(rel.offset(), k -> new ArrayList<>()).add(rel);
        for (int k = 0; k < insts.size(); k++) {
            A64Inst i = insts.get(k);
            Expect e = expect(i);
            String printed = printer.apply(i);
            List<MiniCoff.Reloc> rels = byOffset.getOrDefault(4L * k, List.of());
            if (rels.size() != 1 || rels.get(0).type() != e.type() || !rels.get(0).symbol().equals(e.symbol())) {
                out.add(new Disagreement("reloc", category(i), i, "'" + printed + "' relocations " + rels + ", expected type 0x"
                        + Integer.toHexString(e.type()) + " against " + e.symbol()));
            }
            int llvm = (int) text.u32(4 * k), ours = encoder.applyAsInt(i);
            if ((llvm & ~e.immMask()) != (ours & ~e.immMask())) {
                out.add(new Disagreement("reloc", category(i), i, "'" + printed + "' bits outside the immediate: llvm " + hex(llvm) + " vs encoder " + hex(ours)));
            } else if (llvm != ours) {
                out.add(new Disagreement("reloc-addend", category(i), i, "'" + printed + "' immediate (addend) field: llvm " + hex(llvm) + " vs encoder " + hex(ours)));
            }
        }
        return out;
    }

    private record Expect(int type, String symbol, int immMask) {}

    private static Expect expect(A64Inst i) {
        return switch (i) {
            case A64Inst.B26 b when b.target() instanceof Sym s -> new Expect(IMAGE_REL_ARM64_BRANCH26, s.name(), 0x03ff_ffff);
            case A64Inst.Adrp a when a.target() instanceof Sym s -> new Expect(IMAGE_REL_ARM64_PAGEBASE_REL21, s.name(), 0x60ff_ffe0);
            case A64Inst.AddLo12 a -> new Expect(IMAGE_REL_ARM64_PAGEOFFSET_12A, a.sym().name(), 0x003f_fc00);
            case A64Inst.LdStLo12 l -> new Expect(IMAGE_REL_ARM64_PAGEOFFSET_12L, l.sym().name(), 0x003f_fc00);
            default -> throw new IllegalArgumentException("not a relocation form: " + i);
        };
    }

    private String listing(List<A64Inst> insts) {
        StringBuilder sb = new StringBuilder("\t.text\n");
        for (A64Inst i : insts) sb.append('\t').append(printer.apply(i)).append('\n');
        return sb.toString();
    }

    static String hex(int word) {
        return String.format("0x%08x", word);
    }
}
