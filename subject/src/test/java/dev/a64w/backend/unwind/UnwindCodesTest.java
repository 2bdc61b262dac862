package dev.a64w.backend.unwind;

import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.UnwindOp;
import dev.a64w.backend.UnwindStep;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

@Epic("subject")
@Feature("unwind codes")
class UnwindCodesTest {

    @Test
    void mapsEachOpToItsNaturalCode() {
        assertEquals(new UnwindCode.SaveFpLrX(16), UnwindCodes.of(new UnwindOp.SaveFpLrPre(16)));
        assertEquals(new UnwindCode.SaveFpLr(32), UnwindCodes.of(new UnwindOp.SaveFpLr(32)));
        assertEquals(new UnwindCode.SaveRegPX(21, 32), UnwindCodes.of(new UnwindOp.SaveRegPairPre(21, 32)));
        assertEquals(new UnwindCode.SaveRegP(21, 16), UnwindCodes.of(new UnwindOp.SaveRegPair(21, 16)));
        assertEquals(new UnwindCode.SaveRegX(19, 16), UnwindCodes.of(new UnwindOp.SaveRegPre(19, 16)));
        assertEquals(new UnwindCode.SaveReg(30, 8), UnwindCodes.of(new UnwindOp.SaveReg(30, 8)));
        assertEquals(new UnwindCode.SaveFRegP(8, 16), UnwindCodes.of(new UnwindOp.SaveFRegPair(8, 16)));
        assertEquals(new UnwindCode.SaveFReg(15, 8), UnwindCodes.of(new UnwindOp.SaveFReg(15, 8)));
        assertEquals(new UnwindCode.SaveFRegPX(8, 32), UnwindCodes.of(new UnwindOp.SaveFRegPairPre(8, 32)));
        assertEquals(new UnwindCode.SaveFRegX(8, 16), UnwindCodes.of(new UnwindOp.SaveFRegPre(8, 16)));
        assertEquals(new UnwindCode.SetFp(), UnwindCodes.of(new UnwindOp.SetFp()));
        assertEquals(new UnwindCode.AddFp(16), UnwindCodes.of(new UnwindOp.AddFp(16)));
        assertEquals(new UnwindCode.Nop(), UnwindCodes.of(new UnwindOp.Nop()));
    }

    @Test
    void llvmCanonicalForms() {
        assertEquals(new UnwindCode.SaveFpLrX(32), UnwindCodes.of(new UnwindOp.SaveRegPairPre(29, 32)));
        assertEquals(new UnwindCode.SaveFpLr(16), UnwindCodes.of(new UnwindOp.SaveRegPair(29, 16)));
        assertEquals(new UnwindCode.SaveR19R20X(0xf8), UnwindCodes.of(new UnwindOp.SaveRegPairPre(19, 0xf8)));
        assertEquals(new UnwindCode.SaveRegPX(19, 0x100), UnwindCodes.of(new UnwindOp.SaveRegPairPre(19, 0x100)));
        assertEquals(new UnwindCode.SaveRegPX(20, 16), UnwindCodes.of(new UnwindOp.SaveRegPairPre(20, 16)));
        assertEquals(new UnwindCode.SetFp(), UnwindCodes.of(new UnwindOp.AddFp(0)));
    }

    @Test
    void allocUsesLlvmSizeSplit() {
        assertEquals(new UnwindCode.AllocS(0x1f0), UnwindCodes.of(new UnwindOp.AllocStack(0x1f0)));
        assertEquals(new UnwindCode.AllocM(0x200), UnwindCodes.of(new UnwindOp.AllocStack(0x200)));
        assertEquals(new UnwindCode.AllocM(0x3ff0), UnwindCodes.of(new UnwindOp.AllocStack(0x3ff0)));
        assertEquals(new UnwindCode.AllocL(0x4000), UnwindCodes.of(new UnwindOp.AllocStack(0x4000)));
        assertEquals(new UnwindCode.AllocL(0xffffff0), UnwindCodes.of(new UnwindOp.AllocStack(0xffffff0)));
    }

