package no.nhn.driftsvakt.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The catalog file changes while the service runs: valid changes apply, invalid ones are refused precisely. */
@QuarkusTest
@TestProfile(CatalogReloadIT.FileCatalog.class)
class CatalogReloadIT {

    static final Path FILE = createFile();

    private static Path createFile() {
        try {
            Path f = Files.createTempFile("driftsvakt-catalog", ".yaml");
            Files.writeString(f, original());
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String original() throws IOException {
        try (InputStream in = CatalogReloadIT.class.getClassLoader()
                .getResourceAsStream("catalog/test-catalog.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Reads the catalog from a file this test edits, and watches it every second. */
    public static class FileCatalog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("driftsvakt.catalog.path", FILE.toString(), "driftsvakt.catalog.watch-interval", "1s");
        }
    }

    @BeforeEach
    void restore() throws IOException {
        Files.writeString(FILE, original());
        given().header("Authorization", "Bearer test-admin").post("/api/v1/admin/catalog/reload");
    }

    @Test
    void anInvalidCatalogIsRejectedWithFileLineAndFieldAndTheOldOneStays() throws IOException {
        String before = given().get("/api/v1/catalog").jsonPath().getString("version");
        Files.writeString(FILE, original().replace("dependsOn: [core]", "dependsOn: [kjerne]"));

        given().header("Authorization", "Bearer test-admin").post("/api/v1/admin/catalog/reload").then()
                .statusCode(422)
                .body("applied", equalTo(false))
                .body("version", equalTo(before))
                .body("problems[0].file", equalTo(FILE.toString()))
                .body("problems[0].line", equalTo(23))
                .body("problems[0].field", equalTo("components[1].dependsOn[0]"))
                .body("problems[0].message", equalTo("unknown component 'kjerne'"));

        given().get("/api/v1/catalog").then().body("version", equalTo(before));
        given().get("/").then().statusCode(200).body(containsString("Applikasjon A"));
        given().get("/q/health/ready").then().statusCode(200).body(containsString("lastReloadRejected"));
    }

    @Test
    void aValidChangeIsPickedUpByTheFileWatchWithoutRestart() throws IOException {
        Files.writeString(FILE, original().replace("name: Applikasjon A", "name: Applikasjon Alfa"));

        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/").asString().contains("Applikasjon Alfa"));
    }

    @Test
    void reloadNeedsAnAdminToken() {
        given().post("/api/v1/admin/catalog/reload").then().statusCode(401);
        given().header("Authorization", "Bearer nope").post("/api/v1/admin/catalog/reload").then().statusCode(403);
        given().header("Authorization", "Bearer test-admin").post("/api/v1/admin/catalog/reload").then()
                .statusCode(200).body("problems", not(hasItem("x")));
    }
}
