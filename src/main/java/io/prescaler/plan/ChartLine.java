package io.prescaler.plan;

import java.util.List;

/** A plotted series as the polyline drawn: stepped, so every segment is horizontal or vertical. */
record ChartLine(List<Point> points) {

    record Point(double x, double y) {}

    ChartLine {
        points = List.copyOf(points);
    }

    /**
     * Whether the line runs through the inside of the box. Exact for horizontal and vertical segments; for a slanted
     * one its bounding box stands in for it, which can only say "crossed" too often.
     */
    boolean crosses(ChartBox box) {
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            double left = Math.min(a.x(), b.x());
            double right = Math.max(a.x(), b.x());
            double top = Math.min(a.y(), b.y());
            double bottom = Math.max(a.y(), b.y());
            if (left < box.right() && right > box.x() && top < box.bottom() && bottom > box.y()) {
                return true;
            }
        }
        return false;
    }
}
