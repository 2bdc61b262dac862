package dev.a64w.diff;

import dev.a64w.oracle.llvm.Disassembler;
import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.util.Bytes;
import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.a64w.diff.McFixtures.LISTING;
import static dev.a64w.diff.McFixtures.assemble;
import static dev.a64w.diff.McFixtures.patch16;
import static dev.a64w.diff.McFixtures.patch32;
import static dev.a64w.diff.McFixtures.patch8;
import static dev.a64w.diff.McFixtures.rawData;
import static dev.a64w.diff.McFixtures.relocationTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Epic("fuzz")
@Feature("checks")
class McCheckTest {
    static LlvmMc mc;
    static Disassembler dis;
    static Bytes good;

    @BeforeAll
    static void open() {
        mc = new LlvmMc();
        dis = new Disassembler();
        good = assemble(mc, LISTING);
    }

    @AfterAll
    static void close() {
        mc.close();
        dis.close();
    }

    /** Asserts an MC mismatch whose one-line detail equals {@code expected}; attaches the full report. */
    private static void assertMismatch(Bytes subject, Bytes oracle, String expected) {
        String report = McCheck.report(subject, oracle, dis::disassemble);
        Allure.addAttachment("mc report", "text/plain", report);
        Verdict v = McCheck.compare(subject, oracle, dis::disassemble);
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, v, () -> "expected a mismatch, got " + v.line()
                + "\n" + report);
        assertEquals(Check.MC, m.check());
        assertEquals(expected, m.detail(), report);
        assertTrue(report.contains(expected), report);
    }

    @Test
    void sameListingTwicePasses() {
        Bytes again = assemble(mc, LISTING);
        assertEquals(Verdict.PASS, McCheck.compare(again, good));
        assertEquals(Verdict.PASS, McCheck.compare(again, good, dis::disassemble));
        assertEquals(List.of(), McCheck.differences(again, good, McCheck.NO_DISASSEMBLER));
        String report = McCheck.report(again, good, dis::disassemble);
        Allure.addAttachment("mc report", "text/plain", report);
        assertTrue(report.startsWith("MC check: pass"), report);
        assertTrue(report.contains("0x8     BRANCH26 ext"), report);
        assertTrue(report.contains("stp x29, x30, [sp, #-16]!") || report.contains("stp\tx29"), report);
        assertTrue(report.contains("f         +0x0      subject  packed"), report);
    }

    @Test
    void sectionSymbolPlusAddendEqualsNamedLabel() {
        // subject spells the target as a temporary label: MC relocates against the .data section symbol with
        // the addend in the instruction; the oracle names 'tab'. Both resolve to .data+0x8.
        String named = LISTING.replace("\t.p2align 3\ntab:\n", "\t.p2align 3\n\t.xword 0\ntab:\n");
        String temp = named.replace("tab", ".Ltab");
        Bytes subject = assemble(mc, temp);
        Bytes oracle = assemble(mc, named);
        assertEquals(Verdict.PASS, McCheck.compare(subject, oracle), () -> McCheck.report(subject, oracle, dis::disassemble));
        // and a label at another place is still caught (the addend mask does not hide it)
        String elsewhere = named.replace("tab:\n\t.xword 42\n\t.xword 7\n", "\t.xword 42\ntab:\n\t.xword 7\n");
        assertMismatch(subject, assemble(mc, elsewhere),
                "relocation differs at .text+0xc: PAGEBASE_REL21 .data+0x8 vs PAGEBASE_REL21 tab");
    }

    @Test
    void differentAddendIsFlaggedAsARelocationDifference() {
        // the imm12 differs only inside the relocated field: bytes compare equal, the resolved target does not
        String variant = LISTING.replace("ldr x0, [x9, :lo12:tab]", "ldr x0, [x9, :lo12:tab+8]");
        assertMismatch(assemble(mc, variant), good,
                "relocation differs at .text+0x18: PAGEOFFSET_12L tab+0x8 vs PAGEOFFSET_12L tab");
    }

    @Test
    void corruptedTextByteIsFlaggedWithDisassembly() {
        // .text+0x4 is 'mov x29, sp' (0x910003fd); change the destination register to x28
        Bytes bad = patch8(good, rawData(good, ".text") + 4, 0xfc);
        assertMismatch(bad, good, "text differs at .text+0x4: 0x910003fc vs 0x910003fd (mov x28, sp vs mov x29, sp)");
        assertEquals("text differs at .text+0x4: 0x910003fc vs 0x910003fd",
                McCheck.compare(bad, good).detail(), "without a disassembler: hex only");
    }

    @Test
    void changedRelocationTypeIsFlagged() {
        // first .text relocation: BRANCH26 at 0x8 against ext; type field at +8 of the 10-byte record
        int at = relocationTable(good, ".text");
        assertEquals(0x8, good.u32(at));
        assertEquals(0x3, good.u16(at + 8));
        Bytes bad = patch16(good, at + 8, 0x0F);
        assertMismatch(bad, good, "relocation differs at .text+0x8: BRANCH19 ext vs BRANCH26 ext");
    }

    @Test
    void wrongUnwindOffsetInListingIsFlagged() {
        String variant = LISTING.replaceFirst("\\.seh_save_fplr_x 16", ".seh_save_fplr_x 32");
        assertMismatch(assemble(mc, variant), good,
                "unwind of f differs: form xdata 0x10e00009 +8 bytes vs packed 0x00e00025; "
                        + "prologue op 1: save x29,x30 [sp,#-0x20]! vs save x29,x30 [sp,#-0x10]! "
                        + "([set_fp, save x29,x30 [sp,#-0x20]!] vs [set_fp, save x29,x30 [sp,#-0x10]!])");
    }

    @Test
    void patchedXdataCodeByteIsFlagged() {
        // g's xdata: header 0x08200004 (E=1, shared codes), codes d4 21 e4 e3: save_reg_x x20 at -16 -> -32
        int x = rawData(good, ".xdata");
        assertEquals(0x08200004L, good.u32(x));
        assertEquals(0x21, good.u8(x + 5));
        Bytes bad = patch8(good, x + 5, 0x23);
        assertMismatch(bad, good, "unwind of g differs: xdata (both) bytes at +0x5: 0x23 vs 0x21; "
                + "prologue op 0: save x20 [sp,#-0x20]! vs save x20 [sp,#-0x10]! ([save x20 [sp,#-0x20]!] vs [save x20 [sp,#-0x10]!])");
    }

    @Test
    void patchedPackedWordIsFlaggedAsAPackedDifference() {
        // f packs (.pdata entry 0): 0x00e00025 = Flag 1, FunctionLength 9, RegI 0, CR 3, FrameSize 1; RegI 0 -> 2
        int p = rawData(good, ".pdata");
        assertEquals(0x00e00025L, good.u32(p + 4));
        Bytes bad = patch32(good, p + 4, 0x00e20025L);
        assertMismatch(bad, good, "unwind of f differs: packed (both) word 0x00e20025 vs 0x00e00025; "
                // RegI=2 leaves CR=3 no local area: Windows then saves no frame record (docs/unwind-windows.md)
                + "prologue op 0: save x19,x20 [sp,#-0x10]! vs set_fp ([save x19,x20 [sp,#-0x10]!] vs [set_fp, save x29,x30 [sp,#-0x10]!])");
    }

    @Test
    void unwindFormsCountPackedAndXdataEntries() {
        // f packs; g has an E=1 record
        assertEquals(new UnwindForms(1, 1, 0, 0), UnwindForms.of(good));
        assertEquals("2 .pdata entries: 1 packed (50.0%), 1 xdata E=1, 0 xdata with epilog scopes", UnwindForms.of(good).line());
        assertEquals(UnwindForms.NONE, UnwindForms.of(Bytes.EMPTY));
        assertEquals(new UnwindForms(0, 0, 0, 1), UnwindForms.of(Bytes.ofHex("00")));
    }

    @Test
    void sameFrameAsXdataWherePackedIsFlaggedWithSameMeaning() {
        // f described by a hand-written E=1 record (set_fp, save_fplr_x 16, end; epilogue at index 1)
        // instead of the .seh_* directives LLVM MC packs: the same frame, in another form
        String handWritten = LISTING.replace("\t.seh_proc f\n", "")
                .replace("\tstp x29, x30, [sp, #-16]!\n\t.seh_save_fplr_x 16\n\tmov x29, sp\n\t.seh_set_fp\n\t.seh_endprologue\n",
                        "\tstp x29, x30, [sp, #-16]!\n\tmov x29, sp\n")
                .replace("\t.seh_startepilogue\n\tldp x29, x30, [sp], #16\n\t.seh_save_fplr_x 16\n"
                        + "\t.seh_endepilogue\n\tret\n\t.seh_endfunclet\n\t.seh_endproc\n\t.def g\n",
                        "\tldp x29, x30, [sp], #16\n\tret\n"
                        + "\t.section .xdata,\"dr\"\n\t.p2align 2\n.Lxd_f:\n\t.long 0x08600009\n\t.byte 0xe1, 0x81, 0xe4, 0xe3\n"
                        + "\t.section .pdata,\"dr\"\n\t.p2align 2\n\t.rva f\n\t.rva .Lxd_f\n\t.text\n\t.def g\n");
        assertTrue(!handWritten.contains(".seh_proc f") && handWritten.contains(".Lxd_f:"), handWritten);
        assertMismatch(assemble(mc, handWritten), good, "unwind of f differs: form xdata 0x08600009 +4 bytes vs packed "
                + "0x00e00025; same meaning");
    }

    @Test
    void missingPdataIsFlagged() {
        String noSeh = LISTING.replace("""
                g:
                \t.seh_proc g
                \tstr x20, [sp, #-16]!
                \t.seh_save_reg_x x20, 16
                \t.seh_endprologue
                \tbl f
                \t.seh_startepilogue
                \tldr x20, [sp], #16
                \t.seh_save_reg_x x20, 16
                \t.seh_endepilogue
                \tret
                \t.seh_endfunclet
                \t.seh_endproc
                """, """
                g:
                \tstr x20, [sp, #-16]!
                \tbl f
                \tldr x20, [sp], #16
                \tret
                """);
        assertTrue(!noSeh.equals(LISTING));
        assertMismatch(assemble(mc, noSeh), good, "unwind of g differs: no .pdata entry vs .pdata entry");
        assertMismatch(good, assemble(mc, noSeh), "unwind of g differs: .pdata entry vs no .pdata entry");
    }

    @Test
    void differentSectionAlignmentIsFlagged() {
        assertMismatch(McFixtures.setAlignment(good, ".data", 16), good, "alignment of .data differs: 16 vs 8");
        assertMismatch(good, McFixtures.setAlignment(good, ".xdata", 8), "alignment of .xdata differs: 4 vs 8");
    }

    @Test
    void malformedObjects() {
        Bytes truncated = good.slice(0, 100);
        Verdict v = McCheck.compare(good, truncated);
        assertInstanceOf(Verdict.OracleError.class, v, v.line());
        assertTrue(v.detail().startsWith("mc object malformed: "), v.detail());
        Verdict s = McCheck.compare(truncated, good);
        assertInstanceOf(Verdict.Mismatch.class, s, s.line());
        assertTrue(s.detail().startsWith("subject object malformed: "), s.detail());
        assertTrue(McCheck.report(truncated, good, McCheck.NO_DISASSEMBLER).contains("subject object malformed"));
    }

    /** MC's own cut of the long function (0xffffc), against hand-written fragments cut elsewhere. */
    @Test
    void longFunctionCutAtDifferentPointsComparesEqual() {
        Bytes mcCut = assemble(mc, LongFunctionFixtures.seh());
        Bytes handCut = assemble(mc, LongFunctionFixtures.handSplit(0x80000, LongFunctionFixtures.PHANTOM, 2));
        assertEquals(List.of(), ObjectCheck.problems(mcCut));
        assertEquals(List.of(), ObjectCheck.problems(handCut));
        assertEquals(List.of(), McCheck.differences(handCut, mcCut, McCheck.NO_DISASSEMBLER));
        assertEquals(Verdict.PASS, McCheck.compare(handCut, mcCut));
    }

    @Test
    void longFunctionWithAWrongPhantomPrologueIsFlagged() {
        Bytes mcCut = assemble(mc, LongFunctionFixtures.seh());
        Bytes bad = assemble(mc, LongFunctionFixtures.handSplit(0x80000, LongFunctionFixtures.WRONG_PHANTOM, 2));
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, McCheck.compare(bad, mcCut));
        assertEquals("unwind of big differs: subject: fragment +0x80000 (.pdata entry .pdata+0x8): prologue codes expected"
                + " end_c and the first fragment's prologue (phantom) [; end_c set_fp, save x19 [sp,#0x10], save x29,x30"
                + " [sp,#-0x20]!], actual [; end_c set_fp, save x19 [sp,#0x10], save x29,x30 [sp,#-0x30]!]", m.detail());
    }

    @Test
    void longFunctionWithTheEpilogueElsewhereIsFlagged() {
        // the E=1 epilogue now starts at index 1 (set_fp, ...): one more instruction, 4 bytes earlier
        Bytes mcCut = assemble(mc, LongFunctionFixtures.seh());
        Bytes bad = assemble(mc, LongFunctionFixtures.handSplit(0x80000, LongFunctionFixtures.PHANTOM, 1));
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, McCheck.compare(bad, mcCut));
        assertEquals("unwind of big differs: (fragments at [+0x0, +0x80000] vs [+0x0, +0xffffc]) epilogues"
                + " [@0x100014 [set_fp, save x19 [sp,#0x10], save x29,x30 [sp,#-0x20]!]] vs"
                + " [@0x100018 [save x19 [sp,#0x10], save x29,x30 [sp,#-0x20]!]]", m.detail());
    }
}
