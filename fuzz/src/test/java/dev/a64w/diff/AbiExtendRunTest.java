package dev.a64w.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.compile.ModuleBuild;
import dev.a64w.exec.ExecResult;
import dev.a64w.exec.HostFunctions;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.exec.PeImage;
import dev.a64w.exec.UnicornExecutor;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code uext}/{@code sext} on returns promise a value extended to 64 bits in x0, which code from
 * other compilers may rely on; the Run check compares values truncated to their type and cannot see
 * this, so the full register is checked here on the emulated CPU.
 */
@Epic("fuzz")
@Feature("run check")
class AbiExtendRunTest {
    static final String IR = """
            function %ret_uext(i32) -> i8 uext {
            block0(v0: i32):
                v1 = ireduce.i8 v0
                return v1
            }

            function %ret_sext(i64) -> i16 sext {
            block0(v0: i64):
                v1 = ireduce.i16 v0
                return v1
            }

            function %ret_plain(i64) -> i8 {
            block0(v0: i64):
                v1 = ireduce.i8 v0
                return v1
            }
            """;

    @Test
    void attributedResultsFillTheWholeRegister() throws Exception {
        Module m = Parser.parse(IR);
        ModuleBuild build = ModuleBuild.of(m);
        LinkResult link = new Linker().link(List.of(build.object()), Harness.importsOf(m), build.functionNames(), List.of());
        assertTrue(link.clean(), link.errors().toString());
        try (UnicornExecutor ex = new UnicornExecutor(PeImage.parse(link.dll()), HostFunctions.NONE)) {
            assertEquals(0xffL, x0(ex.call("ret_uext", List.of(0x1234_51ffL), 1000)));
            assertEquals(0xffff_ffff_ffff_8001L, x0(ex.call("ret_sext", List.of(0x7777_8001L), 1000)));
            // control: without an attribute the upper bits are unspecified, and here they are left as they came
            assertEquals(0x1ffL, x0(ex.call("ret_plain", List.of(0x1ffL), 1000)));
        }
    }

    private static long x0(ExecResult r) {
        return assertInstanceOf(ExecResult.Returned.class, r).x0();
    }
}
