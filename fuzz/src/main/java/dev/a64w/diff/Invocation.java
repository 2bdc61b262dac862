package dev.a64w.diff;

import dev.a64w.exec.Arg;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.Type;
import java.util.List;

/**
 * One call to run: a function of the module, its arguments (raw bits) and the parameter types that
 * say which register class each argument travels in (empty: all integers, x0..x7 then the stack).
 */
public record Invocation(String function, List<Long> args, List<Type> params) {
    public Invocation {
        args = List.copyOf(args);
        params = List.copyOf(params);
    }

    /** A call whose arguments are all integers. */
    public Invocation(String function, List<Long> args) {
        this(function, args, List.of());
    }

    /** A call of {@code function} of {@code module}, typed by its signature (untyped if it has none there). */
    public static Invocation of(Module module, String function, List<Long> args) {
        List<Type> params = module.function(function).map(Function::signature).map(s -> s.params()).orElse(List.of());
        return new Invocation(function, args, params);
    }

    /** The module's {@code ; run:} lines as typed calls. */
    public static List<Invocation> ofRunLines(Module module) {
        return module.runs().stream().map(r -> of(module, r.function(), r.args())).toList();
    }

    /** The same call under another symbol name (a prefixed or entry-wrapped function of the same signature). */
    public Invocation named(String name) {
        return new Invocation(name, args, params);
    }

    /** The arguments by register class, as the executor places them. */
    public List<Arg> typedArgs() {
        return ValueClass.args(params, args);
    }

    @Override
    public String toString() {
        return "%" + function + args.toString().replace('[', '(').replace(']', ')');
    }
}
