package dev.a64w.backend.a64;

/** A resolved PC-relative displacement in bytes (for ADRP: bytes of the page delta, a multiple of 4096). */
public record Rel(long bytes) implements Target {
    @Override
    public String asm() {
        return "#" + bytes;
    }
}
