package io.trickle.desktop.app;

import io.trickle.desktop.services.DemoContent;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.embedded.Demo;
import java.util.List;

/** The demo as the engine installs it ({@link Demo}), for the workbench's sessions. */
final class EngineDemoContent implements DemoContent {

    @Override
    public List<String> install(Trickle trickle, String jdbcUrl) {
        return Demo.install(trickle, jdbcUrl);
    }

    @Override
    public List<String> reset(Trickle trickle, String jdbcUrl) {
        return Demo.reset(trickle, jdbcUrl);
    }
}
