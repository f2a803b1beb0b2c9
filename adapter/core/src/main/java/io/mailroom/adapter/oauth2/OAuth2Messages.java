package io.mailroom.adapter.oauth2;

/** Every message of the OAuth2 token grants, with its stable id. */
final class OAuth2Messages {
    private OAuth2Messages() {
    }

    static String refreshTokenRotated(Object endpoint, String username, boolean listenerStoresIt) {
        return "MAILROOM-2028 the token endpoint " + endpoint + " rotated the refresh token of " + username
                + "; the new one is used from now on" + (listenerStoresIt
                        ? "" : " (no oauth2RefreshTokenListener stores it: after a restart the configured one is used)");
    }

    static String listenerFailed(String exceptionClass) {
        return "MAILROOM-2029 the oauth2RefreshTokenListener failed to take the rotated refresh token: " + exceptionClass;
    }
}
