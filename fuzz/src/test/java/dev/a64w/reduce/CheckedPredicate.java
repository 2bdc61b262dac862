package dev.a64w.reduce;

import dev.a64w.ir.Module;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.Outcome;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.ir.text.Printer;
import dev.a64w.ir.verify.Verifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Wraps a test predicate and records every violation of what the reducer promises about the
 * candidates it hands over: each verifies, none is asked twice, none is larger than the last
 * accepted one, and (for memory safety) none traps with heap_oob or bad_sig when the original
 * did not.
 */
final class CheckedPredicate implements Predicate<Module> {
    private final Predicate<Module> inner;
    private final boolean memorySafe;
    private final Set<String> seen = new HashSet<>();
    final List<String> violations = new ArrayList<>();
    private Size accepted;
    int calls;

    CheckedPredicate(Module original, Predicate<Module> inner) {
        this.inner = inner;
        this.accepted = Size.of(original);
        this.memorySafe = !badTraps(original);
    }

    @Override
    public boolean test(Module m) {
        calls++;
        var d = Verifier.check(m);
        if (!d.isEmpty()) violations.add("call " + calls + ": invalid candidate: " + d.getFirst() + "\n" + Printer.print(m));
        if (!seen.add(Printer.print(m))) violations.add("call " + calls + ": asked twice");
        Size s = Size.of(m);
        if (s.compareTo(accepted) > 0) violations.add("call " + calls + ": candidate " + s + " larger than accepted " + accepted);
        if (memorySafe && badTraps(m)) violations.add("call " + calls + ": candidate traps heap_oob/bad_sig\n" + Printer.print(m));
        boolean ok = inner.test(m);
        if (ok) accepted = s;
        return ok;
    }

    private static boolean badTraps(Module m) {
        Interpreter interp = new Interpreter(m, new StandardHost(), ReduceFixtures.FUEL);
        for (RunLine r : m.runs()) {
            if (m.function(r.function()).isEmpty()) continue;
            if (interp.call(r.function(), r.args()) instanceof Outcome.Trapped t
                    && (t.code().name().equals("heap_oob") || t.code().name().equals("bad_sig"))) return true;
        }
        return false;
    }
}
