package dev.a64w.diff;

/** The checks of DESIGN.md, in the order they are listed (Align runs once the image is linked). */
public enum Check {
    /** The IR verifies (a generator that emits invalid IR is a harness bug). */
    VALID("valid"),
    /** The subject's object is well-formed and every relocation fits its instruction. */
    OBJECT("object"),
    /** Every data object and function honours its declared alignment, in the object and the image. */
    ALIGN("align"),
    /** LLVM MC assembles the subject's listing to the same bytes, relocations and unwind meaning. */
    MC("mc"),
    /** lld-link links the object into a DLL with no error and no warning. */
    LINK("link"),
    /** LLVM's own code for the same IR uses the same relocation classes. */
    POLICY("policy"),
    /** Interpreter and emulated subject code agree on results, traps, data memory and import calls. */
    RUN("run"),
    /** Virtual unwinding at every instruction recovers the caller's state. */
    UNWIND("unwind");

    private final String id;

    Check(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
