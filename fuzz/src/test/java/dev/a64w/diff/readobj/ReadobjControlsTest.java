package dev.a64w.diff.readobj;

import dev.a64w.check.unwind.UnwindOp;
import dev.a64w.check.unwind.Xdata;
import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Positive controls: the cross-check must report a disagreement, naming the function and the
 * field, when one side differs — llvm-readobj reading a file with one unwind byte changed while our
 * decoder reads the original, or our decoder's result deliberately wrong. Each altered file is
 * also checked against itself, so the reported disagreement comes from the alteration alone.
 */
@Epic("fuzz")
@Feature("readobj cross-check")
class ReadobjControlsTest {
    @TempDir
    static Path dir;
    static Bytes codes;
    static Bytes packed;

    @BeforeAll
    static void build() {
        try (LlvmMc mc = new LlvmMc()) {
            codes = ReadobjFixtures.assemble(mc, "codes.s", ReadobjFixtures.resource("codes.s"));
            packed = ReadobjFixtures.assemble(mc, "packed.s", ReadobjFixtures.resource("packed.s"));
        }
    }

    private static OurEntry entry(OurUnwind u, String label) {
        return u.entries().stream().filter(e -> e.label().equals(label)).findFirst().orElseThrow(() ->
                new AssertionError("no entry " + label + " in " + u.entries().stream().map(OurEntry::label).toList()));
    }

    private static Finding.Disagreement only(CrossCheckResult r, String function, String fieldPrefix) {
        List<Finding.Disagreement> hits = r.disagreements().stream()
                .filter(d -> d.function().equals(function) && d.field().startsWith(fieldPrefix)).toList();
        assertEquals(1, hits.size(), r.report());
        return hits.get(0);
    }

    /** Control input: the same file must agree with itself. */
    private static Path selfConsistent(String name, Bytes file) {
        Path p = ReadobjFixtures.write(dir, name, file);
        CrossCheckResult self = ReadobjCrossCheck.compare(p);
        assertTrue(self.agrees(), self.report());
        return p;
    }

    @Test
    void anAlteredXdataCodeByteIsReportedByField() {
        OurUnwind ours = OurUnwind.object(codes);
        Place.InObject x = (Place.InObject) entry(ours, "f_scopes").xdata().orElseThrow();
        Xdata xd = ((OurEntry.Decoded.Full) entry(ours, "f_scopes").unwind()).xdata();
        int codeStart = (int) x.offset() + 4 * (xd.extended() ? 2 : 1) + 4 * xd.scopes().size();
        assertEquals(0xE1, xd.codes().u8(0), "f_scopes' first prologue code is set_fp");
        int at = ReadobjFixtures.rawDataOffset(codes, ".xdata") + codeStart;
        assertEquals(0xE1, codes.u8(at));
        Path original = selfConsistent("control-orig.obj", codes);
        Path altered = selfConsistent("control-code.obj", ReadobjFixtures.withByte(codes, at, 0xE3));

        CrossCheckResult r = ReadobjCrossCheck.compare(original, altered);
        Finding.Disagreement d = only(r, "f_scopes", "Prologue[0]");
        assertEquals("Prologue[0].bytes", d.field());
        assertEquals("e1", d.ours());
        assertEquals("e3", d.llvm());
    }

    @Test
    void anAlteredPackedFieldIsReportedByField() {
        OurUnwind ours = OurUnwind.object(packed);
        int index = ours.entries().indexOf(entry(ours, "p_regi2_lr"));
        int at = ReadobjFixtures.rawDataOffset(packed, ".pdata") + 8 * index + 4;
        long word = packed.u32(at);
        assertEquals(2, (word >> 16) & 0xF, "RegI of p_regi2_lr");
        Path original = selfConsistent("control-packed-orig.obj", packed);
        Path altered = selfConsistent("control-packed.obj", ReadobjFixtures.withWord(packed, at, word ^ (1L << 16)));

        CrossCheckResult r = ReadobjCrossCheck.compare(original, altered);
        Finding.Disagreement d = only(r, "p_regi2_lr", "RegI");
        assertEquals("2", d.ours());
        assertEquals("3", d.llvm());
        assertTrue(r.disagreements().stream().allMatch(x -> x.function().equals("p_regi2_lr")), r.report());
    }

