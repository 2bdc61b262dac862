package dev.a64w.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.diff.Check;
import dev.a64w.diff.Verdict;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signatures deduplicate: the verdict lines one injected fault gave in a fuzz campaign
 * ({@code fault-verdicts/<fault>.txt}, recorded with {@code ci/fault-campaign.sh ci/faults/<fault>.patch})
 * map to one signature each (or the documented few), different faults to different signatures, and
 * each abstraction on its own keeps what names the bug while dropping what a case chooses.
 */
@Epic("fuzz")
@Feature("signatures")
class SignatureTest {
    /** Faults and how many signatures their verdicts may give (more than one: see the README). */
    private static final Map<String, Integer> FAULTS = new LinkedHashMap<>();

    static {
        FAULTS.put("branch-offset", 1);
        FAULTS.put("reloc-choice", 1);
        FAULTS.put("unwind-save-offset", 1);
        // a wrong spilled value shows where it is used, and a Run verdict names the symptom: a result, an import
        // call's argument, which import is called, an extra import call, a fault on a read or a write through a
        // wrong pointer, a loop that no longer ends (the instruction budget)
        FAULTS.put("spill-slot", 7);
        // loads that never sign-extend: named by the value's shape where the loaded value arrives unchanged,
        // a plain wrong value where it was computed on first
        FAULTS.put("load-ext", 2);
    }

    /**
     * Run verdicts without a value shape name a symptom only: different faults may share them (until a reduced
     * reproducer tells them apart). Every other signature belongs to one fault.
     */
    private static final Set<String> SHAPELESS_RUN = Set.of("mismatch-run-result-differs", "mismatch-run-import-call-argument-differs",
            "mismatch-run-data-differs");

