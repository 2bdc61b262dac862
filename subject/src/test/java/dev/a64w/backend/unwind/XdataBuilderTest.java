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

@Epic("subject")
@Feature("xdata")
class XdataBuilderTest {

    private static UnwindStep at(int offset, UnwindOp op) {
        return new UnwindStep(offset, op);
    }

    /** Reference §6 worked example: stp x29,x30,[sp,#-32]!; str x19,[sp,#16]; mov x29,sp; 2 body; ldr; ldp; ret. */
    private static FunctionUnwind workedExample() {
        return new FunctionUnwind(
                List.of(at(0, new UnwindOp.SaveFpLrPre(32)), at(4, new UnwindOp.SaveReg(19, 16)), at(8, new UnwindOp.SetFp())),
                List.of(new Epilogue(List.of(at(20, new UnwindOp.SaveReg(19, 16)), at(24, new UnwindOp.SaveFpLrPre(32))), 28)));
    }

    @Test
    void workedExampleIsReproducedExactly() {
        XdataRecord x = XdataBuilder.build("f", 32, workedExample());
        assertEquals(0x10600008, x.headerWord());
        assertEquals(Bytes.ofHex("08006010 e1d00283 e4e3e3e3"), x.bytes());
        assertEquals(12, x.length());
        assertEquals(List.of(new UnwindCode.SetFp(), new UnwindCode.SaveReg(19, 16), new UnwindCode.SaveFpLrX(32),
                new UnwindCode.End()), x.codes());
    }

    @Test
    void epilogueNotAtTheEndGetsAScopeIntoThePrologue() {
        FunctionUnwind u = workedExample();
        // same epilogue, but 2 more body words after the ret: E=0, one scope (offset 20/4=5, index 1)
        XdataRecord x = XdataBuilder.build("f", 40, u);
        assertTrue(x.packedEpilog().isEmpty());
        assertEquals(List.of(new EpilogScope(20, 1)), x.scopes());
        assertEquals(10 | (1 << 22) | (2 << 27), x.headerWord());
        assertEquals(Bytes.ofHex("0a004010 05004000 e1d00283 e4e3e3e3"), x.bytes());
    }

    @Test
    void identicalEpiloguesShareAndOthersAreAppended() {
        // prologue: stp x19,x20,[sp,#-32]!; stp x29,x30,[sp,#16]; add x29,sp,#16
        List<UnwindStep> pro = List.of(at(0, new UnwindOp.SaveRegPairPre(19, 32)), at(4, new UnwindOp.SaveFpLr(16)),
                at(8, new UnwindOp.AddFp(16)));
        // epilogue A (full mirror, lacks add_fp): ldp x29,x30,[sp,#16]; ldp x19,x20,[sp],#32; ret
        Epilogue a1 = new Epilogue(List.of(at(16, new UnwindOp.SaveFpLr(16)), at(20, new UnwindOp.SaveRegPairPre(19, 32))), 24);
        // epilogue B with an extra nop first: not a prologue tail -> appended
        Epilogue b1 = new Epilogue(List.of(at(28, new UnwindOp.Nop()), at(32, new UnwindOp.SaveFpLr(16)),
                at(36, new UnwindOp.SaveRegPairPre(19, 32))), 40);
        Epilogue b2 = new Epilogue(List.of(at(44, new UnwindOp.Nop()), at(48, new UnwindOp.SaveFpLr(16)),
                at(52, new UnwindOp.SaveRegPairPre(19, 32))), 56);
        Epilogue a2 = new Epilogue(List.of(at(60, new UnwindOp.SaveFpLr(16)), at(64, new UnwindOp.SaveRegPairPre(19, 32))), 68);
        XdataRecord x = XdataBuilder.build("g", 72, new FunctionUnwind(pro, List.of(a1, b1, b2, a2)));
        // prologue codes: add_fp 16 (e2 02), save_fplr 16 (42), save_r19r20_x 32 (24), end
        // epilogue A = [42 24 e4] = prologue tail at index 2; B = [e3 42 24 e4] appended at index 5
        assertEquals(List.of(new EpilogScope(16, 2), new EpilogScope(28, 5), new EpilogScope(44, 5), new EpilogScope(60, 2)),
                x.scopes());
        assertEquals(Bytes.ofHex("e2024224 e4e34224 e4e3e3e3"), x.bytes().slice(x.bytes().size() - 12, x.bytes().size()));
        assertEquals(18 | (4 << 22) | (3 << 27), x.headerWord());
    }

    @Test
    void singleFinalEpilogueThatIsNoPrologueTailStillUsesE1AsLlvmDoes() {
        List<UnwindStep> pro = List.of(at(0, new UnwindOp.SaveFpLrPre(16)), at(4, new UnwindOp.SetFp()));
        Epilogue e = new Epilogue(List.of(at(12, new UnwindOp.Nop()), at(16, new UnwindOp.SaveFpLrPre(16))), 20);
        XdataRecord x = XdataBuilder.build("h", 24, new FunctionUnwind(pro, List.of(e)));
        // codes: e1 81 e4 | e3 81 e4 ; E=1 index 3
        assertEquals(6 | (1 << 21) | (3 << 22) | (2 << 27), x.headerWord());
        assertEquals(Bytes.ofHex("0600e010 e181e4e3 81e4e3e3"), x.bytes());
    }

