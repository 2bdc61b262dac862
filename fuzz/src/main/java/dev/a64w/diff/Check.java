package dev.a64w.diff;

/**
 * The checks of DESIGN.md, in the order {@code a64w fuzz} lists them, each with the side whose
 * code it judges. Align runs once the image is linked; the LLVM legs run after the subject's.
 */
public enum Check {
    /** The IR verifies (a generator that emits invalid IR is a harness bug). */
    VALID("valid", Side.SUBJECT),
    /** The subject's object is well-formed and every relocation fits its instruction. */
    OBJECT("object", Side.SUBJECT),
    /** Every data object and function honours its declared alignment, in the object and the image. */
    ALIGN("align", Side.SUBJECT),
    /** LLVM MC assembles the subject's listing to the same bytes, relocations and unwind meaning. */
    MC("mc", Side.SUBJECT),
    /** lld-link links the object into a DLL with no error and no warning. */
    LINK("link", Side.SUBJECT),
    /** LLVM's own code for the same IR uses the same relocation classes. */
    POLICY("policy", Side.SUBJECT),
    /** Interpreter and emulated subject code agree on results, traps, data memory and import calls. */
    RUN("run", Side.SUBJECT),
    /** The same, for LLVM's code at O0. */
    RUN_LLVM_O0("run-llvm-o0", Side.LLVM_O0),
    /** The same, for LLVM's code at O2. */
    RUN_LLVM_O2("run-llvm-o2", Side.LLVM_O2),
    /** Virtual unwinding at every instruction of the subject's code recovers the caller's state. */
    UNWIND("unwind", Side.SUBJECT),
    /** The same, on LLVM's code at O0 with LLVM's unwind data. */
    UNWIND_LLVM_O0("unwind-llvm-o0", Side.LLVM_O0),
    /** The same, on LLVM's code at O2. */
    UNWIND_LLVM_O2("unwind-llvm-o2", Side.LLVM_O2),
    /** Cranelift compiles the module (no panic, no error) to a well-formed object (the Object rules, LNK2048 included). */
    OBJECT_CRANELIFT("object-cranelift", Side.CRANELIFT),
    /** Cranelift's placement of data objects and functions honours their declared alignment. */
    ALIGN_CRANELIFT("align-cranelift", Side.CRANELIFT),
    /** lld-link links Cranelift's object with no error and no warning. */
    LINK_CRANELIFT("link-cranelift", Side.CRANELIFT),
    /** Interpreter and Cranelift's code agree (traps read through the driver's trap table). */
    RUN_CRANELIFT("run-cranelift", Side.CRANELIFT),
    /** Virtual unwinding at every instruction of Cranelift's code, with the .pdata/.xdata the driver writes. */
    UNWIND_CRANELIFT("unwind-cranelift", Side.CRANELIFT);

    private final String id;
    private final Side side;

    Check(String id, Side side) {
        this.id = id;
        this.side = side;
    }

    public String id() {
        return id;
    }

    public Side side() {
        return side;
    }
}
