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
                AuditCommand.class, BenchCommand.class, TriageCommand.class, FileIssuesCommand.class, GenCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int execute(String... args) {
        return execute(CommandLine.defaultFactory(), args);
    }

    /** Runs the CLI with commands made by {@code factory} (tests give a command its environment). */
    static int execute(CommandLine.IFactory factory, String... args) {
        CommandLine cl = new CommandLine(new Main(), factory);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof InputException) {
                cmd.getErr().println(e.getMessage());
                return 2;
            }
            cmd.getErr().println("a64w: internal error: " + oneLine(e.toString()));
            return 3;
        });
        // bad usage (unknown option, bad option value, missing parameter): one line, not the usage text
        cl.setParameterExceptionHandler((e, as) -> {
            CommandLine cmd = e.getCommandLine();
            String name = cmd == cl ? "a64w" : "a64w " + cmd.getCommandName();
            cmd.getErr().println(name + ": " + oneLine(e.getMessage()) + " (see '" + name + " --help')");
            return 2;
        });
        try {
            return cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // a harness bug (bad input is held to InputLimits before it gets this far): still one line
            System.err.println("a64w: internal error: " + e);
            return 3;
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
