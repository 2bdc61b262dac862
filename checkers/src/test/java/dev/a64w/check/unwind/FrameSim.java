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
    /** Low (d) and high halves of v0..v31. */
    final long[] lo = new long[32];
    final long[] hi = new long[32];
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
        for (int i = 0; i < 32; i++) {
            lo[i] = 0x4000_0000_0000_0000L + ((long) i << 8);
            hi[i] = 0x8000_0000_0000_0000L + ((long) i << 8);
        }
        x[30] = CALLER_RET;
        sp = CALLER_SP;
        pc = BASE + FUNC_RVA;
    }

    Context context() {
        return new Context(x, sp, pc, lo, hi, false);
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
            s.write(s.sp + off, s.lo[a]);
            s.write(s.sp + off + 8, s.lo[a + 1]);
        };
    }

    /** ldp d(a), d(a+1), [sp, #off] */
    static Consumer<FrameSim> ldpD(int a, int off) {
        return s -> {
            s.lo[a] = s.read(s.sp + off);
            s.lo[a + 1] = s.read(s.sp + off + 8);
        };
    }

    /** stp d(a), d(a+1), [sp, #-n]! */
    static Consumer<FrameSim> stpDPre(int a, int n) {
        return s -> {
            s.sp -= n;
            s.write(s.sp, s.lo[a]);
            s.write(s.sp + 8, s.lo[a + 1]);
        };
    }

    /** str d(a), [sp, #off] */
    static Consumer<FrameSim> strD(int a, int off) {
        return s -> s.write(s.sp + off, s.lo[a]);
    }

    /** str d(a), [sp, #-n]! */
    static Consumer<FrameSim> strDPre(int a, int n) {
        return s -> {
            s.sp -= n;
            s.write(s.sp, s.lo[a]);
        };
    }

    /** ldr d(a), [sp, #off] */
    static Consumer<FrameSim> ldrD(int a, int off) {
        return s -> s.lo[a] = s.read(s.sp + off);
    }

    /** ldr d(a), [sp], #n */
    static Consumer<FrameSim> ldrDPost(int a, int n) {
        return s -> {
            s.lo[a] = s.read(s.sp);
            s.sp += n;
        };
    }

    /** ldp d(a), d(a+1), [sp], #n */
    static Consumer<FrameSim> ldpDPost(int a, int n) {
        return s -> {
            s.lo[a] = s.read(s.sp);
            s.lo[a + 1] = s.read(s.sp + 8);
            s.sp += n;
        };
    }

    /** stp q(a), q(a+1), [sp, #off], or pre-indexed by n when n != 0 */
    static Consumer<FrameSim> stpQ(int a, int off, int n) {
        return s -> {
            s.sp -= n;
            for (int k = 0; k < 2; k++) {
                s.write(s.sp + off + 16L * k, s.lo[a + k]);
                s.write(s.sp + off + 16L * k + 8, s.hi[a + k]);
            }
        };
    }

    /** ldp q(a), q(a+1), [sp, #off], then sp += n (post-indexed when n != 0) */
    static Consumer<FrameSim> ldpQ(int a, int off, int n) {
        return s -> {
            for (int k = 0; k < 2; k++) {
                s.lo[a + k] = s.read(s.sp + off + 16L * k);
                s.hi[a + k] = s.read(s.sp + off + 16L * k + 8);
            }
            s.sp += n;
        };
    }

    /** str r, [sp, #-n]! */
    static Consumer<FrameSim> strPre(int r, int n) {
        return s -> {
            s.sp -= n;
            s.write(s.sp, s.x[r]);
        };
    }

    /** ldr r, [sp], #n */
    static Consumer<FrameSim> ldrPost(int r, int n) {
        return s -> {
            s.x[r] = s.read(s.sp);
            s.sp += n;
        };
    }

    /** add x29, sp, #n */
    static Consumer<FrameSim> addFp(int n) {
        return s -> s.x[29] = s.sp + n;
    }

    /** sub sp, x29, #n */
    static Consumer<FrameSim> subSpFp(int n) {
        return s -> s.sp = s.x[29] - n;
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
        return s -> s.lo[r] = v;
    }

    /**
     * A body instruction that writes x19..x28, lr and d8..d15 (so an unwind must restore them all from
     * the stack); x29 is left alone, as the unwinder requires of a body that uses a frame pointer.
     */
    static Consumer<FrameSim> clobberAll() {
        return s -> {
            for (int i = 19; i <= 30; i++) {
                if (i == 29) {
                    continue;
                }
                s.x[i] = 0xBAD0_0000_0000_0000L + i;
            }
            for (int i = 8; i <= 15; i++) {
                s.lo[i] = 0xBADD_0000_0000_0000L + i;
            }
        };
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
