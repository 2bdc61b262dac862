package dev.a64w.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.oracle.llvm.McResult;
import dev.a64w.util.Bytes;

/** Test helper: assembles listings with LLVM MC and fails the test on any diagnostic. */
final class Asm {
    private Asm() {}

    /** {@code .def name; .scl 2; .type 32; .endef; .globl name; .p2align 2; name:} */
    static String func(String name) {
        return "\t.def " + name + "\n\t.scl 2\n\t.type 32\n\t.endef\n\t.globl " + name + "\n\t.p2align 2\n" + name + ":\n";
    }

    static Bytes assemble(LlvmMc mc, String listing) {
        McResult r = mc.assemble(listing);
        assertEquals(java.util.List.of(), r.errors(), "assembling:\n" + listing);
        assertEquals(java.util.List.of(), r.warnings(), "assembling:\n" + listing);
        return r.object();
    }
}
