package dev.a64w.ir.interp;

import dev.a64w.ir.Signature;
import dev.a64w.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deterministic host library shared by the interpreter and the emulator's import stubs. Every
 * call is appended to {@link #trace()}. Functions:
 * <ul>
 *   <li>{@code host_mix(i64, i64) -> i64} = {@code a * 31 ^ rotl(b, 7)}</li>
 *   <li>{@code host_id(i64) -> i64} = {@code a}</li>
 *   <li>{@code host_sink(i64)} returns nothing</li>
 *   <li>{@code host_sum4(i64, i64, i64, i64) -> i64} = {@code a + 2b + 3c + 4d}</li>
 * </ul>
 * Any other name is an {@link IllegalArgumentException} naming the function.
 */
public final class StandardHost implements Host {
    private static final Map<String, Signature> SIGNATURES = new TreeMap<>(Map.of(
            "host_mix", new Signature(List.of(Type.I64, Type.I64), List.of(Type.I64)),
            "host_id", new Signature(List.of(Type.I64), List.of(Type.I64)),
            "host_sink", new Signature(List.of(Type.I64), List.of()),
            "host_sum4", new Signature(List.of(Type.I64, Type.I64, Type.I64, Type.I64), List.of(Type.I64))));

    private final List<HostCall> trace = new ArrayList<>();

    /** Name to signature of every function this host implements, sorted by name. */
    public static Map<String, Signature> signatures() {
        return java.util.Collections.unmodifiableMap(SIGNATURES);
    }

    @Override
    public List<Long> call(String name, List<Long> args) {
        Signature sig = SIGNATURES.get(name);
        if (sig == null) throw new IllegalArgumentException("host: unknown function %" + name + " (known: " + SIGNATURES.keySet() + ")");
        if (args.size() != sig.params().size()) {
            throw new IllegalArgumentException("host: %" + name + " takes " + sig.params().size() + " arguments, got " + args.size());
        }
        trace.add(new HostCall(name, args));
        return switch (name) {
            case "host_mix" -> List.of(args.get(0) * 31 ^ Long.rotateLeft(args.get(1), 7));
            case "host_id" -> List.of(args.get(0));
            case "host_sink" -> List.of();
            case "host_sum4" -> List.of(args.get(0) + 2 * args.get(1) + 3 * args.get(2) + 4 * args.get(3));
            default -> throw new IllegalStateException("host: %" + name + " has a signature but no implementation");
        };
    }

    /** The calls made so far, in order. */
    public List<HostCall> trace() {
        return List.copyOf(trace);
    }
}
