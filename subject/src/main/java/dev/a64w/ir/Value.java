package dev.a64w.ir;

/** An SSA value {@code vN}. Its type is fixed by its definition (see {@link Function#typeOf}). */
public record Value(int id) implements Comparable<Value> {
    /** The generated equals, spelled out: it is on the compiler's hot path, and the generated one calls through a method handle. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Value other && other.id == id;
    }

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
