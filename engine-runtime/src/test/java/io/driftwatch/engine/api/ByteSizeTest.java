package io.driftwatch.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void bytesBelowAKibibyteAreExact() {
        assertThat(ByteSize.human(0)).isEqualTo("0 B");
        assertThat(ByteSize.human(1023)).isEqualTo("1023 B");
    }

    @Test
    void oneDecimalOnlyWhereItCarriesInformation() {
        assertThat(ByteSize.human(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSize.human(3L * 1024 * 1024)).isEqualTo("3 MiB");
        assertThat(ByteSize.human(200L * 1024 * 1024 + 300_000)).isEqualTo("200 MiB");
        assertThat(ByteSize.human(5L * 1024 * 1024 * 1024 * 1024 * 1024)).as("beyond the largest unit").isEqualTo("5120 TiB");
    }

    @Test
    void roundingNeverPrintsATrailingZeroDecimal() {
        assertThat(ByteSize.human(2 * 1024 * 1024 - 1)).isEqualTo("2 MiB");
    }

    @Test
    void unknownSizesAreAQuestionMark() {
        assertThat(ByteSize.human(-1)).isEqualTo("?");
    }

    @Test
    void theSameDigitsInEveryLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(ByteSize.human(1536)).isEqualTo("1.5 KiB");
        } finally {
            Locale.setDefault(before);
        }
    }
}
