package io.trickle.desktop.services;

import io.trickle.engine.api.Trickle;
import java.util.List;

/**
 * The engine's demo (the sample shop's tables and stream tables), installed into or reset in the
 * database a session is connected to. The app supplies it, since only the composition root may touch
 * the engine's embedded package, where the demo is installed (issue 15: the facade knows no demo).
 */
public interface DemoContent {

    /** Installs what is missing of the demo into the database {@code trickle} reaches at {@code jdbcUrl}; returns what it created. */
    List<String> install(Trickle trickle, String jdbcUrl);

    /** Puts the demo back as a first install leaves it; returns what it dropped, then what it created. */
    List<String> reset(Trickle trickle, String jdbcUrl);
}
