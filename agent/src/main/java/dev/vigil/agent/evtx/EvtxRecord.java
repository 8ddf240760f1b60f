package dev.vigil.agent.evtx;

import java.time.Instant;
import java.util.Map;

/**
 * One event record of an EVTX file.
 *
 * @param recordId the event record identifier
 * @param written  the record's written time
 * @param xml      the event rendered as XML ({@code <Event xmlns=...>...</Event>})
 * @param fields   a flat map: System fields (EventID, Channel, Computer, Provider, TimeCreated, EventRecordID,
 *                 Level, Task, Opcode, Keywords, ProcessID, ThreadID, UserID...) and EventData/UserData values
 *                 under their own names (Image, CommandLine, ParentImage, User, Hashes...)
 * @param chunk    the index of the chunk it was read from
 */
public record EvtxRecord(long recordId, Instant written, String xml, Map<String, String> fields, int chunk) {
}
