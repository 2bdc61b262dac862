package dev.a64w.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.oracle.llvm.LlvmMc;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guard page below the emulated stack (Windows' model, see {@link UnicornExecutor}): a touch is
 * {@link ExecResult.StackOverflow}; an access below it, or anywhere else unmapped, stays a fault; the
 * whole stack above it stays usable.
 */
@Epic("fuzz")
@Feature("exec-run")
class StackGuardTest {
    static final List<String> FUNCTIONS = List.of("storeAt", "loadAt", "pairAt", "recurses", "probesX0", "bigFrame");
    static final String LISTING = "\t.text\n"
            + Asm.func("storeAt") + "\tstr xzr, [x0]\n\tret\n"
            + Asm.func("loadAt") + "\tldr x0, [x0]\n\tret\n"
            + Asm.func("pairAt") + "\tstp xzr, xzr, [x0]\n\tret\n"
            + Asm.func("recurses") + """
            \tstp x29, x30, [sp, #-16]!
            \tmov x29, sp
            \tbl recurses
            \tldp x29, x30, [sp], #16
            \tret
            """
            + Asm.func("probesX0") + """
            \tstp x29, x30, [sp, #-16]!
            \tmov x15, x0
            \tbl __chkstk
            \tldp x29, x30, [sp], #16
            \tret
            """
            // a 960 KiB frame probed as Windows wants it, touched at its bottom: fits a 1 MiB stack
            + Asm.func("bigFrame") + """
            \tstp x29, x30, [sp, #-16]!
            \tmov x15, #0xf000
            \tbl __chkstk
            \tsub sp, sp, x15, lsl #4
            \tstr x0, [sp]
            \tldr x0, [sp]
            \tadd sp, sp, x15, lsl #4
            \tldp x29, x30, [sp], #16
            \tret
            """;

    static PeImage image;
    UnicornExecutor ex;

    @BeforeAll
    static void build() {
        try (LlvmMc mc = new LlvmMc()) {
            LinkResult r = new Linker().link(List.of(Asm.assemble(mc, LISTING)), Imports.NONE, FUNCTIONS, List.of());
            assertTrue(r.clean(), r.errors() + " " + r.warnings());
            image = PeImage.parse(r.dll());
        }
    }

    @BeforeEach
    void load() {
        ex = new UnicornExecutor(image, HostFunctions.NONE);
    }

    @AfterEach
    void unload() {
        ex.close();
    }

    long limit() {
        return ex.stackLimit();
    }

    ExecResult.StackOverflow overflow(ExecResult r) {
        return assertInstanceOf(ExecResult.StackOverflow.class, r, () -> r.toString());
    }

    @Test
    void theStackLimitIsTheTebsAndOneGuardPageLiesBelowIt() {
        assertEquals(UnicornExecutor.STACK_TOP - UnicornExecutor.DEFAULT_STACK_SIZE, limit());
        assertEquals(0x1000, UnicornExecutor.GUARD_SIZE);
    }

    @Test
    void aStoreIntoTheGuardPageIsAStackOverflowWithItsAddress() {
        for (long at : List.of(limit() - 8, limit() - UnicornExecutor.GUARD_SIZE, limit() - 0x800)) {
            assertEquals(at, overflow(ex.call("storeAt", List.of(at), 100)).address(), Long.toHexString(at));
        }
        assertEquals(limit() - 8, overflow(ex.call("loadAt", List.of(limit() - 8), 100)).address());
        assertEquals(image.exportAddress("storeAt"), overflow(ex.call("storeAt", List.of(limit() - 8), 100)).pc());
    }

    @Test
    void aPairThatStraddlesTheLimitIsAStackOverflow() {
        overflow(ex.call("pairAt", List.of(limit() - 8), 100));
    }

    @Test
    void theLowestStackByteIsUsable() {
        assertInstanceOf(ExecResult.Returned.class, ex.call("storeAt", List.of(limit()), 100));
        assertInstanceOf(ExecResult.Returned.class, ex.call("pairAt", List.of(limit()), 100));
    }

    @Test
    void aWildAccessBelowTheGuardPageIsAFaultNotAnOverflow() {
        for (long at : List.of(limit() - UnicornExecutor.GUARD_SIZE - 8, limit() - 0x10_0000, 0x1000L)) {
            ExecResult r = ex.call("storeAt", List.of(at), 100);
            assertInstanceOf(ExecResult.Faulted.class, r, Long.toHexString(at) + ": " + r);
        }
        assertInstanceOf(ExecResult.Faulted.class, ex.call("loadAt", List.of(limit() - 0x2000), 100));
    }

    @Test
    void unboundedRecursionEndsInTheGuardPage() {
        ExecResult.StackOverflow o = overflow(ex.call("recurses", List.of(), 10_000_000));
        assertTrue(o.address() < limit() && o.address() >= limit() - UnicornExecutor.GUARD_SIZE, Long.toHexString(o.address()));
        // and the executor is usable again after it
        ex.reset();
        assertInstanceOf(ExecResult.Returned.class, ex.call("storeAt", List.of(limit()), 100));
    }

    @Test
    void chkstkUpToTheLimitPassesAndOneMoreUnitOverflowsInTheGuardPage() {
        // entry SP is STACK_TOP - 0x1000; after the stp it is 16 lower
        long sp = UnicornExecutor.STACK_TOP - 0x1000 - 16;
        long units = (sp - limit()) / 16;
        assertInstanceOf(ExecResult.Returned.class, ex.call("probesX0", List.of(units), 100));
        ExecResult.StackOverflow o = overflow(ex.call("probesX0", List.of(units + 1), 100));
        assertTrue(o.address() < limit() && o.address() >= limit() - UnicornExecutor.GUARD_SIZE, Long.toHexString(o.address()));
        overflow(ex.call("probesX0", List.of(-1L), 100)); // 16 * x15 wraps: still the guard page first
    }

    @Test
    void aBigProbedFrameStillFitsTheStack() {
        assertEquals(42, assertInstanceOf(ExecResult.Returned.class, ex.call("bigFrame", List.of(42L), 1000)).x0());
    }

    @Test
    void theGuardFollowsTheStackSize() {
        try (UnicornExecutor small = new UnicornExecutor(image, HostFunctions.NONE, null, 0x4000)) {
            long lim = small.stackLimit();
            assertEquals(UnicornExecutor.STACK_TOP - 0x4000, lim);
            assertEquals(lim - 8, overflow(small.call("storeAt", List.of(lim - 8), 100)).address());
            overflow(small.call("recurses", List.of(), 100_000));
            overflow(small.call("bigFrame", List.of(1L), 1000));
        }
    }
}
