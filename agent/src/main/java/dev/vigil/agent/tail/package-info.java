/**
 * File tailing: globs scanned for new files, files known by device, inode and a fingerprint of their first
 * bytes, rotation by rename and by copytruncate followed without loss or duplication, lines and multi-line
 * events cut and queued with the offset where they end.
 */
package dev.vigil.agent.tail;
