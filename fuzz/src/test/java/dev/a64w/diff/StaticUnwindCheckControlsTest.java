package dev.a64w.diff;

import static dev.a64w.diff.McFixtures.patch32;
import static dev.a64w.diff.McFixtures.patch8;
import static dev.a64w.diff.McFixtures.rawData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.audit.BoundaryAudit;
import dev.a64w.compile.ModuleBuild;
import dev.a64w.exec.Imports;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.exec.PeImage;
import dev.a64w.ir.text.Parser;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Positive controls for the static Unwind check: unwind data that does not describe its code is
 * flagged with the function, the offset of the first boundary where the unwind goes wrong, the
 * register, and where that boundary is (prologue, body, epilogue, before an undescribed return) —
 * on the hand-made frames of {@link UnwindCheckControlsTest} (a leaf that moves SP without
 * {@code .pdata}, SP moved in the body of a frame without frame pointer, a prologue one code short)
 * and on the subject's own code with its {@code .xdata} patched (a wrong save offset, an epilogue
 * start one instruction late or early, a prologue one instruction too long, an epilogue left
 * undescribed, a function length two instructions short).
 */
@Epic("fuzz")
@Feature("unwind check")
class StaticUnwindCheckControlsTest {
    /**
     * {@code %framed}: prologue {@code stp x19, x20, [sp, #-32]!; stp x29, x30, [sp, #16]; add x29, sp, #16},
     * two epilogues ({@code ldp x29, x30, [sp, #16]; ldp x19, x20, [sp], #32; ret}) at instructions 11
     * and 17, 20 instructions. Its .xdata, as the subject writes it: header {@code 0x10800014}
     * (FunctionLength 0x14 words, two scopes, two code words), scopes {@code 0x0080000b} and
     * {@code 0x00800011} (start index 2), codes {@code e2 02} add_fp 16, {@code 42} save_fplr 16,
     * {@code 24} save_r19r20_x 32, {@code e4} end, {@code e3 e3 e3}.
     */
    static final String CLIF = """
            function %leaf(i64) -> i64 {
            block0(v0: i64):
                v1 = imul v0, v0
                return v1
            }

            function %framed(i64, i64) -> i64 {
                fn0 = colocated %leaf(i64) -> i64
            block0(v0: i64, v1: i64):
                brif v0, block1, block2
            block1:
                v2 = call fn0(v0)
                v3 = iadd v2, v1
                v4 = iadd v3, v0
                return v4
            block2:
                v5 = call fn0(v1)
                v6 = iadd v5, v1
                return v6
            }
            """;
    static final List<String> NAMES = List.of("leaf", "framed");
    static BoundaryAudit auditor;
    static Bytes object;
    /** File offset of %framed's .xdata record (the only one). */
    static int xdata;

    @BeforeAll
    static void compile() throws Exception {
        auditor = new BoundaryAudit();
        object = ModuleBuild.of(Parser.parse(CLIF)).object();
        xdata = rawData(object, ".xdata");
        assertEquals(0x10800014L, object.u32(xdata), "the .xdata the controls patch");
        assertEquals(0x0080000bL, object.u32(xdata + 4));
        assertEquals(0x00800011L, object.u32(xdata + 8));
        assertEquals(0x244202e2L, object.u32(xdata + 12));
        assertEquals(0xe3e3e3e4L, object.u32(xdata + 16));
    }

    @AfterAll
    static void close() {
        auditor.close();
    }

    static UnwindReport check(Bytes obj) {
        LinkResult l = new Linker().link(List.of(obj), Imports.NONE, NAMES);
        assertTrue(l.clean(), l.errors() + " " + l.warnings());
        UnwindReport r = UnwindCheck.runStatic(auditor, Check.UNWIND, PeImage.parse(l.dll()), NAMES);
        System.out.println(r.verdict().line() + "\n    " + String.join("\n    ", r.lines()));
        return r;
    }

