package dev.vigil.server.output;

import dev.vigil.collector.action.ActionException;
import dev.vigil.collector.action.file.FileAction;
import dev.vigil.collector.action.file.FileOptions;
import dev.vigil.collector.pipeline.EventProcessor;
import dev.vigil.collector.template.BuiltinTemplates;
import dev.vigil.collector.template.Escaping;
import dev.vigil.collector.template.Template;
import dev.vigil.core.event.Event;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the node does with messages when no rsyslog.conf is given: the lab's
 * {@code /var/log/%HOSTNAME%/%PROGRAMNAME%.log} rule under {@code DATA/logs}, in Debian's default line
 * format (RSYSLOG_FileFormat). Host and program names are made safe for paths (secpath-replace) and the
 * resulting name is confined to {@code DATA/logs}.
 */
public final class DefaultOutput implements EventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultOutput.class);
    private final FileAction files;

    public DefaultOutput(Path logsDir) {
        String root = logsDir.toAbsolutePath().normalize().toString().replace("\\", "\\\\").replace("%", "\\%");
        Template path = Template.fromString("vigil-default-path",
                root + "/%HOSTNAME:::secpath-replace%/%PROGRAMNAME:::secpath-replace%.log", Escaping.NONE);
        // Debian 12's rsyslog.conf: $FileCreateMode 0640, $DirCreateMode 0755
        this.files = FileAction.dynamicFile(path, BuiltinTemplates.get("RSYSLOG_FileFormat"),
                FileOptions.DEFAULTS.withModes(0640, 0755).confinedTo(logsDir));
    }

    @Override
    public void process(Event event, String ruleset) {
        try {
            files.process(event);
        } catch (ActionException e) {
            // counted by the action; the next message tries again
        }
    }

    @Override
    public void flush() {
        try {
            files.flush();
        } catch (IOException e) {
            LOG.warn("flushing log files failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            files.close();
        } catch (IOException e) {
            LOG.warn("closing log files failed: {}", e.getMessage());
        }
    }

    /** Messages written / not written. */
    public long written() {
        return files.written();
    }

    public long failed() {
        return files.failed();
    }
}
