package dev.a64w.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.a64w.exec.Arg;
import dev.a64w.exec.ExecResult;
import dev.a64w.ir.Function;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.text.ParseException;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The one run-line judge of both runtest runners: widths, {@code !=}, traps, the trap table. */
@Epic("fuzz")
@Feature("runtests")
class RunLineJudgeTest {
    static final Function NARROW = parse("""
            function %f(i8, i64) -> i8, i64 {
            block0(v0: i8, v1: i64):
                return v0, v1
            }
            """);

    static Function parse(String text) {
        try {
            return Parser.parse(text).functions().getFirst();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    static ExecResult.Returned returned(long x0, long x1) {
        return new ExecResult.Returned(List.of(x0, x1, 0L, 0L, 0L, 0L, 0L, 0L));
    }

    @Test
    void resultsCompareAtTheirWidth() {
        RunLine eq = new RunLine(1, "f", List.of(-1L, 5L), true, List.of(-1L, 5L));
        assertNull(RunLineJudge.judge(NARROW, eq, returned(0x12ffL, 5)), "only the low 8 bits of an i8 count");
        assertEquals("got [-1, 6]", RunLineJudge.judge(NARROW, eq, returned(0xffL, 6)));
        RunLine ne = new RunLine(1, "f", List.of(-1L, 5L), false, List.of(-1L, 5L));
        assertNull(RunLineJudge.judge(NARROW, ne, returned(0xffL, 6)));
        assertEquals("got [-1, 5]", RunLineJudge.judge(NARROW, ne, returned(0xffL, 5)));
    }

    @Test
    void argumentsAreSignExtendedToTheirParameterType() {
        RunLine run = new RunLine(1, "f", List.of(0xffL, 7L), true, List.of(0L, 0L));
        assertEquals(List.of(new Arg.Int(-1L), new Arg.Int(7L)), RunLineJudge.args(NARROW, run));
    }

    @Test
    void trapsAndTheTrapTable() {
        RunLine run = new RunLine(1, "f", List.of(0L, 0L), true, List.of(0L, 0L));
        ExecResult udf = new ExecResult.Faulted("udf", OptionalLong.of(0x1000));
        assertEquals("trapped int_divz (trap table)", RunLineJudge.judge(NARROW, run, udf, Map.of(0x1000L, "int_divz")));
        assertEquals("faulted: udf", RunLineJudge.judge(NARROW, run, udf));
        assertEquals("%f returns 2 values, the run line expects 1",
                RunLineJudge.judge(NARROW, new RunLine(1, "f", List.of(), true, List.of(0L)), returned(0, 0)));
    }
}
