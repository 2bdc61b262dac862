package dev.a64w.backend.a64;

/**
 * A label inside one lowered instruction sequence (a loop, a skipped trap), numbered from 0 in that
 * sequence. Emission gives each a fresh {@link Label} of the function before the sequence's first
 * instruction; the buffer never sees one.
 */
public record LocalLabel(int index) implements Target {
    public LocalLabel {
        if (index < 0) throw new IllegalArgumentException("local label " + index);
    }

    @Override
    public String asm() {
        return "local" + index;
    }
}
