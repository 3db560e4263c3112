package io.prescaler.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
        if (zone instanceof ZoneOffset offset) {
            // A fixed offset has no gaps or overlaps; and its getRules() builds new rules at every call, which the
            // exporter would pay for every HPA at every scrape.
            return localDateTime.toInstant(offset);
        }
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(localDateTime);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(localDateTime);
            return gap.getInstant();
        }
        return localDateTime.toInstant(offsets.get(0));
    }

    /** The local date at an instant in a zone, without building a fixed offset's rules again. */
    public static LocalDate dateAt(Instant instant, ZoneId zone) {
        if (zone instanceof ZoneOffset offset) {
            return LocalDate.ofEpochDay(Math.floorDiv(instant.getEpochSecond() + offset.getTotalSeconds(), 86_400L));
        }
        return LocalDate.ofInstant(instant, zone);
    }
}
