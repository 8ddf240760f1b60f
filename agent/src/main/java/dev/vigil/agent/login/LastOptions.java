package dev.vigil.agent.login;

import java.util.ArrayList;
import java.util.List;

/** The options of util-linux {@code last}/{@code lastb} that Vigil supports; fields keep last's defaults. */
public final class LastOptions {
    /** How login and logout times are printed ({@code --time-format}). */
    public enum TimeFormat { NOTIME, SHORT, FULL, ISO }

    /** Whether this is {@code lastb}: every record is a failed login, listed as it is. */
    public boolean lastb;
    /** {@code -x}: list shutdowns and run-level changes too. */
    public boolean extended;
    /** {@code -R} clears it: show the host column. */
    public boolean showHost = true;
    /** {@code -a}: host in the last column. */
    public boolean hostLast;
    /** {@code -i}: host column from ut_addr_v6 in numeric form. */
    public boolean useIp;
    /** Characters of the user name shown ({@code -w} raises it to 32). */
    public int nameLen = 8;
    /** Characters of the host shown ({@code -w} raises it to 256). */
    public int domainLen = 16;
    /** {@code -n}: stop after this many lines; 0 means all. */
    public int maxRecords;
    /** Users and ttys to show (the positional arguments); empty shows all. */
    public List<String> show = new ArrayList<>();
    /** {@code -s}: epoch seconds, 0 for none. */
    public long since;
    /** {@code -t}: epoch seconds, 0 for none. */
    public long until;
    /** {@code -p}: epoch seconds, 0 for none. */
    public long present;
    /** {@code -F} / {@code --time-format}. */
    public TimeFormat timeFormat = TimeFormat.SHORT;

    /** {@code -w}: full user and host names. */
    public LastOptions fullNames() {
        nameLen = Math.max(nameLen, 32);
        domainLen = Math.max(domainLen, 256);
        return this;
    }
}
