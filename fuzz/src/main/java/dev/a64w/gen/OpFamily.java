package dev.a64w.gen;

/**
 * Groups of instructions the generator may use; {@link GeneratorConfig#families()} enables them.
 * Under {@link Coverage#SKELETON} only ARITH (iadd/isub/imul), BITWISE (band/bor/bxor), COMPARE
 * (icmp), CALL, DIAMOND and LOOP take effect, restricted to the skeleton's opcodes.
 */
public enum OpFamily {
    /** iconst, iadd, isub, imul, umulhi, smulhi. */
    ARITH,
    /** band, bor, bxor and the _not forms. */
    BITWISE,
    /** ishl, ushr, sshr, rotl, rotr (register amounts, any integer type). */
    SHIFT,
    /** ineg, iabs, bnot, clz, ctz, cls, popcnt, bswap, bitrev. */
    UNARY,
    /** The _imm forms of binary operations, icmp_imm. */
    IMM,
    /** icmp with all ten conditions. */
    COMPARE,
    /** select, select_spectre_guard, bitselect. */
    SELECT,
    /** uextend, sextend, ireduce, bmask, bitcast (same type). */
    CONVERT,
    /** smin, smax, umin, umax. */
    MINMAX,
    /** udiv, sdiv, urem, srem and their _imm forms (guarded per function). */
    DIVISION,
    /** uadd/sadd/usub/ssub/umul/smul_overflow, sadd/uadd_overflow_cin, ssub/usub_overflow_bin. */
    OVERFLOW,
    /** uadd_overflow_trap (operands usually narrowed so it does not trap). */
    OVERFLOW_TRAP,
    /** Stack slots: stack_load, stack_store, stack_addr + load/store. */
    STACK,
    /** Module data objects: symbol_value + load/store. */
    DATA,
    /** Direct calls to other functions of the module (a DAG). */
    CALL,
    /** Calls to the host DLL's imports. */
    IMPORT,
    /** func_addr + call_indirect. */
    CALL_INDIRECT,
    /** if/else diamonds joining with block parameters. */
    DIAMOND,
    /** Bounded loops with a counter block parameter. */
    LOOP,
    /** br_table switches. */
    BR_TABLE,
    /** Rare trap, trapz, trapnz. */
    TRAP,
    /** get_stack_pointer (result never used as data). */
    STACK_POINTER,
    /** return_call to a function with the same returns (needs {@link GeneratorConfig#returnCall()}). */
    RETURN_CALL,
    /**
     * Floats (only at {@link Coverage#FLOAT}): f32const/f64const (NaNs with payloads, signalling
     * ones, ±0, subnormals, ±Inf, huge, tiny, ordinary), sqrt..nearest, fadd..fmax, fma, fcmp with
     * every condition feeding integer code, select on floats, fcvt_* both ways (to i8..i64; trapping
     * forms guarded like division), fpromote/fdemote, bitcast both ways, float loads/stores, bursts of
     * floats kept live across calls (d8-d15), and {@link FloatAcrossCalls} bodies.
     */
    FLOAT,
    /**
     * Scalar atomics (only at {@link Coverage#FLOAT}): atomic_rmw with all 11 operations, atomic_cas,
     * atomic_load, atomic_store on i8..i64 at naturally aligned addresses inside a slot or data
     * object, and fence.
     */
    ATOMIC,
    /**
     * Big-endian plain loads and stores (the {@code big} flag), integers and floats, and big-endian
     * atomics (only at {@link Coverage#FLOAT}, and only in the modules {@link Generator} picks:
     * Cranelift's aarch64 backend lowers no big-endian access, so such a module is unsupported on its
     * leg).
     */
    BIG_ENDIAN
}
