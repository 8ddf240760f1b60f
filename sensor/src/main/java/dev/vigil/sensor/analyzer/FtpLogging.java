package dev.vigil.sensor.analyzer;

import java.util.Set;

/** Which FTP commands get an ftp.log row (Zeek's FTP::logged_commands). */
public final class FtpLogging {
    /** The default of base/protocols/ftp/main.zeek. */
    public static final Set<String> DEFAULT = Set.of("APPE", "DELE", "RETR", "STOR", "STOU", "ACCT", "PORT", "PASV",
            "EPRT", "EPSV");

    private FtpLogging() {
    }
}
