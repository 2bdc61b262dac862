package dev.a64w.diff;

import dev.a64w.check.unwind.Context;
import dev.a64w.check.unwind.MalformedUnwindException;
import dev.a64w.check.unwind.Memory;
import dev.a64w.exec.MemoryView;
import dev.a64w.exec.PeImage;
import dev.a64w.exec.RegisterFile;
import dev.a64w.exec.StepObserver;
import dev.a64w.util.Bytes;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.Optional;

/**
 * The unwind check's step observer: before every instruction of the image it virtually unwinds one
 * frame with the image's unwind data and compares the result with a shadow call stack that holds,
 * per active call, the caller's state at the moment of the call: SP, the return address (LR at
 * entry), x19-x29 and d8-d15.
 *
 * <p>A frame is pushed at the first instruction of an invocation and at the target of every
 * {@code bl}/{@code blr} executed in the image when the next instruction seen is that target (a call
 * that leaves the image, to an import stub, is not entered: its callee is not checked). A frame is
 * popped when pc reaches its return address with SP back at its entry value. Tail calls need no
 * frame: the callee then unwinds to the same caller. Import thunks the linker adds are entered
 * like functions; without {@code .pdata} they unwind as leaves, which they are.
 *
 * <p>Mutable: one instance per check, {@link #startInvocation()} before each call. The first
 * mismatch is kept and ends the call by throwing (the executor turns that into a fault).
 */
final class UnwindObserver implements StepObserver {
    private static final long BL_MASK = 0xfc00_0000L;
    private static final long BL = 0x9400_0000L;
    private static final long BLR_MASK = 0xffff_fc1fL;
    private static final long BLR = 0xd63f_0000L;

    /** The caller's state at a call: what unwinding the callee must recover. */
    private static final class Frame {
        final long entry;
        final long sp;
        final long returnAddress;
        final long[] x;
        final long[] d;

        Frame(long entry, long sp, long[] x, long[] d) {
            this.entry = entry;
            this.sp = sp;
            this.returnAddress = x[30];
            this.x = x.clone();
            this.d = d.clone();
        }
    }

    /** Thrown to stop the emulator at the first mismatch. */
    private static final class Stop extends RuntimeException {
        Stop(String message) {
            super(message, null, false, false);
        }
    }

    private final UnwindFunctions functions;
    private final long imageBase;
    private final Bytes image;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final boolean dedupe;
    private final BitSet seen = new BitSet();
    private boolean first;
    private boolean callPending;
    private long callTarget;
    private long stepped;
    private long checked;
    private long checkedThisCall;
    private String mismatch;
    private String mismatchLine;

    /** {@code dedupe}: check each pc at its first visit only (the shadow stack is still kept at every instruction). */
    UnwindObserver(PeImage image, UnwindFunctions functions, boolean dedupe) {
        this.functions = functions;
        this.dedupe = dedupe;
        this.imageBase = image.imageBase();
        this.image = image.mapped();
    }

    void startInvocation() {
        stack.clear();
        first = true;
        callPending = false;
        checkedThisCall = 0;
    }

    /** The first mismatch's detail ({@code %f+0x1c: sp 0x.. expected 0x..}). */
    Optional<String> mismatch() {
        return Optional.ofNullable(mismatch);
    }

    /** Every register that differed at the first mismatch, with the unwound and expected values. */
    Optional<String> mismatchLine() {
        return Optional.ofNullable(mismatchLine);
    }

    /** Instruction boundaries checked. */
    long checked() {
        return checked;
    }

    /** Instructions executed in the image (what the budget counts). */
    long stepped() {
        return stepped;
    }

    long checkedThisCall() {
        return checkedThisCall;
    }

    @Override
    public void before(long pc, RegisterFile regs, MemoryView mem) {
        if (mismatch != null) {
            throw new Stop(mismatch);
        }
        stepped++;
        if (dedupe) {
            beforeOnce(pc, regs, mem);
            return;
        }
        long sp = regs.sp();
        long[] x = new long[31];
        for (int n = 19; n <= 30; n++) {
            x[n] = regs.x(n);
        }
        long[] d = new long[8];
        for (int n = 8; n <= 15; n++) {
            d[n - 8] = regs.d(n);
        }
        Frame top = stack.peek();
        if (top != null && pc == top.returnAddress && sp == top.sp) {
            stack.pop();
        }
        if (first || (callPending && pc == callTarget)) {
            stack.push(new Frame(pc, sp, x, d));
        }
        first = false;
        noteCall(pc, regs);
        top = stack.peek();
        if (top == null) {
            return;
        }
        checked++;
        checkedThisCall++;
        check(pc, top, new Context(x, sp, pc, d), mem);
    }

