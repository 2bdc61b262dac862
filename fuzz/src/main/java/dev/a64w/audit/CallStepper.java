package dev.a64w.audit;

import java.util.Optional;

/**
 * A {@code bl} inside a prologue or epilogue: the call of a helper that is part of the frame — a
 * stack probe ({@code __chkstk}, described by {@code nop} codes), MSVC's {@code /GS}
 * {@code __security_push_cookie} (an allocation of 16 bytes: it moves SP) or
 * {@code __security_pop_cookie} (the matching deallocation in an epilogue). Rather than modelling
 * each helper, the audit runs the callee that is there:
 * <ul>
 *   <li>in the image: LR = the instruction after the {@code bl}, then the callee is executed in
 *       place, any instruction the emulator executes, without unwind checks, until pc comes back to
 *       that instruction — at most {@link #BOUND} instructions. Its effect on SP and the registers is
 *       what the real helper does. It must not write x18 or touch the TEB beyond NT_TIB's stack
 *       bounds ({@link EntryState#TEB}), leave the image, fault or store outside the stack;</li>
 *   <li>outside the image — a relocated {@code bl} in an object, or the import thunk
 *       ({@code adrp xN; ldr xN, [xN, #off]; br xN}) of an import — only {@code __chkstk} is known,
 *       and done as Windows' stack probe behaves: the size in x15 (16-byte units), the pages from SP
 *       down to SP − 16·x15 touched, only x16 and x17 changed (Raymond Chen, "Windows stack limit
 *       checking retrospective"; LLVM compiler-rt {@code chkstk.S} for AArch64 clobbers exactly x16,
 *       x17 and the flags); x16 and x17 get {@link EntryState#clobber} values. Any other callee
 *       there is {@code unsupported}.</li>
 * </ul>
 */
final class CallStepper {
    /** Instructions a helper may run before it must have returned. */
    static final int BOUND = 20_000;
    static final String CHKSTK = "__chkstk";

    private final AuditCpu cpu;
    private final AuditTarget target;
    private final InsnNames names;

    CallStepper(AuditCpu cpu, AuditTarget target, InsnNames names) {
        this.cpu = cpu;
        this.target = target;
        this.names = names;
    }

    /** Does the {@code bl} at pc ({@code word}, at {@code offset} in the function); empty if it returned. */
    Optional<Verdict> call(long offset, int word, String in) {
        long pc = cpu.pc();
        String what = String.format("%s at +0x%x in %s", names.name(word), offset, in);
        String symbol = target.externals().get(pc);
        if (symbol != null) {
            return symbol.equals(CHKSTK) ? chkstk(pc, what)
                    : unsupported(String.format("%s: calls %s, outside the %s (the audit does not link)", what, symbol,
                            target.kind()));
        }
        long callee = pc + 4L * ((long) word << 38 >> 38);
        Optional<String> imported = importThunk(callee);
        if (imported.isPresent()) {
            String name = imported.get();
            return name.endsWith("!" + CHKSTK) ? chkstk(pc, what)
                    : unsupported(String.format("%s: calls the import %s, outside the image", what, name));
        }
        return run(pc, callee, what);
    }

    private Optional<Verdict> run(long pc, long callee, String what) {
        String helper = String.format("%s: the callee 0x%x", what, callee);
        long back = pc + 4;
        cpu.setX(30, back);
        cpu.setPc(callee);
        for (int i = 0; ; i++) {
            long at = cpu.pc();
            if (at == back && i > 0) {
                return Optional.empty();
            }
            if (i == BOUND) {
                return unsupported(String.format("%s has not returned after %d instructions", helper, BOUND));
            }
            if (!target.contains(at)) {
                return unsupported(String.format("%s jumps to 0x%x, outside the %s", helper, at, target.kind()));
            }
            Optional<String> failed = cpu.stepInPlace();
            if (failed.isPresent()) {
                String insn = cpu.fetch(at).map(names::name).orElse("?");
                return unsupported(String.format("%s stops at 0x%x (%s): %s", helper, at, insn, failed.get()));
            }
            if (cpu.x(18) != EntryState.TEB) {
                return unsupported(String.format("%s writes x18 (the TEB pointer) at 0x%x", helper, at));
            }
        }
    }

    /** The import an import thunk at {@code address} jumps to: {@code adrp xN, P; ldr xN, [xN, #off]; br xN}. */
    private Optional<String> importThunk(long address) {
        Optional<Integer> a = cpu.fetch(address);
        Optional<Integer> l = cpu.fetch(address + 4);
        Optional<Integer> b = cpu.fetch(address + 8);
        if (a.isEmpty() || l.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        int adrp = a.get();
        int ldr = l.get();
        int br = b.get();
        int n = adrp & 31;
        boolean shape = (adrp & 0x9F00_0000) == 0x9000_0000 // ADRP
                && (ldr & 0xFFC0_0000) == 0xF940_0000 && (ldr & 31) == n && ((ldr >>> 5) & 31) == n // LDR Xn, [Xn, #imm]
                && (br & 0xFFFF_FC1F) == 0xD61F_0000 && ((br >>> 5) & 31) == n; // BR Xn
        if (!shape) {
            return Optional.empty();
        }
        long immhi = (long) (adrp << 8 >> 13); // bits 23:5, sign-extended
        long page = (address & -0x1000L) + ((immhi << 2 | ((adrp >>> 29) & 3)) << 12);
        long slot = page + 8L * ((ldr >>> 10) & 0xFFF);
        return Optional.ofNullable(target.externals().get(slot));
    }

    private Optional<Verdict> chkstk(long pc, String what) {
        long units = cpu.x(15);
        long sp = cpu.sp();
        long room = sp - EntryState.STACK_BOTTOM;
        if (units < 0 || units > (room >>> 4)) {
            return unsupported(String.format("%s: stack probe of x15 = 0x%x units (16 bytes each) below sp 0x%x"
                    + " leaves the audit stack (0x%x bytes); not a __chkstk call?", what, units, sp, EntryState.STACK_SIZE));
        }
        cpu.ensureFilled(sp - 16 * units);
        cpu.setX(16, EntryState.clobber(16));
        cpu.setX(17, EntryState.clobber(17));
        cpu.setX(30, pc + 4);
        cpu.setPc(pc + 4);
        return Optional.empty();
    }

    private static Optional<Verdict> unsupported(String reason) {
        return Optional.of(new Verdict.Unsupported(reason));
    }
}
