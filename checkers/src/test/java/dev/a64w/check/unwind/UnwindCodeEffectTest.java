package dev.a64w.check.unwind;

import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each unwind code does to the registers when Windows executes it in the body (all codes run).
 * Memory at address a holds 0x1000_0000 + a, so every restored value names the slot it came from.
 * Code meanings: Microsoft "ARM64 exception handling", "Unwind codes" table, with the Windows
 * behaviour of docs/unwind-windows.md where they differ.
 */
@Epic("fuzz")
@Feature("unwind codes")
class UnwindCodeEffectTest {
    private static final long SP = 0x10_0000;
    private static final long FP = 0x20_0000;
    private static final Memory MEM = a -> 0x1000_0000L + a;

    /** Body unwind of a prologue made of {@code hex} (codes before the terminating end, which is added). */
    private static Context run(String hex) {
        Sequence s = Sequence.fromCodes(UnwindCodes.decodeSequence(Bytes.ofHex(hex + " E4"), 0));
        UnwindMeaning m = new UnwindMeaning(0x1000, s, java.util.List.of(), false);
        Context start = Context.zero().withSp(SP).withX(29, FP).withX(30, 0x7777).withPc(0x4000);
        return VirtualUnwinder.run(start, MEM, m, 0x200);
    }

    private static long at(long address) {
        return MEM.read64(address);
    }

    @Test
    void allocations() {
        assertEquals(SP + 16 * 31, run("1F").sp());                  // alloc_s: 16·x
        assertEquals(SP + 16 * 0x7FF, run("C7 FF").sp());            // alloc_m: 11 bits
        assertEquals(SP + 16L * 0xFFFFFF, run("E0 FF FF FF").sp());  // alloc_l: 24 bits
    }

    @Test
    void integerSaves() {
        Context c = run("3F");                                       // save_r19r20_x Z=31: [sp,#-248]!
        assertEquals(at(SP), c.x(19));
        assertEquals(at(SP + 8), c.x(20));
        assertEquals(SP + 248, c.sp());
        c = run("7F");                                               // save_fplr Z=63: [sp,#504]
        assertEquals(at(SP + 504), c.fp());
        assertEquals(at(SP + 512), c.lr());
        assertEquals(at(SP + 512), c.pc());                          // pc = restored lr
        c = run("BF");                                               // save_fplr_x: [sp,#-512]!
        assertEquals(at(SP), c.fp());
        assertEquals(SP + 512, c.sp());
        c = run("C9 43");                                            // save_regp X=5 (x24,x25) Z=3
        assertEquals(at(SP + 24), c.x(24));
        assertEquals(at(SP + 32), c.x(25));
        c = run("CC 83");                                            // save_regp_x X=2 (x21,x22): [sp,#-32]!
        assertEquals(at(SP), c.x(21));
        assertEquals(at(SP + 8), c.x(22));
        assertEquals(SP + 32, c.sp());
        c = run("D1 05");                                            // save_reg X=4 (x23) Z=5: [sp,#40]
        assertEquals(at(SP + 40), c.x(23));
        c = run("D5 3F");                                            // save_reg_x X=9 (x28) Z=31: [sp,#-256]!
        assertEquals(at(SP), c.x(28));
        assertEquals(SP + 256, c.sp());
        c = run("D6 82");                                            // save_lrpair X=2 (x23,lr) Z=2: [sp,#16]
        assertEquals(at(SP + 16), c.x(23));
        assertEquals(at(SP + 24), c.lr());
    }

    @Test
    void floatingPointSavesWriteLowHalves() {
        Context c = run("D9 C1");                                    // save_fregp X=7 (d15,d16) Z=1
        assertEquals(at(SP + 8), c.d(15));
        assertEquals(at(SP + 16), c.d(16));
        assertEquals(0, c.vHigh(15));
        c = run("DB 41");                                            // save_fregp_x X=5 (d13,d14): [sp,#-16]!
        assertEquals(at(SP), c.d(13));
        assertEquals(SP + 16, c.sp());
        c = run("DC 43");                                            // save_freg X=1 (d9) Z=3
        assertEquals(at(SP + 24), c.d(9));
        c = run("DE E1");                                            // save_freg_x X=7 (d15): [sp,#-16]!
        assertEquals(at(SP), c.d(15));
        assertEquals(SP + 16, c.sp());
    }

