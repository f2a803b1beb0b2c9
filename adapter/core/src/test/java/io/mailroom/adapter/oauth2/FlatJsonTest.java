package io.mailroom.adapter.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlatJsonTest {

    @Test
    void aTokenResponseGivesItsStringsNumbersAndBooleans() {
        Map<String, Object> json = FlatJson.parseObject(" {\"access_token\":\"ya29.a0\",\"token_type\":\"Bearer\","
                + "\"expires_in\":3599, \"ratio\":-1.5e2, \"ok\":true, \"no\":false, \"gone\":null}\n");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("access_token", "ya29.a0");
        expected.put("token_type", "Bearer");
        expected.put("expires_in", new BigDecimal("3599"));
        expected.put("ratio", new BigDecimal("-1.5e2"));
        expected.put("ok", true);
        expected.put("no", false);
        expected.put("gone", null);
        assertEquals(expected, json);
    }

    @Test
    void escapesAreDecoded() {
        assertEquals("a\"b\\c/d\n\u00e9\t", FlatJson.parseObject("{\"s\":\"a\\\"b\\\\c\\/d\\n\\u00e9\\t\"}").get("s"));
    }

    @Test
    void nestedObjectsAndArraysAreCheckedAndLeftOut() {
        Map<String, Object> json = FlatJson.parseObject("{\"a\":{\"b\":[1,{\"c\":[]},\"x\"]},\"d\":[],\"e\":\"kept\"}");

        assertEquals(Map.of("e", "kept"), json);
    }

    @Test
    void anEmptyObjectIsEmpty() {
        assertTrue(FlatJson.parseObject("{}").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":01}", "{\"a\":tru}",
        "{\"a\":\"unterminated}", "{\"a\":1} x", "{'a':1}", "{\"a\":\"\\x\"}", "{\"a\":1.}", "<html>"})
    void anythingButOneJsonObjectIsRefusedWithoutQuotingTheText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlatJson.parseObject(text));

        assertTrue(e.getMessage().startsWith("not a JSON object: "), e.getMessage());
        assertFalse(!text.isEmpty() && text.length() > 3 && e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";

        assertThrows(IllegalArgumentException.class, () -> FlatJson.parseObject(deep));
    }
}
