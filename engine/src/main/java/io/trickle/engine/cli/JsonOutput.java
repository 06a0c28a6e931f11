package io.trickle.engine.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON as the command line prints it: snake_case keys, ISO-8601 UTC timestamps, nulls kept. Plain
 * values (maps, lists, strings, numbers, booleans) — what the hot commands such as {@code refresh}
 * print — are written with Jackson's streaming generator; records and anything else go through the
 * object mapper, which is only loaded (a few hundred classes, a noticeable part of a one-shot
 * command's start) when a command prints one.
 */
final class JsonOutput {

    private JsonOutput() {
    }

    /** The object mapper, built on first use. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.ALWAYS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    static String write(Object value) {
        if (plain(value)) {
            StringWriter out = new StringWriter();
            try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
                g.useDefaultPrettyPrinter();
                writePlain(g, value);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write JSON: " + e.getMessage(), e);
            }
            return out.toString();
        }
        try {
            return Mapper.INSTANCE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static String error(int exitCode, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("exit_code", exitCode);
        error.put("message", message);
        return write(Map.of("error", error));
    }

    private static boolean plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.keySet().stream().allMatch(k -> k instanceof String) && map.values().stream().allMatch(JsonOutput::plain);
        }
        if (value instanceof Collection<?> list) {
            return list.stream().allMatch(JsonOutput::plain);
        }
        return false;
    }

    private static void writePlain(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Float f) {
            g.writeNumber(f);
        } else if (value instanceof Number n) {
            g.writeNumber(n.toString());
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                writePlain(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeStartArray();
            for (Object item : (Collection<?>) value) {
                writePlain(g, item);
            }
            g.writeEndArray();
        }
    }
}
