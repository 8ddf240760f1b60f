/**
 * SPL values: how strings, numbers and multivalue fields convert, compare, match wildcards and print.
 * One place decides Splunk's typing rules so every command agrees.
 */
package dev.vigil.search.value;
