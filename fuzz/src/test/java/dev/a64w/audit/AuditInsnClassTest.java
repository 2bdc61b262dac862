package dev.a64w.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.a64w.check.coff.CoffReader;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The instruction classes, for the forms compilers put in frames and their neighbours; words from LLVM MC, not typed. */
@Epic("fuzz")
@Feature("audit")
class AuditInsnClassTest {
    record Row(String asm, InsnClass expected) {
    }

    static final List<Row> TABLE = List.of(
            new Row("stp x29, x30, [sp, #-16]!", InsnClass.LOAD_STORE),
            new Row("ldp x29, x30, [sp], #16", InsnClass.LOAD_STORE),
            new Row("stp x19, x20, [sp, #32]", InsnClass.LOAD_STORE),
            new Row("stp d8, d9, [sp, #-64]!", InsnClass.LOAD_STORE),
            new Row("stp q8, q9, [sp, #32]", InsnClass.LOAD_STORE),
            new Row("stnp x19, x20, [sp]", InsnClass.LOAD_STORE),
            new Row("str x19, [sp, #16]", InsnClass.LOAD_STORE),
            new Row("str x19, [sp, #-16]!", InsnClass.LOAD_STORE),
            new Row("ldr x19, [sp], #16", InsnClass.LOAD_STORE),
            new Row("stur x0, [x29, #-8]", InsnClass.LOAD_STORE),
            new Row("str d8, [sp, #8]", InsnClass.LOAD_STORE),
            new Row("str q8, [sp, #-32]!", InsnClass.LOAD_STORE),
            new Row("ldr x16, [x16, x17, lsl #3]", InsnClass.LOAD_STORE),
            new Row("ldr x16, .", InsnClass.LOAD_STORE),
            new Row("prfm pldl1keep, [sp]", InsnClass.LOAD_STORE),
            new Row("sub sp, sp, #16", InsnClass.DATA),
            new Row("sub sp, sp, #1, lsl #12", InsnClass.DATA),
            new Row("sub sp, sp, x15, uxtx #4", InsnClass.DATA),
            new Row("mov x29, sp", InsnClass.DATA),
            new Row("add x29, sp, #16", InsnClass.DATA),
            new Row("mov x15, #0x1000", InsnClass.DATA),
            new Row("movk x15, #1, lsl #16", InsnClass.DATA),
            new Row("and sp, x9, #0xffffffffffffffc0", InsnClass.DATA),
            new Row("adrp x16, .", InsnClass.DATA),
            new Row("fmov d8, x0", InsnClass.DATA),
            new Row("nop", InsnClass.FRAME_HINT),
            new Row("hint #27", InsnClass.FRAME_HINT), // pacibsp
            new Row("hint #31", InsnClass.FRAME_HINT), // autibsp
            new Row("hint #25", InsnClass.FRAME_HINT), // paciasp
            new Row("hint #34", InsnClass.FRAME_HINT), // bti c
            new Row("hint #7", InsnClass.FRAME_HINT), // xpaclri
            new Row("yield", InsnClass.SYSTEM),
            new Row("dmb ish", InsnClass.SYSTEM),
            new Row("mrs x9, tpidr_el0", InsnClass.SYSTEM),
            new Row("msr nzcv, x0", InsnClass.SYSTEM),
            new Row("bl .", InsnClass.CALL),
            new Row("b .", InsnClass.TAIL_BRANCH),
            new Row("br x16", InsnClass.TAIL_BRANCH),
            new Row(".inst 0xd61f0a1f", InsnClass.TAIL_BRANCH), // braaz x16
            new Row("ret", InsnClass.RETURN),
            new Row("ret x1", InsnClass.RETURN),
            new Row(".inst 0xd65f0fff", InsnClass.RETURN), // retab
            new Row("blr x8", InsnClass.OTHER_BRANCH),
            new Row("cbz x0, .", InsnClass.OTHER_BRANCH),
            new Row("tbnz w0, #3, .", InsnClass.OTHER_BRANCH),
            new Row("b.ne .", InsnClass.OTHER_BRANCH),
            new Row("brk #0xf000", InsnClass.EXCEPTION),
            new Row("svc #0", InsnClass.EXCEPTION),
            new Row("ldxr x0, [sp]", InsnClass.OTHER_MEMORY),
            new Row("ldar x0, [sp]", InsnClass.OTHER_MEMORY),
            new Row("ld1 {v0.16b}, [x0]", InsnClass.OTHER_MEMORY),
            new Row("ldtr x0, [sp]", InsnClass.OTHER_MEMORY),
            new Row(".inst 0xf8200000", InsnClass.OTHER_MEMORY), // ldadd x0, x0, [x0] (ARMv8.1)
            new Row(".inst 0x00000000", InsnClass.OTHER), // udf #0
            new Row(".inst 0x04a00000", InsnClass.OTHER)); // SVE space

    @Test
    void everyRowIsClassifiedAsExpected() {
        StringBuilder listing = new StringBuilder("\t.text\n");
        TABLE.forEach(r -> listing.append('\t').append(r.asm()).append('\n'));
        Bytes text = CoffReader.read(AuditFixtures.object(listing.toString())).section(".text").orElseThrow().data();
        assertEquals(4 * TABLE.size(), text.size());
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < TABLE.size(); i++) {
            int word = (int) text.u32(4 * i);
            expected.add(TABLE.get(i).asm() + " -> " + TABLE.get(i).expected());
            actual.add(TABLE.get(i).asm() + " -> " + InsnClass.of(word));
        }
        assertEquals(expected, actual);
    }

    @Test
    void whereEachClassMayRun() {
        for (InsnClass c : InsnClass.values()) {
            boolean anywhere = c == InsnClass.DATA || c == InsnClass.LOAD_STORE || c == InsnClass.FRAME_HINT
                    || c == InsnClass.CALL; // a helper of the frame: stack probe, /GS cookie push and pop
            assertEquals(anywhere, c.allowedIn(InsnClass.Sequence.PROLOGUE), c.name());
            assertEquals(anywhere, c.allowedIn(InsnClass.Sequence.EPILOGUE), c.name());
            assertEquals(c == InsnClass.RETURN || c == InsnClass.TAIL_BRANCH, c.terminates(), c.name());
        }
    }
}
