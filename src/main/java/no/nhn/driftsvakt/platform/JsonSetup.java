package no.nhn.driftsvakt.platform;

import java.time.Instant;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/** The application's ObjectMapper: Jackson's defaults, with the fast path for instants. */
@Singleton
public class JsonSetup implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("driftsvakt-instants")
                .addDeserializer(Instant.class, new FastInstantDeserializer()));
    }

    /** After Quarkus' own customizer registered the java.time module, so this deserializer wins. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }
}
