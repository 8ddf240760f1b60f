package dev.vigil.server.api.search;

import dev.vigil.search.Spl;
import dev.vigil.search.command.Pipeline;
import dev.vigil.search.exec.SearchLimitException;
import dev.vigil.search.exec.Searcher;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs search jobs on a small bounded pool: at most {@code maxJobs} kept (finished ones expire after
 * {@code ttlMillis}), a bounded queue, and every job subject to the searcher's limits.
 */
final class SearchJobs implements AutoCloseable {
    private final Searcher searcher;
    private final Map<String, SearchJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService pool;
    private final int maxJobs;
    private final long ttlMillis;

    SearchJobs(Searcher searcher, int threads, int maxJobs, long ttlMillis) {
        this.searcher = searcher;
        this.maxJobs = maxJobs;
        this.ttlMillis = ttlMillis;
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(maxJobs), r -> {
            Thread t = new Thread(r, "vigil-search-job");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Parses and queues a job.
     *
     * @throws dev.vigil.search.parse.SplSyntaxException for a malformed query (nothing is queued)
     * @throws IllegalStateException when the job table is full
     */
    SearchJob create(SearchRequest req) {
        expire();
        if (jobs.size() >= maxJobs) {
            throw new IllegalStateException("too many search jobs (" + jobs.size() + " of at most " + maxJobs
                    + "); cancel or wait for some");
        }
        Pipeline p = Spl.parse(req.query());
        SearchJob job = new SearchJob(UUID.randomUUID().toString(), req, searcher.newContext());
        searcher.range(p, req.earliest(), req.latest(), job.ctx); // rejects bad time modifiers now
        jobs.put(job.sid, job);
        try {
            pool.execute(() -> run(job, p));
        } catch (RejectedExecutionException e) {
            jobs.remove(job.sid);
            throw new IllegalStateException("the search queue is full; try again later");
        }
        return job;
    }

    private void run(SearchJob job, Pipeline p) {
        if (job.state == SearchJob.State.CANCELLED) return;
        job.state = SearchJob.State.RUNNING;
        try {
            job.result = searcher.search(p, job.request.earliest(), job.request.latest(), job.ctx);
            job.state = SearchJob.State.DONE;
        } catch (SearchLimitException e) {
            job.error = e.getMessage();
            job.state = job.ctx.isCancelled() ? SearchJob.State.CANCELLED : SearchJob.State.FAILED;
        } catch (Exception | OutOfMemoryError e) {
            job.error = e.getMessage() == null ? e.toString() : e.getMessage();
            job.state = SearchJob.State.FAILED;
        } finally {
            job.finishedMillis = System.currentTimeMillis();
        }
    }

    SearchJob get(String sid) {
        return jobs.get(sid);
    }

    /** Cancels a job; returns false when there is no such job. */
    boolean cancel(String sid) {
        SearchJob j = jobs.get(sid);
        if (j == null) return false;
        j.ctx.cancel();
        if (j.state == SearchJob.State.QUEUED) {
            j.state = SearchJob.State.CANCELLED;
            j.finishedMillis = System.currentTimeMillis();
        }
        return true;
    }

    private void expire() {
        long now = System.currentTimeMillis();
        for (Iterator<SearchJob> it = jobs.values().iterator(); it.hasNext(); ) {
            SearchJob j = it.next();
            if (j.finished() && now - j.finishedMillis > ttlMillis) it.remove();
        }
    }

    @Override
    public void close() {
        jobs.values().forEach(j -> j.ctx.cancel());
        pool.shutdownNow();
    }
}
