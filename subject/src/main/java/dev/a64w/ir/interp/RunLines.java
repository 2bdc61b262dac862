package dev.a64w.ir.interp;

import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.Type;
import dev.a64w.ir.text.FloatLiterals;
import dev.a64w.ir.text.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Executes a module's {@code ; run:} lines on an interpreter, as Cranelift's run tests do: call
 * the function, compare each returned value with the expected one bitwise at the return type's
 * width (floats too: NaNs must match bit for bit, as Cranelift's {@code DataValue::bitwise_eq});
 * {@code ==} passes when all are equal, {@code !=} when any differs. Run lines naming a function
 * that is not in the module (skipped as unsupported) are not executed.
 */
public final class RunLines {
    private RunLines() {}

    /** Counts of one check. */
    public record Summary(int passed, List<String> failures, int notRun) {
        public Summary {
            failures = List.copyOf(failures);
        }
    }

    /** Failure messages, one per failing run line (empty when all pass). */
    public static List<String> check(Module m, Interpreter interp) {
        return summarize(m, interp).failures();
    }

    public static Summary summarize(Module m, Interpreter interp) {
        int passed = 0, notRun = 0;
        List<String> failures = new ArrayList<>();
        for (RunLine r : m.runs()) {
            Optional<Function> f = m.function(r.function());
            if (f.isEmpty()) {
                notRun++;
                continue;
            }
            String failure = checkOne(f.get(), r, interp);
            if (failure == null) passed++;
            else failures.add("line " + r.line() + ": " + Printer.run(r, f.get().signature()).substring(7) + ": " + failure);
        }
        return new Summary(passed, failures, notRun);
    }

    private static String checkOne(Function f, RunLine r, Interpreter interp) {
        List<Type> params = f.signature().params(), returns = f.signature().returns();
        if (r.args().size() != params.size()) return "expected " + params.size() + " arguments, the line gives " + r.args().size();
        if (r.expected().size() != returns.size()) return "function returns " + returns.size() + " values, the line expects " + r.expected().size();
        Outcome out;
        try {
            out = interp.call(f.name(), r.args());
        } catch (InterpreterException | IllegalArgumentException e) {
            return "cannot run: " + e.getMessage();
        }
        return switch (out) {
            case Outcome.Trapped t -> "trapped " + t.code();
            case Outcome.OutOfFuel o -> "out of fuel";
            case Outcome.Returned ret -> {
                boolean allEqual = true;
                for (int k = 0; k < returns.size(); k++) {
                    Type t = returns.get(k);
                    if (t.zext(ret.values().get(k)) != t.zext(r.expected().get(k))) allEqual = false;
                }
                List<String> got = new ArrayList<>();
                for (int k = 0; k < returns.size(); k++) got.add(FloatLiterals.value(ret.values().get(k), returns.get(k)));
                yield allEqual == r.equal() ? null : "returned " + got;
            }
        };
    }
}