    @Test
    void aWrongDecoderResultIsReportedByField() {
        Path file = ReadobjFixtures.write(dir, "control-decoder.obj", codes);
        ReadobjUnwind llvm = ReadobjUnwind.run(file, ReadobjCrossCheck.TIMEOUT);
        OurUnwind ours = OurUnwind.object(codes);

        CrossCheckResult length = ReadobjCrossCheck.compare("wrong length", alter(ours, "f_canon", x -> new Xdata(
                x.functionLengthWords() + 1, x.vers(), x.x(), x.e(), x.epilogCountOrIndex(), x.codeWords(), x.extended(),
                x.scopes(), x.codes(), x.handlerRva(), x.size())), llvm);
        Finding.Disagreement d = only(length, "f_canon", "FunctionLength");
        assertEquals("44", d.ours());
        assertEquals("40", d.llvm());

        CrossCheckResult index = ReadobjCrossCheck.compare("wrong scope", alter(ours, "f_scopes", x -> {
            List<Xdata.EpilogScope> scopes = new ArrayList<>(x.scopes());
            Xdata.EpilogScope s = scopes.get(1);
            scopes.set(1, new Xdata.EpilogScope(s.startOffsetWords(), s.reserved(), s.startIndex() - 1));
            return new Xdata(x.functionLengthWords(), x.vers(), x.x(), x.e(), x.epilogCountOrIndex(), x.codeWords(),
                    x.extended(), scopes, x.codes(), x.handlerRva(), x.size());
        }), llvm);
        only(index, "f_scopes", "EpilogueScopes[1].EpilogueStartIndex");

        CrossCheckResult handler = ReadobjCrossCheck.compare("no handler", alter(ours, "f_handler", x -> new Xdata(
                x.functionLengthWords(), x.vers(), false, x.e(), x.epilogCountOrIndex(), x.codeWords(), x.extended(),
                x.scopes(), x.codes(), java.util.OptionalLong.empty(), x.size() - 4)), llvm);
        only(handler, "f_handler", "ExceptionData");
    }

    @Test
    void meaningsFromBothSidesMeetInOneText() {
        UnwindOp.Save pair = new UnwindOp.Save(List.of(UnwindOp.Reg.x(19), UnwindOp.Reg.x(20)), 64, true);
        assertEquals(OpText.of(pair), OpText.llvm("stp x19, x20, [sp, #-64]!", false));
        assertEquals(OpText.of(pair), OpText.llvm("ldp x19, x20, [sp], #64", false));
        assertTrue(!OpText.of(pair).equals(OpText.llvm("stp x19, x20, [sp, #64]", false)));
        assertEquals(OpText.of(new UnwindOp.SetFp(16)), OpText.llvm("sub sp, fp, #16", false));
        assertEquals(OpText.of(new UnwindOp.Alloc(4080)), OpText.llvm("sub sp, sp, #4080", true));
        assertEquals("nop", OpText.llvm("stp x2, x3, [sp, #32]", true));
        assertEquals("save x2,x3 [sp,#32]", OpText.llvm("stp x2, x3, [sp, #32]", false));
        assertEquals("save x21,x30 [sp,#16]", OpText.llvm("stp x21, lr, [sp, #16]", false));
    }

    private static OurUnwind alter(OurUnwind u, String label, UnaryOperator<Xdata> change) {
        List<OurEntry> out = new ArrayList<>();
        for (OurEntry e : u.entries()) {
            if (e.label().equals(label) && e.unwind() instanceof OurEntry.Decoded.Full full) {
                Xdata x = change.apply(full.xdata());
                out.add(new OurEntry(e.label(), e.function(), new OurEntry.Decoded.Full(x), e.xdata(), x.codes(),
                        x.x() ? e.handler() : java.util.Optional.empty(), e.parameter()));
            } else {
                out.add(e);
            }
        }
        return new OurUnwind(u.image(), out, u.symbols());
    }
}
