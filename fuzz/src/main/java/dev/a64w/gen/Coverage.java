package dev.a64w.gen;

/** How much of the IR the generator uses. */
public enum Coverage {
    /**
     * The walking-skeleton subset: types i32 and i64; iconst, iadd, isub, imul, band, bor, bxor,
     * icmp (all ten conditions), brif, jump with block arguments, return, call (colocated and not)
     * with up to 8 arguments.
     */
    SKELETON,
    /** Every instruction of {@code dev.a64w.ir.Inst} and {@code Terminator} on i8, i16, i32, i64. */
    INTEGER,
    /**
     * {@link #INTEGER} plus f32/f64: the {@link OpFamily#FLOAT} family, float parameters, returns,
     * block parameters, loads and stores (in most modules; some stay integer-only), and the families
     * only this level has: {@link OpFamily#ATOMIC}, {@link OpFamily#BIG_ENDIAN} (in some modules).
     */
    FLOAT
}
