package io.prescaler.plan;

/** An axis-aligned rectangle of the chart, in SVG user units (y grows downwards). */
record ChartBox(double x, double y, double width, double height) {

    ChartBox {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("a box has no negative size: " + width + " x " + height);
        }
    }

    double right() {
        return x + width;
    }

    double bottom() {
        return y + height;
    }

    /** Whether the two boxes share some area; boxes that only touch along an edge do not. */
    boolean overlaps(ChartBox other) {
        return x < other.right() && other.x < right() && y < other.bottom() && other.y < bottom();
    }

    boolean contains(ChartBox other) {
        return other.x >= x && other.right() <= right() && other.y >= y && other.bottom() <= bottom();
    }
}
