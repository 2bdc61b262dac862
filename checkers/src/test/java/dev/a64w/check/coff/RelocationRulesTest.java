package dev.a64w.check.coff;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.a64w.check.coff.CoffFixtures.*;
import static dev.a64w.check.coff.TestCoffBuilder.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Epic("fuzz")
@Feature("relocation rules")
class RelocationRulesTest {

    private static List<String> problems(TestCoffBuilder b) {
        return RelocationRules.check(CoffReader.read(b.build()));
    }

    private static void assertOneProblem(List<String> problems, String fragment) {
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(fragment), problems.get(0));
    }

    @Test
    void correctObjectHasNoProblems() {
        assertEquals(List.of(), problems(good(goodText())));
    }

    @Test
    void misalignedPageOffset12LTargetIsFlagged() {
        // data symbol at offset 1 loaded with an 8-byte LDR (lld: misaligned ldr/str offset, link.exe LNK2048)
        TestCoffBuilder b = new TestCoffBuilder();
        int t = b.section(".text", TEXT, words(ADRP_X9, LDR_X0_X9, RET));
        int d = b.section(".data", DATA8, new byte[16]);
        int sym = b.symbol("byte_sym", 1, d, 0, 3);
        b.symbol("f", 0, t, 0x20, 2);
        b.reloc(t, 0, sym, Arm64RelocType.PAGEBASE_REL21);
        b.reloc(t, 4, sym, Arm64RelocType.PAGEOFFSET_12L);
        assertOneProblem(problems(b), "multiple of the access size 8");
    }

    @Test
    void pageOffset12LOnExternalFunctionIsFlagged() {
        // the wasmtime #8247 shape: adrp+ldr against a plain external function symbol
        TestCoffBuilder b = new TestCoffBuilder();
        int t = b.section(".text", TEXT, words(ADRP_X8, LDR_X8_X8, BLR_X8, RET));
        int memcpy = b.symbol("memcpy", 0, 0, 0x20, 2);
        b.symbol("f", 0, t, 0x20, 2);
        b.reloc(t, 0, memcpy, Arm64RelocType.PAGEBASE_REL21);
        b.reloc(t, 4, memcpy, Arm64RelocType.PAGEOFFSET_12L);
        assertOneProblem(problems(b), "not an __imp_ slot");
    }

    @Test
    void wrongRelocationTypeForInstructionIsFlagged() {
        int[] text = goodText();
        TestCoffBuilder b = good(text);
        b.reloc(1, 0x10, 3, Arm64RelocType.BRANCH26); // on the ADRP at 0x10
        assertOneProblem(problems(b), "expected B/BL, actual instruction 0x90000009");
    }

    @Test
    void nonzeroBranchImmediateIsFlagged() {
        int[] text = goodText();
        text[0] = BL | 0x10;
        assertOneProblem(problems(good(text)), "branch immediate expected 0, actual 0x10");
    }

    @Test
    void quadLoadFromUnderalignedSectionIsFlagged() {
        TestCoffBuilder b = new TestCoffBuilder();
        int t = b.section(".text", TEXT, words(ADRP_X9, LDR_Q0_X9, RET));
        int d = b.section(".data", DATA8, new byte[32]);
        int sym = b.symbol("vec", 16, d, 0, 3);
        b.reloc(t, 0, sym, Arm64RelocType.PAGEBASE_REL21);
        b.reloc(t, 4, sym, Arm64RelocType.PAGEOFFSET_12L);
        assertOneProblem(problems(b), "alignment expected >= access size 16, actual 8");
    }

    @Test
    void codeSectionAlignmentAndFunctionAlignmentAreChecked() {
        TestCoffBuilder b = new TestCoffBuilder();
        int t = b.section(".text", 0x6000_0020L | 0x0010_0000L, words(RET, RET)); // ALIGN_1BYTES
        b.symbol("f", 2, t, 0x20, 2);
        List<String> p = problems(b);
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).contains("code section alignment expected >= 4, actual 1"), p.get(0));
        assertTrue(p.get(1).contains("4-byte aligned"), p.get(1));
    }

    @Test
    void dataRelocationInCodeSectionIsFlagged() {
        TestCoffBuilder b = good(goodText());
        b.reloc(1, 0x20, 0, Arm64RelocType.ADDR32NB);
        assertOneProblem(problems(b), "data relocation expected in a data-like section");
    }

    @Test
    void relocationPastSectionEndIsFlagged() {
        TestCoffBuilder b = good(goodText());
        b.reloc(3, 0x4, 0, Arm64RelocType.ADDR64);
        assertOneProblem(problems(b), "inside the section");
    }

    @Test
    void branch19And14FormsAreChecked() {
        TestCoffBuilder b = new TestCoffBuilder();
        int t = b.section(".text", TEXT, words(0x5400_0000 /* b.eq */, 0xB400_0000 /* cbz x0 */,
                0x3600_0000 /* tbz w0,#0 */, 0x1000_0000 /* adr x0 */, BL));
        int f = b.symbol("f", 0, t, 0x20, 2);
        b.reloc(t, 0, f, Arm64RelocType.BRANCH19);
        b.reloc(t, 4, f, Arm64RelocType.BRANCH19);
        b.reloc(t, 8, f, Arm64RelocType.BRANCH14);
        b.reloc(t, 12, f, Arm64RelocType.REL21);
        assertEquals(List.of(), problems(b));
        b.reloc(t, 16, f, Arm64RelocType.BRANCH14);
        assertOneProblem(problems(b), "expected TBZ/TBNZ");
    }
}
