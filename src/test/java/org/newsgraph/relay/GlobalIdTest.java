package org.newsgraph.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.newsgraph.error.ApiException;

class GlobalIdTest {

    @Test
    void encodedId_decodesToTypeAndKey_andIsOpaque() {
        String id = GlobalId.encode("Statement", 42);
        assertThat(id).doesNotContain("Statement").doesNotContain(":");
        assertThat(GlobalId.decode(id)).isEqualTo(new GlobalId("Statement", 42));
        assertThat(GlobalId.decode(id, "Statement")).isEqualTo(42);
    }

    @Test
    void malformedIds_areRefusedWithInvalidId() {
        for (String bad : new String[] {
            "",
            "%%%",
            "bm9jb2xvbg",
            GlobalId.encode("Actor", 1).substring(2),
            java.util.Base64.getUrlEncoder().encodeToString("Planet:1".getBytes()),
            java.util.Base64.getUrlEncoder().encodeToString("Actor:x".getBytes()),
            java.util.Base64.getUrlEncoder().encodeToString("Actor:-3".getBytes())
        }) {
            assertThatThrownBy(() -> GlobalId.decode(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_ID"));
        }
    }

    @Test
    void otherSpellingsOfAnId_areRefused_soThatANodeHasOneId() {
        var url = java.util.Base64.getUrlEncoder().withoutPadding();
        String canonical = GlobalId.encode("Actor", 31);
        String trailingBitsSet =
                canonical.substring(0, canonical.length() - 1) + (char) (canonical.charAt(canonical.length() - 1) + 1);
        assertThat(java.util.Base64.getUrlDecoder().decode(trailingBitsSet))
                .asString()
                .isEqualTo("Actor:31");
        for (String other : new String[] {
            url.encodeToString("Actor:+31".getBytes()),
            url.encodeToString("Actor:031".getBytes()),
            url.encodeToString("Actor:\uFF13\uFF11".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            java.util.Base64.getUrlEncoder().encodeToString("Actor:31".getBytes()),
            " " + canonical,
            trailingBitsSet
        }) {
            assertThatThrownBy(() -> GlobalId.decode(other))
                    .as(other)
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_ID"));
        }
        var cursor = new Cursor("Actor", 7, "Zelensky");
        for (String other : new String[] {
            url.encodeToString("Actor|07|Zelensky".getBytes()),
            url.encodeToString("Actor|+7|Zelensky".getBytes()),
            cursor.encode() + " "
        }) {
            assertThatThrownBy(() -> Cursor.decode("Actor", "after", other))
                    .as(other)
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_CURSOR"));
        }
    }

    @Test
    void idOfAnotherType_isRefusedWhereATypeIsExpected() {
        assertThatThrownBy(() -> GlobalId.decode(GlobalId.encode("Event", 3), "Actor"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_ID");
                    assertThat(e.getMessage()).contains("Event").contains("Actor");
                });
    }

    @Test
    void cursor_roundTrips_andRefusesCursorsOfOtherConnections() {
        var cursor = new Cursor("Actor", 7, "Zelensky|with bar");
        assertThat(Cursor.decode("Actor", "after", cursor.encode())).isEqualTo(cursor);
        assertThatThrownBy(() -> Cursor.decode("Statement", "after", cursor.encode()))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_CURSOR"));
        assertThatThrownBy(() -> Cursor.decode("Actor", "before", "***"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_CURSOR"));
    }

    @Test
    void pageSizes_areCheckedAgainstTheCap() {
        assertThat(PageRequest.of("Actor", null, null, null, null).size()).isEqualTo(PageRequest.DEFAULT_SIZE);
        assertThat(PageRequest.of("Actor", 100, null, null, null).size()).isEqualTo(100);
        assertThat(PageRequest.of("Actor", null, null, 5, null).backward()).isTrue();
        assertThatThrownBy(() -> PageRequest.of("Actor", 101, null, null, null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("PAGE_SIZE_TOO_LARGE"));
        assertThatThrownBy(() -> PageRequest.of("Actor", null, null, -1, null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_PAGE_SIZE"));
        assertThatThrownBy(() -> PageRequest.of("Actor", 1, null, 1, null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_PAGE_SIZE"));
    }
}
