package io.mailroom.cdi.template;

import io.mailroom.api.Email;
import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.MailException;
import io.mailroom.cdi.MailSender;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Renders mail templates from the application's class path and sends them, one message or a mail
 * merge over many rows. Inject it with {@code @Inject MailTemplates templates}. Thread-safe.
 *
 * <p>A template is a folder {@code mail-templates/<name>/} with a {@code subject.peb}, and a
 * {@code text.peb}, an {@code html.peb} or both (Pebble syntax, {@code {{ customer.name }}}).
 * Locale variants add a suffix: {@code html_de.peb}, {@code subject_de_AT.peb}; the most specific
 * one that exists is used, then the one without suffix. In the HTML variant every value is
 * HTML-escaped unless the template says otherwise ({@code {{ x | raw }}}); the subject and the
 * text are written verbatim.
 *
 * <p>The data is a record (its components are the template's variables, so the compiler checks
 * what the application passes) or a {@code Map<String, ?>}. A variable the data does not have, or
 * a template that does not exist, throws an {@link InvalidEmailException} whose {@code field()} is
 * {@code template:<name>} and whose message names the file, line and variable.
 */
@ApplicationScoped
public class MailTemplates {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+(/[A-Za-z0-9_.\\-]+)*");

    private final TemplateFiles files;
    private final PebbleEngine html;
    private final PebbleEngine verbatim;

    /** Templates from the class loader of the thread that creates the bean: the application's. */
    public MailTemplates() {
        this(applicationLoader());
    }

    /**
     * @param loader the class loader that sees the {@code mail-templates/} folder
     */
    public MailTemplates(ClassLoader loader) {
        this.files = new TemplateFiles(loader);
        this.html = engine(loader, true);
        this.verbatim = engine(loader, false);
    }

    private static ClassLoader applicationLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : MailTemplates.class.getClassLoader();
    }

    private static PebbleEngine engine(ClassLoader loader, boolean escapeHtml) {
        return new PebbleEngine.Builder()
                .loader(new ClasspathLoader(loader))
                .strictVariables(true)
                .autoEscaping(escapeHtml)
                .newLineTrimming(false)
                .build();
    }

    /**
     * Renders the template's subject, text and HTML into a builder; add the recipients and build.
     *
     * <pre>{@code
     * Email email = templates.render("order-confirmation", Locale.GERMAN, new OrderMail(order))
     *         .to(order.customerEmail()).build();
     * }</pre>
     *
     * @param name the template's folder under {@code mail-templates/}
     * @param locale the locale to pick variants and format values with
     * @param data a record or a {@code Map<String, ?>}
     * @return a builder with subject, text and/or HTML set
     * @throws InvalidEmailException naming the template, file, line and variable at fault
     */
    public Email.Builder render(String name, Locale locale, Object data) {
        Objects.requireNonNull(locale, "locale");
        String field = "template:" + name;
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new InvalidEmailException(field, Messages.badName(name));
        }
        Map<String, Object> variables = variables(name, data);
        List<String> looked = new ArrayList<>();
        String subject = files.find(name, "subject", locale, looked);
        String text = files.find(name, "text", locale, looked);
        String htmlFile = files.find(name, "html", locale, looked);
        if (subject == null || text == null && htmlFile == null) {
            throw new InvalidEmailException(field, Messages.noTemplate(name, String.join(", ", looked)));
        }
        Email.Builder email = Email.builder().subject(evaluate(verbatim, field, subject, variables, locale).strip());
        if (text != null) {
            email.text(evaluate(verbatim, field, text, variables, locale));
        }
        if (htmlFile != null) {
            email.html(evaluate(html, field, htmlFile, variables, locale));
        }
        return email;
    }

    /**
     * Mail merge: renders the template once per row and sends each message with {@link
     * MailSender#send} (inside a transaction: enqueued in it; outside: as the sender's {@code
     * no-transaction} mode says). A row that fails to render or to send is reported in its result
     * and the others go on.
     *
     * <pre>{@code
     * List<MergeResult<Reminder>> results = templates.merge(mail, "payment-reminder", Locale.ENGLISH,
     *         reminders, (row, email) -> email.to(row.customerEmail()));
     * }</pre>
     *
     * @param <T> the row type
     * @param sender the sender to send with
     * @param name the template
     * @param locale the locale for every row (use {@link #render} in a loop for per-row locales)
     * @param rows the data rows
     * @param addressing completes each row's builder: recipients, attachments, headers
     * @return one result per row, in the order given
     */
    public <T> List<MergeResult<T>> merge(MailSender sender, String name, Locale locale, List<T> rows,
            Addressing<T> addressing) {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(addressing, "addressing");
        List<MergeResult<T>> results = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            T row = rows.get(i);
            try {
                Email email = addressing.address(row, render(name, locale, row)).build();
                results.add(new MergeResult<>(i, row, sender.send(email).get(0), null));
            } catch (MailException e) {
                results.add(new MergeResult<>(i, row, null, e));
            }
        }
        return results;
    }

    /**
     * Completes a rendered message for one row of a mail merge.
     *
     * @param <T> the row type
     */
    @FunctionalInterface
    public interface Addressing<T> {
        /**
         * @param row the data row
         * @param email the builder with subject and bodies rendered
         * @return the builder with recipients (and anything else) added
         */
        Email.Builder address(T row, Email.Builder email);
    }

    private static String evaluate(PebbleEngine engine, String field, String file, Map<String, Object> variables,
            Locale locale) {
        StringWriter out = new StringWriter();
        try {
            engine.getTemplate(file).evaluate(out, variables, locale);
        } catch (AttributeNotFoundException e) {
            throw new InvalidEmailException(field, Messages.missingVariable(file, e.getLineNumber(), e.getAttributeName()), e);
        } catch (PebbleException e) {
            throw new InvalidEmailException(field, Messages.renderFailed(file, e.getLineNumber(), e.getPebbleMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A record's components, or a map's entries, become the template's variables. */
    private static Map<String, Object> variables(String name, Object data) {
        Map<String, Object> variables = new LinkedHashMap<>();
        if (data instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    variables.put(component.getName(), component.getAccessor().invoke(record));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new InvalidEmailException("template:" + name, Messages.badData(name, data), e);
                }
            }
        } else if (data instanceof Map<?, ?> map) {
            map.forEach((k, v) -> variables.put(String.valueOf(k), v));
        } else {
            throw new InvalidEmailException("template:" + name, Messages.badData(name, data));
        }
        return variables;
    }
}
