package dev.a64w.diff;

import static dev.a64w.diff.UnwindCheckFixtures.func;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.backend.Epilogue;
import dev.a64w.backend.FunctionUnwind;
import dev.a64w.backend.UnwindOp;
import dev.a64w.backend.UnwindStep;
import dev.a64w.backend.unwind.SehDirectives;
import dev.a64w.backend.unwind.UnwindEntry;
import dev.a64w.check.coff.CoffReader;
import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.oracle.llvm.McResult;
import dev.a64w.util.Bytes;
import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The subject's unwind entries ({@link UnwindEntry#entries}: packed word or xdata record) equal, byte
 * for byte, what LLVM MC makes of the same {@code .seh_*} directives, over an enumerated family of
 * frames: every canonical packed shape the neutral unwind ops can spell (RegI 0..10, lr alone or a
 * chained frame record, d8.. pairs, locals around the alloc_s/alloc_m, 512 and 4080 limits and the
 * 0x1FF0 frame size limit), each also broken in the ways that must stop packing (an epilogue that
 * is not the mirror, an epilogue not at the end, two epilogues, homing nops, an add_fp, a
 * pre-decrement that is not the save area, a wrong pair offset, the subject's own frame layout).
 * Instructions are {@code nop}s: MC counts them against the directives and does not read them.
 */
@Epic("fuzz")
@Feature("checks")
class PackingAgreementTest {

    record Shape(String name, FunctionUnwind unwind, int length) {}

    /** Builder for one shape: prologue steps, epilogue variants, body length. */
    static Shape shape(String name, List<UnwindOp> prologue, Variant v) {
        List<UnwindStep> pro = new ArrayList<>();
        int at = 0;
        for (UnwindOp op : prologue) {
            pro.add(new UnwindStep(at, op));
            at += 4;
        }
        List<UnwindOp> mirror = new ArrayList<>();
        for (UnwindOp op : prologue.reversed()) {
            if (!(op instanceof UnwindOp.SetFp) && !(op instanceof UnwindOp.AddFp)) mirror.add(op);
        }
        if (v == Variant.FULL_MIRROR) mirror = new ArrayList<>(prologue.reversed());
        if (v == Variant.DROP_LAST) mirror = new ArrayList<>(prologue.reversed().subList(1, prologue.size()));
        if (v == Variant.EXTRA_NOP) mirror.addFirst(new UnwindOp.Nop());
        at += 8; // body
        List<Epilogue> epilogues = new ArrayList<>();
        int copies = v == Variant.TWO_EPILOGUES ? 2 : 1;
        for (int c = 0; c < copies; c++) {
            List<UnwindStep> steps = new ArrayList<>();
            for (UnwindOp op : mirror) {
                steps.add(new UnwindStep(at, op));
                at += 4;
            }
            epilogues.add(new Epilogue(steps, at));
            at += 4;
        }
        if (v == Variant.BODY_AFTER) at += 4;
        return new Shape(name + "_" + v.name().toLowerCase(), new FunctionUnwind(pro, epilogues), at);
    }

    /** How the epilogue relates to the prologue: MIRROR drops a final set_fp/add_fp, DROP_LAST any final code. */
    enum Variant { MIRROR, FULL_MIRROR, DROP_LAST, EXTRA_NOP, TWO_EPILOGUES, BODY_AFTER }

    /** The canonical prologue of packed data for these fields, spelled in neutral ops (reference §5.1). */
    static List<UnwindOp> canonical(int regI, int cr, int regFCount, int locals, boolean homed) {
        List<UnwindOp> p = new ArrayList<>();
        int intsz = 8 * regI + (cr == 1 ? 8 : 0);
        int savsz = (intsz + 8 * regFCount + (homed ? 64 : 0) + 15) & ~15;
        for (int k = 0; k + 1 < regI; k += 2) {
            p.add(k == 0 ? new UnwindOp.SaveRegPairPre(19, savsz) : new UnwindOp.SaveRegPair(19 + k, 8 * k));
        }
        if (regI % 2 == 1) p.add(regI == 1 ? new UnwindOp.SaveRegPre(19, savsz) : new UnwindOp.SaveReg(18 + regI, 8 * (regI - 1)));
        if (cr == 1) p.add(regI == 0 ? new UnwindOp.SaveRegPre(30, savsz) : new UnwindOp.SaveReg(30, intsz - 8));
        for (int j = 0; j + 1 < regFCount; j += 2) p.add(new UnwindOp.SaveFRegPair(8 + j, intsz + 8 * j));
        if (regFCount % 2 == 1) p.add(new UnwindOp.SaveFReg(8 + regFCount - 1, intsz + 8 * (regFCount - 1)));
        if (homed) for (int i = 0; i < 4; i++) p.add(new UnwindOp.Nop());
        if (cr == 3 && locals <= 512) {
            p.add(new UnwindOp.SaveFpLrPre(locals));
        } else if (locals > 0) {
            if (locals > 4080) {
                p.add(new UnwindOp.AllocStack(4080));
                p.add(new UnwindOp.AllocStack(locals - 4080));
            } else {
                p.add(new UnwindOp.AllocStack(locals));
            }
            if (cr == 3) p.add(new UnwindOp.SaveFpLr(0));
        }
        if (cr == 3) p.add(new UnwindOp.SetFp());
        return p;
    }

    static List<Shape> shapes() {
        List<Shape> out = new ArrayList<>();
        int[] localsList = {0, 16, 32, 480, 496, 512, 528, 1024, 4080, 4096, 7008};
        int[] fpList = {0, 2, 3, 8};
        for (int regI = 0; regI <= 10; regI++) {
            for (int cr : new int[] {0, 1, 3}) {
                for (int regF : fpList) {
                    for (int locals : localsList) {
                        if (cr == 3 && locals == 0) continue;
                        if (regI == 0 && cr != 1 && regF == 0 && cr != 3 && locals == 0) continue;
                        if (regI == 0 && cr != 1 && regF > 0) continue; // would need save_fregp_x (no neutral op)
                        String n = "c" + regI + "_" + cr + "_" + regF + "_" + locals;
                        List<UnwindOp> p = canonical(regI, cr, regF, locals, false);
                        out.add(shape(n, p, Variant.MIRROR));
                        if (regI == 2 || regI == 5) {
                            for (Variant v : Variant.values()) if (v != Variant.MIRROR) out.add(shape(n, p, v));
                        }
                    }
                }
            }
        }
        // broken in one place each
        out.add(shape("homed", canonical(2, 3, 0, 16, true), Variant.MIRROR));
        out.add(shape("homed_lr", canonical(3, 1, 0, 32, true), Variant.MIRROR));
        List<UnwindOp> nopsInArea = new ArrayList<>(canonical(2, 3, 0, 16, false));
        for (int i = 0; i < 4; i++) nopsInArea.add(1, new UnwindOp.Nop()); // four homing nops, area without them
        out.add(shape("homed_small_area", nopsInArea, Variant.MIRROR));
        out.add(shape("alloc_last", List.of(new UnwindOp.SaveRegPairPre(19, 16), new UnwindOp.AllocStack(16)),
                Variant.MIRROR));
        out.add(shape("alloc_last", List.of(new UnwindOp.SaveRegPairPre(19, 16), new UnwindOp.AllocStack(16)),
                Variant.DROP_LAST));
        out.add(shape("bigpre", List.of(new UnwindOp.SaveRegPairPre(19, 256), new UnwindOp.SaveFpLrPre(16),
                new UnwindOp.SetFp()), Variant.MIRROR));
        out.add(shape("wrongpre", List.of(new UnwindOp.SaveRegPairPre(19, 32), new UnwindOp.SaveFpLrPre(16),
                new UnwindOp.SetFp()), Variant.MIRROR));
        out.add(shape("wrongpair", List.of(new UnwindOp.SaveRegPairPre(19, 32), new UnwindOp.SaveRegPair(21, 24),
                new UnwindOp.SaveFpLrPre(16), new UnwindOp.SetFp()), Variant.MIRROR));
        out.add(shape("addfp", List.of(new UnwindOp.SaveRegPairPre(19, 32), new UnwindOp.SaveFpLr(16),
                new UnwindOp.AddFp(16)), Variant.MIRROR));
        out.add(shape("subject_n0", List.of(new UnwindOp.SaveFpLrPre(16), new UnwindOp.SetFp(),
                new UnwindOp.AllocStack(32)), Variant.MIRROR));
        out.add(shape("subject_n0_only", List.of(new UnwindOp.SaveFpLrPre(16), new UnwindOp.SetFp()), Variant.MIRROR));
        out.add(shape("alloc_then_pre", List.of(new UnwindOp.AllocStack(32), new UnwindOp.SaveFpLrPre(16),
                new UnwindOp.SetFp()), Variant.MIRROR));
        out.add(shape("framesize_max", canonical(0, 3, 0, 0x1ff0, false), Variant.MIRROR));
        out.add(shape("framesize_over", canonical(2, 3, 0, 0x1ff0, false), Variant.MIRROR));
        out.add(shape("alloc_l", List.of(new UnwindOp.SaveRegPairPre(19, 16), new UnwindOp.AllocStack(0x4000)),
                Variant.MIRROR));
        out.add(shape("three_allocs", List.of(new UnwindOp.AllocStack(4080), new UnwindOp.AllocStack(16),
                new UnwindOp.AllocStack(16)), Variant.MIRROR));
        out.add(shape("fp_first", List.of(new UnwindOp.SaveRegPairPre(19, 32), new UnwindOp.SaveFRegPair(8, 16),
                new UnwindOp.SaveFpLrPre(16), new UnwindOp.SetFp()), Variant.MIRROR));
        return out;
    }

    static String listing(List<Shape> shapes) {
        StringBuilder s = new StringBuilder("\t.text\n");
        for (Shape sh : shapes) {
            s.append(func(sh.name())).append("\t.seh_proc ").append(sh.name()).append('\n');
            FunctionUnwind u = sh.unwind();
            for (UnwindStep st : u.prologue()) s.append("\tnop\n\t").append(SehDirectives.of(st.op())).append('\n');
            s.append("\t.seh_endprologue\n");
            int at = 4 * u.prologue().size();
            for (Epilogue e : u.epilogues()) {
                for (; at < e.startOffset(); at += 4) s.append("\tnop\n");
                s.append("\t.seh_startepilogue\n");
                for (UnwindStep st : e.steps()) s.append("\tnop\n\t").append(SehDirectives.of(st.op())).append('\n');
                s.append("\t.seh_endepilogue\n\tret\n");
                at = e.endOffset() + 4;
            }
            for (; at < sh.length(); at += 4) s.append("\tnop\n");
            s.append("\t.seh_endproc\n");
        }
        return s.toString();
    }

    static Bytes subjectEncoding(Shape sh) {
        List<UnwindEntry.Placed> entries = UnwindEntry.entries(sh.name(), sh.length(), sh.unwind());
        assertEquals(1, entries.size(), sh.name());
        return switch (entries.getFirst().entry()) {
            case UnwindEntry.Packed p -> {
                int w = p.packed().word();
                yield Bytes.of(new byte[] {(byte) w, (byte) (w >>> 8), (byte) (w >>> 16), (byte) (w >>> 24)});
            }
            case UnwindEntry.Full f -> f.xdata().bytes();
        };
    }

    @Test
    void subjectPacksAndSharesExactlyAsLlvmMc() throws Exception {
        List<Shape> shapes = shapes();
        String listing = listing(shapes);
        Bytes object;
        try (LlvmMc mc = new LlvmMc()) {
            McResult r = mc.assemble(listing);
            assertTrue(r.ok(), () -> r.errors().toString());
            object = r.object();
        }
        ObjectView mcView = ObjectView.of(CoffReader.read(object));
        Map<String, String> differences = new LinkedHashMap<>();
        int packed = 0;
        for (Shape sh : shapes) {
            CodeFunction f = mcView.function(sh.name()).orElseThrow();
            List<UnwindEntries.Fragment> fs = mcView.unwind().of(f);
            assertEquals(1, fs.size(), sh.name());
            Bytes mine = subjectEncoding(sh);
            Bytes theirs = fs.getFirst().encoded();
            if (fs.getFirst().packed()) packed++;
            if (!mine.equals(theirs)) differences.put(sh.name(), mine.hex() + " vs mc " + theirs.hex());
        }
        Allure.addAttachment("listing", "text/plain", listing);
        assertEquals(Map.of(), differences, differences.size() + " of " + shapes.size() + " shapes differ");
        // the family exercises both outcomes
        assertTrue(packed > 100 && packed < shapes.size() - 100, packed + " of " + shapes.size() + " packed");
    }
}
