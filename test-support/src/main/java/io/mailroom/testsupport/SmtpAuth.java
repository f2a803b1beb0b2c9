package io.mailroom.testsupport;

import io.mailroom.testsupport.ScriptedSmtpServer.Login;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.function.BiPredicate;

/** The server side of {@code AUTH PLAIN}, {@code LOGIN} (RFC 4954) and {@code XOAUTH2} for {@link SmtpConversation}. */
final class SmtpAuth {
    private static final String USERNAME_PROMPT = "VXNlcm5hbWU6";
    private static final String PASSWORD_PROMPT = "UGFzc3dvcmQ6";

    private SmtpAuth() {
    }

    /** @return the reply code sent */
    static int authenticate(SmtpConversation conversation, String argument) throws IOException {
        BiPredicate<String, String> check = conversation.server().credentials();
        if (check == null) {
            return conversation.write(502, "5.5.1 AUTH not offered");
        }
        String[] parts = argument.split(" ", 2);
        String mechanism = parts[0].toUpperCase(Locale.ROOT);
        String initial = parts.length > 1 ? parts[1].strip() : null;
        String[] credentials;
        switch (mechanism) {
            case "PLAIN":
                credentials = plain(decode(initial != null ? initial : challenge(conversation, "")));
                break;
            case "LOGIN":
                String user = decode(initial != null ? initial : challenge(conversation, USERNAME_PROMPT));
                String password = user == null ? null : decode(challenge(conversation, PASSWORD_PROMPT));
                credentials = password == null ? null : new String[] {user, password};
                break;
            case "XOAUTH2":
                credentials = xoauth2(decode(initial != null ? initial : challenge(conversation, "")));
                break;
            default:
                return conversation.write(504, "5.5.4 unrecognized authentication type");
        }
        if (credentials == null) {
            return conversation.write(501, "5.5.2 cannot decode the credentials");
        }
        boolean accepted = check.test(credentials[0], credentials[1]);
        conversation.server().record(new Login(mechanism, credentials[0], credentials[1], accepted, conversation.tls()));
        if (accepted) {
            return conversation.write(235, "2.7.0 Authentication successful");
        }
        if (mechanism.equals("XOAUTH2")) {
            // RFC 7628: an error challenge, which the client answers with an empty line.
            challenge(conversation, Base64.getEncoder().encodeToString(
                    "{\"status\":\"401\",\"schemes\":\"bearer\"}".getBytes(StandardCharsets.US_ASCII)));
        }
        return conversation.write(535, "5.7.8 Authentication credentials invalid");
    }

    private static String challenge(SmtpConversation conversation, String text) throws IOException {
        conversation.write(334, text);
        String line = conversation.readTextLine();
        return line == null ? "" : line;
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** @return user and password of {@code authzid NUL user NUL password} */
    private static String[] plain(String decoded) {
        String[] fields = decoded == null ? new String[0] : decoded.split("\u0000", -1);
        return fields.length == 3 ? new String[] {fields[1], fields[2]} : null;
    }

    /** @return user and token of {@code user=U ^A auth=Bearer T ^A ^A} */
    private static String[] xoauth2(String decoded) {
        if (decoded == null) {
            return null;
        }
        String user = null;
        String token = null;
        for (String field : decoded.split("\u0001")) {
            if (field.startsWith("user=")) {
                user = field.substring(5);
            } else if (field.startsWith("auth=Bearer ")) {
                token = field.substring(12);
            }
        }
        return user != null && token != null ? new String[] {user, token} : null;
    }
}
