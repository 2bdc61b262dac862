package dev.a64w.ir;

import java.util.List;

/**
 * {@code ; run: %f(1, 2) == 3} or {@code ; run: %f(1) == [1, 2]} ({@code equal} false for {@code !=}).
 * {@code line} is the 1-based source line. Values are as written (the function's types truncate them).
 */
public record RunLine(int line, String function, List<Long> args, boolean equal, List<Long> expected) {
    public RunLine {
        args = List.copyOf(args);
        expected = List.copyOf(expected);
    }
}
