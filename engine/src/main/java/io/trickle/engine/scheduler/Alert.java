package io.trickle.engine.scheduler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message on NOTIFY channel {@code pgtrickle_alert} (DESIGN §5): a JSON object with
 * {@code event}, {@code stream_table} and the event's details.
 *
 * @param event       {@code refresh_failed}, {@code auto_suspended}, {@code resumed}, {@code stale_data}
 *                    or {@code refresh_completed}
 * @param streamTable qualified name of the stream table
 * @param details     further keys, snake_case
 */
record Alert(String event, String streamTable, Map<String, Object> details) {

    static Alert of(String event, String streamTable, Object... keyValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            details.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new Alert(event, streamTable, details);
    }

    Map<String, Object> asJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event", event);
        out.put("stream_table", streamTable);
        out.putAll(details);
        return out;
    }
}
