package io.driftwatch.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LagSourcesTest {

    @Test
    void thePipelinesSourcesAreNamedAsTheProcessingJobNamesThem() {
        LagSources sources = LagSources.forPipeline("globalmart");
        assertThat(sources.consumerGroup()).isEqualTo("driftwatch-process-globalmart");
        assertThat(sources.viewDatabase()).isEqualTo("dw_globalmart");
        assertThat(sources.transactionTopic()).isEqualTo("globalmart.transaction");
    }

    @Test
    void theJobReadsThePrefixsTopicsButNotTheOutboxOrOtherPipelines() {
        LagSources sources = LagSources.forPipeline("globalmart");
        assertThat(sources.processes("globalmart.public.orders")).isTrue();
        assertThat(sources.processes("globalmart.transaction")).isTrue();
        assertThat(sources.processes("globalmart.outbox.order")).isFalse();
        assertThat(sources.processes("driftwatch.globalmart.dead-letters")).isFalse();
        assertThat(sources.processes("globalmartx.public.orders")).isFalse();
    }
}