    @Test
    void frameAndNoEffectCodes() {
        assertEquals(FP, run("E1").sp());                            // set_fp: sp = x29
        assertEquals(FP - 8 * 0x20, run("E2 20").sp());              // add_fp: sp = x29 - 8x
        assertEquals(SP, run("E3").sp());                            // nop
        Context pac = run("FC");                                     // pac_sign_lr: lr unchanged on ARMv8.0
        assertEquals(0x7777, pac.lr());
        assertEquals(0x7777, pac.pc());
        // reserved F8..FB (with payload) and FD..FF: Windows treats them as nop, one instruction each
        Context future = run("F8 01 F9 01 02 FA 01 02 03 FB 01 02 03 04 FD FE FF");
        assertEquals(SP, future.sp());
        assertEquals(7, Sequence.fromCodes(UnwindCodes.decodeSequence(
                Bytes.ofHex("F8 01 F9 01 02 FA 01 02 03 FB 01 02 03 04 FD FE FF E4"), 0)).instructionCount());
    }

    /** save_any_reg (E7): p pair, w pre-indexed, class X/D/Q; offsets in 16-byte units for p, w or Q. */
    @Test
    void saveAnyRegForms() {
        Context c = run("E7 07 05");                                 // x7 single at [sp,#40]
        assertEquals(at(SP + 40), c.x(7));
        c = run("E7 47 05");                                         // x7,x8 pair at [sp,#80]
        assertEquals(at(SP + 80), c.x(7));
        assertEquals(at(SP + 88), c.x(8));
        c = run("E7 27 02");                                         // x7 single pre-indexed [sp,#-48]!
        assertEquals(at(SP), c.x(7));
        assertEquals(SP + 48, c.sp());
        c = run("E7 03 43");                                         // d3 single at [sp,#24]
        assertEquals(at(SP + 24), c.d(3));
        c = run("E7 5E 42");                                         // d30,d31 pair at [sp,#32]
        assertEquals(at(SP + 40), c.d(31));
        c = run("E7 01 82");                                         // q1 single at [sp,#32]: both halves
        assertEquals(at(SP + 32), c.d(1));
        assertEquals(at(SP + 40), c.vHigh(1));
        c = run("E7 6A 81");                                         // q10,q11 pair pre-indexed [sp,#-32]!
        assertEquals(at(SP), c.d(10));
        assertEquals(at(SP + 8), c.vHigh(10));
        assertEquals(at(SP + 16), c.d(11));
        assertEquals(at(SP + 24), c.vHigh(11));
        assertEquals(SP + 32, c.sp());
        // positive controls: reserved bit, class 3, x31 and a pair past the last register are malformed
        assertThrows(MalformedUnwindException.class, () -> run("E7 87 00"));
        assertThrows(MalformedUnwindException.class, () -> run("E7 07 C0"));
        assertThrows(MalformedUnwindException.class, () -> run("E7 1F 00"));
        MalformedUnwindException e = assertThrows(MalformedUnwindException.class, () -> run("E7 5F 80"));
        assertTrue(e.getMessage().contains("q31"), e.getMessage());
    }

    /**
     * save_next widens the next pair save by two registers of the same class, slots consecutive from
     * its address (Windows RtlpUnwindFunctionFull; Wine function_5 and function_14 record it).
     */
    @Test
    void saveNextExtendsWithinTheClass() {
        Context c = run("E6 E6 28");                                 // 2×save_next; save_r19r20_x [sp,#-64]!
        for (int r = 19; r <= 24; r++) {
            assertEquals(at(SP + 8L * (r - 19)), c.x(r), "x" + r);
        }
        assertEquals(SP + 64, c.sp());
        c = run("E6 CA 02");                                         // save_next; save_regp x27 at 16
        assertEquals(at(SP + 32), c.fp());                           // x29/lr follow x27/x28
        assertEquals(at(SP + 40), c.lr());
        c = run("E6 D8 82");                                         // save_next; save_fregp d10 at 16
        assertEquals(at(SP + 32), c.d(12));
        assertEquals(at(SP + 40), c.d(13));
        c = run("E6 E7 4C 81");                                      // save_next; save_any_reg q12,q13 at 16
        assertEquals(at(SP + 48), c.d(14));                          // q pairs are 32 bytes apart
        assertEquals(at(SP + 64), c.d(15));
        assertEquals(at(SP + 72), c.vHigh(15));
        // Windows refuses save_next before anything but a pair save: positive controls
        for (String bad : new String[] {"E6 D6 02", "E6 42", "E6 84", "E6 D0 02", "E6 DC 02", "E6 E7 07 00", "E6 02"}) {
            assertThrows(MalformedUnwindException.class, () -> run(bad), bad);
        }
    }

    @Test
    void wrongCodeGivesWrongUnwind() {
        // positive control: save_reg x19 at 16 read with the code for x20 leaves x19 untouched
        assertEquals(at(SP + 16), run("D0 02").x(19));
        assertEquals(0, run("D0 42").x(19));
    }
}
