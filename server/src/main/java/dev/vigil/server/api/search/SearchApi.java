package dev.vigil.server.api.search;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.search.Spl;
import dev.vigil.search.command.Pipeline;
import dev.vigil.search.exec.ColumnTracker;
import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Row;
import dev.vigil.search.exec.SearchLimitException;
import dev.vigil.search.exec.SearchResult;
import dev.vigil.search.exec.Searcher;
import dev.vigil.search.output.ResultWriter;
import dev.vigil.search.parse.SplSyntaxException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The search endpoints. {@code POST /api/search} runs a query in the request and answers JSON lines (one result
 * per line, written as each result is final), JSON ({@code {"columns","rows"}}) or CSV. Search jobs:
 * {@code POST /api/search/jobs} (201, {@code sid}), {@code GET /api/search/jobs/{sid}} (state and progress),
 * {@code GET /api/search/jobs/{sid}/results}, {@code POST /api/search/jobs/{sid}/cancel} or {@code DELETE}.
 * A malformed query answers 400 with the position; a search stopped by its limits answers 422 (or, once JSON
 * lines have started, a last line {@code {"error": ...}}); too many concurrent searches answer 503.
 */
public final class SearchApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();

    private final Searcher searcher;
    private final ZoneId zone;
    private final Semaphore running;
    private final SearchJobs jobs;

    /** An API over {@code searcher}; at most {@code maxConcurrent} synchronous searches at once. */
    public SearchApi(Searcher searcher, ZoneId zone, int maxConcurrent) {
        this.searcher = searcher;
        this.zone = zone;
        this.running = new Semaphore(maxConcurrent);
        this.jobs = new SearchJobs(searcher, 2, 100, 10 * 60_000L);
    }

    /** Registers the routes on {@code app}. */
    public void mount(Javalin app) {
        app.post("/api/search", this::search);
        app.post("/api/search/jobs", this::createJob);
        app.get("/api/search/jobs/{sid}", this::jobStatus);
        app.get("/api/search/jobs/{sid}/results", this::jobResults);
        app.post("/api/search/jobs/{sid}/cancel", this::cancelJob);
        app.delete("/api/search/jobs/{sid}", this::cancelJob);
    }

    void search(Context ctx) throws IOException {
        SearchRequest req;
        Pipeline p;
        ExecContext ec = searcher.newContext();
        try {
            req = SearchRequest.from(ctx).validated();
            p = Spl.parse(req.query());
            searcher.range(p, req.earliest(), req.latest(), ec);
        } catch (SplSyntaxException e) {
            error(ctx, 400, e.getMessage(), e.position());
            return;
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage(), -1);
            return;
        }
        if (!running.tryAcquire()) {
            error(ctx, 503, "too many searches running; try again later or create a search job", -1);
            return;
        }
        try {
            if (req.format().equals("jsonl")) streamJsonLines(ctx, p, req, ec);
            else {
                SearchResult r;
                try {
                    r = searcher.search(p, req.earliest(), req.latest(), ec);
                } catch (SearchLimitException e) {
                    error(ctx, 422, e.getMessage(), -1);
                    return;
                } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                    // e.g. a lookup table that does not exist: the search's fault, not the server's
                    error(ctx, 422, e.getMessage(), -1);
                    return;
                }
                write(ctx, r, req.format());
            }
        } finally {
            running.release();
        }
    }

    private void streamJsonLines(Context ctx, Pipeline p, SearchRequest req, ExecContext ec) throws IOException {
        ctx.status(200).contentType("application/x-ndjson");
        Writer out = new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8);
        JsonGenerator g = FACTORY.createGenerator(out);
        g.setRootValueSeparator(null);
        List<String> order = new ArrayList<>();
        ColumnTracker cols = new ColumnTracker(Searcher.isEventSearch(p));
        try {
            searcher.run(p, req.earliest(), req.latest(), ec, row -> {
                try {
                    writeLine(g, out, row, cols, order);
                    return true;
                } catch (IOException e) {
                    ec.cancel(); // the client went away
                    return false;
                }
            });
        } catch (SearchLimitException e) {
            if (!ec.isCancelled()) errorLine(g, out, e.getMessage());
        } catch (RuntimeException e) {
            errorLine(g, out, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        try {
            out.flush();
        } catch (IOException ignored) {
            // client disconnected; nothing left to tell it
        }
    }

    private void writeLine(JsonGenerator g, Writer out, Row row, ColumnTracker cols, List<String> order) throws IOException {
        cols.see(row);
        g.writeStartObject();
        for (String c : cols.columns()) {
            if (!row.names().contains(c)) continue;
            g.writeFieldName(c);
            ResultWriter.jsonValue(g, c, row.get(c), zone);
        }
        g.writeEndObject();
        g.flush();
        out.write('\n');
    }

    private static void errorLine(JsonGenerator g, Writer out, String message) {
        try {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
            g.flush();
            out.write('\n');
        } catch (IOException ignored) {
            // client disconnected
        }
    }

    private void write(Context ctx, SearchResult r, String format) throws IOException {
        ctx.status(200);
        ctx.contentType(format.equals("csv") ? "text/csv; charset=utf-8" : "application/json");
        Writer out = new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8);
        if (format.equals("csv")) ResultWriter.write(r, ResultWriter.Format.CSV, zone, out);
        else ResultWriter.json(r, zone, out, true);
        out.flush();
    }

    void createJob(Context ctx) throws IOException {
        try {
            SearchJob j = jobs.create(SearchRequest.from(ctx).validated());
            ctx.status(201).contentType("application/json").result(JSON.writeValueAsString(status(j)));
        } catch (SplSyntaxException e) {
            error(ctx, 400, e.getMessage(), e.position());
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage(), -1);
        } catch (IllegalStateException e) {
            error(ctx, 503, e.getMessage(), -1);
        }
    }

    void jobStatus(Context ctx) throws IOException {
        SearchJob j = jobs.get(ctx.pathParam("sid"));
        if (j == null) {
            error(ctx, 404, "no search job " + ctx.pathParam("sid"), -1);
            return;
        }
        ctx.contentType("application/json").result(JSON.writeValueAsString(status(j)));
    }

    void jobResults(Context ctx) throws IOException {
        SearchJob j = jobs.get(ctx.pathParam("sid"));
        if (j == null) {
            error(ctx, 404, "no search job " + ctx.pathParam("sid"), -1);
            return;
        }
        if (!j.finished()) {
            error(ctx, 409, "search job " + j.sid + " is " + j.state.name().toLowerCase() + "; poll its status", -1);
            return;
        }
        if (j.result == null) {
            error(ctx, 422, "search job " + j.sid + " " + j.state.name().toLowerCase() + ": " + j.error, -1);
            return;
        }
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        int offset = intParam(ctx, "offset", 0), count = intParam(ctx, "count", 0);
        SearchResult r = j.result;
        int from = Math.min(offset, r.rows().size());
        int to = count <= 0 ? r.rows().size() : Math.min(r.rows().size(), from + count);
        SearchResult page = new SearchResult(r.columns(), r.rows().subList(from, to), r.events(), r.total(), r.scanned(),
                r.truncated());
        write(ctx, page, format.equals("csv") ? "csv" : "json");
    }

    void cancelJob(Context ctx) throws IOException {
        if (!jobs.cancel(ctx.pathParam("sid"))) {
            error(ctx, 404, "no search job " + ctx.pathParam("sid"), -1);
            return;
        }
        ctx.contentType("application/json").result(JSON.writeValueAsString(status(jobs.get(ctx.pathParam("sid")))));
    }

    private static int intParam(Context ctx, String name, int dflt) {
        String v = ctx.queryParam(name);
        if (v == null) return dflt;
        try {
            return Math.max(0, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static ObjectNode status(SearchJob j) {
        ObjectNode n = JSON.createObjectNode();
        n.put("sid", j.sid);
        n.put("state", j.state.name());
        n.put("scanned", j.ctx.scanned());
        n.put("results", j.result == null ? 0 : j.result.total());
        long end = j.finished() ? j.finishedMillis : System.currentTimeMillis();
        n.put("elapsed_ms", end - j.createdMillis);
        if (j.error != null) n.put("error", j.error);
        return n;
    }

    private static void error(Context ctx, int status, String message, int position) {
        ObjectNode n = JSON.createObjectNode();
        n.put("message", message);
        if (position >= 0) n.put("position", position);
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        jobs.close();
    }
}
