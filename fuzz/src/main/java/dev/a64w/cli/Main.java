package dev.a64w.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code a64w} command line. Exit codes: 0 all good, 1 findings or failed checks, 2 bad usage
 * or unreadable or malformed input. Errors are one-line messages, never stack traces.
 */
@Command(name = "a64w", mixinStandardHelpOptions = true, version = "a64w 0.1.0",
        description = "AArch64 Windows COFF backend and its differential conformance suite.",
        subcommands = {CompileCommand.class, RunCommand.class, CheckCommand.class, FuzzCommand.class, ReduceCommand.class,
                AuditCommand.class, BenchCommand.class, GenCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof InputException) {
                cmd.getErr().println(e.getMessage());
                return 2;
            }
            cmd.getErr().println("a64w: internal error: " + e);
            return 3;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
