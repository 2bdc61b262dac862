package dev.a64w.diff;

import java.util.List;

/** One call to run: a function of the module and its arguments. */
public record Invocation(String function, List<Long> args) {
    public Invocation {
        args = List.copyOf(args);
    }

    @Override
    public String toString() {
        return "%" + function + args.toString().replace('[', '(').replace(']', ')');
    }
}
