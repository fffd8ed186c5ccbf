package io.driftwatch.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void aPasswordInAUrlIsMaskedAndTheUserAndHostStay() {
        assertThat(SecretMask.mask("registry at https://ops:s3cr3t@registry.example:8081/apis/ccompat/v7 failed"))
                .isEqualTo("registry at https://ops:****@registry.example:8081/apis/ccompat/v7 failed");
    }

    @Test
    void settingsNamedLikeSecretsLoseTheirValues() {
        assertThat(SecretMask.mask("password=hunter2, ssl.truststore.password: abc123 user=ops"))
                .isEqualTo("password=****, ssl.truststore.password: **** user=ops");
        assertThat(SecretMask.mask("s3.secret-key=AKxyz s3.access-key=AKIA123"))
                .isEqualTo("s3.secret-key=**** s3.access-key=****");
    }

    @Test
    void aJaasLineKeepsItsUserButNotItsPassword() {
        assertThat(SecretMask.mask("sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"driftwatch\" password=\"p@ss w\\\"ord\";"))
                .contains("username=\"driftwatch\"").contains("password=\"****\"").doesNotContain("p@ss");
    }

    @Test
    void textWithoutSecretsIsUnchangedAndMaskingTwiceChangesNothing() {
        String plain = "ClickHouse at http://127.0.0.1:8123/ is unreachable; Kafka 127.0.0.1:9092";
        assertThat(SecretMask.mask(plain)).isEqualTo(plain);
        String once = SecretMask.mask("password=x https://a:b@h/");
        assertThat(SecretMask.mask(once)).isEqualTo(once);
        assertThat(SecretMask.mask(null)).isNull();
    }
}
