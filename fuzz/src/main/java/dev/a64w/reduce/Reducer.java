package dev.a64w.reduce;

import dev.a64w.ir.Module;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.Outcome;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.ir.text.Printer;
import dev.a64w.ir.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A predicate-driven IR reducer in the manner of C-Reduce and llvm-reduce: domain-aware passes
 * (biggest wins first) are applied until none makes progress. Each pass lists its sites and is
 * tried delta-debugging style: all sites at once, then halves, quarters... down to single sites.
 *
 * <p>A candidate reaches the predicate only if it is strictly smaller by {@link Size} (so the
 * module never grows), verifies with no diagnostics, was not asked before, and (when
 * {@link ReduceOptions#interpreterFuel()} is set) still runs every run line to an end in the
 * reference interpreter. The passes keep memory accesses on their objects and never drop a store
 * the stack may be read through (see {@link Facts}), so a reduced case is not interesting merely
 * through undefined behaviour. Same input and predicate give the same output, unless the time
 * budget cuts the run short. The result is densely renumbered ({@link Renumber}) when the
 * predicate agrees.
 */
public final class Reducer {
    private final Predicate<Module> interesting;
    private final ReduceOptions options;
    private final long deadline;
    private final Set<String> asked = new HashSet<>();
    private Module current;
    private Size size;
    private int steps;
    private int calls;
    private boolean guard;
    private ReduceResult.Stop stop;

    private Reducer(Module module, Predicate<Module> interesting, ReduceOptions options) {
        this.current = module;
        this.interesting = interesting;
        this.options = options;
        this.deadline = System.nanoTime() + options.timeBudget().toNanos();
    }

    /** Reduces {@code module} while {@code stillInteresting} holds; never hands the predicate invalid IR. */
    public static ReduceResult reduce(Module module, Predicate<Module> stillInteresting, ReduceOptions options) {
        return new Reducer(module, stillInteresting, options).run();
    }

    /** The passes in the order they are tried in each round. */
    static List<Pass<?>> passes() {
        return List.of(
                ModulePasses.removeFunctions(),
                InstPasses.hollowBlocks(),
                ModulePasses.removeRunLines(),
                CfgPasses.returnEarly(),
                CfgPasses.branchToOne(),
                CfgPasses.dropUnreachable(),
                CfgPasses.mergeBlocks(),
                DeadCode.remove(),
                FoldPass.fold(),
                InstPasses.toConst(0),
                InstPasses.toOperand(0),
                InstPasses.toOperand(1),
                InstPasses.toOperand(2),
                InstPasses.callToConvertedArgument(),
                InstPasses.toConst(1),
                CfgPasses.removeBlockParams(),
                CfgPasses.paramsToIncoming(),
                TypePass.narrow(),
                ModulePasses.removeParams(),
                ModulePasses.removeReturns(),
                DeclPasses.removeUnused(),
                InstPasses.immediates("immediates-to-0", v -> 0),
                InstPasses.immediates("immediates-to-1", v -> 1),
                InstPasses.immediates("immediates-halved", v -> v / 2),
                DeclPasses.zeroData(),
                DeclPasses.shrinkSlots());
    }

    private ReduceResult run() {
        if (!Verifier.check(current).isEmpty()) return new ReduceResult(current, 0, 0, ReduceResult.Stop.INVALID_INPUT);
        guard = options.interpreterFuel() > 0 && terminates(current);
        size = Size.of(current);
        asked.add(key(current));
        calls++;
        if (!ask(current)) return new ReduceResult(current, 0, calls, ReduceResult.Stop.NOT_INTERESTING);
        List<Pass<?>> passes = passes();
        boolean progress = true;
        while (progress && stop == null) {
            progress = false;
            for (Pass<?> p : passes) {
                if (stop != null) break;
                progress |= runPass(p);
            }
        }
        if (stop == null) renumber();
        if (stop == null) stop = ReduceResult.Stop.FIXPOINT;
        return new ReduceResult(current, steps, calls, stop);
    }

    private <S> boolean runPass(Pass<S> p) {
        boolean progress = false;
        List<S> sites = p.sites().apply(current);
        int chunk = sites.size();
        while (chunk >= 1 && stop == null) {
            int i = 0;
            while (i < sites.size() && stop == null) {
                List<S> chosen = List.copyOf(sites.subList(i, Math.min(i + chunk, sites.size())));
                Module candidate;
                try {
                    candidate = p.apply().apply(current, chosen);
                } catch (RuntimeException e) {
                    report("pass " + p.name() + " failed on " + chosen + ": " + e);
                    candidate = null;
                }
                if (tryAccept(candidate, p.name())) {
                    progress = true;
                    sites = p.sites().apply(current);
                } else {
                    i += chunk;
                }
            }
            if (chunk == 1) break;
            chunk = Math.min((chunk + 1) / 2, Math.max(1, sites.size()));
        }
        return progress;
    }

    private boolean tryAccept(Module candidate, String pass) {
        if (candidate == null) return false;
        Size s = Size.of(candidate);
        if (!s.smallerThan(size)) return false;
        if (!Verifier.check(candidate).isEmpty()) return false;
        if (!asked.add(key(candidate))) return false;
        if (guard && !terminates(candidate)) return false;
        if (!budgetLeft()) return false;
        calls++;
        if (!ask(candidate)) return false;
        current = candidate;
        size = s;
        steps++;
        report(pass + ": step " + steps + ", size " + s.structure() + "/" + s.detail() + ", " + calls + " predicate calls");
        return true;
    }

    private void renumber() {
        Module dense = Renumber.dense(current);
        if (dense.equals(current) || !Verifier.check(dense).isEmpty() || !budgetLeft()) return;
        calls++;
        if (ask(dense)) current = dense;
    }

    private boolean budgetLeft() {
        if (calls >= options.maxPredicateCalls()) stop = ReduceResult.Stop.PREDICATE_BUDGET;
        else if (System.nanoTime() - deadline >= 0) stop = ReduceResult.Stop.TIME_BUDGET;
        return stop == null;
    }

    private boolean ask(Module m) {
        try {
            return interesting.test(m);
        } catch (RuntimeException e) {
            report("predicate failed: " + e);
            return false;
        }
    }

    /** True when every run line of {@code m} returns or traps in the interpreter within the fuel. */
    private boolean terminates(Module m) {
        try {
            Interpreter interp = new Interpreter(m, new StandardHost(), options.interpreterFuel());
            for (RunLine r : m.runs()) {
                if (m.function(r.function()).isPresent() && interp.call(r.function(), r.args()) instanceof Outcome.OutOfFuel) return false;
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void report(String line) {
        if (options.progress() != null) options.progress().accept(line);
    }

    private static String key(Module m) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(Printer.print(m).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
