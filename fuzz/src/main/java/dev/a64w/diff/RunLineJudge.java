package dev.a64w.diff;

import dev.a64w.exec.Arg;
import dev.a64w.exec.ExecResult;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.Signature;
import dev.a64w.ir.Type;
import dev.a64w.ir.text.FloatLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The one judge of {@code ; run:} lines, for every leg that runs them on the emulated CPU (the
 * subject's {@link RuntestRunner}, Cranelift's {@link CraneliftRuntestRunner}): how a run line's
 * arguments are passed and whether what the call did is what the line expects. Results are compared
 * at the width of the function's return types, bitwise (Cranelift's runner compares with
 * {@code DataValue::bitwise_eq}, so a float result equals the expected value only bit for bit), each
 * read from the register of its class ({@link ValueClass}: integers from x0.., floats from v0..).
 */
public final class RunLineJudge {
    /** Emulated instructions one run line may take. */
    static final long BUDGET = 50_000_000;

    private RunLineJudge() {}

    /**
     * The run line's arguments as the function's parameters take them: integers sign-extended in
     * x0.., floats as raw bits in v0.. ({@link ValueClass}).
     */
    static List<Arg> args(Function f, RunLine run) {
        List<Type> params = f.signature().params();
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < run.args().size(); i++) {
            Type t = i < params.size() ? params.get(i) : Type.I64;
            long v = run.args().get(i);
            values.add(switch (ValueClass.of(t)) {
                case INT -> t.sext(v);
                case FLOAT -> t.zext(v);
            });
        }
        return ValueClass.args(params, values);
    }

    /** Why {@code result} is not what {@code run} expects of {@code f}, or null when it is. */
    static String judge(Function f, RunLine run, ExecResult result) {
        return judge(f, run, result, Map.of());
    }

    /**
     * The same for code that traps with {@code udf} and a table ({@code udfTraps}: absolute address of
     * each trap site to its trap code, Cranelift's way): a {@code udf} at a listed address is that trap.
     */
    static String judge(Function f, RunLine run, ExecResult result, Map<Long, String> udfTraps) {
        if (!(result instanceof ExecResult.Returned r)) {
            return switch (result) {
                case ExecResult.Faulted x when x.udfPc().isPresent() && udfTraps.containsKey(x.udfPc().getAsLong()) ->
                        "trapped " + udfTraps.get(x.udfPc().getAsLong()) + " (trap table)";
                case ExecResult.Trapped t -> "trapped " + TrapTable.trapCode(t.brkImmediate()).orElse("brk #0x" + Integer.toHexString(t.brkImmediate()));
                case ExecResult.Faulted x -> "faulted: " + x.detail();
                case ExecResult.StackOverflow x -> "trapped stk_ovf (stack guard page touched at 0x" + Long.toHexString(x.address()) + ")";
                case ExecResult.BudgetExhausted x -> "did not finish in " + BUDGET + " instructions";
                case ExecResult.AbiViolation x -> "calling convention broken: " + x.detail();
                case ExecResult.Returned x -> throw new AssertionError();
            };
        }
        List<Type> types = f.signature().returns();
        if (types.size() != run.expected().size()) {
            return "%" + f.name() + " returns " + types.size() + " values, the run line expects " + run.expected().size();
        }
        List<Long> results = ValueClass.results(types, r);
        boolean same = true;
        List<String> got = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            Type t = types.get(i);
            long actual = results.get(i);
            got.add(ValueClass.show(t, actual));
            same &= t.zext(actual) == t.zext(run.expected().get(i));
        }
        if (same == run.equal()) return null;
        return "got " + (got.size() == 1 ? got.getFirst() : got.stream().collect(Collectors.joining(", ", "[", "]")));
    }

    /** The run line as written: {@code %f(1, 2) == 3}. */
    static String text(RunLine r) {
        return text(r, List.of(), List.of());
    }

    /** The run line as messages show it: integers in decimal, values of float type as CLIF float literals. */
    static String text(RunLine r, Module module) {
        Signature sig = module.function(r.function()).map(Function::signature).orElse(null);
        return sig == null ? text(r) : text(r, sig.params(), sig.returns());
    }

    private static String text(RunLine r, List<Type> params, List<Type> returns) {
        String args = values(r.args(), params).collect(Collectors.joining(", "));
        List<String> exp = values(r.expected(), returns).toList();
        return "%" + r.function() + "(" + args + ") " + (r.equal() ? "==" : "!=") + " "
                + (exp.size() == 1 ? exp.getFirst() : "[" + String.join(", ", exp) + "]");
    }

    private static Stream<String> values(List<Long> values, List<Type> types) {
        return IntStream.range(0, values.size()).mapToObj(k -> k < types.size() && types.get(k).isFloat()
                ? FloatLiterals.format(values.get(k), types.get(k)) : String.valueOf(values.get(k)));
    }
}
