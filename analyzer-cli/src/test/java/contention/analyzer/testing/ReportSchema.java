// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The report contract's JSON Schema ({@code shared/report-schema.json}), for validating every JSON report. */
public final class ReportSchema {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema schema;

    /** The schema file: the {@code contention.schema} system property the build sets. */
    public static Path location() {
        String configured = System.getProperty("contention.schema");
        return configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "report-schema.json");
    }

    /** The validation errors of {@code json}, empty when it follows the contract. */
    public static List<String> errors(String json) {
        try {
            JsonNode report = MAPPER.readTree(json);
            Set<ValidationMessage> messages = schema().validate(report);
            return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    private static synchronized JsonSchema schema() {
        if (schema == null) {
            try (InputStream in = Files.newInputStream(location())) {
                JsonNode schemaNode = MAPPER.readTree(in);
                // The schema's relative $id ("contention-report-v1") needs a base: the file's own URI.
                SchemaLocation base = SchemaLocation.of(location().toAbsolutePath().toUri().toString());
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(base, schemaNode);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the report schema at " + location().toAbsolutePath(), e);
            }
        }
        return schema;
    }

    private ReportSchema() {}
}
