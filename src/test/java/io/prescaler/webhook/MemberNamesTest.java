package io.prescaler.webhook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The duplicate detection of the review reader, object by object. */
class MemberNamesTest {

    private final MemberNames names = new MemberNames();

    @Test
    void refusesANameGivenTwiceInOneObject() {
        names.open();

        assertTrue(names.add("uid"));
        assertTrue(names.add("kind"));
        assertFalse(names.add("uid"));
    }

    @Test
    void takesTheNamesOfAnObjectInsideAnotherAsItsOwn() {
        names.open();
        names.add("kind");
        names.open();

        assertTrue(names.add("kind"), "the inner object's first kind");
        assertFalse(names.add("kind"), "the inner object's second kind");
        names.close();
        assertFalse(names.add("kind"), "the outer object still has its kind");
        assertTrue(names.add("version"));
    }

    @Test
    void forgetsTheNamesOfAClosedObjectForTheNextAtItsDepth() {
        names.open();
        names.open();
        names.add("type");
        names.close();
        names.open();

        assertTrue(names.add("type"));
    }

    @Test
    void refusesADuplicatePastTheComparedNamesBeforeAndAfterAnInnerObject() {
        names.open();
        for (int i = 0; i < MemberNames.COMPARED + 5; i++) {
            assertTrue(names.add("m" + i));
        }
        names.open();
        assertTrue(names.add("m" + (MemberNames.COMPARED + 2)), "inner objects start afresh");
        names.close();

        assertFalse(names.add("m3"), "among the compared names");
        assertFalse(names.add("m" + (MemberNames.COMPARED + 2)), "among the names past them");
        assertTrue(names.add("m" + (MemberNames.COMPARED + 5)));
    }

    @Test
    void tellsApartNamesWithTheSameHashCode() {
        names.open();

        assertTrue(names.add("Aa"));
        assertTrue(names.add("BB"), "\"Aa\" and \"BB\" share a hash code");
        assertFalse(names.add("BB"));
    }
}
