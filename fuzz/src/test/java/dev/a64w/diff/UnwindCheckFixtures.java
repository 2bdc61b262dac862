package dev.a64w.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.exec.HostFunctions;
import dev.a64w.exec.Imports;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.exec.PeImage;
import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.oracle.llvm.McResult;
import java.util.List;

/** Test helper for the unwind check: listings assembled by LLVM MC and linked by lld-link. */
final class UnwindCheckFixtures {
    /** The host behind {@code host.dll!hostfn}: x0 + 100. */
    static final HostFunctions HOST = (dll, name, x, memory) -> x.get(0) + 100;

    private UnwindCheckFixtures() {}

    /** {@code .def name; .scl 2; .type 32; .endef; .globl name; .p2align 2; name:} (BL keeps BRANCH26). */
    static String func(String name) {
        return "\t.def " + name + "\n\t.scl 2\n\t.type 32\n\t.endef\n\t.globl " + name + "\n\t.p2align 2\n" + name + ":\n";
    }

    /** Assembles (failing the test on any diagnostic) and links, exporting {@code exports}. */
    static PeImage link(String listing, List<String> exports) {
        try (LlvmMc mc = new LlvmMc()) {
            McResult r = mc.assemble(listing);
            assertEquals(List.of(), r.errors(), "assembling:\n" + listing);
            assertEquals(List.of(), r.warnings(), "assembling:\n" + listing);
            LinkResult l = new Linker().link(List.of(r.object()), Imports.of("host.dll", List.of("hostfn")), exports);
            assertTrue(l.clean(), l.errors() + " " + l.warnings());
            return PeImage.parse(l.dll());
        }
    }

    /** Assembles and returns LLVM MC's errors (empty if it accepted the listing). */
    static List<String> mcErrors(String listing) {
        try (LlvmMc mc = new LlvmMc()) {
            return mc.assemble(listing).errors();
        }
    }
}
