package dev.a64w.ir.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The observation hook sees each executed instruction with its operand values and changes no outcome. */
@Epic("subject")
@Feature("ir.interp")
class InstObserverTest {
    private static final String MODULE = """
            function %f(i16, i16) -> i16 {
                fn0 = %g(i16) -> i16
            block0(v0: i16, v1: i16):
                v2 = srem v0, v1
                v3 = call fn0(v2)
                brif v3, block2, block1
            block1:
                v4 = sdiv v0, v1
                return v4
            block2:
                return v3
            }
            function %g(i16) -> i16 {
            block0(v0: i16):
                v1 = ineg v0
                return v1
            }
            """;

    @Test
    void seesOperandValuesInExecutionOrderIncludingTheTrappingInstruction() throws Exception {
        Module m = Parser.parse(MODULE);
        List<String> seen = new ArrayList<>();
        InstObserver obs = (inst, values) -> {
            StringBuilder sb = new StringBuilder(inst.getClass().getSimpleName());
            for (var v : inst.uses()) sb.append(' ').append(values.type(v)).append('=').append(values.value(v));
            seen.add(sb.toString());
        };
        Interpreter in = new Interpreter(m, new StandardHost(), 1000, obs);
        assertEquals(new Outcome.Trapped(dev.a64w.ir.TrapCode.INT_OVF), in.call("f", List.of(-32768L, -1L)));
        assertEquals(List.of("Binary i16=-32768 i16=-1", "Call i16=0", "Unary i16=0", "Binary i16=-32768 i16=-1"), seen);
    }

    @Test
    void outcomesAreTheSameWithAndWithoutAnObserver() throws Exception {
        Module m = Parser.parse(MODULE);
        long[] count = {0};
        Interpreter plain = new Interpreter(m, new StandardHost(), 1000);
        Interpreter observed = new Interpreter(m, new StandardHost(), 1000, (inst, values) -> count[0]++);
        for (long a = -40_000; a <= 40_000; a += 997) {
            for (long b : new long[] {-32768, -3, -1, 0, 1, 7, 32767}) {
                assertEquals(plain.call("f", List.of(a, b)), observed.call("f", List.of(a, b)), a + ", " + b);
            }
        }
        assertEquals(true, count[0] > 0);
        // fuel counts instructions, not observations
        Interpreter tight = new Interpreter(m, new StandardHost(), 2, (inst, values) -> { });
        assertEquals(new Interpreter(m, new StandardHost(), 2).call("f", List.of(5L, 3L)), tight.call("f", List.of(5L, 3L)));
    }
}
