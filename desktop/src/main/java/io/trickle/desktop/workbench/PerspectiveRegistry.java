package io.trickle.desktop.workbench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The perspectives the workbench offers, in switcher order, and which one is active. Features add a
 * perspective with {@link #register}; the first registered is active until another is chosen.
 */
public final class PerspectiveRegistry {

    private final List<Perspective> perspectives = new ArrayList<>();
    private final ReadOnlyObjectWrapper<Perspective> active = new ReadOnlyObjectWrapper<>(this, "active");

    public void register(Perspective perspective) {
        if (byId(perspective.id()).isPresent()) {
            throw new IllegalArgumentException("perspective " + perspective.id() + " is registered twice");
        }
        perspectives.add(perspective);
        if (active.get() == null) {
            active.set(perspective);
        }
    }

    public List<Perspective> all() {
        return Collections.unmodifiableList(perspectives);
    }

    public Optional<Perspective> byId(String id) {
        return perspectives.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public ReadOnlyObjectProperty<Perspective> activeProperty() {
        return active.getReadOnlyProperty();
    }

    public Perspective active() {
        return active.get();
    }

    public void activate(String id) {
        active.set(byId(id).orElseThrow(() -> new IllegalArgumentException("no perspective " + id)));
    }

    /** The perspective after the active one, wrapping around (Eclipse's Ctrl+F8). */
    public Perspective next() {
        int index = perspectives.indexOf(active.get());
        return perspectives.get((index + 1) % perspectives.size());
    }
}
