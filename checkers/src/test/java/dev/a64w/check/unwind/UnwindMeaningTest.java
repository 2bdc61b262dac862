package dev.a64w.check.unwind;

import dev.a64w.check.unwind.UnwindOp.Reg;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Epic("fuzz")
@Feature("unwind meaning")
class UnwindMeaningTest {

    private static Sequence seq(String hex) {
        return Sequence.fromCodes(UnwindCodes.decodeSequence(Bytes.ofHex(hex), 0));
    }

    @Test
    void canonicalizationsMeanTheSame() {
        // save_regp x29, 16 == save_fplr 16
        assertEquals(seq("CA 82 E4"), seq("42 E4"));
        // save_regp_x x29, 32 == save_fplr_x 32
        assertEquals(seq("CE 83 E4"), seq("83 E4"));
        // save_r19r20_x 32 == save_regp_x x19, 32
        assertEquals(seq("24 E4"), seq("CC 03 E4"));
        // add_fp 0 == set_fp
        assertEquals(seq("E2 00 E4"), seq("E1 E4"));
        // alloc 480: s, m and l
        assertEquals(seq("1E E4"), seq("C0 1E E4"));
        assertEquals(seq("1E E4"), seq("E0 00 00 1E E4"));
        // save_any_reg x19 at 16 == save_reg x19, 16
        assertEquals(seq("E7 13 02 E4"), seq("D0 02 E4"));
        // save_any_reg_p d8 at 32 == save_fregp d8, 32
        assertEquals(seq("E7 48 42 E4"), seq("D8 04 E4"));
        // different offsets differ
        assertNotEquals(seq("D0 02 E4"), seq("D0 01 E4"));
    }

    @Test
    void saveNextExpandsToTheNextPairs() {
        // save_next; save_regp x19, 16 == save_regp x21, 32; save_regp x19, 16
        assertEquals(seq("C8 84 C8 02 E4"), seq("E6 C8 02 E4"));
        Sequence s = seq("E6 E6 24 E4"); // two save_next before save_r19r20_x 32
        assertEquals(List.of(
                new UnwindOp.Save(List.of(Reg.x(23), Reg.x(24)), 32, false),
                new UnwindOp.Save(List.of(Reg.x(21), Reg.x(22)), 16, false),
                new UnwindOp.Save(List.of(Reg.x(19), Reg.x(20)), 32, true)), s.ops());
        // after x27/x28 the next pair is x29/lr, not d8/d9 (Windows: the register range only grows within its
        // class; Wine tests/unwind.c test_virtual_unwind_arm64 function_5 records stp x29,x30 after x27,x28)
        assertEquals(new UnwindOp.Save(List.of(Reg.x(29), Reg.x(30)), 16, false), seq("E6 CA 00 E4").ops().get(0));
        // and nothing follows x29/lr
        assertThrows(MalformedUnwindException.class, () -> seq("E6 E6 CA 00 E4"));
        assertThrows(MalformedUnwindException.class, () -> seq("E6 E1 E4"));
    }

    @Test
    void endCSeparatesPhantomPrologue() {
        Sequence s = seq("C8 8E E5 E1 C8 1E E4");
        assertEquals(1, s.instructionCount());
        assertTrue(s.endC());
        assertEquals(2, s.phantom().size());
    }

    @Test
    void xdataWithEBitEqualsXdataWithScope() {
        // reference worked example: header 0x10600008, codes E1 D0 02 83 E4 E3 E3 E3
        Xdata e1 = XdataDecoder.decode(Bytes.ofHex("08 00 60 10 E1 D0 02 83 E4 E3 E3 E3"), 0);
        assertEquals(8, e1.functionLengthWords());
        assertTrue(e1.e());
        assertEquals(1, e1.epilogCountOrIndex());
        assertEquals(2, e1.codeWords());
        assertEquals(12, e1.size());
        // the same with one explicit scope (start 5 words, index 5) and a separate epilogue copy
        // header: length 8, E=0, count 1, code words 3; scope: offset 5 | index 5 << 22
        Xdata e0 = XdataDecoder.decode(Bytes.ofHex("08 00 40 18 05 00 40 01 E1 D0 02 83 E4 D0 02 83 E4 E3 E3 E3"), 0);
        assertEquals(UnwindMeaning.of(e1), UnwindMeaning.of(e0));
        // a different epilogue start does not compare equal
        Xdata moved = XdataDecoder.decode(Bytes.ofHex("08 00 40 18 04 00 40 01 E1 D0 02 83 E4 D0 02 83 E4 E3 E3 E3"), 0);
        assertNotEquals(UnwindMeaning.of(e1), UnwindMeaning.of(moved));
    }

    @Test
    void packedMeaningEqualsEquivalentXdata() {
        // LLVM issue 54879 frame: stp x19,x20,[sp,#-16]!; stp x29,lr,[sp,#-16]!; mov x29,sp; ...
        PackedUnwind p = PackedUnwind.decode(0x0162001DL);
        assertEquals(1, p.flag());
        assertEquals(7, p.functionLengthWords());
        assertEquals(0, p.regF());
        assertEquals(2, p.regI());
        assertEquals(false, p.h());
        assertEquals(3, p.cr());
        assertEquals(2, p.frameSizeUnits());
        assertEquals(0x0162001DL, p.encode());
        // xdata: length 7, E=1 index 1, 1 code word: E1 (set_fp) 81 (save_fplr_x 16) 22 (save_r19r20_x 16) E4
        Xdata x = XdataDecoder.decode(Bytes.ofHex("07 00 60 08 E1 81 22 E4"), 0);
        assertEquals(UnwindMeaning.of(x), p.meaning());
    }

    @Test
    void packedExpansionFollowsTheCanonicalSteps() {
        // Microsoft example 1: 0x416101ed: str x19,[sp,#-16]!; sub sp,sp,#0x810; stp fp,lr,[sp]; mov fp,sp
        PackedUnwind p = PackedUnwind.decode(0x416101EDL);
        assertEquals(1, p.regI());
        assertEquals(3, p.cr());
        assertEquals(2080, p.frameSize());
        assertEquals(List.of(
                new UnwindOp.SetFp(0),
                new UnwindOp.Save(List.of(Reg.x(29), Reg.x(30)), 0, false),
                new UnwindOp.Alloc(0x810),
                new UnwindOp.Save(List.of(Reg.x(19)), 16, true)), p.prologue());
        assertEquals(p.prologue().subList(1, 4), p.epilogue());

        // unchained with lr, odd RegI and FP registers: RegI=3, CR=1, RegF=2 (d8..d10), frame 96
        PackedUnwind q = new PackedUnwind(1, 40, 2, 3, false, 1, 6);
        assertEquals(32, q.intSize());
        assertEquals(24, q.fpSize());
        assertEquals(64, q.saveSize());
        assertEquals(List.of(
                new UnwindOp.Alloc(32),
                new UnwindOp.Save(List.of(Reg.d(10)), 48, false),
                new UnwindOp.Save(List.of(Reg.d(8), Reg.d(9)), 32, false),
                new UnwindOp.Save(List.of(Reg.x(21), Reg.x(30)), 16, false),
                new UnwindOp.Save(List.of(Reg.x(19), Reg.x(20)), 64, true)), q.prologue());
        assertEquals(q.prologue(), q.epilogue());
    }

    @Test
    void packedRejectsFrameSmallerThanSaveArea() {
        assertThrows(MalformedUnwindException.class, () -> new PackedUnwind(1, 10, 0, 4, false, 0, 1).prologue());
        assertThrows(MalformedUnwindException.class, () -> PackedUnwind.decode(0x0162001CL));
    }
}
