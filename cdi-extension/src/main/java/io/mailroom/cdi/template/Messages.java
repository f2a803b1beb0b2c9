package io.mailroom.cdi.template;

/** The messages of mail templates: MAILROOM-7501 to MAILROOM-7519. */
final class Messages {
    private Messages() {
    }

    static String noTemplate(String name, String looked) {
        return "MAILROOM-7501 no mail template '" + name + "': none of " + looked + " is on the application's class path";
    }

    static String renderFailed(String file, Integer line, String reason) {
        return "MAILROOM-7502 mail template " + file + (line == null ? "" : " line " + line) + ": " + reason;
    }

    static String missingVariable(String file, Integer line, String variable) {
        return "MAILROOM-7503 mail template " + file + (line == null ? "" : " line " + line)
                + " uses '" + variable + "', which the data does not have";
    }

    static String badName(String name) {
        return "MAILROOM-7504 mail template name '" + name + "' must be letters, digits, '-', '_', '.' or '/' without '..'";
    }

    static String badData(String name, Object data) {
        return "MAILROOM-7505 mail template '" + name + "' takes a record or a Map as data, not "
                + (data == null ? "null" : data.getClass().getName());
    }
}
