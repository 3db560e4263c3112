package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultipliersTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            3          | 3
            1.5        | 1.5
            ' 2 '      | 2
            +2         | 2
            0.01       | 0.01
            1000       | 1000
            1000.000   | 1000.000
            0.123456   | 0.123456
            1.50000000 | 1.50000000
            .5         | .5
            """)
    void acceptsAPlainDecimalFromAHundredthToAThousand(String text, String value) {
        assertEquals(new BigDecimal(value), Multipliers.parse(text).value().orElseThrow());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            0              | is not a number > 0
            -2             | is not a number > 0
            x3             | is not a number > 0
            ''             | is not a number > 0
            NaN            | is not a number > 0
            0x10           | is not a number > 0
            1e-999999999   | is not a plain decimal (no exponent): a multiplier is a plain decimal from 0.01 to 1000 with at most 6 decimals
            1E+3           | is not a plain decimal (no exponent): a multiplier is a plain decimal from 0.01 to 1000 with at most 6 decimals
            0.009          | is out of range: a multiplier is a plain decimal from 0.01 to 1000 with at most 6 decimals
            1000.000001    | is out of range: a multiplier is a plain decimal from 0.01 to 1000 with at most 6 decimals
            1.1234567      | has more than 6 decimals: a multiplier is a plain decimal from 0.01 to 1000 with at most 6 decimals
            99999999999999999999999 | is too long (23 characters): a multiplier is a plain decimal from 0.01 to 1000 with at most 6 decimals
            """)
    void refusesAnythingElseSayingWhy(String text, String why) {
        assertEquals(Parsed.refused(why), Multipliers.parse(text));
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    void refusesHostileTextsWithoutBuildingANumber() {
        String million = "1" + "0".repeat(1_000_000);
        String threeMebibytes = "0." + "9".repeat(3 * 1024 * 1024);
        for (int i = 0; i < 100; i++) {
            assertEquals(
                    Parsed.refused("is too long (1000001 characters): " + Multipliers.FORM),
                    Multipliers.parse(million));
            assertEquals(
                    Parsed.refused("is too long (3145730 characters): " + Multipliers.FORM),
                    Multipliers.parse(threeMebibytes));
        }
    }
}
