package dev.a64w.oracle.llvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.AtomicRmwOp;
import dev.a64w.ir.Type;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.Outcome;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs LLVM's code (O0 and O2) for big-endian atomics of i16, i32 and i64 on the emulator and
 * compares with the reference interpreter. Each function stores its first argument with a plain
 * (little-endian) store into a stack slot, runs one big atomic on it and reads the slot back with a
 * plain load, as {@code corpus/filetests/run/atomics-big.clif} does, so both the logical result and
 * the bytes left in memory are compared. Narrow arguments arrive with garbage in the upper register
 * bits. Inputs: edge values plus a seeded random sample (seed printed on failure).
 *
 * <p>Positive control: the same comparison on the translation with one {@code llvm.bswap} replaced
 * by the identity finds a difference, for every bswap of every form.
 */
@Epic("oracle-llvm")
@Feature("ir-to-llvm")
class IrToLlvmAtomicSemanticsTest extends LeafCodegenTest {
    static final long SEED = 0xA64_A7L;
    static final List<Type> WIDTHS = List.of(Type.I16, Type.I32, Type.I64);

    /** One CLIF function {@code %f} of {@code arity} arguments of type {@code t}, and its inputs. */
    record Case(String what, Type t, int arity, String clif, List<long[]> inputs) {
        Module module() {
            try {
                return Parser.parse(clif);
            } catch (dev.a64w.ir.text.ParseException e) {
                throw new AssertionError(what + ": " + e.getMessage() + "\n" + clif, e);
            }
        }
    }

    static long[] edges(Type t) {
        long min = t.sext(1L << (t.bits() - 1));
        return new long[] {0, 1, 2, -1, min, min + 1, t.sext(t.mask() >>> 1), 0x80, 0x7f, 0xff, 0x100, 0xff00,
                t.sext(0x0102030405060708L), t.sext(0x8877665544332211L)};
    }

    static List<long[]> pairs(Type t) {
        List<long[]> out = new ArrayList<>();
        for (long a : edges(t)) for (long b : edges(t)) out.add(new long[] {t.sext(a), t.sext(b)});
        SplittableRandom r = new SplittableRandom(SEED + t.bits());
        for (int i = 0; i < 30; i++) out.add(new long[] {t.sext(r.nextLong()), t.sext(r.nextLong())});
        return out;
    }

    /** (memory, expected, replacement): expected is the logical (byte-reversed) memory value, the raw one, or another. */
    static List<long[]> casInputs(Type t) {
        List<long[]> out = new ArrayList<>();
        for (long[] p : pairs(t)) {
            long logical = t.sext(Long.reverseBytes(p[0]) >>> (64 - t.bits()));
            out.add(new long[] {p[0], logical, p[1]});
            out.add(new long[] {p[0], p[0], p[1]});
            out.add(new long[] {p[0], p[1], t.sext(~p[1])});
        }
        return out;
    }

    static List<long[]> singles(Type t) {
        return pairs(t).stream().map(p -> new long[] {p[0]}).toList();
    }

    static String header(String params, String rets) {
        return "function %f(" + params + ") -> " + rets + " {\n    ss0 = explicit_slot 8\n\nblock0(";
    }

    static Case rmw(AtomicRmwOp op, Type t) {
        String clif = header(t + ", " + t, t + ", " + t) + "v0: " + t + ", v1: " + t + "):\n    v2 = stack_addr.i64 ss0\n"
                + "    store v0, v2\n    v3 = atomic_rmw." + t + " big " + op.name().toLowerCase(Locale.ROOT) + " v2, v1\n"
                + "    v4 = load." + t + " v2\n    return v3, v4\n}\n";
        return new Case("atomic_rmw." + t + " big " + op, t, 2, clif, pairs(t));
    }

    static Case cas(Type t) {
        String clif = header(t + ", " + t + ", " + t, t + ", " + t) + "v0: " + t + ", v1: " + t + ", v5: " + t + "):\n"
                + "    v2 = stack_addr.i64 ss0\n    store v0, v2\n    v3 = atomic_cas." + t + " big v2, v1, v5\n"
                + "    v4 = load." + t + " v2\n    return v3, v4\n}\n";
        return new Case("atomic_cas." + t + " big", t, 3, clif, casInputs(t));
    }

    static Case load(Type t) {
        String clif = header(t.toString(), t.toString()) + "v0: " + t + "):\n    v2 = stack_addr.i64 ss0\n    store v0, v2\n"
                + "    v3 = atomic_load." + t + " big v2\n    return v3\n}\n";
        return new Case("atomic_load." + t + " big", t, 1, clif, singles(t));
    }

    static Case store(Type t) {
        String clif = header(t.toString(), t.toString()) + "v0: " + t + "):\n    v2 = stack_addr.i64 ss0\n"
                + "    atomic_store big v0, v2\n    v3 = load." + t + " v2\n    return v3\n}\n";
        return new Case("atomic_store." + t + " big", t, 1, clif, singles(t));
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (Type t : WIDTHS) {
            for (AtomicRmwOp op : AtomicRmwOp.values()) out.add(rmw(op, t));
            out.add(cas(t));
            out.add(load(t));
            out.add(store(t));
        }
        return out;
    }

