/**
 * An object's prescaling annotations read by the window's, the forecast's and the spike guard's parsers together
 * ({@code AnnotationReadings}): one reading per object, whose problems are judged as one. The webhook, the exporter
 * and the KEDA scaler read HPAs and ScaledObjects through it, so that they agree on what an object asks for and on
 * every problem it carries.
 *
 * <p>May import {@code schedule}, {@code forecast} and {@code spike} (the three parsers); never a part.
 */
package io.prescaler.reading;
