package dev.a64w.audit;

import java.util.Optional;

/**
 * Executes one prologue or epilogue instruction on the {@link AuditCpu}, after deciding that the
 * audit may: its class must be allowed where it is ({@link InsnClass#allowedIn}), and in an object
 * no relocation may sit on it (nothing is linked). A {@code bl} calls a helper that belongs to the
 * frame (stack probe, /GS cookie): {@link CallStepper} runs it to its return.
 */
final class PrologueStepper {
    private final AuditCpu cpu;
    private final AuditTarget target;
    private final InsnNames names;
    private final CallStepper calls;

    PrologueStepper(AuditCpu cpu, AuditTarget target, InsnNames names) {
        this.cpu = cpu;
        this.target = target;
        this.names = names;
        this.calls = new CallStepper(cpu, target, names);
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
            return calls.call(offset, word, in);
        }
        String reloc = target.relocations().get(pc);
        if (reloc != null) {
            return unsupported(String.format("%s at +0x%x: has relocation %s (the audit does not link)",
                    names.name(word), offset, reloc));
        }
        Optional<String> failed = cpu.step(word);
        return failed.flatMap(why -> unsupported(String.format("%s at +0x%x: %s", names.name(word), offset, why)));
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
