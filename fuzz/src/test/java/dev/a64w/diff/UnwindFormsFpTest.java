package dev.a64w.diff;

import static dev.a64w.diff.McFixtures.LISTING;
import static dev.a64w.diff.McFixtures.assemble;
import static dev.a64w.diff.McFixtures.patch32;
import static dev.a64w.diff.McFixtures.rawData;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.a64w.fuzz.UnwindFormTally;
import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The float-save counts of {@link UnwindForms} ({@code a64w fuzz} prints them): save_freg,
 * save_fregp, save_freg_x and save_fregp_x codes in .xdata, and packed entries with RegF &gt; 0,
 * read with the harness's own decoder from hand-made bytes.
 */
@Epic("fuzz")
@Feature("stats")
class UnwindFormsFpTest {
    static LlvmMc mc;

    @BeforeAll
    static void start() {
        mc = new LlvmMc();
    }

    @AfterAll
    static void stop() {
        mc.close();
    }

    @Test
    void everyFloatSaveCodeIsCountedInAHandMadeCodeArray() {
        // save_fregp_x d8,d9,[sp,#-16]! = 1101101x|xxzzzzzz (x=0, z=1): DA 01
        // save_fregp d10,d11,[sp,#16]   = 1101100x|xxzzzzzz (x=2, z=2): D8 82
        // save_freg d12,[sp,#24]        = 1101110x|xxzzzzzz (x=4, z=3): DD 03
        // save_freg_x d13,[sp,#-16]!    = 11011110|xxxzzzzz (x=5, z=1): DE A1
        // save_fregp d14,d15 twice more, then end (E4) and nop padding (E3)
        Bytes codes = Bytes.ofHex("DA01D882DD03DEA1D8C3D8C3E4E3");
        UnwindForms f = UnwindForms.fregCodes(codes);
        assertEquals(new UnwindForms(0, 0, 0, 0, 1, 3, 1, 1, 0), f);
        assertEquals("1 save_freg, 3 save_fregp, 1 save_freg_x, 1 save_fregp_x codes; 0 packed entries with RegF > 0", f.fpLine());
        // integer saves are no float saves (control): save_regp x19,x20 (C8 01), save_fplr_x (8F), end
        assertEquals(new UnwindForms(0, 0, 0, 0), UnwindForms.fregCodes(Bytes.ofHex("C8018FE4")));
    }

    @Test
    void aPackedEntryWithRegFIsCounted() {
        Bytes good = assemble(mc, LISTING);
        assertEquals(0, UnwindForms.of(good).packedRegF());
        // f packs (.pdata entry 0): 0x00e00025 = Flag 1, FunctionLength 9, RegF 0 ...; RegF (bits 13-15) -> 2
        int p = rawData(good, ".pdata");
        assertEquals(0x00e00025L, good.u32(p + 4));
        Bytes withRegF = patch32(good, p + 4, 0x00e00025L | (2L << 13));
        UnwindForms forms = UnwindForms.of(withRegF);
        assertEquals(1, forms.packedRegF());
        assertEquals(1, forms.packed());
    }

    @Test
    void theTallyPrintsTheFloatSaveLines() {
        UnwindFormTally t = new UnwindFormTally();
        t.add(new UnwindForms(1, 0, 0, 0, 0, 0, 0, 0, 1), UnwindForms.fregCodes(Bytes.ofHex("D882E4")));
        assertEquals("unwind fp saves subject: 0 save_freg, 0 save_fregp, 0 save_freg_x, 0 save_fregp_x codes; 1 packed entries with RegF > 0",
                t.lines().get(2));
        assertEquals("unwind fp saves mc: 0 save_freg, 1 save_fregp, 0 save_freg_x, 0 save_fregp_x codes; 0 packed entries with RegF > 0",
                t.lines().get(3));
    }
}