    static List<String> lines(String fault) throws IOException {
        try (InputStream in = SignatureTest.class.getResourceAsStream("fault-verdicts/" + fault + ".txt")) {
            if (in == null) throw new IOException("no resource fault-verdicts/" + fault + ".txt");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }

    static Set<String> signatures(String fault) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String l : lines(fault)) out.add(Signature.of(FindingFile.verdictOf(l)));
        return out;
    }

    @Test
    void eachFaultGivesItsDocumentedNumberOfSignatures() throws IOException {
        for (var f : FAULTS.entrySet()) {
            List<String> l = lines(f.getKey());
            assertTrue(l.size() >= 3, f.getKey() + ": too few recorded verdicts to show anything: " + l.size());
            Set<String> s = signatures(f.getKey());
            assertTrue(s.size() <= f.getValue(), f.getKey() + ": " + l.size() + " verdicts gave " + s.size() + " signatures: " + s);
        }
    }

    @Test
    void differentFaultsGiveDifferentSignatures() throws IOException {
        Map<String, String> owner = new TreeMap<>();
        for (String fault : FAULTS.keySet()) {
            for (String s : signatures(fault)) {
                String other = owner.put(s, fault);
                assertTrue(other == null || other.equals(fault) || SHAPELESS_RUN.contains(s), s + " is given by both " + other + " and " + fault);
            }
        }
    }

    @Test
    void aLoadThatLostItsSignExtensionIsNamedApartFromOtherWrongValues() throws IOException {
        assertTrue(signatures("load-ext").contains(
                "mismatch-run-import-call-argument-differs-zero-extended-from-i16-the-interpreter-sign-extends"), signatures("load-ext").toString());
        for (String fault : List.of("spill-slot", "branch-offset", "reloc-choice", "unwind-save-offset")) {
            assertTrue(signatures(fault).stream().noneMatch(x -> x.contains("extended-from")), fault + ": " + signatures(fault));
        }
    }

    @Test
    void theRecordedVerdictsDifferInWhatTheSignatureDropsAndDoNotAllShareOneText() throws IOException {
        // a control: the lines are genuinely different texts (names, offsets, registers, values), so one
        // signature per fault is the abstraction's doing, not identical inputs
        for (String fault : FAULTS.keySet()) {
            assertTrue(new TreeSet<>(lines(fault)).size() > 1, fault + ": every recorded verdict has the same text");
        }
    }

    private static String sig(Check c, String detail) {
        return Signature.of(new Verdict.Mismatch(c, detail));
    }

    @Test
    void functionAndSymbolNamesAreAbstracted() {
        assertEquals(sig(Check.RUN, "f5: result 0 (i32) differs: subject 0x1, interpreter 0x2"),
                sig(Check.RUN, "lsl: result 1 (i64) differs: subject 0x7, interpreter 0x9"));
        assertEquals(sig(Check.OBJECT, ".text+0x5c (PAGEOFFSET_12L reloc #1 -> d0): expected LDR/STR (unsigned offset), "
                        + "actual instruction 0x91000c42 (ADD/ADDS (immediate))"),
                sig(Check.OBJECT, ".text+0x108 (PAGEOFFSET_12L reloc #3 -> c12_x0): expected LDR/STR (unsigned offset), "
                        + "actual instruction 0x91000294 (ADD/ADDS (immediate))"));
        assertEquals(sig(Check.UNWIND, "%f3+0x1c: x19 0x5 expected 0x7"), sig(Check.UNWIND, "%c7_sp+0x40: x23 0x0 expected 0x1"));
        assertEquals(Signature.of(new Verdict.OracleError("LLVM O2 rejected the IR: @f3 uses 'v7'")),
                Signature.of(new Verdict.OracleError("LLVM O2 rejected the IR: @main uses 'v12'")));
        assertEquals(sig(Check.RUN, "f1: import call 0 (host_mix) argument 1 differs: subject 0x1, interpreter 0x2"),
                sig(Check.RUN, "f2: import call 3 (host_id) argument 0 differs: subject 0x5, interpreter 0x6"));
    }

    @Test
    void offsetsConstantsAndAllocatedRegistersAreAbstracted() {
        assertEquals(sig(Check.MC, "text differs at .text+0x5c: 0x54000063 vs 0x54000043"),
                sig(Check.MC, "text differs at .text+0x1f0: 0xb40000a1 vs 0xb4000081 (cbz x1, #0x14 vs cbz x1, #0x10)"));
        assertEquals(sig(Check.UNWIND, "%f+0x8: x19 0x1 expected 0x2"), sig(Check.UNWIND, "%f+0x10: x27 0x1 expected 0x2"));
        assertEquals(Signature.of(new Verdict.SubjectError("%f0: CompileException: f0 at 0x1c: block3 v12 out of range 4096")),
                Signature.of(new Verdict.SubjectError("%f3: CompileException: c5_f3 at 0x2c: block7 v2 out of range 8")));
    }

    @Test
    void registersWithAFixedRoleStayApart() {
        assertNotEquals(sig(Check.UNWIND, "%f+0x8: x19 0x1 expected 0x2"), sig(Check.UNWIND, "%f+0x8: x29 0x1 expected 0x2"));
        assertNotEquals(sig(Check.UNWIND, "%f+0x8: x19 0x1 expected 0x2"), sig(Check.UNWIND, "%f+0x8: sp 0x1 expected 0x2"));
        assertNotEquals(sig(Check.UNWIND, "%f+0x8: x19 0x1 expected 0x2"), sig(Check.UNWIND, "%f+0x8: d8 0x1 expected 0x2"));
    }

    @Test
    void differentCausesStayApart() {
        // check
        assertNotEquals(sig(Check.RUN, "f: trap differs: subject int_divz, interpreter returned 0x1"),
                sig(Check.RUN_LLVM_O2, "f: trap differs: llvm-o2 int_divz, interpreter returned 0x1"));
        // relocation type
        String r12l = ".text+0x5c (PAGEOFFSET_12L reloc #1 -> d0): expected LDR/STR (unsigned offset), actual instruction 0x91000c42 "
                + "(ADD/ADDS (immediate))";
        assertNotEquals(sig(Check.OBJECT, r12l), sig(Check.OBJECT, r12l.replace("PAGEOFFSET_12L", "SECREL_LOW12L")));
        assertNotEquals(sig(Check.MC, "relocation differs at .text+0x10: PAGEOFFSET_12L .rdata+0x0 vs PAGEOFFSET_12A .rdata+0x0"),
                sig(Check.MC, "relocation differs at .text+0x10: BRANCH26 f1 vs none"));
        // instruction: the field that differs, or the mnemonics
        assertNotEquals(sig(Check.MC, "text differs at .text+0x5c: 0x54000063 vs 0x54000043"),
                sig(Check.MC, "text differs at .text+0x5c: 0x14000003 vs 0x14000002"));
        assertNotEquals(sig(Check.MC, "text differs at .text+0x5c: 0x54000063 vs 0x54000043"),
                sig(Check.MC, "text differs at .text+0x5c: 0x54000061 vs 0x54000063 (b.ne #0xc vs b.lo #0xc)"));
        assertNotEquals(sig(Check.MC, "text differs at .text+0x8: 0x79400020 vs 0x79c00020 (ldrh w0, [x1] vs ldrsh w0, [x1])"),
                sig(Check.MC, "text differs at .text+0x8: 0x39400020 vs 0x39c00020 (ldrb w0, [x1] vs ldrsb w0, [x1])"));
        // unwind code name
        assertNotEquals(sig(Check.MC, "unwind of f differs: xdata (both) bytes at +0x4: 0xc8 vs 0xc9; save_regp vs save_regp_x"),
                sig(Check.MC, "unwind of f differs: xdata (both) bytes at +0x4: 0xc8 vs 0xc9; save_fregp vs save_fregp_x"));
        // trap code
        assertNotEquals(sig(Check.RUN, "f: trap differs: subject int_divz, interpreter returned 0x1"),
                sig(Check.RUN, "f: trap differs: subject int_ovf, interpreter returned 0x1"));
        assertNotEquals(sig(Check.RUN, "f: trap differs: subject brk#0x1, interpreter returned 0x1"),
                sig(Check.RUN, "f: trap differs: subject brk#0x2, interpreter returned 0x1"));
        // how a value differs
        assertNotEquals(sig(Check.RUN, "f: result 0 (i64) differs: subject 0xffff, interpreter 0xffffffffffffffff "
                        + "(zero-extended from i16, the interpreter sign-extends)"),
                sig(Check.RUN, "f: result 0 (i64) differs: subject 0x7, interpreter 0x5"));
        // the verdict kind
        assertNotEquals(Signature.of(new Verdict.OracleCrash("x")), Signature.of(new Verdict.OracleError("x")));
    }

    @Test
    void theCraneliftVariantIsNotInTheSignature() {
        assertEquals(sig(Check.RUN_CRANELIFT, "[opt=speed pic=true] f: trap differs"), sig(Check.RUN_CRANELIFT, "[opt=none pic=false] f: trap differs"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mismatch:mc:text differs at .text+0x5c: 0x54000063 vs 0x54000043",
            "mismatch:run:f5: result 0 (i32) differs: subject 0x1, interpreter 0x2",
            "subject-error: %f0: CompileException: x",
            "oracle-crash: LLVM O2 died",
            "timeout: case 7 took more than 60 s"})
    void signaturesAreFileNameSafeShortAndReadBackFromTheirLine(String line) {
        Verdict v = FindingFile.verdictOf(line);
        assertEquals(line, v.line());
        String s = Signature.of(v);
        assertTrue(s.matches("[a-z0-9]+(-[a-z0-9]+)*") && s.length() <= Signature.MAX, s);
    }

    @Test
    void theTitleIsTheCheckAndTheNormalizedCause() {
        assertEquals("object: PAGEOFFSET_12L reloc: expected LDR/STR (unsigned offset), actual ADD/ADDS (immediate)",
                Signature.title(new Verdict.Mismatch(Check.OBJECT, ".text+0x5c (PAGEOFFSET_12L reloc #1 -> d0): expected LDR/STR "
                        + "(unsigned offset), actual instruction 0x91000c42 (ADD/ADDS (immediate))")));
        assertEquals("mc: text differs in .text: imm19 branch offset (B.cond, CBZ/CBNZ)",
                Signature.title(new Verdict.Mismatch(Check.MC, "text differs at .text+0x5c: 0x54000063 vs 0x54000043")));
        assertEquals("run: result differs (zero-extended from i16, the interpreter sign-extends)",
                Signature.title(new Verdict.Mismatch(Check.RUN, "f: result 0 (i64) differs: subject 0xffff, interpreter "
                        + "0xffffffffffffffff (zero-extended from i16, the interpreter sign-extends)")));
    }
}
