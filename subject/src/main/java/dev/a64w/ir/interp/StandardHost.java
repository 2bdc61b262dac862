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

    /**
     * Why {@code module} cannot run against this host, or empty: an {@code ; import:} of a function
     * this host does not implement, or a declaration of an imported function whose parameter or
     * result types differ from the host's (the host would read or return other bits than the caller's).
     */
    public static java.util.Optional<String> checkImports(dev.a64w.ir.Module module) {
        for (dev.a64w.ir.Import imp : module.imports()) {
            Signature sig = SIGNATURES.get(imp.name());
            if (sig == null) {
                return java.util.Optional.of("import %" + imp.name() + " from \"" + imp.dll() + "\": not a host function (known: " + known() + ")");
            }
        }
        for (dev.a64w.ir.Function f : module.functions()) {
            for (dev.a64w.ir.FuncDecl d : f.funcs()) {
                Signature sig = module.importOf(d.name()).isPresent() ? SIGNATURES.get(d.name()) : null;
                if (sig != null && (!sig.params().equals(d.signature().params()) || !sig.returns().equals(d.signature().returns()))) {
                    return java.util.Optional.of("%" + f.name() + " " + d + ": declares host function %" + d.name() + " as "
                            + text(d.signature()) + ", the host's is " + text(sig));
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** Every host function with its signature, sorted by name: {@code host_id(i64) -> i64, ...}. */
    public static String known() {
        return String.join(", ", SIGNATURES.entrySet().stream().map(e -> e.getKey() + text(e.getValue())).toList());
    }

    private static String text(Signature s) {
        String params = "(" + String.join(", ", s.params().stream().map(Type::toString).toList()) + ")";
        return s.returns().isEmpty() ? params : params + " -> " + String.join(", ", s.returns().stream().map(Type::toString).toList());
    }

    @Override
    public List<Long> call(String name, List<Long> args) {
        Signature sig = SIGNATURES.get(name);
        if (sig == null) throw new IllegalArgumentException("host: unknown function %" + name + " (known: " + known() + ")");
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
