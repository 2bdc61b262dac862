package dev.a64w.check.unwind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A test-only model of a function executing instruction by instruction: registers, a sparse
 * 64-bit memory that faults on unwritten addresses, and the context before every instruction.
 * Instructions are given by their effect (no decoding), so the tests state the frame in the
 * same terms as the Microsoft document's prologue listings.
 */
final class FrameSim {
    final long[] x = new long[31];
    final long[] d = new long[8];
    long sp;
    long pc;
    final Map<Long, Long> mem = new HashMap<>();

    static final long BASE = 0x1_8000_0000L;
    static final long FUNC_RVA = 0x1000;
    static final long CALLER_RET = 0x1_8000_2044L;
    static final long CALLER_SP = 0x7_0000_1000L;

    /** Caller state: distinctive values in every callee-saved register. */
    FrameSim() {
        for (int i = 0; i < 31; i++) {
            x[i] = 0x1111_0000_0000_0000L + ((long) i << 8);
        }
        for (int i = 0; i < 8; i++) {
            d[i] = 0x4000_0000_0000_0000L + ((long) (i + 8) << 8);
        }
        x[30] = CALLER_RET;
        sp = CALLER_SP;
        pc = BASE + FUNC_RVA;
    }

    Context context() {
        return new Context(x, sp, pc, d);
    }

    long read(long a) {
        Long v = mem.get(a);
        if (v == null) {
            throw new IllegalStateException(String.format("unmapped read at 0x%x", a));
        }
        return v;
    }

    void write(long a, long v) {
        mem.put(a, v);
    }

    Memory memory() {
        return this::read;
    }

    /** stp ra, rb, [sp, #-n]! */
    static Consumer<FrameSim> stpPre(int ra, int rb, int n) {
        return s -> {
            s.sp -= n;
            s.write(s.sp, s.x[ra]);
            s.write(s.sp + 8, s.x[rb]);
        };
    }

    /** stp ra, rb, [sp, #off] */
    static Consumer<FrameSim> stp(int ra, int rb, int off) {
        return s -> {
            s.write(s.sp + off, s.x[ra]);
            s.write(s.sp + off + 8, s.x[rb]);
        };
    }

    /** stp d(a), d(a+1), [sp, #off] */
    static Consumer<FrameSim> stpD(int a, int off) {
        return s -> {
            s.write(s.sp + off, s.d[a - 8]);
            s.write(s.sp + off + 8, s.d[a - 7]);
        };
    }

    /** ldp d(a), d(a+1), [sp, #off] */
    static Consumer<FrameSim> ldpD(int a, int off) {
        return s -> {
            s.d[a - 8] = s.read(s.sp + off);
            s.d[a - 7] = s.read(s.sp + off + 8);
        };
    }

    /** str r, [sp, #off] */
    static Consumer<FrameSim> str(int r, int off) {
        return s -> s.write(s.sp + off, s.x[r]);
    }

    /** ldr r, [sp, #off] */
    static Consumer<FrameSim> ldr(int r, int off) {
        return s -> s.x[r] = s.read(s.sp + off);
    }

    /** ldp ra, rb, [sp], #n */
    static Consumer<FrameSim> ldpPost(int ra, int rb, int n) {
        return s -> {
            s.x[ra] = s.read(s.sp);
            s.x[rb] = s.read(s.sp + 8);
            s.sp += n;
        };
    }

    /** ldp ra, rb, [sp, #off] */
    static Consumer<FrameSim> ldp(int ra, int rb, int off) {
        return s -> {
            s.x[ra] = s.read(s.sp + off);
            s.x[rb] = s.read(s.sp + off + 8);
        };
    }

    static Consumer<FrameSim> subSp(int n) {
        return s -> s.sp -= n;
    }

    static Consumer<FrameSim> addSp(int n) {
        return s -> s.sp += n;
    }

    /** mov x29, sp */
    static Consumer<FrameSim> movFpSp() {
        return s -> s.x[29] = s.sp;
    }

    /** mov sp, x29 */
    static Consumer<FrameSim> movSpFp() {
        return s -> s.sp = s.x[29];
    }

    /** Any instruction that writes register r (a body instruction, bl clobbering lr, ...). */
    static Consumer<FrameSim> clobber(int r, long v) {
        return s -> s.x[r] = v;
    }

    static Consumer<FrameSim> clobberD(int r, long v) {
        return s -> s.d[r - 8] = v;
    }

    static Consumer<FrameSim> ret() {
        return s -> {
        };
    }

    /**
     * Runs the function and returns, for every instruction index, the context and memory snapshot
     * taken before that instruction executes.
     */
    static List<Snapshot> run(List<Consumer<FrameSim>> function) {
        FrameSim s = new FrameSim();
        List<Snapshot> out = new ArrayList<>();
        for (int i = 0; i < function.size(); i++) {
            s.pc = BASE + FUNC_RVA + 4L * i;
            Map<Long, Long> copy = new HashMap<>(s.mem);
            out.add(new Snapshot(i, s.context(), a -> {
                Long v = copy.get(a);
                if (v == null) {
                    throw new IllegalStateException(String.format("unmapped read at 0x%x", a));
                }
                return v;
            }));
            function.get(i).accept(s);
        }
        return out;
    }

    record Snapshot(int index, Context context, Memory memory) {
    }

    /** The caller context every unwind must recover: callee-saved registers as on entry, pc = return address. */
    static Context expectedCaller() {
        FrameSim s = new FrameSim();
        return s.context().withPc(CALLER_RET);
    }
}
