package dev.a64w.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.check.coff.CoffReader;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What each instruction may write ({@link RegisterWrites}), for the forms compilers emit in frames
 * and bodies and their neighbours; words from LLVM MC, not typed. Where the set over-approximates
 * (an exclusive store's Rt and status register, an encoding not decoded) the row says so.
 */
@Epic("fuzz")
@Feature("audit")
class RegisterWritesTest {
    record Row(String asm, String writes) {
    }

    static final List<Row> TABLE = List.of(
            // data processing, immediate
            new Row("sub sp, sp, #16", "sp"),
            new Row("add x29, sp, #16", "x29"),
            new Row("mov x29, sp", "x29"),
            new Row("mov sp, x29", "sp"),
            new Row("subs xzr, sp, #16", ""), // cmp sp, #16
            new Row("adds x19, x0, #1", "x19"),
            new Row("and sp, x9, #0xffffffffffffffc0", "sp"),
            new Row("ands xzr, x0, #0xff", ""), // tst
            new Row("orr x19, xzr, #0xff", "x19"),
            new Row("mov x15, #0x1000", "x15"),
            new Row("movk x30, #1, lsl #16", "x30"),
            new Row("adrp x16, .", "x16"),
            new Row("adr x17, .", "x17"),
            new Row("ubfx x20, x0, #4, #8", "x20"),
            new Row("extr x21, x0, x1, #3", "x21"),
            // data processing, register
            new Row("sub sp, sp, x15, uxtx #4", "sp"),
            new Row("add x9, sp, x15, uxtx #4", "x9"),
            new Row("subs xzr, sp, x15, uxtx #4", ""),
            new Row("add x19, x0, x1, lsl #2", "x19"),
            new Row("sub sp, x29, #16", "sp"),
            new Row("orr x29, xzr, x0", "x29"),
            new Row("csel x22, x0, x1, eq", "x22"),
            new Row("ccmp x0, x1, #4, ne", "x4"), // nzcv field read as Rd: never x16 or above
            new Row("madd x23, x0, x1, x2", "x23"),
            new Row("udiv x24, x0, x1", "x24"),
            new Row("cmp x0, x1", ""),
            // SIMD and floating point
            new Row("fmov d8, x0", "d8"),
            new Row("fmov x19, d8", "x19"),
            new Row("fmov s9, w0", "d9"),
            new Row("fcvtzs x20, d0", "x20"),
            new Row("fcvtzs x21, d0, #4", "x21"),
            new Row("scvtf d10, x0", "d10"),
            new Row("fcmp d8, #0.0", ""),
            new Row("fcmp d8, d9", ""),
            new Row("fccmp d8, d9, #0, eq", ""),
            new Row("fcsel d11, d0, d1, eq", "d11"),
            new Row("umov w19, v0.s[1]", "x19"),
            new Row("smov x20, v0.h[1]", "x20"),
            new Row("mov v8.d[0], x0", "d8"),
            new Row("add v12.2d, v0.2d, v1.2d", "d12"),
            new Row("cnt v0.8b, v0.8b", "v0"),
            new Row("addv b16, v0.8b", "v16"),
            // loads and stores
            new Row("stp x29, x30, [sp, #-16]!", "sp"),
            new Row("ldp x29, x30, [sp], #16", "sp, x29, x30"),
            new Row("stp x19, x20, [sp, #16]", ""),
            new Row("ldp x19, x20, [sp, #16]", "x19, x20"),
            new Row("ldp d8, d9, [sp, #32]", "d8, d9"),
            new Row("stp d8, d9, [sp, #-64]!", "sp"),
            new Row("ldp q8, q9, [sp], #32", "sp, d8, d9"),
            new Row("ldnp x21, x22, [x0]", "x21, x22"),
            new Row("ldpsw x23, x24, [x0]", "x23, x24"),
            new Row("str x19, [sp, #16]", ""),
            new Row("str x19, [sp, #-16]!", "sp"),
            new Row("ldr x19, [sp], #16", "sp, x19"),
            new Row("ldr x25, [x0, #8]", "x25"),
            new Row("ldur x26, [x29, #-8]", "x26"),
            new Row("stur x0, [x29, #-8]", ""),
            new Row("ldrsw x27, [x0]", "x27"),
            new Row("ldrb w28, [x0, #1]", "x28"),
            new Row("strh w0, [x1], #2", "x1"),
            new Row("ldr x16, [x16, x17, lsl #3]", "x16"),
            new Row("str x0, [x16, x17]", ""),
            new Row("ldr d13, [sp, #8]", "d13"),
            new Row("str q8, [sp, #-32]!", "sp"),
            new Row("ldr q14, [x0]", "d14"),
            new Row("ldr x19, .", "x19"),
            new Row("ldr d15, .", "d15"),
            new Row("prfm pldl1keep, [sp]", ""),
            new Row("prfm pldl1keep, .", ""),
            new Row("ldtr x20, [x0]", "x20"),
            new Row("ldxr x19, [x0]", "x19"),
            new Row("stxr w19, x0, [x1]", "x0, x19, x20"), // over-approximated: the status w19, also Rt and a CASP pair's Rs+1
            new Row("ldar x21, [x0]", "x21"),
            new Row("ld1 {v8.16b}, [x0], #16", "x0, d8, d9, d10, d11"),
            new Row("st1 {v0.16b}, [x0]", ""),
            new Row(".inst 0xf8200013", "x19"), // ldadd x0, x19, [x0] (ARMv8.1)
            // branches, exceptions, system
            new Row("bl .", "x30"),
            new Row("blr x8", "x30"),
            new Row("b .", ""),
            new Row("br x16", ""),
            new Row("ret", ""),
            new Row("b.ne .", ""),
            new Row("cbz x19, .", ""),
            new Row("tbnz w19, #3, .", ""),
            new Row("brk #0xf000", ""),
            new Row("svc #0", ""),
            new Row("nop", ""),
            new Row("hint #25", "x30"), // paciasp
            new Row("hint #31", "x30"), // autibsp
            new Row("hint #7", "x30"), // xpaclri
            new Row("hint #8", "x17"), // pacia1716
            new Row("hint #34", ""), // bti c
            new Row("dmb ish", ""),
            new Row("mrs x19, tpidr_el0", "x19"),
            new Row("msr nzcv, x19", ""),
            new Row(".inst 0x00000000", ""), // udf #0
            new Row(".inst 0x04a00000", "every register")); // SVE

    @Test
    void everyRowWritesWhatItSays() {
        StringBuilder listing = new StringBuilder("\t.text\n");
        TABLE.forEach(r -> listing.append('\t').append(r.asm()).append('\n'));
        Bytes text = CoffReader.read(AuditFixtures.object(listing.toString())).section(".text").orElseThrow().data();
        assertEquals(4 * TABLE.size(), text.size());
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < TABLE.size(); i++) {
            int word = (int) text.u32(4 * i);
            expected.add(TABLE.get(i).asm() + " -> " + TABLE.get(i).writes());
            actual.add(TABLE.get(i).asm() + " -> " + RegisterWrites.names(RegisterWrites.of(word)));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    @Test
    void calleeSavedIsX19ToX30SpAndV8ToV15() {
        assertEquals("sp, x19, x20, x21, x22, x23, x24, x25, x26, x27, x28, x29, x30, d8, d9, d10, d11, d12, d13, d14, d15",
                RegisterWrites.names(RegisterWrites.CALLEE_SAVED));
        assertTrue((RegisterWrites.CALLEE_SAVED & RegisterWrites.x(18)) == 0);
    }
}
