package dev.a64w.ir;

/** {@code ssN = explicit_slot SIZE[, align = A]}; {@code align} is 0 when not written. */
public record StackSlot(int id, int size, int align) {
    @Override
    public String toString() {
        return "ss" + id;
    }
}
