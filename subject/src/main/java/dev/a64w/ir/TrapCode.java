package dev.a64w.ir;

/**
 * A trap code: Cranelift's built-in names or {@code userN}. {@code name} is the CLIF spelling
 * ("int_divz", "int_ovf", "heap_oob", "stk_ovf", "bad_sig", "bad_toint", "unreachable",
 * "user1"...).
 */
public record TrapCode(String name) {
    public static final TrapCode INT_DIVZ = new TrapCode("int_divz");
    public static final TrapCode INT_OVF = new TrapCode("int_ovf");
    public static final TrapCode HEAP_OOB = new TrapCode("heap_oob");
    public static final TrapCode STK_OVF = new TrapCode("stk_ovf");
    public static final TrapCode UNREACHABLE = new TrapCode("unreachable");
    public static final TrapCode BAD_TOINT = new TrapCode("bad_toint");

    public static TrapCode user(int n) {
        return new TrapCode("user" + n);
    }

    @Override
    public String toString() {
        return name;
    }
}
