/**
 * Retention: per-index policies that delete whole day partitions by age ({@link dev.vigil.index.retention.TimeBasedRetention})
 * and by total size ({@link dev.vigil.index.retention.SizeBasedRetention}), independently, logging every deletion.
 */
package dev.vigil.index.retention;