    static String mismatch(Bytes obj) {
        UnwindReport r = check(obj);
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, r.verdict(), String.join("\n", r.lines()));
        assertEquals(Check.UNWIND, m.check());
        return m.detail();
    }

    static void assertDetail(String detail, String prefix, String where) {
        assertTrue(detail.startsWith(prefix) && detail.endsWith(where),
                "expected '" + prefix + "..." + where + "', got '" + detail + "'");
    }

    @Test
    void theSubjectsDataAsWrittenPasses() {
        UnwindReport r = check(object);
        assertEquals(Verdict.PASS, r.verdict(), String.join("\n", r.lines()));
        assertEquals(2 + 20, r.instructionsChecked());
    }

    @Test
    void wrongSaveOffsetInXdataIsFlaggedInThePrologue() {
        // save_fplr 16 -> 24: after the stp x29, x30, the return address is read from the caller's area
        assertDetail(mismatch(patch8(object, xdata + 14, 0x43)), "%framed+0x8: pc expected 0x", "in the prologue");
    }

    @Test
    void epilogueStartOneInstructionLateIsFlaggedInThatEpilogue() {
        // the first scope starts at the second ldp: the codes at its start undo the frame record the code has not reloaded
        assertDetail(mismatch(patch32(object, xdata + 4, 0x0080000cL)), "%framed+0x34: sp expected 0x",
                "in the epilogue at +0x30");
    }

    @Test
    void epilogueStartOneInstructionEarlyIsFlaggedInThatEpilogue() {
        assertDetail(mismatch(patch32(object, xdata + 4, 0x0080000aL)), "%framed+0x2c: pc expected 0x",
                "in the epilogue at +0x28");
    }

    @Test
    void prologueOneInstructionTooLongIsFlaggedInThePrologue() {
        // codes ... 24 e4 e3 -> ... 24 e3 e4: a nop for a first prologue instruction the code does not have
        Bytes longer = patch8(patch8(object, xdata + 16, 0xe3), xdata + 17, 0xe4);
        assertDetail(mismatch(longer), "%framed+0x4: sp expected 0x", "in the prologue");
    }

    @Test
    void epilogueLeftUndescribedIsFlaggedBeforeItsReturn() {
        // both scopes name the first epilogue: the second (instructions 17-19) is body to the unwinder
        assertDetail(mismatch(patch32(object, xdata + 8, 0x0080000bL)), "%framed+0x48: ",
                "before the return at +0x4c, which no epilogue of the unwind data covers");
    }

    @Test
    void functionLengthTwoInstructionsShortIsFlaggedInTheLastEpilogue() {
        // the last ldp and the ret fall outside the function: there the unwinder takes it for a leaf
        assertDetail(mismatch(patch32(object, xdata, 0x10800012L)), "%framed+0x48: sp expected 0x",
                "in the epilogue at +0x44");
    }

    /** The later fragment of a long function whose phantom prologue (after end_c) says save_fplr_x 48 for 32. */
    @Test
    void wrongPhantomPrologueInALaterFragmentIsFlaggedAtItsStart() {
        PeImage image = UnwindCheckFixtures.link(LongFunctionFixtures.handSplit(0x80000, LongFunctionFixtures.WRONG_PHANTOM, 2),
                List.of("big"));
        UnwindReport r = UnwindCheck.runStatic(auditor, Check.UNWIND, image, List.of("big"));
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, r.verdict(), String.join("\n", r.lines()));
        assertTrue(m.detail().startsWith("%big+0x80000: sp expected 0x"), m.detail());
    }

    /**
     * A barrier in a prologue is no instruction the audit steps: the function is not checked, the
     * verdict says so with the instruction named (unsupported, not a pass), and a disagreement in
     * another function of the image still wins.
     */
    @Test
    void anInstructionTheStepperDoesNotRunIsNamedNeverPassed() {
        String odd = UnwindCheckFixtures.func("odd") + """
                \t.seh_proc odd
                \tstp x29, x30, [sp, #-16]!
                \t.seh_save_fplr_x 16
                \tdmb ish
                \t.seh_nop
                \t.seh_endprologue
                \tadd x0, x0, #1
                \t.seh_startepilogue
                \tldp x29, x30, [sp], #16
                \t.seh_save_fplr_x 16
                \t.seh_endepilogue
                \tret
                \t.seh_endproc
                """;
        PeImage image = UnwindCheckFixtures.link("\t.text\n" + odd, List.of("odd"));
        UnwindReport r = UnwindCheck.runStatic(auditor, Check.UNWIND, image, List.of("odd"));
        Verdict.Unsupported u = assertInstanceOf(Verdict.Unsupported.class, r.verdict(), String.join("\n", r.lines()));
        assertEquals("static unwind: %odd: dmb ish at +0x4: system instruction in the prologue", u.detail());
        assertEquals(List.of("%odd: unwind data: not checked: dmb ish at +0x4: system instruction in the prologue"), r.lines());
        PeImage both = UnwindCheckFixtures.link(UnwindCheckControlsTest.LISTING + odd,
                java.util.stream.Stream.concat(UnwindCheckControlsTest.EXPORTS.stream(), java.util.stream.Stream.of("odd")).toList());
        UnwindReport r2 = UnwindCheck.runStatic(auditor, Check.UNWIND, both, List.of("odd", "badAlloc"));
        assertInstanceOf(Verdict.Mismatch.class, r2.verdict(), String.join("\n", r2.lines()));
    }

    /** The hand-made frames of the dynamic check's controls, function by function. */
    @Test
    void handMadeControlsAreEachFlagged() {
        PeImage image = UnwindCheckFixtures.link(UnwindCheckControlsTest.LISTING, UnwindCheckControlsTest.EXPORTS);
        Map<String, String> lines = new TreeMap<>();
        for (BoundaryAudit.Report r : auditor.check(image, UnwindCheckControlsTest.EXPORTS)) {
            lines.put(r.name(), r.line());
        }
        System.out.println(String.join("\n", lines.values()));
        assertTrue(lines.get("leaf").startsWith("%leaf: no unwind data, 2 boundaries checked"), lines.get("leaf"));
        assertTrue(lines.get("calls").startsWith("%calls: unwind data, 6 boundaries checked"), lines.get("calls"));
        assertDetail(lines.get("badOffset"), "%badOffset+0x8: x19 expected 0x", "in the prologue");
        assertDetail(lines.get("badFreg"), "%badFreg+0x8: d8 expected 0x", "in the prologue");
        assertDetail(lines.get("badAlloc"), "%badAlloc+0x8: sp expected 0x", "in the prologue");
        // three codes for four prologue instructions (no nop for the mov x15): a prologue one instruction short
        assertDetail(lines.get("missingNop"), "%missingNop+0xc: sp expected 0x", "in the prologue");
        assertDetail(lines.get("spInBody"), "%spInBody+0x8: sp written by sub sp, sp, #16 at +0x4",
                "in the body of a frame without frame pointer (the unwind codes give sp its post-prologue value)");
        assertDetail(lines.get("leafSp"), "%leafSp+0x4: sp written by sub sp, sp, #16 at +0x0",
                "in a function without unwind data (unwound as a leaf, it must keep sp, x19-x30 and d8-d15)");
    }
}
