package dev.a64w.backend.a64;

/** A local code label, e.g. {@code .Lf_3}; its name is unique in a module. */
public record Label(String name) implements Target {
    @Override
    public String asm() {
        return name;
    }
}
