package dev.vigil.search.command;

import static dev.vigil.search.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.search.exec.SearchEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search command, with the examples of Splunk's Search Manual. */
class SearchCmdTest {
    /** The Search Manual's "Difference between != and NOT" table (Ponies.csv); "" marks a missing value. */
    static List<SearchEvent> ponies() {
        String[][] rows = {
                {"101M3", "McIntosh", "Chestnut", "Marin Meadows"}, {"104F5", "Lyra", "Bay", ""},
                {"104M6", "Rutherford", "Dun", "Placer Pastures"}, {"101F2", "Rarity", "", "Marin Meadows"},
                {"102M7", "Dash", "Black", "Calaveras Farms"}, {"102M1", "Roan", "", ""},
                {"101F6", "Chestnut", "", "Marin Meadows"}, {"104F4", "Pinkie", "Sorrel", "Placer Pastures"},
                {"102M8", "Spike", "Grey", "Calaveras Farms"}};
        List<SearchEvent> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            String[] r = rows[i];
            out.add(ev(T0 - i, String.join(",", r), "source", "Ponies.csv", "ID", r[0], "Name", r[1],
                    "Color", r[2].isEmpty() ? null : r[2], "Location", r[3].isEmpty() ? null : r[3]));
        }
        return out;
    }

    @Test
    void notEqualSkipsEventsLackingTheFieldButNotIncludesThem() {
        // Search Manual, "Difference between != and NOT": != returns 5 ponies, NOT returns 7
        assertThat(column(run(ponies(), "source=\"Ponies.csv\" Location!=\"Calaveras Farms\""), "Name"))
                .containsExactly("McIntosh", "Rutherford", "Rarity", "Chestnut", "Pinkie");
        assertThat(column(run(ponies(), "source=\"Ponies.csv\" NOT Location=\"Calaveras Farms\""), "Name"))
                .containsExactly("McIntosh", "Lyra", "Rutherford", "Rarity", "Roan", "Chestnut", "Pinkie");
    }

    @Test
    void fieldValuesAreCaseInsensitiveAndTakeWildcards() {
        assertThat(column(run(ponies(), "location=\"marin*\""), "Name")).isEmpty(); // field names are case-sensitive
        assertThat(column(run(ponies(), "Location=\"marin*\""), "Name")).containsExactly("McIntosh", "Rarity", "Chestnut");
        assertThat(column(run(ponies(), "Color=*"), "Name")).hasSize(6);
        assertThat(column(run(ponies(), "Name IN (roan, \"sp*\")"), "Name")).containsExactly("Roan", "Spike");
    }

    @Test
    void keywordsMatchWholeSegmentsOfRaw() {
        var events = List.of(ev(T0, "Failed password for root from 10.1.2.3 port 22"), ev(T0 - 1, "session opened for alice"));
        assertThat(run(events, "failed").rows()).hasSize(1);
        assertThat(run(events, "fail").rows()).isEmpty();
        assertThat(run(events, "fail*").rows()).hasSize(1);
        assertThat(run(events, "10.1.2.3").rows()).hasSize(1);
        assertThat(run(events, "\"password for ROOT\"").rows()).hasSize(1);
        assertThat(run(events, "for NOT alice").rows()).hasSize(1);
        assertThat(run(events, "root OR alice").rows()).hasSize(2);
        assertThat(run(List.of(ev(T0, "it works!")), "works!").rows()).hasSize(1);
    }

    @Test
    void comparesNumbersNumericallyAndOtherValuesLexicographically() {
        var events = List.of(ev(T0, "a", "n", "9"), ev(T0 - 1, "b", "n", "10"), ev(T0 - 2, "c", "n", "abc"));
        // numeric when both sides are numbers, else a string comparison ("abc" > "5")
        assertThat(column(run(events, "n>5"), "n")).containsExactly("9", "10", "abc");
        assertThat(column(run(events, "n<=9"), "n")).containsExactly("9");
        assertThat(column(run(events, "n>=abb"), "n")).containsExactly("abc");
    }

    @Test
    void earliestAndLatestSelectTheTimeRange() {
        var events = List.of(ev(T0, "new"), ev(T0 - 3600, "hour ago"), ev(T0 - 86400 * 2, "two days ago"));
        String abs = "03/10/2024:11:00:00";
        assertThat(column(run(events, "earliest=" + abs), "_raw")).containsExactly("new", "hour ago");
        assertThat(column(run(events, "earliest=0 latest=" + abs), "_raw")).containsExactly("two days ago");
        assertThat(column(run(events, "*", "1709900000", null, null), "_raw")).containsExactly("new", "hour ago");
    }

    @Test
    void returnsEventsNewestFirst() {
        var events = List.of(ev(T0 - 5, "old"), ev(T0, "new"), ev(T0 - 2, "mid"));
        assertThat(column(run(events, "*"), "_raw")).containsExactly("new", "mid", "old");
    }
}
