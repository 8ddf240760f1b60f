package dev.vigil.server.http;

import dev.vigil.collector.input.InputStats;
import dev.vigil.collector.input.UdpKernelDrops;
import dev.vigil.collector.pipeline.MainQueue;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/** Prometheus metrics of the node: per-input counters, queue depth, processed events. */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Registers one listener's counters, tagged with its name, protocol and port. */
    public void input(InputStats s, int port) {
        Tags t = Tags.of("input", s.name, "protocol", s.protocol, "port", Integer.toString(port));
        counter("vigil_syslog_received", "frames received", t, s.received);
        counter("vigil_syslog_parsed", "messages parsed into events", t, s.parsed);
        counter("vigil_syslog_malformed", "messages whose PRI could not be parsed", t, s.malformed);
        counter("vigil_syslog_truncated", "frames longer than the maximum message size (split or truncated)", t,
                s.truncated);
        counter("vigil_syslog_dropped", "messages dropped because the queue was full (UDP only)", t, s.dropped);
        counter("vigil_syslog_framing_errors", "invalid octet counts or delimiters", t, s.framingErrors);
        counter("vigil_syslog_bytes", "bytes received", t, s.bytes);
        if (!s.protocol.equals("udp")) {
            counter("vigil_syslog_connections_opened", "connections accepted", t, s.connectionsOpened);
            counter("vigil_syslog_connections_rejected", "connections refused over the session limit", t,
                    s.connectionsRejected);
            counter("vigil_syslog_tls_errors", "failed TLS handshakes and records", t, s.tlsErrors);
            counter("vigil_syslog_backpressure_pauses", "times reading paused because the queue was full", t,
                    s.pauses);
            Gauge.builder("vigil_syslog_connections_open", s, x -> (double) x.openConnections()).tags(t)
                    .description("connections open now").register(registry);
        } else {
            FunctionCounter.builder("vigil_syslog_kernel_drops", port, p -> (double) UdpKernelDrops.forPort(p))
                    .tags(t).description("datagrams the kernel dropped (receive buffer full)").register(registry);
        }
    }

    /** Registers the main queue. */
    public void queue(MainQueue q) {
        Gauge.builder("vigil_queue_size", q, x -> (double) x.size()).description("events waiting").register(registry);
        Gauge.builder("vigil_queue_capacity", q, x -> (double) x.capacity()).register(registry);
        FunctionCounter.builder("vigil_queue_processed", q, x -> (double) x.processed())
                .description("events processed").register(registry);
        FunctionCounter.builder("vigil_queue_processing_errors", q, x -> (double) x.processorErrors())
                .register(registry);
    }

    /** Registers any other counter. */
    public <T> void counter(String name, String help, T obj, ToDoubleFunction<T> f) {
        FunctionCounter.builder(name, obj, f).description(help).register(registry);
    }

    private void counter(String name, String help, Tags t, LongAdder a) {
        FunctionCounter.builder(name, a, LongAdder::doubleValue).tags(t).description(help).register(registry);
    }

    private final java.util.List<java.util.function.Supplier<String>> extras = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Adds text (complete Prometheus lines) to every scrape, for series with dynamic labels. */
    public void extra(java.util.function.Supplier<String> lines) {
        extras.add(lines);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        StringBuilder sb = new StringBuilder(registry.scrape());
        for (java.util.function.Supplier<String> s : extras) {
            sb.append(s.get());
        }
        return sb.toString();
    }
}
