package io.prescaler.failure;

/**
 * The exit codes of every command, documented in docs/commands.md: 0 done, 1 the work failed (bad input data, the
 * cluster unreachable or refusing, some items not processed), 2 the command line itself was wrong.
 */
public final class ExitCode {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private ExitCode() {}
}
