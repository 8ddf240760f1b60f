package dev.vigil.cli;

import picocli.CommandLine.Command;

/** {@code vigil lastb}: what util-linux {@code lastb} prints for a btmp file. */
@Command(name = "lastb", mixinStandardHelpOptions = true,
        description = "Show a listing of last failed logins, as util-linux lastb(1) does.")
public class LastbCommand extends LastCommand {
    @Override
    protected boolean lastb() {
        return true;
    }

    @Override
    protected String defaultFile() {
        return "/var/log/btmp";
    }
}
