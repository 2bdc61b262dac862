package dev.a64w.diff;

import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static dev.a64w.diff.McFixtures.LISTING;
import static dev.a64w.diff.McFixtures.assemble;
import static dev.a64w.diff.McFixtures.patch32;
import static dev.a64w.diff.McFixtures.rawData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Epic("fuzz")
@Feature("checks")
class ObjectCheckTest {
    static LlvmMc mc;
    static Bytes good;

    @BeforeAll
    static void open() {
        mc = new LlvmMc();
        good = assemble(mc, LISTING);
    }

    @AfterAll
    static void close() {
        mc.close();
    }

    private static String mismatch(Bytes obj, String fragment) {
        Verdict v = ObjectCheck.check(obj);
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, v, () -> "expected a mismatch, got " + v.line());
        assertEquals(Check.OBJECT, m.check());
        assertTrue(m.detail().contains(fragment), m.detail());
        assertTrue(!m.detail().contains("\n"), "detail is one line: " + m.detail());
        return m.detail();
    }

    @Test
    void llvmObjectPasses() {
        assertEquals(List.of(), ObjectCheck.problems(good));
        assertEquals(Verdict.PASS, ObjectCheck.check(good));
    }

    @Test
    void misalignedPageOffset12LTargetIsFlagged() {
        String listing = """
                \t.text
                \t.def f
                \t.scl 2
                \t.type 32
                \t.endef
                \t.globl f
                \t.p2align 2
                f:
                \tadrp x9, odd
                \tldr x0, [x9, :lo12:odd]
                \tret
                \t.data
                \t.p2align 3
                \t.byte 1
                odd:
                \t.xword 42
                """;
        String d = mismatch(assemble(mc, listing), "PAGEOFFSET_12L");
        assertTrue(d.contains(".text+0x4") && d.contains("multiple of the access size 8"), d);
    }

    @Test
    void nonLeafFunctionWithoutPdataIsFlagged() {
        String listing = """
                \t.text
                \t.def h
                \t.scl 2
                \t.type 32
                \t.endef
                \t.globl h
                \t.p2align 2
                h:
                \tstp x29, x30, [sp, #-16]!
                \tbl ext
                \tldp x29, x30, [sp], #16
                \tret
                """;
        String d = mismatch(assemble(mc, listing), "function h");
        assertTrue(d.contains("non-leaf (bl at .text+0x4) expected a .pdata entry, actual none"), d);
    }

    @Test
    void blrMakesAFunctionNonLeaf() {
        String listing = """
                \t.text
                \t.def h
                \t.scl 2
                \t.type 32
                \t.endef
                \t.globl h
                \t.p2align 2
                h:
                \tblr x8
                \tret
                """;
        mismatch(assemble(mc, listing), "non-leaf (blr at .text+0x0)");
    }

    @Test
    void wrongFunctionLengthIsFlagged() {
        // f's entry is packed (MC packs it): FunctionLength is bits 2..12 of the second .pdata word
        int word = rawData(good, ".pdata") + 4;
        long packed = good.u32(word);
        assertEquals(1, packed & 3, "test assumes MC packed f's unwind data");
        long shorter = (packed & ~(0x7FFL << 2)) | ((((packed >> 2) & 0x7FF) - 1) << 2);
        String d = mismatch(patch32(good, word, shorter), "function f");
        assertTrue(d.contains("FunctionLength expected 0x24") && d.contains("actual 0x20"), d);
    }

    @Test
    void nonZeroTimestampAndWrongMachineAreFlagged() {
        mismatch(patch32(good, 4, 0x6500_0000L), "TimeDateStamp expected 0");
        mismatch(McFixtures.patch16(good, 0, 0x8664), "machine expected 0xaa64, actual 0x8664");
    }

    @Test
    void smallPdataAlignmentIsFlagged() {
        mismatch(McFixtures.setAlignment(good, ".pdata", 2), ".pdata: alignment expected >= 4, actual 2");
    }

    @Test
    void truncatedObjectIsMalformedNotAnException() {
        mismatch(good.slice(0, good.size() / 2), "object malformed");
        // the last 4 bytes are an empty string table (size field 4), which an object may omit
        assertEquals(4, good.u32(good.size() - 4));
        for (int n = 0; n < good.size() - 4; n++) {
            Verdict v = ObjectCheck.check(good.slice(0, n));
            assertTrue(v.isFinding(), "truncated to 0x" + Integer.toHexString(n) + ": " + v.line());
        }
    }

    @Test
    void corruptedObjectsGiveVerdictsNeverExceptions() {
        long seed = 0xA64C0FFEL;
        Random random = new Random(seed);
        int flagged = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] b = good.toArray();
            int flips = 1 + random.nextInt(3);
            for (int k = 0; k < flips; k++) {
                b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
            }
            Bytes bad = Bytes.of(b);
            try {
                if (ObjectCheck.check(bad).isFinding()) {
                    flagged++;
                }
                McCheck.report(bad, good, McCheck.NO_DISASSEMBLER);
                McCheck.compare(good, bad);
            } catch (RuntimeException e) {
                throw new AssertionError("seed 0x" + Long.toHexString(seed) + " case " + i + ": " + e, e);
            }
        }
        assertTrue(flagged > 100, "some corruptions are flagged: " + flagged);
    }

    @Test
    void longFunctionFragmentsPass() {
        assertEquals(List.of(), ObjectCheck.problems(assemble(mc, LongFunctionFixtures.seh())));
    }

    @Test
    void laterFragmentWithoutEndCOrWithAWrongPhantomPrologueIsFlagged() {
        String wrong = mismatch(assemble(mc, LongFunctionFixtures.handSplit(0x80000, LongFunctionFixtures.WRONG_PHANTOM, 2)),
                "fragment +0x80000");
        assertTrue(wrong.contains("save x29,x30 [sp,#-0x30]!"), wrong);
        // the second fragment with a real prologue (no end_c): codes e1 d0 02 83 e4, epilogue tail at 1
        String noEndC = mismatch(assemble(mc, LongFunctionFixtures.handSplit(0x80000, "0xe1, 0xd0, 0x02, 0x83, 0xe4", 1)),
                "fragment +0x80000");
        assertTrue(noEndC.contains("actual [set_fp, save x19 [sp,#0x10], save x29,x30 [sp,#-0x20]!]"), noEndC);
    }
}
