package io.prescaler.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Turns a wall-clock time into an instant, deterministically on DST days: a time that does not exist (inside a
 * spring-forward gap) means the instant the gap ends, so the part of a window inside the gap is skipped; a time
 * that occurs twice (inside an autumn overlap) means its first occurrence.
 */
public final class LocalTimes {

    private LocalTimes() {}

    public static Instant resolve(LocalDateTime localDateTime, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<java.time.ZoneOffset> offsets = rules.getValidOffsets(localDateTime);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(localDateTime);
            return gap.getInstant();
        }
        return localDateTime.toInstant(offsets.get(0));
    }
}
