package dev.a64w.reduce;

import dev.a64w.ir.Module;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.Outcome;
import dev.a64w.ir.interp.StandardHost;
import java.util.ArrayList;
import java.util.List;

/**
 * After a reduction the run lines still carry the expected values of the original module. This
 * recomputes them with the reference interpreter (one interpreter for all lines, in order, as the
 * harness runs them): a line that returns gets {@code ==} and the returned values; a line that traps
 * or runs out of fuel is dropped, since a run line cannot state a trap.
 */
public final class Expectations {
    private Expectations() {}

    public static Module refresh(Module m, long fuel) {
        Interpreter interp = new Interpreter(m, new StandardHost(), fuel);
        List<RunLine> runs = new ArrayList<>();
        for (RunLine r : m.runs()) {
            if (m.function(r.function()).isEmpty()) {
                runs.add(r);
                continue;
            }
            if (interp.call(r.function(), r.args()) instanceof Outcome.Returned ret) {
                runs.add(new RunLine(r.line(), r.function(), r.args(), true, ret.values()));
            }
        }
        return Edit.runs(m, runs);
    }
}
