package dev.a64w.ir;

/** Operation enums for the instruction formats in {@link Inst}; each knows its CLIF spelling. */
public final class Opcodes {
    private Opcodes() {}

    /** One operand, one result. */
    public enum UnaryOp {
        INEG("ineg"), IABS("iabs"), BNOT("bnot"), CLZ("clz"), CTZ("ctz"), CLS("cls"), POPCNT("popcnt"),
        BSWAP("bswap"), BITREV("bitrev"),
        /** Result type differs from the operand type for the four below: the type suffix is printed. */
        UEXTEND("uextend"), SEXTEND("sextend"), IREDUCE("ireduce"), BMASK("bmask"),
        /** Reinterpretation of the bits as the suffix type, of the same width (int to int, int to/from float). */
        BITCAST("bitcast");

        public final String clif;

        UnaryOp(String clif) {
            this.clif = clif;
        }

        /** True when the result type is written as a suffix and may differ from the operand's. */
        public boolean changesType() {
            return this == UEXTEND || this == SEXTEND || this == IREDUCE || this == BMASK || this == BITCAST;
        }
    }

    /** Two operands of the controlling type (shift/rotate amounts may be any integer type). */
    public enum BinaryOp {
        IADD("iadd"), ISUB("isub"), IMUL("imul"), UMULHI("umulhi"), SMULHI("smulhi"),
        UDIV("udiv"), SDIV("sdiv"), UREM("urem"), SREM("srem"),
        BAND("band"), BOR("bor"), BXOR("bxor"), BAND_NOT("band_not"), BOR_NOT("bor_not"), BXOR_NOT("bxor_not"),
        ISHL("ishl"), USHR("ushr"), SSHR("sshr"), ROTL("rotl"), ROTR("rotr"),
        SMIN("smin"), SMAX("smax"), UMIN("umin"), UMAX("umax");

        public final String clif;

        BinaryOp(String clif) {
            this.clif = clif;
        }

        public boolean isShift() {
            return this == ISHL || this == USHR || this == SSHR || this == ROTL || this == ROTR;
        }

        public boolean canTrap() {
            return this == UDIV || this == SDIV || this == UREM || this == SREM;
        }
    }

    /** {@code op_imm} forms: the second operand is an immediate. */
    public enum BinaryImmOp {
        IADD_IMM("iadd_imm", BinaryOp.IADD), IMUL_IMM("imul_imm", BinaryOp.IMUL),
        UDIV_IMM("udiv_imm", BinaryOp.UDIV), SDIV_IMM("sdiv_imm", BinaryOp.SDIV),
        UREM_IMM("urem_imm", BinaryOp.UREM), SREM_IMM("srem_imm", BinaryOp.SREM),
        /** {@code irsub_imm x, c} = c - x: the only one whose operands are reversed. */
        IRSUB_IMM("irsub_imm", BinaryOp.ISUB),
        BAND_IMM("band_imm", BinaryOp.BAND), BOR_IMM("bor_imm", BinaryOp.BOR), BXOR_IMM("bxor_imm", BinaryOp.BXOR),
        ISHL_IMM("ishl_imm", BinaryOp.ISHL), USHR_IMM("ushr_imm", BinaryOp.USHR), SSHR_IMM("sshr_imm", BinaryOp.SSHR),
        ROTL_IMM("rotl_imm", BinaryOp.ROTL), ROTR_IMM("rotr_imm", BinaryOp.ROTR);

        public final String clif;
        public final BinaryOp base;

        BinaryImmOp(String clif, BinaryOp base) {
            this.clif = clif;
            this.base = base;
        }
    }

    /** Arithmetic with an overflow flag result ({@code v2, v3 = uadd_overflow v0, v1}). */
    public enum OverflowOp {
        UADD("uadd_overflow"), SADD("sadd_overflow"), USUB("usub_overflow"), SSUB("ssub_overflow"),
        UMUL("umul_overflow"), SMUL("smul_overflow");

        public final String clif;

        OverflowOp(String clif) {
            this.clif = clif;
        }
    }

    /** Three-operand selects ({@code v = op c, x, y}). */
    public enum SelectOp {
        /** x when c != 0, else y; c any integer type. */
        SELECT("select"),
        /** The value semantics of {@code select} (the guard against speculation is the backend's concern). */
        SELECT_SPECTRE_GUARD("select_spectre_guard"),
        /** Bitwise {@code (c & x) | (~c & y)}; c has the controlling type. */
        BITSELECT("bitselect");

        public final String clif;