    @Test
    void consecutiveIntegerPairsFoldIntoSaveNextInPrologueAndEpilogue() {
        // the subject's frame with x19..x24: stp x19,x20,[sp,#-64]!; stp x21,x22,[sp,#16]; stp x23,x24,[sp,#32];
        // stp x29,x30,[sp,#48]; add x29,sp,#48; body; and the mirrored epilogue
        List<UnwindStep> pro = List.of(at(0, new UnwindOp.SaveRegPairPre(19, 64)), at(4, new UnwindOp.SaveRegPair(21, 16)),
                at(8, new UnwindOp.SaveRegPair(23, 32)), at(12, new UnwindOp.SaveFpLr(48)), at(16, new UnwindOp.AddFp(48)));
        Epilogue e = new Epilogue(List.of(at(24, new UnwindOp.SaveFpLr(48)), at(28, new UnwindOp.SaveRegPair(23, 32)),
                at(32, new UnwindOp.SaveRegPair(21, 16)), at(36, new UnwindOp.SaveRegPairPre(19, 64))), 40);
        XdataRecord x = XdataBuilder.build("f", 44, new FunctionUnwind(pro, List.of(e)));
        // prologue add_fp 48 (e2 06), save_fplr 48 (46), save_next, save_next, save_r19r20_x 64 (28), end;
        // the epilogue folds the same way and is the prologue's tail at index 2: E=1
        assertEquals(List.of(new UnwindCode.AddFp(48), new UnwindCode.SaveFpLr(48), new UnwindCode.SaveNext(),
                new UnwindCode.SaveNext(), new UnwindCode.SaveR19R20X(64), new UnwindCode.End()), x.codes());
        assertEquals(11 | (1 << 21) | (2 << 22) | (2 << 27), x.headerWord());
        // a pair not 16 bytes above the previous one, and d-register pairs, stay as they are
        assertEquals(List.of(new UnwindCode.SaveR19R20X(64), new UnwindCode.SaveRegP(21, 24), new UnwindCode.SaveFRegP(8, 40),
                new UnwindCode.SaveFRegP(10, 56)), UnwindCodes.foldSaveNext(List.of(new UnwindCode.SaveR19R20X(64),
                new UnwindCode.SaveRegP(21, 24), new UnwindCode.SaveFRegP(8, 40), new UnwindCode.SaveFRegP(10, 56))));
        // save_regp_x starts a chain too
        assertEquals(List.of(new UnwindCode.SaveRegPX(21, 256), new UnwindCode.SaveNext()), UnwindCodes.foldSaveNext(
                List.of(new UnwindCode.SaveRegPX(21, 256), new UnwindCode.SaveRegP(23, 16))));
    }

    @Test
    void noEpilogueMeansCountZero() {
        XdataRecord x = XdataBuilder.build("noret", 12, new FunctionUnwind(List.of(at(0, new UnwindOp.SaveFpLrPre(16))), List.of()));
        assertEquals(Bytes.ofHex("03000008 81e4e3e3"), x.bytes());
    }

    @Test
    void largeCodeArrayUsesTheExtensionWord() {
        // 130 nops + end = 131 code bytes > 124: CodeWords/EpilogCount move to the extension word
        List<UnwindStep> pro = new ArrayList<>();
        for (int i = 0; i < 130; i++) pro.add(at(4 * i, new UnwindOp.Nop()));
        XdataRecord x = XdataBuilder.build("big", 4 * 131, new FunctionUnwind(pro, List.of()));
        assertTrue(x.hasExtensionWord());
        assertEquals(131, x.headerWord());
        assertEquals(33 << 16, x.extensionWord());
        assertEquals(8 + 4 * 33, x.length());
        assertEquals(x.length(), x.bytes().size());
    }

    @Test
    void codesDecodeBackToTheRecord() {
        XdataRecord x = XdataBuilder.build("f", 32, workedExample());
        Bytes b = x.bytes();
        List<UnwindCode> decoded = SpecDecoder.decodeAll(b.slice(4, 4 + x.codeBytes()));
        assertEquals(x.codes(), decoded);
    }

    @Test
    void shapeErrorsAreCompileExceptions() {
        var gap = new FunctionUnwind(List.of(at(0, new UnwindOp.SaveFpLrPre(16)), at(8, new UnwindOp.SetFp())), List.of());
        var e1 = assertThrows(CompileException.class, () -> XdataBuilder.build("f", 32, gap));
        assertTrue(e1.getMessage().contains("function f: prologue step 1 (SetFp[]) at offset 0x8, expected 0x4"), e1.getMessage());

        var retNotAfter = new FunctionUnwind(List.of(at(0, new UnwindOp.SaveFpLrPre(16))),
                List.of(new Epilogue(List.of(at(8, new UnwindOp.SaveFpLrPre(16))), 16)));
        var e2 = assertThrows(CompileException.class, () -> XdataBuilder.build("f", 32, retNotAfter));
        assertTrue(e2.getMessage().contains("epilogue ret at offset 0x10, expected 0xc"), e2.getMessage());

        var outside = new FunctionUnwind(List.of(at(0, new UnwindOp.SaveFpLrPre(16))),
                List.of(new Epilogue(List.of(at(8, new UnwindOp.SaveFpLrPre(16))), 12)));
        assertThrows(CompileException.class, () -> XdataBuilder.build("f", 12, outside));

        var badOp = new FunctionUnwind(List.of(at(0, new UnwindOp.SaveReg(19, 0x400))), List.of());
        var e3 = assertThrows(CompileException.class, () -> XdataBuilder.build("f", 8, badOp));
        assertTrue(e3.getMessage().startsWith("function f: unwind op SaveReg[reg=19, offset=1024] at offset 0x0"), e3.getMessage());

        assertThrows(CompileException.class, () -> XdataBuilder.build("huge", 4 << 18, workedExample()));
    }
}
