/**
 * Login records: readers for glibc utmp/wtmp/btmp and lastlog files and for the wtmpdb and lastlog2
 * SQLite databases, the {@link dev.vigil.agent.login.LoginEvent} values the agent ships, and byte-exact
 * re-implementations of util-linux {@code last}/{@code lastb} and shadow's {@code lastlog} output.
 */
package dev.vigil.agent.login;
