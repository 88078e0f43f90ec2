package io.keyrenewal.keystore;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.keystore.certificate.CertificateTerms;
import io.keyrenewal.keystore.certificate.IssuedKeyPair;
import io.keyrenewal.keystore.certificate.SelfSignedKeyPairIssuer;
import io.keyrenewal.keystore.store.KeystoreAlias;
import io.keyrenewal.keystore.store.KeystoreUnavailable;
import io.keyrenewal.keystore.store.TenantKeystore;
import io.keyrenewal.messaging.PeriodicGauges;
import io.keyrenewal.testsupport.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code GET /keystore/entries}: filtered by alias and state, page by page, from the index, refusing bad queries. */
class KeystoreEntriesListingTest extends KeystoreServiceContext {

    @Autowired
    TenantKeystore keystore;
    @Autowired
    SelfSignedKeyPairIssuer issuer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PeriodicGauges certificateExpiry;

    @Test
    void listsOneAliasOrOneStatePageByPageWithTheTotalAndLinksToTheOtherPages() throws Exception {
        KeystoreAlias staging = KeystoreAlias.of("listing-staging");
        KeystoreAlias renewed = KeystoreAlias.of("listing-renewed");
        keystore.install(staging, issue(staging));
        IssuedKeyPair staged = issue(staging);
        keystore.stage(staging, staged);
        IssuedKeyPair old = issue(renewed);
        keystore.install(renewed, old);
        keystore.install(renewed, issue(renewed));

        ResponseEntity<String> ofStaging = get("/keystore/entries?alias=listing-staging");
        assertThat(ofStaging.getStatusCode().value()).isEqualTo(200);
        assertThat(names(ofStaging)).containsExactly("listing-staging",
                staging.stagedEntryName(staged.publicCertificate().serialHex()));
        assertThat(ofStaging.getHeaders().getFirst("X-Total-Count")).isEqualTo("2");
        assertThat(ofStaging.getHeaders().get(HttpHeaders.LINK)).isNull();
        assertThat(names(get("/keystore/entries?alias=LISTING-staging&state=staged")))
                .containsExactly(staging.stagedEntryName(staged.publicCertificate().serialHex()));
        assertThat(states(get("/keystore/entries?state=ARCHIVED&size=1000"))).containsOnly("ARCHIVED");

        ResponseEntity<String> first = get("/keystore/entries?alias=listing-renewed&size=1");
        assertThat(names(first)).containsExactly("listing-renewed");
        assertThat(first.getHeaders().getFirst("X-Total-Count")).isEqualTo("2");
        assertThat(first.getHeaders().getFirst(HttpHeaders.LINK))
                .isEqualTo("</keystore/entries?alias=listing-renewed&page=1&size=1>; rel=\"next\"");
        ResponseEntity<String> second = get("/keystore/entries?alias=listing-renewed&page=1&size=1");
        assertThat(names(second)).containsExactly(renewed.retainedEntryName(old.publicCertificate().serialHex()));
        assertThat(second.getHeaders().getFirst(HttpHeaders.LINK))
                .isEqualTo("</keystore/entries?alias=listing-renewed&page=0&size=1>; rel=\"prev\"");

        List<String> everything = new ArrayList<>();
        JsonNode all = json(get("/keystore/entries?size=1000"));
        all.forEach(entry -> everything.add(entry.get("alias").asText() + " " + entry.get("entryName").asText()));
        assertThat(everything).as("by alias, then entry name").isSortedAccordingTo(Comparator.naturalOrder())
                .contains("listing-renewed listing-renewed", "listing-staging listing-staging");
        assertThat(get("/keystore/entries").getHeaders().getFirst("X-Total-Count"))
                .isEqualTo(Integer.toString(everything.size()));
    }

    @Test
    void answersFromTheIndexWithoutOpeningTheKeys() throws Exception {
        KeystoreAlias alias = KeystoreAlias.of("listing-unopened");
        keystore.install(alias, issue(alias));
        jdbc.sql("UPDATE keystore_alias SET pkcs12 = :damaged WHERE alias = :alias")
                .param("damaged", new byte[]{0x30, 0x03, 0x02, 0x01, 0x03})
                .param("alias", alias.value())
                .update();
        assertThatThrownBy(() -> keystore.entriesOf(alias)).isInstanceOf(KeystoreUnavailable.class);

        assertThat(names(get("/keystore/entries?alias=listing-unopened"))).containsExactly("listing-unopened");
    }

    @Test
    void refusesAnUnknownStateABadPageOrSizeAndAnAliasThatCannotBe() throws Exception {
        for (String query : List.of("state=REMOVED", "state=lost", "page=-1", "page=two", "size=0", "size=1001",
                "alias=not%20an%20alias")) {
            ResponseEntity<String> refused = get("/keystore/entries?" + query);
            assertThat(refused.getStatusCode().value()).as(query).isEqualTo(400);
            assertThat(refused.getHeaders().getContentType()).as(query).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(json(refused).get("title").asText()).isEqualTo("Bad entry listing");
        }
        assertThat(json(get("/keystore/entries?size=1001")).get("detail").asText())
                .isEqualTo("size must be 1 to 1000, not 1001");
        assertThat(json(get("/keystore/entries?page=100000&size=1000"))).isEmpty();
    }

    @Test
    void reportsTheCertificatesByHowSoonTheyExpireInTheMetrics() {
        KeystoreAlias alias = KeystoreAlias.of("listing-expiring");
        keystore.install(alias, issuer.issue(alias.value(), KeyAlgorithm.EC_P256, new CertificateTerms(null, 5)));
        certificateExpiry.refresh();

        PrometheusScrape metrics = PrometheusScrape.parse(get("/actuator/prometheus").getBody());
        assertThat(metrics.sum("keyrenewal_keystore_certificates", Map.of("type", "key_pair", "state", "active",
                "expires", "within_7d"))).isGreaterThanOrEqualTo(1);
        assertThat(metrics.samples("keyrenewal_keystore_certificates_days_left", Map.of("type", "key_pair",
                "state", "active")))
                .singleElement().satisfies(soonest -> assertThat(soonest.value()).isLessThanOrEqualTo(5));
    }

    private IssuedKeyPair issue(KeystoreAlias alias) {
        return issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
    }

    private static JsonNode json(ResponseEntity<String> response) throws Exception {
        return ContractJson.mapper().readTree(response.getBody());
    }

    private static List<String> names(ResponseEntity<String> response) throws Exception {
        return field(response, "entryName");
    }

    private static List<String> states(ResponseEntity<String> response) throws Exception {
        return field(response, "state");
    }

    private static List<String> field(ResponseEntity<String> response, String name) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return StreamSupport.stream(json(response).spliterator(), false).map(entry -> entry.get(name).asText())
                .toList();
    }
}
