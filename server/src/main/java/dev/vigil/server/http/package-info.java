/** The node's HTTP side: health, Prometheus metrics, and the mount point for the API handlers. */
package dev.vigil.server.http;
