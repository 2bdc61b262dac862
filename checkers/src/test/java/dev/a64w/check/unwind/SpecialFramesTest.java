package dev.a64w.check.unwind;

import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The custom frame codes read a structure at sp (layouts in {@link SpecialFrames}; Windows'
 * RtlpUnwindCustom as published in dotnet/runtime src/coreclr/unwinder/arm64/unwinder.cpp). Memory not
 * set explicitly reads as 0xDEAD_0000_0000_0000 | address, so each value names its slot.
 */
@Epic("fuzz")
@Feature("virtual unwinder")
class SpecialFramesTest {
    private static final long SP = 0x10_0000;
    private final Map<Long, Long> set = new HashMap<>();
    private final Memory mem = a -> set.getOrDefault(a, 0xDEAD_0000_0000_0000L | a);

    private static long slot(long a) {
        return 0xDEAD_0000_0000_0000L | a;
    }

    private Context unwindBody(String codes) {
        Sequence s = Sequence.fromCodes(UnwindCodes.decodeSequence(Bytes.ofHex(codes), 0));
        Context start = Context.zero().withSp(SP).withX(30, 0x7777).withX(19, 0x1919).withD(8, 0x808);
        return VirtualUnwinder.run(start, mem, new UnwindMeaning(0x40, s, List.of(), false), 8);
    }

    @Test
    void trapFrameRestoresVolatilesFpLrSpPc() {
        set.put(SP + 0x10, 0L); // no VFP state
        Context c = unwindBody("E8 E4");
        assertEquals(slot(SP + 0xA0), c.x(0));
        assertEquals(slot(SP + 0xA0 + 8 * 18), c.x(18));
        assertEquals(0x1919, c.x(19));                 // x19..x28 are not in a trap frame
        assertEquals(slot(SP + 0x140), c.fp());
        assertEquals(slot(SP + 0x138), c.lr());
        assertEquals(slot(SP + 0x148), c.pc());        // pc from the frame, not from lr
        assertEquals(slot(SP + 0x98), c.sp());
        assertEquals(0x808, c.d(8));
        assertFalse(c.unwoundToCall());
    }

    @Test
    void trapFrameVfpStateRestoresVectorsWhenValid() {
        long vfp = 0x30_0000;
        set.put(SP + 0x10, vfp);
        set.put(vfp + 8, 0L);                          // Fpcr = Fpsr = 0: valid
        Context c = unwindBody("E8 E4");
        assertEquals(slot(vfp + 0x10 + 16 * 8), c.d(8));
        assertEquals(slot(vfp + 0x10 + 16 * 31 + 8), c.vHigh(31));
        set.put(vfp + 8, 0xFFFF_FFFF_0000_0000L);      // Fpsr = -1: the state is not used
        assertEquals(0x808, unwindBody("E8 E4").d(8));
    }

    @Test
    void contextFrameRestoresEverythingAndInheritsTheFlag() {
        set.put(SP, SpecialFrames.CONTEXT_UNWOUND_TO_CALL);
        Context c = unwindBody("EA E4");
        assertEquals(slot(SP + 8), c.x(0));
        assertEquals(slot(SP + 8 + 8 * 28), c.x(28));
        assertEquals(slot(SP + 0xF0), c.fp());
        assertEquals(slot(SP + 0xF8), c.lr());
        assertEquals(slot(SP + 0x100), c.sp());
        assertEquals(slot(SP + 0x108), c.pc());
        assertEquals(slot(SP + 0x110 + 16 * 15), c.d(15));
        assertEquals(slot(SP + 0x110 + 16 * 15 + 8), c.vHigh(15));
        assertTrue(c.unwoundToCall());
        set.put(SP, 0L);
        assertFalse(unwindBody("EA E4").unwoundToCall());
    }

    /** Values as Wine tests/unwind.c test_virtual_unwind_arm64 function_16 records Windows mapping them. */
    @Test
    void ecContextMapsX64Registers() {
        Context c = unwindBody("EB E4");
        assertEquals(slot(SP + 0x80), c.x(0));          // rcx
        assertEquals(slot(SP + 0x78), c.x(8));          // rax
        assertEquals(slot(SP + 0x90), c.x(27));         // rbx
        assertEquals(slot(SP + 0xA0), c.fp());          // rbp
        assertEquals(slot(SP + 0x120), c.lr());         // mm0
        assertEquals(slot(SP + 0x130), c.x(6));         // mm1
        assertEquals(0, c.x(13));
        long x16 = 0;
        for (int k = 0; k < 4; k++) {
            x16 |= ((SP + 0x128 + 16L * k) & 0xFFFF) << (16 * k);
        }
        assertEquals(x16, c.x(16));
        assertEquals(slot(SP + 0x1A0 + 16 * 8), c.d(8)); // xmm8
        assertEquals(slot(SP + 0x98), c.sp());           // rsp
        assertEquals(slot(SP + 0xF8), c.pc());           // rip
    }
}
