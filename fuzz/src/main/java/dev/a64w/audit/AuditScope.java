package dev.a64w.audit;

/** What the audit checks of a function with unwind data. */
public enum AuditScope {
    /**
     * {@code a64w audit} on any image: the prologue and every epilogue the unwind data describes,
     * each epilogue from a body state found from the code ({@link EpilogueProbe}).
     */
    PROLOGUE_AND_EPILOGUES,
    /**
     * The static Unwind check on our own linked images: every instruction boundary of the function
     * once — the prologue, every described epilogue from the post-prologue state, the instructions
     * before each return or tail branch no epilogue covers, and the rest of the body in the
     * post-prologue state ({@link BoundarySweep}).
     */
    EVERY_BOUNDARY
}
