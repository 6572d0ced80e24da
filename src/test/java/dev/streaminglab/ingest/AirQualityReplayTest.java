package dev.streaminglab.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.domain.DeadLetterReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AirQualityReplayTest {
    private static final AirQualityReplay DATA = AirQualityReplay.load();

    @Test
    void readsTheRealFileWithItsDefects() {
        assertThat(DATA.rows()).hasSize(9_471);
        assertThat(DATA.emptyRows()).isEqualTo(114);
        assertThat(DATA.missingMarkerRows()).isEqualTo(366);
        assertThat(DATA.first()).isEqualTo(Instant.parse("2004-03-10T17:00:00Z"));
        assertThat(DATA.last()).isEqualTo(Instant.parse("2005-04-04T13:00:00Z"));
        assertThat(DATA.rows().get(0).reading().temperature()).isEqualTo(13.6);
        assertThat(DATA.rows().get(0).reading().humidity()).isEqualTo(48.9);
    }

    /** The same counts from the raw bytes, with none of the replay's code: CRLF lines, commas, the -200 marker. */
    @Test
    void countsAgreeWithAnIndependentReadingOfTheBytes() throws IOException {
        String text = new String(Files.readAllBytes(AirQualityReplay.defaultFile()), StandardCharsets.UTF_8);
        List<String> lines = Arrays.asList(text.split("\r\n", -1));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int t = header.indexOf("T");
        int rh = header.indexOf("RH");
        long empty = lines.stream().skip(1).filter(l -> l.replace(",", "").isEmpty()).count();
        long markers = lines.stream().skip(1).map(l -> l.split(",", -1))
                .filter(f -> f.length > rh && (f[t].equals("-200") || f[rh].equals("-200"))).count();
        assertThat(lines.size() - 1).isEqualTo(DATA.rows().size());
        assertThat(empty).isEqualTo(DATA.emptyRows());
        assertThat(markers).isEqualTo(DATA.missingMarkerRows());
    }

    @Test
    void everyRowBecomesOneRecordThatValidationJudgesAsPlanned() {
        var records = DATA.records();
        assertThat(records).hasSize(9_471);
        Map<RecordKind, Long> kinds = new EnumMap<>(RecordKind.class);
        for (OutgoingRecord r : records) {
            assertThat(r.key()).isEqualTo("airquality-1");
            assertThat(RawRecords.verdict(r.value(), Set.of("airquality-1"))).isEqualTo(r.kind().deadLetterReason());
            kinds.merge(r.kind(), 1L, Long::sum);
        }
        assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of(RecordKind.VALID, 8_991L,
                RecordKind.OUT_OF_RANGE, 366L, RecordKind.MISSING_FIELD, 114L));
        assertThat(RecordKind.OUT_OF_RANGE.deadLetterReason()).contains(DeadLetterReason.OUT_OF_RANGE);
    }

    @Test
    void eventTimesAreHourlyAndNeverGoBack() {
        var records = DATA.records();
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).eventTime()).isGreaterThanOrEqualTo(records.get(i - 1).eventTime());
        }
        assertThat(records.get(1).eventTime() - records.get(0).eventTime()).isEqualTo(3_600_000);
        // Empty rows carry no time; they keep the last row's, so a paced replay sends them at the end at once.
        assertThat(records.get(records.size() - 1).eventTime()).isEqualTo(DATA.last().toEpochMilli());
    }
}
