package dev.a64w.backend.unwind;

import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.Epilogue;
import dev.a64w.backend.FunctionUnwind;
import dev.a64w.backend.UnwindOp;
import dev.a64w.backend.UnwindStep;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Segments and per-segment .xdata of functions of 1 MiB or more. The expected values are what
 * LLVM 20.1.7 MC wrote for the same frames ({@code stp x29,x30,[sp,#-32]!; str x19,[sp,#16];
 * mov x29,sp}, nops, epilogues {@code ldr x19; ldp x29,x30; ret}) with {@code .seh_*} directives.
 */
@Epic("subject")
@Feature("xdata")
class SegmenterTest {
    static final int MAX = 0xFFFFC;

    private static UnwindStep at(int offset, UnwindOp op) {
        return new UnwindStep(offset, op);
    }

    private static List<UnwindStep> prologue() {
        return List.of(at(0, new UnwindOp.SaveFpLrPre(32)), at(4, new UnwindOp.SaveReg(19, 16)), at(8, new UnwindOp.SetFp()));
    }

    /** {@code ldr x19,[sp,#16]; ldp x29,x30,[sp],#32; ret} starting at {@code start}. */
    private static Epilogue epilogue(int start) {
        return new Epilogue(List.of(at(start, new UnwindOp.SaveReg(19, 16)), at(start + 4, new UnwindOp.SaveFpLrPre(32))), start + 8);
    }

    private static FunctionUnwind unwind(Epilogue... epilogues) {
        return new FunctionUnwind(prologue(), List.of(epilogues));
    }

    private static List<Integer> starts(List<Segment> segments) {
        return segments.stream().map(Segment::offset).toList();
    }

    @Test
    void aFunctionOfAtMostMaxSegmentBytesIsOneSegment() {
        List<Segment> s = Segmenter.split("f", MAX, unwind(epilogue(MAX - 12)));
        assertEquals(List.of(new Segment(0, MAX, List.of(epilogue(MAX - 12)))), s);
        assertTrue(s.getFirst().hasPrologue());
    }

    @Test
    void segmentsAreMaxBytesAndTileTheFunction() {
        int length = 0x205958; // 12 + 530000 nops + 12, as in the LLVM run
        Epilogue last = epilogue(length - 12);
        List<Segment> s = Segmenter.split("f", length, unwind(last));
        assertEquals(List.of(0, MAX, 2 * MAX), starts(s));
        assertEquals(List.of(MAX, MAX, length - 2 * MAX), s.stream().map(Segment::length).toList());
        assertEquals(List.of(List.of(), List.of(), List.of(last)), s.stream().map(Segment::epilogues).toList());
        assertEquals(List.of(true, false, false), s.stream().map(Segment::hasPrologue).toList());
    }

    @Test
    void anEpilogueWhoseRetEndsTheSegmentStaysInIt() {
        Epilogue e1 = epilogue(0xFFFF0); // ret at 0xffff8, ends at 0xffffc
        Epilogue e2 = epilogue(0x101F3C);
        List<Segment> s = Segmenter.split("f", 0x101F48, unwind(e1, e2));
        assertEquals(List.of(new Segment(0, MAX, List.of(e1)), new Segment(MAX, 0x101F48 - MAX, List.of(e2))), s);
    }

    @Test
    void anEpilogueAcrossTheLimitIsNeverSplit() {
        Epilogue e1 = epilogue(0xFFFF4); // ret at 0xffffc: one word past the limit
        Epilogue e2 = epilogue(0x101F40);
        List<Segment> s = Segmenter.split("f", 0x101F4C, unwind(e1, e2));
        assertEquals(List.of(new Segment(0, 0xFFFF4, List.of()), new Segment(0xFFFF4, 0x101F4C - 0xFFFF4, List.of(e1, e2))), s);
    }

    @Test
    void aPrologueOutsideTheFirstSegmentIsACompileException() {
        List<UnwindStep> nops = new ArrayList<>();
        for (int i = 0; i < 2; i++) nops.add(at(4 * i, new UnwindOp.Nop()));
        var e = assertThrows(CompileException.class, () -> Segmenter.split("f", 4, new FunctionUnwind(nops, List.of())));
        assertTrue(e.getMessage().startsWith("function f: prologue of 0x8 bytes"), e.getMessage());
    }

    @Test
    void laterSegmentsGetEndCAndThePhantomPrologue() {
        int length = 0x205958;
        List<XdataRecord> x = XdataBuilder.buildSegments("f", length, unwind(epilogue(length - 12)));
        assertEquals(3, x.size());
        // first: the real prologue, no epilogue in it: E=0 with no scopes
        assertEquals(Bytes.ofHex("ffff0310 e1d00283 e4e3e3e3"), x.get(0).bytes());
        // middle: neither prologue nor epilogue: end_c + phantom prologue, E=1 at index 0 (the end_c)
        assertEquals(Bytes.ofHex("ffff2310 e5e1d002 83e4e3e3"), x.get(1).bytes());
        assertEquals(List.of(new UnwindCode.EndC(), new UnwindCode.SetFp(), new UnwindCode.SaveReg(19, 16),
                new UnwindCode.SaveFpLrX(32), new UnwindCode.End()), x.get(1).codes());
        // last: the final epilogue is the phantom prologue's tail at index 2 (after end_c and set_fp)
        assertEquals(Bytes.ofHex("5816a010 e5e1d002 83e4e3e3"), x.get(2).bytes());
        assertEquals("f+0x1ffff8", x.get(2).function());
    }

    @Test
    void epilogueOffsetsCountFromTheSegmentStart() {
        Epilogue e1 = epilogue(0xFFFF4);
        Epilogue e2 = epilogue(0x101F40);
        List<XdataRecord> x = XdataBuilder.buildSegments("f", 0x101F4C, unwind(e1, e2));
        assertEquals(List.of(), x.get(0).scopes());
        assertTrue(x.get(0).packedEpilog().isEmpty());
        assertEquals(0xFFFF4 / 4, x.get(0).functionLength() / 4);
        // LLVM: StartOffset 0 and 2003 (words), both at index 2
        assertEquals(List.of(new EpilogScope(0, 2), new EpilogScope(2003 * 4, 2)), x.get(1).scopes());
        assertEquals(0x1F58, x.get(1).functionLength());
    }

    @Test
    void aFinalEpilogueInTheFirstSegmentIsPackedThere() {
        Epilogue e1 = epilogue(0xFFFF0);
        Epilogue e2 = epilogue(0x101F3C);
        List<XdataRecord> x = XdataBuilder.buildSegments("f", 0x101F48, unwind(e1, e2));
        assertEquals(java.util.OptionalInt.of(1), x.get(0).packedEpilog()); // LLVM: EpilogueOffset 1
        assertEquals(java.util.OptionalInt.of(2), x.get(1).packedEpilog()); // LLVM: EpilogueOffset 2
        assertEquals(8012, x.get(1).functionLength());
    }

    @Test
    void aScopeInALaterSegmentThatIsNoPrologueTailIsAppendedAfterThePhantomPrologue() {
        int start = 0xFFFFC + 0x100;
        Epilogue odd = new Epilogue(List.of(at(start, new UnwindOp.Nop()), at(start + 4, new UnwindOp.SaveReg(19, 16)),
                at(start + 8, new UnwindOp.SaveFpLrPre(32))), start + 12);
        List<XdataRecord> x = XdataBuilder.buildSegments("f", start + 16 + 8, unwind(odd));
        // codes: e5 | e1 d0 02 83 e4 | e3 d0 02 83 e4; the epilogue is not last: one scope at index 6
        assertEquals(List.of(new EpilogScope(0x100, 6)), x.get(1).scopes());
        assertEquals(Bytes.ofHex("e5e1d002 83e4e3d0 0283e4e3"), x.get(1).bytes().slice(8, 20));
    }
}
