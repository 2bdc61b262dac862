package dev.a64w.diff;

import static dev.a64w.diff.UnwindCheckFixtures.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Positive control for packed unwind data (issue 7): the subject packs {@code %outer}'s frame
 * ({@code stp x29, x30, [sp, #-16]!; mov x29, sp}, one final epilogue) into its {@code .pdata}
 * word; as compiled, the Unwind check passes. With the word's RegI changed from 0 to 2 the packed
 * data says that x19/x20 were saved below the frame record, so a virtual unwind from the body
 * reads x19 from the saved x29 slot, and the Unwind check must flag it.
 */
@Epic("fuzz")
@Feature("unwind check")
class PackedUnwindControlTest {
    static final String CLIF = """
            function %inner(i64) -> i64 {
            block0(v0: i64):
                v1 = iadd_imm v0, 7
                return v1
            }

            function %outer(i64) -> i64 {
                fn0 = colocated %inner(i64) -> i64
            block0(v0: i64):
                v1 = call fn0(v0)
                v2 = iadd_imm v1, 1
                return v2
            }
            """;

    static Bytes object;
    static int packedAt;

    @BeforeAll
    static void compile() throws Exception {
        object = ModuleBuild.of(Parser.parse(CLIF)).object();
        packedAt = McFixtures.rawData(object, ".pdata") + 4;
    }

    static UnwindReport unwind(Bytes obj) {
        LinkResult l = new Linker().link(List.of(obj), Imports.NONE, List.of("inner", "outer"));
        assertTrue(l.clean(), l.errors() + " " + l.warnings());
        return UnwindCheck.run(PeImage.parse(l.dll()), HOST, List.of(new Invocation("outer", List.of(5L))), 100_000);
    }

    @Test
    void subjectPacksTheMinimalFrameAndItUnwinds() {
        long word = object.u32(packedAt);
        assertEquals(1, word & 3, "Flag 1 (packed)");
        assertEquals(0, (word >> 16) & 0xF, "RegI");
        assertEquals(3, (word >> 21) & 3, "CR");
        assertEquals(1, (word >> 23) & 0x1FF, "FrameSize 16 bytes");
        UnwindReport r = unwind(object);
        assertEquals(Verdict.PASS, r.verdict(), String.join("\n", r.lines()));
        assertTrue(r.instructionsChecked() > 0);
    }

    @Test
    void packedDataWithAWrongRegIIsFlagged() {
        long word = object.u32(packedAt);
        Bytes bad = McFixtures.patch32(object, packedAt, (word & ~(0xFL << 16)) | (2L << 16));
        UnwindReport r = unwind(bad);
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, r.verdict(), String.join("\n", r.lines()));
        assertEquals(Check.UNWIND, m.check());
        assertTrue(m.detail().startsWith("%outer+0x") && m.detail().contains("x19"), m.detail());
    }
}
