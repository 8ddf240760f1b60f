package dev.vigil.ntp;

import org.junit.jupiter.api.BeforeAll;

/** {@link RealClientsTest} against the Netty server ({@code -Dvigil.ntp.native=false}). */
class RealClientsNettyTest extends RealClientsTest {
    @BeforeAll
    static void start() throws Exception {
        startWith(false);
    }
}
