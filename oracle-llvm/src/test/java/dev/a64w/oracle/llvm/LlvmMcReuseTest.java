package dev.a64w.oracle.llvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LlvmMc} keeps one LLVMContext and one module for all its listings; the objects and
 * diagnostics must be exactly those of a fresh context per listing ({@link FreshContextMc}, the
 * way it assembled before), whatever came before: errors, empty listings, data-only listings.
 */
@Epic("oracle-llvm")
@Feature("mc")
class LlvmMcReuseTest {
    static final String BAD_MNEMONIC = "\t.text\nf:\n\tfrobnicate x0\n";
    static final String BAD_SEH = "\t.text\nf:\n\t.seh_endprologue\n\tret\n";
    static final String UNDEFINED_LABEL = "\t.text\nf:\n\tb.ne .Lnowhere\n\tret\n";
    static final String DATA_ONLY = "\t.data\n\t.p2align 3\nd:\n\t.xword 42\n";

    static List<String> inputs() {
        List<String> real = CorpusInputs.listings();
        assertTrue(real.size() >= 5, "corpus listings: " + real.size());
        List<String> out = new ArrayList<>();
        out.add(LlvmMcTest.LISTING);
        for (int i = 0; i < real.size(); i++) {
            out.add(real.get(i));
            // something that fails, or leaves nothing, between every two good listings
            out.add(List.of(BAD_MNEMONIC, BAD_SEH, UNDEFINED_LABEL, "", DATA_ONLY).get(i % 5));
        }
        out.add(LlvmMcTest.LISTING);
        return out;
    }

    @Test
    void reusedContextGivesTheBytesOfAFreshOne() {
        List<String> inputs = inputs();
        try (LlvmMc mc = new LlvmMc(); FreshContextMc fresh = new FreshContextMc()) {
            int failing = 0;
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < inputs.size(); i++) {
                    McResult expected = fresh.assemble(inputs.get(i));
                    McResult actual = mc.assemble(inputs.get(i));
                    assertEquals(expected, actual, "round " + round + ", listing " + i + ":\n" + inputs.get(i));
                    if (!expected.ok()) {
                        failing++;
                    }
                }
            }
            assertTrue(failing >= 6, "listings with errors: " + failing);
        }
    }

    @Test
    void anErrorDoesNotReachTheNextListing() {
        try (LlvmMc mc = new LlvmMc()) {
            McResult before = mc.assemble(LlvmMcTest.LISTING);
            assertFalse(mc.assemble(BAD_MNEMONIC).ok());
            assertFalse(mc.assemble(BAD_SEH).ok());
            assertEquals(before, mc.assemble(LlvmMcTest.LISTING));
            assertEquals(List.of(), mc.assemble("").errors());
        }
    }
}
