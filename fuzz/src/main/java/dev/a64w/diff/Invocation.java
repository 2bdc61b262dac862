package dev.a64w.diff;

import java.util.List;

/** One call to run: a function of the module and its arguments. */
public record Invocation(String function, List<Long> args) {
    public Invocation {
        args = List.copyOf(args);
    }

    /**
     * The invocation a line of the Run check starts with ({@code %f0(1, -2): interpreter ...}, as
     * {@link #toString} writes it), or null when the line does not start with one.
     */
    public static Invocation parseLinePrefix(String line) {
        if (!line.startsWith("%")) return null;
        int open = line.indexOf('('), close = line.indexOf(')');
        if (open < 0 || close < open || !line.startsWith(": ", close + 1)) return null;
        java.util.List<Long> args = new java.util.ArrayList<>();
        String inner = line.substring(open + 1, close).trim();
        try {
            if (!inner.isEmpty()) for (String a : inner.split(",")) args.add(Long.parseLong(a.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
        return new Invocation(line.substring(1, open), args);
    }

    @Override
    public String toString() {
        return "%" + function + args.toString().replace('[', '(').replace(']', ')');
    }
}
