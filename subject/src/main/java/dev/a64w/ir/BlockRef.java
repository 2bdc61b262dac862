package dev.a64w.ir;

/** A block name {@code blockN}. */
public record BlockRef(int id) {
    @Override
    public String toString() {
        return "block" + id;
    }
}