    @Test
    void opWithoutEncodingIsACompileExceptionNamingFunctionOpAndOffset() {
        List<UnwindOp> bad = List.of(
                new UnwindOp.SaveReg(18, 8), new UnwindOp.SaveReg(19, 0x200), new UnwindOp.SaveReg(19, 12),
                new UnwindOp.SaveRegPre(19, 0x110), new UnwindOp.SaveRegPairPre(19, 0x208), new UnwindOp.SaveFpLrPre(0x210),
                new UnwindOp.SaveFpLr(-16), new UnwindOp.SaveFRegPair(15, 0), new UnwindOp.SaveFReg(7, 0),
                new UnwindOp.AllocStack(24), new UnwindOp.AllocStack(0x10000000), new UnwindOp.AddFp(0x800));
        for (UnwindOp op : bad) {
            var e = assertThrows(CompileException.class, () -> UnwindCodes.of("f", new UnwindStep(0x1c, op)), op::toString);
            assertTrue(e.getMessage().startsWith("function f: unwind op " + op + " at offset 0x1c has no Windows ARM64 unwind code: "),
                    e.getMessage());
        }
    }

    @Test
    void directivesAreSpelledAsLlvmParsesThem() {
        assertEquals(".seh_save_fplr_x 16", SehDirectives.of(new UnwindOp.SaveFpLrPre(16)));
        assertEquals(".seh_save_fplr 16", SehDirectives.of(new UnwindOp.SaveFpLr(16)));
        assertEquals(".seh_save_regp x19, 16", SehDirectives.of(new UnwindOp.SaveRegPair(19, 16)));
        assertEquals(".seh_save_regp_x x19, 32", SehDirectives.of(new UnwindOp.SaveRegPairPre(19, 32)));
        assertEquals(".seh_save_fplr_x 32", SehDirectives.of(new UnwindOp.SaveRegPairPre(29, 32)));
        assertEquals(".seh_save_fplr 0", SehDirectives.of(new UnwindOp.SaveRegPair(29, 0)));
        assertEquals(".seh_save_reg x21, 8", SehDirectives.of(new UnwindOp.SaveReg(21, 8)));
        assertEquals(".seh_save_reg_x x23, 32", SehDirectives.of(new UnwindOp.SaveRegPre(23, 32)));
        assertEquals(".seh_save_fregp d10, 32", SehDirectives.of(new UnwindOp.SaveFRegPair(10, 32)));
        assertEquals(".seh_save_freg d13, 8", SehDirectives.of(new UnwindOp.SaveFReg(13, 8)));
        assertEquals(".seh_save_fregp_x d8, 32", SehDirectives.of(new UnwindOp.SaveFRegPairPre(8, 32)));
        assertEquals(".seh_save_freg_x d8, 16", SehDirectives.of(new UnwindOp.SaveFRegPre(8, 16)));
        assertEquals(".seh_stackalloc 32", SehDirectives.of(new UnwindOp.AllocStack(32)));
        assertEquals(".seh_set_fp", SehDirectives.of(new UnwindOp.SetFp()));
        assertEquals(".seh_add_fp 16", SehDirectives.of(new UnwindOp.AddFp(16)));
        assertEquals(".seh_nop", SehDirectives.of(new UnwindOp.Nop()));
    }

    private static String hex(UnwindCode c) {
        dev.a64w.util.ByteSink sink = new dev.a64w.util.ByteSink();
        c.write(sink);
        return sink.toBytes().hex();
    }

    /**
     * The fp save codes' bytes, by hand from Microsoft's table: save_freg 1101110x|xxzzzzzz,
     * save_fregp 1101100x|xxzzzzzz, save_freg_x 11011110|xxxzzzzz, save_fregp_x 1101101x|xxzzzzzz
     * (x = register - 8, z = offset / 8, or size / 8 - 1 for the _x forms).
     */
    @Test
    void fpSaveCodesHaveTheDocumentedBytes() {
        assertEquals("d884", hex(UnwindCodes.of(new UnwindOp.SaveFRegPair(10, 32))));   // x=2 z=4
        assertEquals("dd41", hex(UnwindCodes.of(new UnwindOp.SaveFReg(13, 8))));        // x=5 z=1
        assertEquals("da03", hex(UnwindCodes.of(new UnwindOp.SaveFRegPairPre(8, 32)))); // x=0 z=3
        assertEquals("db3f", hex(UnwindCodes.of(new UnwindOp.SaveFRegPairPre(12, 512)))); // x=4 z=63
        assertEquals("de01", hex(UnwindCodes.of(new UnwindOp.SaveFRegPre(8, 16))));     // x=0 z=1
        assertEquals("deff", hex(UnwindCodes.of(new UnwindOp.SaveFRegPre(15, 256)))); // x=7 z=31
    }
}