        SelectOp(String clif) {
            this.clif = clif;
        }
    }

    /**
     * Add/subtract with a carry (borrow) input and an overflow output ({@code v, of = op x, y, c}):
     * x + y + (c != 0) or x - y - (c != 0), wrapped; {@code of} is 1 when the exact result does not
     * fit the type (signed or unsigned range). c and of are i8.
     */
    public enum CarryOp {
        SADD_CIN("sadd_overflow_cin", true, false), UADD_CIN("uadd_overflow_cin", false, false),
        SSUB_BIN("ssub_overflow_bin", true, true), USUB_BIN("usub_overflow_bin", false, true);

        public final String clif;
        public final boolean signed;
        public final boolean sub;

        CarryOp(String clif, boolean signed, boolean sub) {
            this.clif = clif;
            this.signed = signed;
            this.sub = sub;
        }
    }

    /** Loads: full width, or a narrow access extended to the result type. */
    public enum LoadOp {
        LOAD("load", 0, false), ULOAD8("uload8", 1, false), SLOAD8("sload8", 1, true),
        ULOAD16("uload16", 2, false), SLOAD16("sload16", 2, true),
        ULOAD32("uload32", 4, false), SLOAD32("sload32", 4, true);

        public final String clif;
        /** Bytes accessed; 0 means the result type's size. */
        public final int accessBytes;
        public final boolean signed;

        LoadOp(String clif, int accessBytes, boolean signed) {
            this.clif = clif;
            this.accessBytes = accessBytes;
            this.signed = signed;
        }

        public int bytes(Type resultType) {
            return accessBytes == 0 ? resultType.bytes() : accessBytes;
        }
    }

    /** Stores: full width, or the low bytes of the value. */
    public enum StoreOp {
        STORE("store", 0), ISTORE8("istore8", 1), ISTORE16("istore16", 2), ISTORE32("istore32", 4);

        public final String clif;
        /** Bytes accessed; 0 means the stored value's size. */
        public final int accessBytes;

        StoreOp(String clif, int accessBytes) {
            this.clif = clif;
            this.accessBytes = accessBytes;
        }

        public int bytes(Type valueType) {
            return accessBytes == 0 ? valueType.bytes() : accessBytes;
        }
    }

    /** Float operations with one operand of the controlling type. */
    public enum FUnaryOp {
        SQRT("sqrt"), FNEG("fneg"), FABS("fabs"), CEIL("ceil"), FLOOR("floor"), TRUNC("trunc"), NEAREST("nearest");

        public final String clif;

        FUnaryOp(String clif) {
            this.clif = clif;
        }
    }

    /** Float operations with two operands of the controlling type. */
    public enum FBinaryOp {
        FADD("fadd"), FSUB("fsub"), FMUL("fmul"), FDIV("fdiv"), FCOPYSIGN("fcopysign"), FMIN("fmin"), FMAX("fmax");

        public final String clif;

        FBinaryOp(String clif) {
            this.clif = clif;
        }
    }

    /** Conversions involving a float; the instruction's type is the result type (printed as the suffix). */
    public enum FConvOp {
        FCVT_TO_SINT("fcvt_to_sint"), FCVT_TO_UINT("fcvt_to_uint"), FCVT_TO_SINT_SAT("fcvt_to_sint_sat"),
        FCVT_TO_UINT_SAT("fcvt_to_uint_sat"), FCVT_FROM_SINT("fcvt_from_sint"), FCVT_FROM_UINT("fcvt_from_uint"),
        FPROMOTE("fpromote"), FDEMOTE("fdemote");

        public final String clif;

        FConvOp(String clif) {
            this.clif = clif;
        }

        /** True when the operand is a float (false for the two conversions from integers). */
        public boolean fromFloat() {
            return this != FCVT_FROM_SINT && this != FCVT_FROM_UINT;
        }

        /** True when the result is a float (the conversions from integers, fpromote and fdemote). */
        public boolean toFloat() {
            return !fromFloat() || this == FPROMOTE || this == FDEMOTE;
        }
    }

    /** {@code atomic_rmw} operations (Cranelift's {@code AtomicRmwOp}); the result is the old value. */
    public enum AtomicRmwOp {
        ADD("add"), SUB("sub"), AND("and"), NAND("nand"), OR("or"), XOR("xor"), XCHG("xchg"),
        UMIN("umin"), UMAX("umax"), SMIN("smin"), SMAX("smax");

        public final String clif;

        AtomicRmwOp(String clif) {
            this.clif = clif;
        }
    }
}
