package dev.a64w.audit;

import java.util.Optional;

/**
 * Executes one prologue or epilogue instruction on the {@link AuditCpu}, after deciding that the
 * audit may: its class must be allowed where it is ({@link InsnClass#allowedIn}), and in an object
 * no relocation may sit on it (nothing is linked). A {@code bl} in a prologue is not entered: it is
 * done as Windows' stack-probe helpers behave — {@code __chkstk} takes the allocation size in x15
 * (in 16-byte units), touches the pages from SP down to SP − 16·x15, and changes only x16 and x17
 * (Raymond Chen, "Windows stack limit checking retrospective", The Old New Thing: on AArch64 the
 * size is in x15 and x16, x17 are also modified; LLVM's compiler-rt {@code chkstk.S} for AArch64
 * clobbers exactly x16, x17 and the flags) — plus what {@code bl} itself does: LR = the next
 * instruction. x16 and x17 get {@link EntryState#clobber} values.
 */
final class PrologueStepper {
    private final AuditCpu cpu;
    private final AuditTarget target;
    private final InsnNames names;

    PrologueStepper(AuditCpu cpu, AuditTarget target, InsnNames names) {
        this.cpu = cpu;
        this.target = target;
        this.names = names;
    }

    /** Executes the instruction at pc; empty if done, else the unsupported verdict naming it. */
    Optional<Verdict> step(long begin, InsnClass.Sequence where) {
        long pc = cpu.pc();
        long offset = pc - begin;
        String in = where == InsnClass.Sequence.PROLOGUE ? "the prologue" : "the epilogue";
        Optional<Integer> fetched = cpu.fetch(pc);
        if (fetched.isEmpty()) {
            return unsupported(String.format("+0x%x in %s: pc 0x%x is not mapped", offset, in, pc));
        }
        int word = fetched.get();
        InsnClass c = InsnClass.of(word);
        if (!c.allowedIn(where)) {
            return unsupported(String.format("%s at +0x%x: %s in %s", names.name(word), offset, describe(c), in));
        }
        if (c == InsnClass.CALL) {
            return chkstk(pc, offset, word);
        }
        String reloc = target.relocations().get(pc);
        if (reloc != null) {
            return unsupported(String.format("%s at +0x%x: has relocation %s (the audit does not link)",
                    names.name(word), offset, reloc));
        }
        Optional<String> failed = cpu.step(word);
        return failed.flatMap(why -> unsupported(String.format("%s at +0x%x: %s", names.name(word), offset, why)));
    }

    private Optional<Verdict> chkstk(long pc, long offset, int word) {
        long units = cpu.x(15);
        long sp = cpu.sp();
        long room = sp - EntryState.STACK_BOTTOM;
        if (units < 0 || units > (room >>> 4)) {
            return unsupported(String.format("%s at +0x%x: stack probe of x15 = 0x%x units (16 bytes each) below sp 0x%x"
                    + " leaves the audit stack (0x%x bytes); not a __chkstk call?", names.name(word), offset, units, sp,
                    EntryState.STACK_SIZE));
        }
        cpu.ensureFilled(sp - 16 * units);
        cpu.setX(16, EntryState.clobber(16));
        cpu.setX(17, EntryState.clobber(17));
        cpu.setX(30, pc + 4);
        cpu.setPc(pc + 4);
        return Optional.empty();
    }

    private static String describe(InsnClass c) {
        return switch (c) {
            case CALL -> "call";
            case RETURN -> "return before the end";
            case TAIL_BRANCH, OTHER_BRANCH -> "branch";
            case SYSTEM -> "system instruction";
            case EXCEPTION -> "exception-generating instruction";
            case OTHER_MEMORY -> "load/store of a class the audit does not step";
            case OTHER -> "unallocated, SVE or SME encoding";
            case DATA, LOAD_STORE, FRAME_HINT -> "instruction";
        };
    }

    private static Optional<Verdict> unsupported(String reason) {
        return Optional.of(new Verdict.Unsupported(reason));
    }
}
