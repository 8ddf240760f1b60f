package dev.vigil.ntp.sync;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SelectionTest {
    private static final long NOW = 1_000_000_000_000L;

    private static PeerStatus peer(String name, int stratum, double offset, double delay, double jitter) {
        return new PeerStatus(name, new InetSocketAddress("127.0.0.1", 123), 0xFF, 6, 0, stratum, 0, 0.001, 0.001,
                offset, delay, 0.0001, jitter, NOW, null);
    }

    @Test
    void excludesAFalsetickerAndCombinesTheTruechimers() {
        PeerStatus a = peer("a", 2, 0.0010, 0.002, 0.0001);
        PeerStatus b = peer("b", 2, 0.0012, 0.002, 0.0001);
        PeerStatus c = peer("c", 2, 0.0008, 0.002, 0.0001);
        PeerStatus liar = peer("liar", 1, 3.0, 0.002, 0.0001);
        Selection.Result r = Selection.select(List.of(a, b, c, liar), NOW, 6);
        assertThat(r.falsetickers).containsExactly(liar);
        assertThat(r.survivors).containsExactlyInAnyOrder(a, b, c);
        assertThat(r.offset).isBetween(0.0008, 0.0012);
    }

    @Test
    void noMajorityMeansNoSystemPeer() {
        Selection.Result r = Selection.select(List.of(peer("a", 2, 0, 0.001, 0.0001), peer("b", 2, 5, 0.001, 0.0001)), NOW, 6);
        assertThat(r.systemPeer).isNull();
    }

    @Test
    void prefersLowerStratumAmongSurvivors() {
        PeerStatus s1 = peer("s1", 1, 0.001, 0.002, 0.0001);
        PeerStatus s3 = peer("s3", 3, 0.001, 0.002, 0.0001);
        assertThat(Selection.select(List.of(s3, s1), NOW, 6).systemPeer).isSameAs(s1);
    }

    @Test
    void unfitSourcesAreNotCandidates() {
        PeerStatus unsync = new PeerStatus("u", new InetSocketAddress("127.0.0.1", 123), 0xFF, 6, 3, 2, 0, 0, 0, 0,
                0.001, 0, 0, NOW, null);
        PeerStatus unreachable = new PeerStatus("r", new InetSocketAddress("127.0.0.1", 123), 0, 6, 0, 2, 0, 0, 0, 0,
                0.001, 0, 0, NOW, null);
        PeerStatus far = peer("far", 2, 0, 4.0, 0.0001);
        assertThat(Selection.select(List.of(unsync, unreachable, far), NOW, 6).systemPeer).isNull();
    }

    @Test
    void clusteringDropsTheOutlierWhenMoreThanThreeSurvive() {
        PeerStatus a = peer("a", 2, 0.000, 0.2, 0.00001);
        PeerStatus b = peer("b", 2, 0.001, 0.2, 0.00001);
        PeerStatus c = peer("c", 2, 0.002, 0.2, 0.00001);
        PeerStatus d = peer("d", 2, 0.050, 0.2, 0.00001);
        Selection.Result r = Selection.select(List.of(a, b, c, d), NOW, 6);
        assertThat(r.falsetickers).isEmpty();
        assertThat(r.survivors).containsExactlyInAnyOrder(a, b, c);
    }
}
