package dev.a64w.cranelift;

/**
 * One entry of the driver's trap table: Cranelift traps with {@code udf} and records the site
 * and its trap code in a table, instead of encoding the code in a {@code brk} immediate.
 *
 * @param function the CLIF name of the function (without {@code %})
 * @param offset   byte offset of the trapping instruction from the function's start
 * @param code     Cranelift's trap code ({@code int_divz}, {@code user1}, ...)
 */
public record TrapSite(String function, int offset, String code) {
}
