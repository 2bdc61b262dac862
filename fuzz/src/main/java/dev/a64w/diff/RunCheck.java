package dev.a64w.diff;

import dev.a64w.exec.ExecResult;
import dev.a64w.exec.Execution;
import dev.a64w.exec.Executor;
import dev.a64w.exec.ImportCall;
import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.Signature;
import dev.a64w.ir.Type;
import dev.a64w.ir.interp.HostCall;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.Outcome;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Run check (DESIGN.md check 7): every invocation runs in the reference interpreter and as one
 * side's code (the subject's, or LLVM's at O0 or O2) on the emulated CPU, in the same order on the same persistent state; results (truncated to their types),
 * trap codes, import-call sequences and data memory must agree, and the subject's code must keep
 * the calling convention (the executor reports SP, x18 and callee-saved violations).
 *
 * <p>Floats. A float result is compared bitwise after NaN canonicalization
 * ({@link ValueClass#comparable}): every NaN equals every NaN of the same width, whatever its sign
 * and payload, and everything else must match bit for bit, so +0 and -0 differ. AArch64 itself
 * propagates payloads (the interpreter models that), but LLVM at O2 may constant-fold an operation
 * on a NaN to another payload, which is no bug; a NaN against a number, or -0 against +0, is one.
 * Run lines ({@code ; run:}) are judged by {@link RunLineJudge} instead, exactly bitwise, as
 * Cranelift's runner does. Data memory is compared byte for byte; the generator stores only
 * canonical NaNs so that this stays noise-free.
 *
 * <p>An invocation the interpreter cannot finish within its fuel is not compared, and neither is
 * anything after it (the two states would no longer be comparable).
 *
 * <p>Stack overflow. How deep a call chain may go is the implementation's: the interpreter traps
 * {@code stk_ovf} past {@link Interpreter#MAX_DEPTH} frames or its 16 MiB stack, the emulated code
 * when it touches the guard page below its stack (Windows' {@code STATUS_STACK_OVERFLOW}, see
 * {@link dev.a64w.exec.UnicornExecutor}). So: both overflowing agree (the trap is compared, not the
 * data or import calls, since each side stopped at its own depth, nor any later invocation: Windows
 * leaves the thread with no guard page after an overflow); the interpreter overflowing where the code
 * returned or ran out of budget (it needed less stack, e.g. a tail call or a slot optimized away) is
 * not compared, and neither is anything after it; the code overflowing where the interpreter did not
 * is a mismatch, as is any other outcome (a fault, another trap) against the interpreter's overflow.
 */
public final class RunCheck {
    /** Emulated instructions allowed per unit of interpreter fuel. */
    private static final long BUDGET_PER_FUEL = 64;

    private RunCheck() {}

    /** The emulated instructions an invocation may take when the interpreter has {@code fuel} steps. */
    public static long budgetFor(long fuel) {
        return Math.max(10_000, fuel * BUDGET_PER_FUEL);
    }

    /**
     * @param interpHost the host behind {@code interp} (its trace is compared)
     * @param emuHost    the host behind {@code executor}'s import stubs
     */
    public static RunReport run(Module module, Interpreter interp, StandardHost interpHost, Executor executor,
                                List<Invocation> invocations, long fuel) {
        return run(Check.RUN, module, interp, interpHost, executor, invocations, fuel);
    }

    /** The same for the code of {@code check}'s side (the subject's, or LLVM's at O0 or O2). */
    public static RunReport run(Check check, Module module, Interpreter interp, StandardHost interpHost, Executor executor,
                                List<Invocation> invocations, long fuel) {
        return run(check, module, interp, interpHost, executor, invocations, fuel, Map.of());
    }

    /**
     * The same for code that traps with {@code udf} and a table ({@code udfTraps}: absolute address of
     * each trap site to its trap code, Cranelift's way): a {@code udf} fault at a listed address is
     * that trap; at an unlisted one it is a fault that names the table.
     */
    public static RunReport run(Check check, Module module, Interpreter interp, StandardHost interpHost, Executor executor,
                                List<Invocation> invocations, long fuel, Map<Long, String> udfTraps) {
        String side = check.side().id();
        List<String> lines = new ArrayList<>();
        int compared = 0;
        int skipped = 0;
        int traceSeen = 0;
        for (int k = 0; k < invocations.size(); k++) {
            Invocation inv = invocations.get(k);
            Function f = module.function(inv.function()).orElseThrow(
                    () -> new IllegalArgumentException("no function %" + inv.function()));
            Signature sig = f.signature();
            Outcome expected = interp.call(inv.function(), inv.args());
            if (expected instanceof Outcome.OutOfFuel) {
                skipped += invocations.size() - k;
                lines.add(inv + ": interpreter out of fuel; this and later invocations not compared");
                break;
            }
            Execution actual = executor.runTyped(inv.function(), ValueClass.args(sig.params(), inv.args()), budgetFor(fuel));
            List<HostCall> trace = interpHost.trace();
            List<HostCall> newCalls = trace.subList(traceSeen, trace.size());
            traceSeen = trace.size();
            String depth = stackDepthDiffers(side, expected, actual.result());
            if (depth != null) {
                boolean both = actual.result() instanceof ExecResult.StackOverflow;
                if (both) compared++;
                skipped += invocations.size() - k - (both ? 1 : 0);
                lines.add(inv + ": interpreter " + describe(expected) + ", " + side + " " + describe(actual.result(), udfTraps)
                        + "; " + depth);
                break;
            }
            String problem = compareOutcome(side, sig, expected, actual.result(), udfTraps);
            if (problem == null) problem = compareImports(side, newCalls, actual.imports());
            if (problem == null) problem = compareData(side, module, interp.dataMemory(), executor);
            compared++;
            lines.add(inv + ": interpreter " + describe(expected) + ", " + side + " " + describe(actual.result(), udfTraps)
                    + (problem == null ? "" : "  <-- " + problem));
            if (problem != null) {
                return new RunReport(new Verdict.Mismatch(check, inv.function() + ": " + problem), lines, compared, skipped);
            }
        }
        return new RunReport(Verdict.PASS, lines, compared, skipped);
    }

    static String compareOutcome(Signature sig, Outcome expected, ExecResult actual) {
        return compareOutcome(Side.SUBJECT.id(), sig, expected, actual, Map.of());
    }

    /**
     * When the interpreter overflowed its stack and {@code side} overflowed too, returned or ran out
     * of budget: why this invocation's state and everything after it is not compared. Else null.
     */
    static String stackDepthDiffers(String side, Outcome expected, ExecResult actual) {
        if (!(expected instanceof Outcome.Trapped t && t.code().equals(dev.a64w.ir.TrapCode.STK_OVF))) return null;
        return switch (actual) {
            case ExecResult.StackOverflow o -> "both overflowed the stack, each at its own depth: data, import calls and later invocations not compared";
            case ExecResult.Returned r -> side + " needed less stack than the interpreter's model: this and later invocations not compared";
            case ExecResult.BudgetExhausted b -> side + " needed less stack than the interpreter's model (a loop or tail calls?): this and later invocations not compared";
            case ExecResult.Trapped x -> null;
            case ExecResult.Faulted x -> null;
            case ExecResult.AbiViolation x -> null;
        };
    }

    /** The first difference between the interpreter's outcome and {@code side}'s, or null. */
    static String compareOutcome(String side, Signature sig, Outcome expected, ExecResult actual, Map<Long, String> udfTraps) {
        return switch (actual) {
            case ExecResult.AbiViolation v -> "calling convention broken: " + v.detail();
            case ExecResult.Faulted v when v.udfPc().isPresent() && !udfTraps.isEmpty() -> {
                String code = udfTraps.get(v.udfPc().getAsLong());
                if (code == null) {
                    yield "udf at pc 0x" + Long.toHexString(v.udfPc().getAsLong()) + " is not in the trap table (interpreter "
                            + describe(expected) + ")";
                }
                if (expected instanceof Outcome.Trapped e && TrapTable.canonical(e.code().name()).equals(TrapTable.canonical(code))) yield null;
                yield "trap differs: " + side + " " + code + " (trap table), interpreter " + describe(expected);
            }
            case ExecResult.Faulted v -> "faulted: " + v.detail() + " (interpreter " + describe(expected) + ")";
            case ExecResult.StackOverflow v -> expected instanceof Outcome.Trapped e && e.code().equals(dev.a64w.ir.TrapCode.STK_OVF) ? null
                    : "trap differs: " + side + " stk_ovf (" + overflow(v) + "), interpreter " + describe(expected);
            case ExecResult.BudgetExhausted v -> "instruction budget of " + v.instructionBudget()
                    + " exhausted (interpreter " + describe(expected) + ")";
            case ExecResult.Trapped t -> {
                String code = TrapTable.trapCode(t.brkImmediate()).orElse("brk#0x" + Integer.toHexString(t.brkImmediate()));
                if (expected instanceof Outcome.Trapped e && TrapTable.canonical(e.code().name()).equals(code)) yield null;
                yield "trap differs: " + side + " " + code + ", interpreter " + describe(expected);
            }
            case ExecResult.Returned r -> {
                if (!(expected instanceof Outcome.Returned e)) yield side + " returned, interpreter " + describe(expected);
                List<Long> results = ValueClass.results(sig.returns(), r);
                for (int i = 0; i < sig.returns().size(); i++) {
                    Type t = sig.returns().get(i);
                    long want = ValueClass.comparable(t, e.values().get(i));
                    long got = ValueClass.comparable(t, results.get(i));
                    if (want != got) {
                        yield "result " + i + " (" + t + ") differs: " + side + " 0x" + Long.toHexString(t.zext(results.get(i)))
                                + ", interpreter 0x" + Long.toHexString(t.zext(e.values().get(i))) + ValueShape.suffix(t, got, want);
                    }
                }
                yield null;
            }
        };
    }

    static String compareImports(String side, List<HostCall> expected, List<ImportCall> actual) {
        Map<String, Signature> sigs = StandardHost.signatures();
        int n = Math.max(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            if (i >= expected.size()) return "extra import call " + i + ": " + actual.get(i).name();
            if (i >= actual.size()) return "missing import call " + i + ": " + expected.get(i).name();
            HostCall e = expected.get(i);
            ImportCall a = actual.get(i);
            if (!e.name().equals(a.name())) return "import call " + i + " differs: " + side + " " + a.name() + ", interpreter " + e.name();
            List<Type> params = sigs.get(e.name()).params();
            for (int j = 0; j < params.size(); j++) {
                Type t = params.get(j);
                if (t.zext(e.args().get(j)) != t.zext(a.x0to7().get(j))) {
                    return "import call " + i + " (" + e.name() + ") argument " + j + " differs: " + side + " 0x"
                            + Long.toHexString(t.zext(a.x0to7().get(j))) + ", interpreter 0x" + Long.toHexString(t.zext(e.args().get(j)))
                            + ValueShape.suffix(t, a.x0to7().get(j), e.args().get(j));
                }
            }
        }
        return null;
    }

    /** Compares every data object byte by byte, except the bytes of pointer items (addresses differ). */
    static String compareData(String side, Module module, Map<String, Bytes> interpData, Executor executor) {
        for (DataObject d : module.data()) {
            Bytes want = interpData.get(d.name());
            Bytes got = executor.read(d.name(), d.size());
            if (want == null) return "interpreter has no data object %" + d.name();
            int at = 0;
            for (DataItem item : d.items()) {
                if (!(item instanceof DataItem.Addr)) {
                    for (int b = at; b < at + item.size(); b++) {
                        if (want.get(b) != got.get(b)) {
                            return "data %" + d.name() + "+0x" + Integer.toHexString(b) + " differs: " + side + " 0x"
                                    + Integer.toHexString(got.u8(b)) + ", interpreter 0x" + Integer.toHexString(want.u8(b));
                        }
                    }
                }
                at += item.size();
            }
        }
        return null;
    }

    static String describe(Outcome o) {
        return switch (o) {
            case Outcome.Returned r -> "returned " + hex(r.values());
            case Outcome.Trapped t -> "trapped " + t.code().name();
            case Outcome.OutOfFuel f -> "ran out of fuel";
        };
    }

    static String describe(ExecResult r) {
        return describe(r, Map.of());
    }

    static String describe(ExecResult r, Map<Long, String> udfTraps) {
        return switch (r) {
            case ExecResult.Faulted f when f.udfPc().isPresent() && udfTraps.containsKey(f.udfPc().getAsLong()) ->
                    "trapped udf (" + udfTraps.get(f.udfPc().getAsLong()) + " in the trap table)";
            case ExecResult.Returned v -> "returned x0=0x" + Long.toHexString(v.x0());
            case ExecResult.Trapped t -> "trapped brk #0x" + Integer.toHexString(t.brkImmediate())
                    + TrapTable.trapCode(t.brkImmediate()).map(c -> " (" + c + ")").orElse("");
            case ExecResult.Faulted f -> "faulted (" + f.detail() + ")";
            case ExecResult.StackOverflow o -> "trapped stk_ovf (" + overflow(o) + ")";
            case ExecResult.BudgetExhausted b -> "exhausted its budget";
            case ExecResult.AbiViolation v -> "broke the ABI (" + v.detail() + ")";
        };
    }

    private static String overflow(ExecResult.StackOverflow o) {
        return "stack guard page touched at 0x" + Long.toHexString(o.address()) + " by pc 0x" + Long.toHexString(o.pc());
    }

    private static String hex(List<Long> values) {
        return values.stream().map(v -> "0x" + Long.toHexString(v)).toList().toString();
    }
}
