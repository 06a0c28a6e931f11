package io.trickle.desktop.workbench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The views of this window, in "Show View" order, each with the stack it opens in when the DBA shows
 * it and the perspective's layout does not place it.
 */
public final class ViewRegistry {

    private final Map<String, ViewPart> views = new LinkedHashMap<>();
    private final Map<String, String> preferredStacks = new LinkedHashMap<>();

    public void register(ViewPart view, String preferredStackId) {
        LayoutNode.requireId(view.id());
        if (views.containsKey(view.id())) {
            throw new IllegalArgumentException("view " + view.id() + " is registered twice");
        }
        views.put(view.id(), view);
        preferredStacks.put(view.id(), preferredStackId);
    }

    public Optional<ViewPart> byId(String id) {
        return Optional.ofNullable(views.get(id));
    }

    public List<ViewPart> all() {
        return Collections.unmodifiableList(new ArrayList<>(views.values()));
    }

    public String preferredStack(String viewId) {
        return preferredStacks.get(viewId);
    }
}
