package dev.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command: one entry point for the server, the sensor, the agent and the tools. */
@Command(name = "vigil",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Vigil: NTP server, rsyslog-compatible collector, SPL search, Zeek-compatible sensor, host agent.",
        subcommands = {
                CommandLine.HelpCommand.class,
                ServerCommand.class,
                ParseCommand.class,
                NtpCommand.class,
                SensorCommand.class,
                SearchCommand.class,
                ImportCommand.class,
                AgentCommand.class,
                LastCommand.class, LastbCommand.class, LastlogCommand.class, LastcommCommand.class,
        })
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** Builds the command line with Vigil's conventions: exit 2 for usage errors, 1 for runtime failures. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("vigil: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