    /**
     * The same with each pc checked at its first visit only: the shadow stack is kept at every
     * instruction, but registers are read only where a frame is pushed, a return is possible (pc at
     * the top frame's return address) or pc is new.
     */
    private void beforeOnce(long pc, RegisterFile regs, MemoryView mem) {
        Frame top = stack.peek();
        if (top != null && pc == top.returnAddress && regs.sp() == top.sp) {
            stack.pop();
        }
        boolean push = first || (callPending && pc == callTarget);
        long index = (pc - imageBase) >>> 2;
        boolean fresh = index < Integer.MAX_VALUE && !seen.get((int) index);
        first = false;
        if (push || fresh) {
            long sp = regs.sp();
            long[] x = new long[31];
            for (int n = 19; n <= 30; n++) {
                x[n] = regs.x(n);
            }
            long[] d = new long[8];
            for (int n = 8; n <= 15; n++) {
                d[n - 8] = regs.d(n);
            }
            if (push) {
                stack.push(new Frame(pc, sp, x, d));
            }
            top = stack.peek();
            if (fresh && top != null) {
                seen.set((int) index);
                checked++;
                checkedThisCall++;
                noteCall(pc, regs);
                check(pc, top, new Context(x, sp, pc, d), mem);
                return;
            }
        }
        noteCall(pc, regs);
    }

    /** If the instruction at pc is a {@code bl}/{@code blr}, remembers where it goes. */
    private void noteCall(long pc, RegisterFile regs) {
        callPending = false;
        long off = pc - imageBase;
        if (off < 0 || off > image.size() - 4) {
            return;
        }
        long word = image.u32((int) off);
        if ((word & BL_MASK) == BL) {
            long imm26 = (word << 38) >> 38; // sign-extend bits 25:0
            callTarget = pc + 4 * imm26;
            callPending = true;
        } else if ((word & BLR_MASK) == BLR) {
            callTarget = regs.x((int) ((word >> 5) & 31));
            callPending = true;
        }
    }

    private void check(long pc, Frame want, Context ctx, MemoryView mem) {
        Memory memory = address -> mem.read(address, 8).u64(0);
        Context got;
        try {
            got = functions.unwind(ctx, memory);
        } catch (MalformedUnwindException e) {
            fail(functions.label(pc, imageBase) + ": unwind failed: " + e.getMessage(), e.getMessage() + entered(want));
            return;
        }
        String first = firstDifference(got, want);
        if (first != null) {
            Context expected = expected(want, got);
            fail(functions.label(pc, imageBase) + ": " + first, "unwound " + got.calleeSavedDiff(expected) + entered(want));
        }
    }

    /** The first register that differs, in the order sp, return address, x19-x29, d8-d15; null if none. */
    private static String firstDifference(Context got, Frame want) {
        if (got.sp() != want.sp) {
            return differs("sp", got.sp(), want.sp);
        }
        if (got.pc() != want.returnAddress) {
            return differs("return address", got.pc(), want.returnAddress);
        }
        for (int n = 19; n <= 29; n++) {
            if (got.x(n) != want.x[n]) {
                return differs("x" + n, got.x(n), want.x[n]);
            }
        }
        for (int n = 8; n <= 15; n++) {
            if (got.d(n) != want.d[n - 8]) {
                return differs("d" + n, got.d(n), want.d[n - 8]);
            }
        }
        return null;
    }

    private static String differs(String reg, long got, long want) {
        return String.format("%s 0x%x expected 0x%x", reg, got, want);
    }

    /** The caller's context as the frame recorded it (x0-x18 taken from the unwound one: not compared). */
    private static Context expected(Frame want, Context got) {
        long[] x = new long[31];
        for (int n = 0; n <= 18; n++) {
            x[n] = got.x(n);
        }
        System.arraycopy(want.x, 19, x, 19, 12);
        return new Context(x, want.sp, want.returnAddress, want.d);
    }

    private String entered(Frame f) {
        return " (frame entered at " + functions.label(f.entry, imageBase) + ")";
    }

    private void fail(String detail, String line) {
        mismatch = detail;
        mismatchLine = line;
        throw new Stop(detail);
    }
}
