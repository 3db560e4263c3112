package io.prescaler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoundTicksTest {

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # highest value | step | ticks
            0               | 1    | 0 1
            1.2             | 1    | 0 1 2
            5               | 1    | 0 1 2 3 4 5
            6               | 2    | 0 2 4 6
            21.6            | 5    | 0 5 10 15 20 25
            43.2            | 10   | 0 10 20 30 40 50
            87              | 20   | 0 20 40 60 80 100
            90              | 20   | 0 20 40 60 80 100
            240             | 50   | 0 50 100 150 200 250
            1000            | 200  | 0 200 400 600 800 1000
            1001            | 500  | 0 500 1000 1500
            """)
    void coversTheHighestValueInAtMostFiveStepsOfOneTwoOrFiveTimesAPowerOfTen(double highest, int step, String ticks) {
        RoundTicks round = RoundTicks.covering(highest);

        assertEquals(step, round.step());
        List<Integer> expected =
                Arrays.stream(ticks.split(" ")).map(Integer::valueOf).toList();
        assertEquals(expected, round.values());
        assertEquals(expected.get(expected.size() - 1), round.top());
    }
}
