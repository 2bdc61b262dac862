package dev.a64w.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.a64w.exec.Arg;
import dev.a64w.exec.ExecResult;
import dev.a64w.ir.Type;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Integer values travel in x0.. and never in v0..; arguments past the parameter types are integers.
 * (The float side is covered by FloatAbiTest on the executor; float IR types join here with one case.)
 */
@Epic("fuzz")
@Feature("exec-run")
class ValueClassTest {
    @Test
    void integersAreArgumentsAndResultsOfTheIntegerClass() {
        for (Type t : Type.values()) {
            if (t.bits() <= 64 && ValueClass.of(t) == ValueClass.INT) {
                assertEquals(List.of(new Arg.Int(5), new Arg.Int(6)), ValueClass.args(List.of(t), List.of(5L, 6L)));
            }
        }
        ExecResult.Returned r = new ExecResult.Returned(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L),
                List.of(-1L, -2L, -3L, -4L, -5L, -6L, -7L, -8L));
        assertEquals(List.of(1L, 2L), ValueClass.results(List.of(Type.I32, Type.I8), r));
        assertEquals("-1", ValueClass.show(Type.I8, 0xffL));
    }
}
