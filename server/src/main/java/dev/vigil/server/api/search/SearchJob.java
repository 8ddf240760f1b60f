package dev.vigil.server.api.search;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.SearchResult;

/** One search job: its state, progress (events scanned) and, when done, its result or error. */
final class SearchJob {
    /** Job states, as Splunk's dispatchState names them. */
    enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    final String sid;
    final SearchRequest request;
    final ExecContext ctx;
    final long createdMillis = System.currentTimeMillis();
    volatile State state = State.QUEUED;
    volatile SearchResult result;
    volatile String error;
    volatile long finishedMillis;

    SearchJob(String sid, SearchRequest request, ExecContext ctx) {
        this.sid = sid;
        this.request = request;
        this.ctx = ctx;
    }

    boolean finished() {
        return state == State.DONE || state == State.FAILED || state == State.CANCELLED;
    }
}
