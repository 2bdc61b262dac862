package dev.a64w.diff;

import dev.a64w.check.coff.CoffObject;
import dev.a64w.check.coff.CoffReader;
import dev.a64w.check.coff.Section;
import dev.a64w.check.unwind.PdataDecoder;
import dev.a64w.check.unwind.UnwindCode;
import dev.a64w.check.unwind.UnwindCodes;
import dev.a64w.check.unwind.UnwindData;
import dev.a64w.check.unwind.Xdata;
import dev.a64w.exec.Linker;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Parser;
import dev.a64w.oracle.llvm.IrToLlvm;
import dev.a64w.oracle.llvm.LlvmCodegen.OptLevel;
import dev.a64w.oracle.llvm.LocalOracle;
import dev.a64w.oracle.llvm.McResult;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.a64w.diff.McFixtures.patch8;
import static dev.a64w.diff.McFixtures.rawData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Positive controls for the LLVM leg: a translation made wrong on purpose is caught by the Run
 * check on LLVM's side (run-llvm-o0/-o2, the subject still passing), and LLVM's object with one
 * unwind code altered is caught by unwind-llvm.
 */
@Epic("fuzz")
@Feature("llvm leg")
class LlvmLegControlsTest {
    static final String SHIFTS = """
            function %shl8(i8, i8) -> i8 {
            block0(v0: i8, v1: i8):
                v2 = ishl v0, v1
                return v2
            }
            """;
    /** A frame with callee-saved registers: v0 and v1 live across the call. */
    static final String FRAME = """
            function %leaf(i64) -> i64 {
            block0(v0: i64):
                v1 = imul v0, v0
                return v1
            }

            function %framed(i64, i64) -> i64 {
                fn0 = colocated %leaf(i64) -> i64
            block0(v0: i64, v1: i64):
                v2 = call fn0(v0)
                v3 = iadd v2, v1
                v4 = iadd v3, v0
                return v4
            }
            """;
    static LocalOracle oracle;
    static final HarnessConfig CONFIG = HarnessConfig.defaults().inProcessOracle();

    @BeforeAll
    static void open() {
        oracle = new LocalOracle();
    }

    @AfterAll
    static void close() {
        oracle.close();
    }

    @Test
    void correctTranslationPassesOnEverySide() throws Exception {
        Module m = Parser.parse(SHIFTS);
        LlvmLeg leg = LlvmLeg.run(oracle, new Linker(), CONFIG, m, List.of(new Invocation("shl8", List.of(1L, 9L))));
        assertEquals(4, leg.results().size(), leg.results().toString());
        leg.results().forEach(r -> assertEquals(Verdict.PASS, r.verdict(), r.check().id() + ": " + r.verdict().line()));
    }

    /** CLIF takes an i8 shift amount modulo 8: 1 << 9 is 2. Unmasked, LLVM shifts the promoted value by 9. */
    @Test
    void unmaskedShiftInTheTranslationIsCaughtByTheLlvmRunChecks() throws Exception {
        Module m = Parser.parse(SHIFTS);
        String ir = new IrToLlvm().translate(m);
        String wrong = ir.replaceAll("(%\\w+) = and i8 (%\\w+), 7", "$1 = add i8 $2, 0");
        assertTrue(!wrong.equals(ir), "the translation masks the amount:\n" + ir);
        LlvmLeg leg = LlvmLeg.runIr(oracle, new Linker(), CONFIG, m, List.of(new Invocation("shl8", List.of(1L, 9L))), wrong);
        Set<Check> flagged = new java.util.HashSet<>();
        for (CheckResult r : leg.results()) {
            if (r.verdict() instanceof Verdict.Mismatch mm) {
                flagged.add(mm.check());
                assertTrue(mm.detail().contains("differs"), mm.detail());
            }
        }
        assertTrue(flagged.contains(Check.RUN_LLVM_O0) || flagged.contains(Check.RUN_LLVM_O2), leg.results().toString());
        assertEquals(Verdict.PASS, new Harness(CONFIG.withLlvm(false)).check("s", m,
                List.of(new Invocation("shl8", List.of(1L, 9L)))).verdict(), "the subject is right");
    }

    @Test
    void llvmObjectWithOneUnwindCodeAlteredIsCaughtByUnwindLlvm() throws Exception {
        Module m = Parser.parse(FRAME);
        String ir = new IrToLlvm().translate(m);
        McResult r = oracle.compileIr(ir, OptLevel.O0).orElseThrow();
        assertTrue(r.ok(), r.errors().toString());
        List<Invocation> invs = List.of(new Invocation("framed", List.of(3L, 4L)));
        List<CheckResult> good = LlvmLeg.execute(new Linker(), CONFIG, m, invs, OptLevel.O0, r.object(), new ArrayList<>());
        good.forEach(c -> assertEquals(Verdict.PASS, c.verdict(), c.check().id() + ": " + c.verdict().line()));
        Bytes bad = alterFirstSaveOrAlloc(r.object());
        List<CheckResult> results = LlvmLeg.execute(new Linker(), CONFIG, m, invs, OptLevel.O0, bad, new ArrayList<>());
        CheckResult unwind = results.stream().filter(c -> c.check() == Check.UNWIND_LLVM_O0).findFirst().orElseThrow();
        Verdict.Mismatch mm = assertInstanceOf(Verdict.Mismatch.class, unwind.verdict(), unwind.verdict().line());
        assertTrue(mm.detail().contains("framed"), mm.detail());
    }

    /**
     * Adds one to the offset or size field of the first allocation or save code of {@code framed}'s
     * prologue, or to its packed FrameSize.
     */
    private static Bytes alterFirstSaveOrAlloc(Bytes object) {
        CoffObject obj = CoffReader.read(object);
        Section pdata = obj.section(".pdata").orElseThrow();
        for (PdataDecoder.ObjectEntry e : PdataDecoder.fromObject(obj, pdata)) {
            var framed = obj.symbol("framed").orElseThrow();
            if (e.function().sectionNumber() != framed.sectionNumber() || e.function().offset() != framed.value()) {
                continue;
            }
            if (e.packed().isPresent()) { // packed data: one more 16-byte unit of FrameSize (bits 23..31)
                int fileAt = rawData(object, ".pdata") + (int) e.pdataOffset() + 4;
                return McFixtures.patch32(object, fileAt, object.u32(fileAt) + (1L << 23));
            }
            UnwindData.Full full = assertInstanceOf(UnwindData.Full.class, PdataDecoder.unwindData(obj, e));
            Xdata x = full.xdata();
            int codesAt = (int) e.xdata().get().offset() + 4 + (x.extended() ? 4 : 0) + (x.e() ? 0 : 4 * x.scopes().size());
            int at = 0;
            for (UnwindCode c : UnwindCodes.decodeSequence(x.codes(), 0)) {
                boolean alters = c instanceof UnwindCode.AllocS || c instanceof UnwindCode.SaveR19R20X
                        || c instanceof UnwindCode.SaveFpLr || c instanceof UnwindCode.SaveFpLrX
                        || c instanceof UnwindCode.AllocM || c instanceof UnwindCode.SaveRegP
                        || c instanceof UnwindCode.SaveRegPX || c instanceof UnwindCode.SaveReg
                        || c instanceof UnwindCode.SaveRegX;
                if (alters) {
                    int fileAt = rawData(object, ".xdata") + codesAt + at + c.length() - 1;
                    return patch8(object, fileAt, object.u8(fileAt) + 1);
                }
                at += c.length();
            }
        }
        throw new AssertionError("no xdata prologue with an allocation or save for framed");
    }
}
