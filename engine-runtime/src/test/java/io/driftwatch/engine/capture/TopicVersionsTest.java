package io.driftwatch.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicVersionsTest {

    @Test
    void aTableStartsOnItsBaseTopicAndMovesOneVersionAtATime() {
        TopicVersions versions = new TopicVersions(java.util.List.of(), "shop");
        assertThat(versions.topicFor("shop.public.items")).isEqualTo("shop.public.items");
        assertThat(versions.advance("shop.public.items")).isEqualTo("shop.public.items-v2");
        assertThat(versions.topicFor("shop.public.items")).isEqualTo("shop.public.items-v2");
        assertThat(versions.moved()).containsEntry("shop.public.items", "shop.public.items-v2");
        assertThat(versions.topicFor("shop.public.other")).isEqualTo("shop.public.other");
    }

    @Test
    void thereIsALastVersion() {
        TopicVersions versions = new TopicVersions(java.util.List.of(), "shop");
        for (int v = 2; v <= TopicVersions.MAX_VERSION; v++) {
            assertThat(versions.advance("t")).isEqualTo("t-v" + v);
        }
        assertThat(versions.advance("t")).isNull();
    }

    @Test
    void aRestartedCaptureContinuesOnTheVersionsItsOwnSubjectsShow() {
        TopicVersions versions = new TopicVersions(java.util.List.of("shop.public.items-value", "shop.public.items-v2-value",
                "shop.public.items-v3-value", "other.public.items-v4-value", "shop.public.plain-value"), "shop");
        assertThat(versions.topicFor("shop.public.items")).isEqualTo("shop.public.items-v3");
        assertThat(versions.topicFor("other.public.items")).as("another prefix's subjects are not ours").isEqualTo("other.public.items");
        assertThat(versions.topicFor("shop.public.plain")).isEqualTo("shop.public.plain");
    }
}