    /** Every input on which LLVM's code for {@code ir} (at either level) differs from the interpreter on {@code c}. */
    List<String> mismatches(Case c, String ir) {
        Module m = c.module();
        Type t = c.t();
        int results = c.clif().contains("-> " + t + ", " + t) ? 2 : 1;
        List<String> out = new ArrayList<>();
        SplittableRandom garbage = new SplittableRandom(SEED);
        for (LlvmCodegen.OptLevel level : LlvmCodegen.OptLevel.values()) {
            McResult r = codegen.compile(ir, level);
            assertEquals(List.of(), r.errors(), c.what() + " " + level + "\n" + ir);
            long entry = runner.load(r.object());
            for (long[] in : c.inputs()) {
                long[] regs = new long[in.length];
                List<Long> args = new ArrayList<>();
                for (int i = 0; i < in.length; i++) {
                    regs[i] = t.zext(in[i]) | (t == Type.I64 ? 0 : garbage.nextLong() & ~t.mask());
                    args.add(t.sext(in[i]));
                }
                Outcome want = new Interpreter(m, new StandardHost(), 1000).call("f", args);
                if (!(want instanceof Outcome.Returned w)) throw new AssertionError(c.what() + ": interpreter " + want);
                LeafRunner.Outcome got = runner.call(entry, regs);
                String wantText = hex(t, w.values().get(0)) + (results > 1 ? " " + hex(t, w.values().get(1)) : "");
                String gotText = got instanceof LeafRunner.Outcome.Returned g
                        ? hex(t, g.x0()) + (results > 1 ? " " + hex(t, g.x1()) : "") : got.toString();
                if (!wantText.equals(gotText)) {
                    out.add(c.what() + " " + level + " " + args.stream().map(a -> hex(t, a)).toList() + ": interpreter "
                            + wantText + ", LLVM " + gotText);
                }
            }
        }
        return out;
    }

    static String hex(Type t, long v) {
        return "0x" + Long.toHexString(t.zext(v));
    }

    @Test
    void bigAtomicsOfEveryWidthAndOperationMatchTheInterpreter() {
        List<Case> all = cases();
        assertEquals(3 * (AtomicRmwOp.values().length + 3), all.size());
        for (Case c : all) {
            String ir = translator.translate(c.module());
            assertTrue(ir.contains("@llvm.bswap." + IrToLlvm.type(c.t())), c.what() + "\n" + ir);
            List<String> bad = mismatches(c, ir);
            assertEquals(List.of(), bad.subList(0, Math.min(10, bad.size())), bad.size() + " mismatches (at most 10 shown), "
                    + c.what() + ", seed 0x" + Long.toHexString(SEED) + "\n" + c.clif() + "\n" + ir);
        }
    }

    @Test
    void theCasInputsSucceedAndFail() {
        // the cas comparison above is only a proof if the inputs take both outcomes at every width
        for (Type t : WIDTHS) {
            Case c = cas(t);
            int success = 0;
            int failure = 0;
            for (long[] in : c.inputs()) {
                Outcome o = new Interpreter(c.module(), new StandardHost(), 1000).call("f", List.of(in[0], in[1], in[2]));
                long old = ((Outcome.Returned) o).values().get(0);
                if (t.zext(old) == t.zext(in[1])) success++;
                else failure++;
            }
            assertTrue(success > 100 && failure > 100, t + ": " + success + " successes, " + failure + " failures");
        }
    }

    private static final Pattern BSWAP = Pattern.compile("(%\\w+) = call (i\\d+) @llvm\\.bswap\\.i\\d+\\(i\\d+ ([^)]+)\\)");

    /** {@code ir} with its {@code k}th bswap call replaced by the identity ({@code or x, 0}), or null if it has fewer. */
    static String withoutBswap(String ir, int k) {
        Matcher mt = BSWAP.matcher(ir);
        for (int i = 0; mt.find(); i++) {
            if (i == k) {
                return ir.substring(0, mt.start()) + mt.group(1) + " = or " + mt.group(2) + " " + mt.group(3) + ", 0"
                        + ir.substring(mt.end());
            }
        }
        return null;
    }

    /**
     * Positive control: dropping any single bswap of any form (load, store, cas, a bytewise rmw, a
     * compare-exchange loop rmw) makes the comparison fail, at every width.
     */
    @Test
    void droppingAnyOneBswapIsCaught() {
        for (Type t : WIDTHS) {
            for (Case c : List.of(load(t), store(t), cas(t), rmw(AtomicRmwOp.XCHG, t), rmw(AtomicRmwOp.NAND, t),
                    rmw(AtomicRmwOp.ADD, t), rmw(AtomicRmwOp.SMIN, t))) {
                String ir = translator.translate(c.module());
                int dropped = 0;
                for (String wrong = withoutBswap(ir, 0); wrong != null; wrong = withoutBswap(ir, ++dropped)) {
                    assertFalse(wrong.equals(ir));
                    assertFalse(mismatches(c, wrong).isEmpty(), c.what() + ": bswap #" + dropped + " dropped, no difference\n"
                            + wrong);
                }
                int expected = c.what().startsWith("atomic_cas") ? 3 : c.what().startsWith("atomic_load")
                        || c.what().startsWith("atomic_store") ? 1 : 2;
                assertEquals(expected, dropped, c.what() + "\n" + ir);
            }
        }
    }
}
