package dev.vigil.index.extract;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Zeek logs as sourcetypes {@code zeek_<path>}: JSON lines (every key verbatim, {@code id.orig_h}…) and
 * TSV lines. A TSV line means nothing without its {@code #fields} header: {@link ZeekTsvReader} reads
 * whole files; a lone TSV line is read with the default columns of Zeek's standard logs.
 */
final class Zeek {
    private static final Pattern PATH = Pattern.compile("\"_path\"\\s*:\\s*\"([A-Za-z0-9_]+)\"");
    private static final String ID = "ts uid id.orig_h id.orig_p id.resp_h id.resp_p ";
    /** Columns of Zeek's standard logs (Zeek 7/8 defaults, as in the corpus baselines). */
    static final Map<String, String[]> DEFAULT_COLUMNS = Map.of(
            "conn", (ID + "proto service duration orig_bytes resp_bytes conn_state local_orig local_resp missed_bytes "
                    + "history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes tunnel_parents ip_proto").split(" "),
            "http", (ID + "trans_depth method host uri referrer version user_agent origin request_body_len "
                    + "response_body_len status_code status_msg info_code info_msg tags username password proxied "
                    + "orig_fuids orig_filenames orig_mime_types resp_fuids resp_filenames resp_mime_types").split(" "),
            "dns", (ID + "proto trans_id rtt query qclass qclass_name qtype qtype_name rcode rcode_name AA TC RD RA Z "
                    + "answers TTLs rejected opcode opcode_name").split(" "),
            "ssl", (ID + "version cipher curve server_name resumed last_alert next_protocol established ssl_history "
                    + "cert_chain_fps client_cert_chain_fps sni_matches_cert").split(" "),
            "ftp", (ID + "user password command arg mime_type file_size reply_code reply_msg data_channel.passive "
                    + "data_channel.orig_h data_channel.resp_h data_channel.resp_p fuid").split(" "),
            "smtp", (ID + "trans_depth helo mailfrom rcptto date from to cc reply_to msg_id in_reply_to subject "
                    + "x_originating_ip first_received second_received last_reply path user_agent tls fuids").split(" "),
            "files", ("ts fuid uid id.orig_h id.orig_p id.resp_h id.resp_p source depth analyzers mime_type filename "
                    + "duration local_orig is_orig seen_bytes total_bytes missing_bytes overflow_bytes timedout "
                    + "parent_fuid md5 sha1 sha256 extracted extracted_cutoff extracted_size").split(" "),
            "x509", ("ts fingerprint certificate.version certificate.serial certificate.subject certificate.issuer "
                    + "certificate.not_valid_before certificate.not_valid_after certificate.key_alg certificate.sig_alg "
                    + "certificate.key_type certificate.key_length certificate.exponent certificate.curve san.dns "
                    + "san.uri san.email san.ip basic_constraints.ca basic_constraints.path_len host_cert "
                    + "client_cert").split(" "));

    private Zeek() {
    }

    static boolean isZeekJson(String s) {
        return s.contains("\"ts\":") && (s.contains("\"uid\":") || s.contains("\"_path\":") || s.contains("\"fuid\":"));
    }

    /** zeek_&lt;_path&gt; from the JSON, else from a source file name like {@code conn.log}, else zeek. */
    static String sourcetypeOfJson(String s, String source) {
        Matcher m = PATH.matcher(s);
        if (m.find()) {
            return Sourcetypes.ZEEK_PREFIX + m.group(1);
        }
        String p = pathOfFile(source);
        return p == null ? Sourcetypes.JSON : Sourcetypes.ZEEK_PREFIX + p;
    }

    /** The log path of a Zeek file name ({@code /x/conn.log}, {@code conn.00:00:00-01:00:00.log.gz}), or null. */
    static String pathOfFile(String source) {
        if (source == null || source.isEmpty()) {
            return null;
        }
        String name = source.substring(source.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        if (dot <= 0 || !name.contains(".log")) {
            return null;
        }
        return name.substring(0, dot);
    }

    static Instant json(String s, Map<String, Object> f) {
        Json.flatten(s, f);
        Object ts = f.get("ts");
        return ts instanceof String t ? Times.any(t) : null;
    }

    /** A lone TSV line of a standard log, read with that log's default columns. */
    static Instant tsv(String path, String line, Map<String, Object> f) {
        String[] cols = DEFAULT_COLUMNS.get(path);
        if (cols == null) {
            return null;
        }
        ZeekTsvReader.Header h = ZeekTsvReader.Header.defaults(path, cols);
        return h.row(line, f);
    }
}
