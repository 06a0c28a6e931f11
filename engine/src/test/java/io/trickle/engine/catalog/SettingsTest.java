package io.trickle.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void theKeysAndDefaultsAreThoseOfDesignSectionThreePlusTheCostModelSwitch() {
        Map<String, String> defaults = Settings.all().stream()
                .collect(Collectors.toMap(Setting::key, s -> s.format(s.defaultValue())));
        assertEquals("true", defaults.remove("auto_cost_model"), "AUTO's cost model is on by default");
        assertEquals(Map.of("scheduler_interval_ms", "1000", "max_consecutive_errors", "3",
                "max_fixpoint_iterations", "100", "allow_circular", "false", "differential_max_change_ratio", "0.15",
                "max_concurrent_refreshes", "4", "default_schedule_seconds", "1", "lock_timeout_ms", "30000",
                "statement_timeout_ms", "0", "cdc_trigger_mode", "statement"), defaults);
    }

    @Test
    void valuesAreValidatedWithAMessageThatSaysWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.SCHEDULER_INTERVAL_MS.parse("50"));
        assertTrue(e.getMessage().contains("scheduler_interval_ms") && e.getMessage().contains("100 to 60000"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Settings.ALLOW_CIRCULAR.parse("maybe"));
        assertThrows(IllegalArgumentException.class, () -> Settings.DIFFERENTIAL_MAX_CHANGE_RATIO.parse("NaN"));
        assertEquals(true, Settings.ALLOW_CIRCULAR.parse("on"));
        assertEquals("row", Settings.CDC_TRIGGER_MODE.parse("ROW"));
    }

    @Test
    void aStoredValueThatNoLongerParsesFallsBackToTheDefault() {
        SettingsSnapshot s = new SettingsSnapshot(Map.of("max_concurrent_refreshes", "lots"));
        assertEquals(4, s.get(Settings.MAX_CONCURRENT_REFRESHES));
        assertEquals(Set.of(), Settings.all().stream().filter(x -> !x.key().matches("[a-z_]+"))
                .collect(Collectors.toSet()));
    }
}
