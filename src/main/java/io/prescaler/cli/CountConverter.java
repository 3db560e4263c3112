package io.prescaler.cli;

import picocli.CommandLine;

/** Whole numbers with a lower bound, checked while the flags are parsed. */
public abstract class CountConverter implements CommandLine.ITypeConverter<Integer> {

    private final int min;
    private final int max;

    CountConverter(int min, int max) {
        this.min = min;
        this.max = max;
    }

    @Override
    public Integer convert(String value) {
        int number;
        try {
            number = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number");
        }
        if (number < min || number > max) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number "
                    + (max == Integer.MAX_VALUE ? ">= " + min : "from " + min + " to " + max));
        }
        return number;
    }

    /** 0 or more: replicas. */
    public static final class NonNegative extends CountConverter {
        public NonNegative() {
            super(0, Integer.MAX_VALUE);
        }
    }

    /** 1 or more: how many things run at once. */
    public static final class Positive extends CountConverter {
        public Positive() {
            super(1, Integer.MAX_VALUE);
        }
    }

    /** A TCP port; 0 picks a free one. */
    public static final class Port extends CountConverter {
        public Port() {
            super(0, 65535);
        }
    }
}
