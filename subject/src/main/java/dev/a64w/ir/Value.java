package dev.a64w.ir;

/** An SSA value {@code vN}. Its type is fixed by its definition (see {@link Function#typeOf}). */
public record Value(int id) implements Comparable<Value> {
    public Value {
        if (id < 0) throw new IllegalArgumentException("value id < 0: " + id);
    }

    @Override
    public int compareTo(Value o) {
        return Integer.compare(id, o.id);
    }

    @Override
    public String toString() {
        return "v" + id;
    }
}
