package dev.a64w.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.exec.PeImage;
import dev.a64w.exec.RuntimeFunction;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Positive controls: unwind data made wrong in one place must be flagged at the boundary where it
 * first matters, with the register; code the audit cannot step must be unsupported, never a disagreement.
 */
@Epic("fuzz")
@Feature("audit")
class AuditControlsTest {
    static Bytes dll;
    static long packedRva;
    static long packedWord;

    @BeforeAll
    static void build() {
        dll = AuditFixtures.dll(String.join("", AuditFixtures.GOOD), AuditFixtures.GOOD_NAMES);
        PeImage img = PeImage.parse(dll);
        packedRva = img.exportRva("packed");
        packedWord = img.runtimeFunctions().stream().filter(f -> f.beginRva() == packedRva)
                .mapToLong(RuntimeFunction::unwindData).findFirst().orElseThrow();
        assertEquals(0x0162001DL & ~0x7FFCL, packedWord & ~0x7FFCL, "LLVM packed the issue-54879 example as expected");
    }

    static String verdictOf(Bytes file, String name) {
        List<FunctionReport> reports = AuditImageTest.audit(file);
        return reports.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError(name + " not in " + AuditImageTest.lines(reports))).effective().line();
    }

    static Bytes withPackedWord(long word) {
        return AuditFixtures.patch(dll, concat(AuditFixtures.le32(packedRva), AuditFixtures.le32(packedWord)),
                concat(AuditFixtures.le32(packedRva), AuditFixtures.le32(word)));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void changedSaveOffsetIsFlaggedWhereTheSaveHasRun() {
        String bad = AuditFixtures.CHAINED.replaceFirst("\\.seh_save_reg x19, 16", ".seh_save_reg x19, 24");
        Bytes image = AuditFixtures.dll(bad, List.of("chained"));
        assertEquals(String.format("disagree +0x8 x19 expected 0x%x got 0x%x", EntryState.x(19),
                EntryState.slot(EntryState.ENTRY_SP - 8)), verdictOf(image, "chained"));
    }

    @Test
    void packedFrameSizeOneUnitTooLargeIsFlaggedAtTheFrameRecordSave() {
        String v = verdictOf(withPackedWord(packedWord + (1L << 23)), "packed");
        assertEquals(String.format("disagree +0x8 sp expected 0x%x got 0x%x", EntryState.ENTRY_SP, EntryState.ENTRY_SP + 16), v);
    }

    @Test
    void packedRegIOneTooFewIsFlaggedInTheEpilogue() {
        String v = verdictOf(withPackedWord(packedWord - (1L << 16)), "packed");
        assertEquals(String.format("disagree +0x10 x20 expected 0x%x got 0x%x", EntryState.x(20), EntryState.bodyX(20)), v);
    }

    @Test
    void functionLengthOneWordShortIsFlaggedInsideTheEpilogue() {
        String v = verdictOf(withPackedWord(packedWord - (1L << 2)), "packed");
        assertEquals(String.format("disagree +0x10 sp expected 0x%x got 0x%x", EntryState.ENTRY_SP, EntryState.ENTRY_SP - 16), v);
    }

    @Test
    void reservedFlagIsADisagreementAtTheStart() {
        String v = verdictOf(withPackedWord(packedWord | 3), "packed");
        assertTrue(v.startsWith("disagree +0x0 unwind data: ") && v.contains("Flag 3"), v);
    }

    @Test
    void flag2FragmentIsCountedWithNothingToStep() {
        Bytes image = withPackedWord((packedWord & ~3L) | 2);
        List<FunctionReport> reports = AuditImageTest.audit(image);
        FunctionReport r = reports.stream().filter(x -> x.name().equals("packed")).findFirst().orElseThrow();
        assertEquals(new Verdict.Ok(0, true), r.verdict());
        assertTrue(r.packed());
    }

    @Test
    void instructionsTheAuditDoesNotStepAreUnsupported() {
        String listing = AuditFixtures.func("branchy") + """
                \tstp x29, x30, [sp, #-16]!
                \t.seh_save_fplr_x 16
                \tcbz x0, 1f
                \t.seh_nop
                1:
                \tmov x29, sp
                \t.seh_set_fp
                \t.seh_endprologue
                \tldp x29, x30, [sp], #16
                \tret
                \t.seh_endproc
                """ + AuditFixtures.func("sysreg") + """
                \tmrs x9, tpidr_el0
                \t.seh_nop
                \tstp x29, x30, [sp, #-16]!
                \t.seh_save_fplr_x 16
                \t.seh_endprologue
                \tldp x29, x30, [sp], #16
                \tret
                \t.seh_endproc
                """ + AuditFixtures.func("farload") + """
                \tldr x9, [x0]
                \t.seh_nop
                \tstp x29, x30, [sp, #-16]!
                \t.seh_save_fplr_x 16
                \t.seh_endprologue
                \tldp x29, x30, [sp], #16
                \tret
                \t.seh_endproc
                """ + AuditFixtures.func("farstore") + """
                \tstp x29, x30, [sp, #-16]!
                \t.seh_save_fplr_x 16
                \tstr x0, [x29]
                \t.seh_nop
                \t.seh_endprologue
                \tldp x29, x30, [sp], #16
                \tret
                \t.seh_endproc
                """;
        Bytes image = AuditFixtures.dll(listing, List.of("branchy", "sysreg", "farload", "farstore"));
        assertEquals("unsupported cbz x0, #4 at +0x4: branch in the prologue", verdictOf(image, "branchy"));
        assertEquals("unsupported mrs x9, TPIDR_EL0 at +0x0: system instruction in the prologue", verdictOf(image, "sysreg"));
        String far = verdictOf(image, "farload");
        assertTrue(far.startsWith("unsupported ldr x9, [x0] at +0x0: the emulator stopped"), far);
        String store = verdictOf(image, "farstore");
        assertTrue(store.startsWith("unsupported str x0, [x29] at +0x4: store of 8 bytes to 0x"), store);
    }
}
