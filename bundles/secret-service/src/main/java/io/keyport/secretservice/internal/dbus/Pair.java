package io.keyport.secretservice.internal.dbus;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/** Two out-arguments of a D-Bus method; dbus-java needs a generic tuple for multi-value returns. */
public final class Pair<A, B> extends Tuple {

    @Position(0)
    private final A first;

    @Position(1)
    private final B second;

    public Pair(A first, B second) {
        this.first = first;
        this.second = second;
    }

    public A getFirst() {
        return first;
    }

    public B getSecond() {
        return second;
    }
}
