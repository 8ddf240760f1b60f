/**
 * Process accounting: the reader for Linux acct v3 files ({@code /var/log/account/pacct}), the records the
 * agent ships as command-execution events, and a byte-exact re-implementation of GNU acct's {@code lastcomm}.
 */
package dev.vigil.agent.acct;
