package dev.vigil.sensor.analyzer;

import dev.vigil.sensor.Addresses;
import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.log.LogSchema;

import java.util.ArrayList;
import java.util.List;

/** One HTTP request/response transaction: a row of http.log (base/protocols/http/main.zeek HTTP::Info). */
final class HttpInfo {
    static final LogSchema SCHEMA = LogSchema.of("http",
            "ts", "time", "uid", "string", "id.orig_h", "addr", "id.orig_p", "port", "id.resp_h", "addr",
            "id.resp_p", "port", "trans_depth", "count", "method", "string", "host", "string", "uri", "string",
            "referrer", "string", "version", "string", "user_agent", "string", "origin", "string",
            "request_body_len", "count", "response_body_len", "count", "status_code", "count",
            "status_msg", "string", "info_code", "count", "info_msg", "string", "tags", "set[enum]",
            "username", "string", "password", "string", "proxied", "set[string]",
            "orig_fuids", "vector[string]", "orig_filenames", "vector[string]", "orig_mime_types", "vector[string]",
            "resp_fuids", "vector[string]", "resp_filenames", "vector[string]", "resp_mime_types", "vector[string]");

    double ts;
    int transDepth;
    byte[] method, host, uri, referrer, userAgent, origin, statusMsg, infoMsg, username, password;
    String version;
    long requestBodyLen, responseBodyLen;
    Integer statusCode, infoCode;
    List<String> proxied;
    final List<String> origFuids = new ArrayList<>(), origMime = new ArrayList<>(), respFuids = new ArrayList<>(),
            respMime = new ArrayList<>();
    final List<byte[]> origFilenames = new ArrayList<>(), respFilenames = new ArrayList<>();
    boolean hasOrigFilename, hasRespFilename;
    /** The request carried a Range header (its 206 replies are pieces of one file). */
    boolean rangeRequest;

    Object[] row(Conn c) {
        return new Object[] {ts, c.uid(), Addresses.format(c.origHi, c.origLo), c.origPort,
            Addresses.format(c.respHi, c.respLo), c.respPort, transDepth, method, host, uri, referrer, version,
            userAgent, origin, requestBodyLen, responseBodyLen, statusCode, statusMsg, infoCode, infoMsg,
            List.of(), username, password, proxied, vec(origFuids), hasOrigFilename ? origFilenames : null,
            vec(origMime), vec(respFuids), hasRespFilename ? respFilenames : null, vec(respMime)};
    }

    private static List<String> vec(List<String> l) {
        return l.isEmpty() ? null : l;
    }
}
