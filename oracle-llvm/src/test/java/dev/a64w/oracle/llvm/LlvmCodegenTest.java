package dev.a64w.oracle.llvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Epic("oracle-llvm")
@Feature("codegen")
class LlvmCodegenTest {
    /** A call to an external, a dllimport call, a load and the address of a global. */
    static final String IR = """
            @tab = global [2 x i64] [i64 1, i64 2], align 8
            declare i64 @ext(i64)
            declare dllimport i64 @imp(i64)
            define i64 @f(i64 %x) {
              %a = call i64 @ext(i64 %x)
              %b = call i64 @imp(i64 %a)
              %p = getelementptr [2 x i64], ptr @tab, i64 0, i64 1
              %v = load i64, ptr %p
              %s = add i64 %b, %v
              ret i64 %s
            }
            define ptr @addr() {
              ret ptr @tab
            }
            """;

    static LlvmCodegen codegen;

    @BeforeAll
    static void open() {
        codegen = new LlvmCodegen();
    }

    @AfterAll
    static void close() {
        codegen.close();
    }

    @Test
    void compilesWithLlvmsRelocationChoices(@TempDir Path dir) throws Exception {
        for (LlvmCodegen.OptLevel level : LlvmCodegen.OptLevel.values()) {
            McResult r = codegen.compile(IR, level);
            assertEquals(List.of(), r.errors(), level.toString());
            Files.write(dir.resolve("f.obj"), r.object().toArray());
            ToolResult ro = Tools.run(List.of("llvm-readobj", "--relocations", "--unwind", "f.obj"), dir,
                    Duration.ofSeconds(60));
            assertEquals(0, ro.exitCode(), ro.stderr());
            for (String want : List.of("IMAGE_REL_ARM64_BRANCH26 ext", "IMAGE_REL_ARM64_PAGEBASE_REL21 __imp_imp",
                    "IMAGE_REL_ARM64_PAGEOFFSET_12L __imp_imp", "IMAGE_REL_ARM64_PAGEBASE_REL21 tab",
                    "IMAGE_REL_ARM64_PAGEOFFSET_12A tab", "Function: f")) {
                assertTrue(ro.stdout().contains(want), level + ": missing '" + want + "' in\n" + ro.stdout());
            }
        }
    }

    @Test
    void sameIrSameBytes() {
        assertEquals(codegen.compile(IR, LlvmCodegen.OptLevel.O2).object(),
                codegen.compile(IR, LlvmCodegen.OptLevel.O2).object());
    }

    @Test
    void parseAndVerifierErrorsAreReported() {
        McResult parse = codegen.compile("define i64 @f( {\n", LlvmCodegen.OptLevel.O0);
        assertFalse(parse.ok());
        assertTrue(parse.errors().get(0).startsWith("parse: "), parse.errors().toString());
        assertEquals(0, parse.object().size());
        McResult verify = codegen.compile("""
                define i64 @f() {
                  %a = add i64 %b, 1
                  %b = add i64 %a, 1
                  ret i64 %a
                }
                """, LlvmCodegen.OptLevel.O0);
        assertFalse(verify.ok());
        assertTrue(verify.errors().get(0).startsWith("verify: ")
                && verify.errors().get(0).contains("does not dominate"), verify.errors().toString());
        assertEquals(0, verify.object().size());
    }

    @Test
    void cannotSelectCrashesOnlyTheWorker() {
        try (OracleClient client = new OracleClient()) {
            WorkerResult<McResult> r = client.compileIr(NativeCrash.IR, LlvmCodegen.OptLevel.O0);
            WorkerResult.Crashed<?> c = assertInstanceOf(WorkerResult.Crashed.class, r);
            assertTrue(c.detail().contains("Cannot select"), c.detail());
            McResult ok = client.compileIr(IR, LlvmCodegen.OptLevel.O2).orElseThrow();
            assertEquals(codegen.compile(IR, LlvmCodegen.OptLevel.O2), ok);
        }
    }
}
