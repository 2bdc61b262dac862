package dev.a64w.fuzz.coverage;

import dev.a64w.diff.Invocation;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.interp.InstObserver;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.InterpreterException;
import dev.a64w.ir.interp.Outcome;
import dev.a64w.ir.interp.StandardHost;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts, per (opcode, type) pair, how often it executed and which {@link ValueClass classes} of
 * values reached each operand position (x, y, z), plus two joint classes: x equal to y, and x MIN
 * with y minus one. The values are those the reference interpreter computes while it runs a module's
 * invocations, as the Run check does (one interpreter per module, data memory kept across
 * invocations; an invocation out of fuel ends the module, as it ends the Run check's comparison).
 * Thread-safe.
 */
public final class OperandCoverage {
    /** Operand position names. */
    static final String[] POSITIONS = {"x", "y", "z"};
    static final int CLASSES = ValueClass.values().length;
    static final int EQUAL = POSITIONS.length * CLASSES;
    static final int MIN_BY_MINUS_ONE = EQUAL + 1;
    static final int EXECUTED = EQUAL + 2;
    static final int SLOTS = EXECUTED + 1;
    /** Joint class names, as in {@link CoverageGoals}. */
    public static final String EQUAL_NAME = "equal";
    public static final String MIN_BY_MINUS_ONE_NAME = "min/-1";

    private final Map<String, long[]> counts = new TreeMap<>();
    /** Positions per pair (so a line shows only the positions the pair has). */
    private final Map<String, Integer> positions = new HashMap<>();

    /** Runs {@code invocations} of {@code module} in the interpreter ({@code fuel} per call) and counts what reached each pair. */
    public void add(Module module, List<Invocation> invocations, long fuel) {
        Map<Inst, Shape> shapes = new IdentityHashMap<>();
        Map<String, long[]> local = new HashMap<>();
        Map<String, Integer> localPositions = new HashMap<>();
        InstObserver observer = (inst, v) -> {
            Shape s = shapes.get(inst);
            if (s == null) {
                if (shapes.containsKey(inst)) return;
                s = Shape.of(inst, v);
                shapes.put(inst, s);
                if (s == null) return;
                localPositions.putIfAbsent(s.pair(), s.positions());
            }
            count(local.computeIfAbsent(s.pair(), k -> new long[SLOTS]), s, v);
        };
        Interpreter interp = new Interpreter(module, new StandardHost(), fuel, observer);
        try {
            for (Invocation inv : invocations) {
                if (interp.call(inv.function(), inv.args()) instanceof Outcome.OutOfFuel) break;
            }
        } catch (InterpreterException e) {
            // a module the interpreter cannot run counts what ran until then
        }
        synchronized (this) {
            local.forEach((pair, c) -> {
                long[] into = counts.computeIfAbsent(pair, k -> new long[SLOTS]);
                for (int i = 0; i < SLOTS; i++) into[i] += c[i];
            });
            localPositions.forEach(positions::putIfAbsent);
        }
    }

    /** The prefix of the counters {@link #counters} writes. */
    public static final String COUNTER_PREFIX = "coverage ";

    /**
     * The tally as counters that add up across cases ({@code coverage PAIR executed},
     * {@code coverage PAIR x.zero}, ..., {@code coverage PAIR equal}): a worker's part of a campaign's
     * statistics. Every class of every position the pair has is written, zero or not, so that
     * {@link #addCounters} knows the pair's positions.
     */
    public synchronized Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((pair, c) -> {
            String at = COUNTER_PREFIX + pair + " ";
            out.put(at + "executed", c[EXECUTED]);
            int n = positions.getOrDefault(pair, 0);
            for (int k = 0; k < n; k++) {
                for (ValueClass v : ValueClass.values()) out.put(at + POSITIONS[k] + "." + v.label, c[k * CLASSES + v.ordinal()]);
            }
            if (n >= 2) {
                out.put(at + EQUAL_NAME, c[EQUAL]);
                out.put(at + MIN_BY_MINUS_ONE_NAME, c[MIN_BY_MINUS_ONE]);
            }
        });
        return out;
    }

    /** Adds counters as {@link #counters} writes them; other keys are ignored. */
    public synchronized void addCounters(Map<String, Long> counters) {
        counters.forEach((key, n) -> {
            if (!key.startsWith(COUNTER_PREFIX)) return;
            int space = key.indexOf(' ', COUNTER_PREFIX.length());
            if (space < 0) return;
            String pair = key.substring(COUNTER_PREFIX.length(), space), name = key.substring(space + 1);
            long[] c = counts.computeIfAbsent(pair, k -> new long[SLOTS]);
            if (name.equals("executed")) {
                c[EXECUTED] += n;
            } else if (name.equals(EQUAL_NAME)) {
                c[EQUAL] += n;
            } else if (name.equals(MIN_BY_MINUS_ONE_NAME)) {
                c[MIN_BY_MINUS_ONE] += n;
            } else {
                int dot = name.indexOf('.');
                int k = List.of(POSITIONS).indexOf(dot < 0 ? name : name.substring(0, dot));
                if (k < 0) return;
                c[k * CLASSES + classNamed(name.substring(dot + 1)).ordinal()] += n;
                positions.merge(pair, k + 1, Math::max);
            }
        });
    }

    private static void count(long[] c, Shape s, InstObserver.Values v) {
        c[EXECUTED]++;
        int n = s.positions();
        long x = 0, y = 0;
        for (int k = 0; k < n; k++) {
            long raw = s.value(k, v);
            if (k == 0) x = raw;
            if (k == 1) y = raw;
            int bits = ValueClass.of(raw, s.types()[k]);
            if (k == 1 && s.shift() && Long.compareUnsigned(s.immediateY() ? raw : s.types()[1].zext(raw), s.width()) >= 0) {
                bits |= ValueClass.bit(ValueClass.WIDE);
            }
            for (int cls = 0; bits != 0; cls++, bits >>>= 1) {
                if ((bits & 1) != 0) c[k * CLASSES + cls]++;
            }
        }
        if (n >= 2 && s.types()[0] == s.types()[1]) {
            var t = s.types()[0];
            if (t.sext(x) == t.sext(y)) c[EQUAL]++;
            if (t.sext(x) == t.sext(1L << (t.bits() - 1)) && t.sext(y) == -1) c[MIN_BY_MINUS_ONE]++;
        }
    }

    /** How often {@code pair} executed (0 if never). */
    public synchronized long executed(String pair) {
        long[] c = counts.get(pair);
        return c == null ? 0 : c[EXECUTED];
    }

    /**
     * How often the observation {@code name} reached {@code pair}: {@code POS.CLASS} (such as
     * {@code y.negative}), {@code CLASS} for any position, {@code equal} or {@code min/-1}.
     */
    public synchronized long count(String pair, String name) {
        long[] c = counts.get(pair);
        if (c == null) return 0;
        if (name.equals(EQUAL_NAME)) return c[EQUAL];
        if (name.equals(MIN_BY_MINUS_ONE_NAME)) return c[MIN_BY_MINUS_ONE];
        int dot = name.indexOf('.');
        ValueClass cls = classNamed(dot < 0 ? name : name.substring(dot + 1));
        if (dot < 0) {
            long sum = 0;
            for (int k = 0; k < POSITIONS.length; k++) sum += c[k * CLASSES + cls.ordinal()];
            return sum;
        }
        int k = List.of(POSITIONS).indexOf(name.substring(0, dot));
        if (k < 0) throw new IllegalArgumentException("no operand position " + name.substring(0, dot) + " in " + name);
        return c[k * CLASSES + cls.ordinal()];
    }

    static ValueClass classNamed(String label) {
        for (ValueClass v : ValueClass.values()) if (v.label.equals(label)) return v;
        throw new IllegalArgumentException("no value class " + label);
    }

    /** The pairs that executed, sorted. */
    public synchronized Set<String> pairs() {
        return Set.copyOf(counts.keySet());
    }

    /**
     * One line per pair that executed, sorted: {@code stats coverage srem.i16: 1520 executed; x: zero 12,
     * one 3, ...; y: ...; equal 3, min/-1 2}; then, against {@code goals}, one
     * {@code stats coverage-missing PAIR: CLASS ...} line per pair that lacks a class that matters and a
     * summary line {@code stats coverage-goals: N of M pairs have every class that matters}.
     */
    public synchronized List<String> lines(CoverageGoals goals) {
        List<String> out = new ArrayList<>();
        counts.forEach((pair, c) -> {
            StringBuilder sb = new StringBuilder("stats coverage ").append(pair).append(": ").append(c[EXECUTED]).append(" executed");
            int n = positions.getOrDefault(pair, 0);
            for (int k = 0; k < n; k++) {
                sb.append("; ").append(POSITIONS[k]).append(':');
                String sep = " ";
                for (ValueClass v : ValueClass.values()) {
                    if (v == ValueClass.WIDE && !(k == 1 && pair.matches("(ishl|ushr|sshr|rotl|rotr).*"))) continue;
                    sb.append(sep).append(v.label).append(' ').append(c[k * CLASSES + v.ordinal()]);
                    sep = ", ";
                }
            }
            if (n >= 2) sb.append("; ").append(EQUAL_NAME).append(' ').append(c[EQUAL]).append(", ")
                    .append(MIN_BY_MINUS_ONE_NAME).append(' ').append(c[MIN_BY_MINUS_ONE]);
            out.add(sb.toString());
        });
        Map<String, List<String>> missing = goals.missing(this);
        missing.forEach((pair, what) -> out.add("stats coverage-missing " + pair + ": " + String.join(" ", what)));
        int total = goals.pairs().size();
        out.add("stats coverage-goals: " + (total - missing.size()) + " of " + total
                + " pairs have every class that matters (" + missing.size() + " miss one)");
        return out;
    }
}
