package dev.vigil.agent.evtx;

import java.util.List;

/**
 * What {@link EvtxReader} read from one file.
 *
 * @param records  the records of every good chunk, in file order
 * @param problems what was skipped and why (a damaged chunk, a malformed record), one sentence each
 */
public record EvtxFile(List<EvtxRecord> records, List<String> problems) {
}
