package dev.a64w.ir;

/**
 * {@code gvN = symbol [colocated] %name[+offset]}: the address of a module-level symbol
 * (a data object or a function).
 */
public record GlobalValue(int id, String symbol, boolean colocated, long offset) {
    @Override
    public String toString() {
        return "gv" + id;
    }
}
