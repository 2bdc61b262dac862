package dev.a64w.fuzz;

import dev.a64w.gen.GeneratedCase;
import dev.a64w.ir.Module;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.Outcome;
import dev.a64w.ir.interp.StandardHost;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a generated case into a self-contained module: its inputs become {@code ; run:} lines
 * whose expected values are what the reference interpreter returns, so {@code a64w run} and
 * {@code a64w check} reproduce the case from the file alone. Inputs that trap or run out of fuel
 * in the interpreter keep no expectation (run lines cannot state a trap) and are left out.
 */
public final class Reproducer {
    private Reproducer() {}

    public static Module withRunLines(GeneratedCase c, long fuel) {
        Interpreter interp = new Interpreter(c.module(), new StandardHost(), fuel);
        List<RunLine> runs = new ArrayList<>(c.module().runs());
        for (List<Long> args : c.inputs()) {
            if (interp.call(c.entry(), args) instanceof Outcome.Returned r) {
                runs.add(new RunLine(0, c.entry(), args, true, r.values()));
            }
        }
        Module m = c.module();
        return new Module(m.header(), m.imports(), m.data(), m.functions(), runs, m.skipped());
    }
}
