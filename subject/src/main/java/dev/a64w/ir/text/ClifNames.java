package dev.a64w.ir.text;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names that exist in Cranelift's CLIF but not (all) in the supported subset: a function using
 * one of them is skipped as unsupported instead of failing the file.
 */
final class ClifNames {
    private ClifNames() {}

    /** Every Cranelift opcode name we know of (current and recently removed ones). */
    static final Set<String> CRANELIFT_OPCODES = Set.of(
            "jump", "brif", "br_table", "debugtrap", "trap", "trapz", "trapnz", "return", "call", "call_indirect",
            "return_call", "return_call_indirect", "func_addr", "try_call", "try_call_indirect", "splat", "swizzle",
            "x86_pshufb", "insertlane", "extractlane", "smin", "umin", "smax", "umax", "avg_round", "uadd_sat",
            "sadd_sat", "usub_sat", "ssub_sat", "load", "store", "uload8", "sload8", "istore8", "uload16", "sload16",
            "istore16", "uload32", "sload32", "istore32", "stack_switch", "uload8x8", "sload8x8", "uload16x4",
            "sload16x4", "uload32x2", "sload32x2", "stack_load", "stack_store", "stack_addr", "dynamic_stack_load",
            "dynamic_stack_store", "dynamic_stack_addr", "global_value", "symbol_value", "tls_value",
            "get_pinned_reg", "set_pinned_reg", "get_frame_pointer", "get_stack_pointer", "get_return_address",
            "get_exception_handler_address", "iconst", "f16const", "f32const", "f64const", "f128const", "vconst",
            "shuffle", "nop", "select", "select_spectre_guard", "bitselect", "x86_blendv", "vany_true", "vall_true",
            "vhigh_bits", "icmp", "icmp_imm", "iadd", "isub", "ineg", "iabs", "imul", "umulhi", "smulhi",
            "sqmul_round_sat", "x86_pmulhrsw", "udiv", "sdiv", "urem", "srem", "iadd_imm", "imul_imm", "udiv_imm",
            "sdiv_imm", "urem_imm", "srem_imm", "irsub_imm", "sadd_overflow_cin", "uadd_overflow_cin",
            "uadd_overflow", "sadd_overflow", "usub_overflow", "ssub_overflow", "umul_overflow", "smul_overflow",
            "uadd_overflow_trap", "ssub_overflow_bin", "usub_overflow_bin", "band", "bor", "bxor", "bnot",
            "band_not", "bor_not", "bxor_not", "band_imm", "bor_imm", "bxor_imm", "rotl", "rotr", "rotl_imm",
            "rotr_imm", "ishl", "ushr", "sshr", "ishl_imm", "ushr_imm", "sshr_imm", "bitrev", "clz", "cls", "ctz",
            "bswap", "popcnt", "fcmp", "fadd", "fsub", "fmul", "fdiv", "sqrt", "fma", "fneg", "fabs", "fcopysign",
            "fmin", "fmax", "ceil", "floor", "trunc", "nearest", "bitcast", "scalar_to_vector", "bmask", "ireduce",
            "snarrow", "unarrow", "uunarrow", "swiden_low", "swiden_high", "uwiden_low", "uwiden_high",
            "iadd_pairwise", "x86_pmaddubsw", "uextend", "sextend", "fpromote", "fdemote", "fvdemote",
            "fvpromote_low", "fcvt_to_uint", "fcvt_to_sint", "fcvt_to_uint_sat", "fcvt_to_sint_sat", "x86_cvtt2dq",
            "fcvt_from_uint", "fcvt_from_sint", "isplit", "iconcat", "atomic_rmw", "atomic_cas", "atomic_load",
            "atomic_store", "fence", "extract_vector", "sequence_point", "fmin_pseudo", "fmax_pseudo",
            "widening_pairwise_dot_product_s", "iadd_cin", "iadd_cout", "iadd_carry", "isub_bin", "isub_bout",
            "isub_borrow", "iadd_ifcout", "iadd_ifcin", "iadd_ifcarry", "isub_ifbin", "isub_ifbout", "isub_ifborrow",
            "brz", "brnz", "br_icmp", "fallthrough", "fallthrough_return", "heap_addr", "heap_load", "heap_store",
            "table_addr", "bint", "breduce", "bextend", "bconst", "ifcmp", "ifcmp_imm", "ffcmp", "selectif",
            "trueif", "trueff", "copy", "spill", "fill", "regmove", "copy_special", "raw_bitcast", "vsplit",
            "vconcat", "vselect", "null", "is_null", "is_invalid", "resumable_trap", "trapif", "trapff", "brff",
            "jump_table_entry", "jump_table_base", "indirect_jump_table_br", "icmp_sp", "adjust_sp_down",
            "adjust_sp_up_imm", "adjust_sp_down_imm", "ifcmp_sp", "bitselect_imm", "x86_pmuludq", "x86_pmuldq",
            "band_not_imm", "stack_probe");

    private static final Pattern KNOWN_TYPE = Pattern.compile(
            "(i(8|16|32|64|128)|f(16|32|64|128))(x[0-9]+)?|r(32|64)|b(1|8|16|32|64|128)(x[0-9]+)?|dt[0-9]+");

    /** A Cranelift type name (scalar, vector, reference, old boolean) whether or not we support it. */
    static boolean isCraneliftType(String s) {
        return KNOWN_TYPE.matcher(s).matches();
    }

    static final Set<String> TRAP_CODES = Set.of(
            "stk_ovf", "heap_oob", "int_ovf", "int_divz", "bad_toint", "unreachable", "bad_sig", "table_oob",
            "icall_null", "heap_misaligned", "interrupt");

    private static final Pattern USER_TRAP = Pattern.compile("user[0-9]{1,5}");

    static boolean isTrapCode(String s) {
        return TRAP_CODES.contains(s) || USER_TRAP.matcher(s).matches();
    }

    static final Set<String> MEM_FLAGS = Set.of(
            "notrap", "aligned", "readonly", "little", "big", "checked", "heap", "table", "vmctx", "can_move",
            "nonnull");

    static final Set<String> CALL_CONVS = Set.of(
            "fast", "cold", "tail", "system_v", "windows_fastcall", "apple_aarch64", "probestack", "winch",
            "patchable", "preserve_all", "baldrdash_system_v", "baldrdash_windows", "wasmtime_system_v",
            "wasmtime_fastcall", "wasmtime_apple_aarch64");

    /** Attributes that may follow a parameter type; none is supported. */
    static final Set<String> PARAM_ATTRS = Set.of("uext", "sext", "vmctx", "sret", "sarg", "stack_limit", "pinned_reg");
}
