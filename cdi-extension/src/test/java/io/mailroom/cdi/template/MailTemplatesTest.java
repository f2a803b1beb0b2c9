package io.mailroom.cdi.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Email;
import io.mailroom.api.InvalidEmailException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rendering: escaping, verbatim text, locale fallback, and errors that name what is missing. */
class MailTemplatesTest {
    static final String HOSTILE = "<script>alert('x')</script> & \"quoted\"";

    private final MailTemplates templates = new MailTemplates(MailTemplatesTest.class.getClassLoader());

    static OrderMail order(String name, String email) {
        return new OrderMail(new OrderMail.Customer(name, email), "A-42",
                List.of(new OrderMail.Line(2, "Tea & Biscuits"), new OrderMail.Line(1, "<b>Mug</b>")), HOSTILE);
    }

    private Email render(Locale locale, Object data) {
        return templates.render("order-confirmation", locale, data).to("c@example.com").build();
    }

    @Test
    void aHostileValueIsEscapedInHtmlAndVerbatimInTextAndSubject() {
        Email email = render(Locale.ENGLISH, order("Ann <Admin>", "ann@example.com"));

        assertEquals("Your order A-42", email.subject());
        assertTrue(email.html().contains("<p>Hello Ann &lt;Admin&gt;,</p>"), email.html());
        assertTrue(email.html().contains(
                "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;\">"), email.html());
        assertTrue(email.html().contains("<li>2 x Tea &amp; Biscuits</li><li>1 x &lt;b&gt;Mug&lt;/b&gt;</li>"), email.html());
        assertFalse(email.html().contains("<script>"), email.html());
        assertTrue(email.text().contains("Hello Ann <Admin>,"), email.text());
        assertTrue(email.text().contains("- 2 x Tea & Biscuits\n- 1 x <b>Mug</b>\n"), email.text());
        assertTrue(email.text().contains("Note: " + HOSTILE), email.text());
    }

    @Test
    void aLocaleVariantIsUsedWhereItExistsAndTheDefaultElsewhere() {
        Email austrian = render(Locale.forLanguageTag("de-AT"), order("Jürgen Müller", "j@example.com"));

        assertEquals("Ihre Bestellung A-42", austrian.subject());
        assertTrue(austrian.html().startsWith("<p>Hallo Jürgen Müller,</p>"), austrian.html());
        assertTrue(austrian.text().startsWith("Hello Jürgen Müller,"), "no text_de: the default text is used");
        Email french = render(Locale.FRENCH, order("Zoé", "z@example.com"));
        assertEquals("Your order A-42", french.subject());
    }

    @Test
    void aMissingVariableIsAnErrorNamingTemplateFileLineAndVariable() {
        InvalidEmailException e = assertThrows(InvalidEmailException.class,
                () -> templates.render("broken", Locale.ENGLISH, order("Ann", "ann@example.com")));

        assertEquals("template:broken", e.field());
        assertTrue(e.getMessage().startsWith("MAILROOM-7503 mail template mail-templates/broken/text.peb line 1"), e.getMessage());
        assertTrue(e.getMessage().contains("'voucherCode'"), e.getMessage());
    }

    @Test
    void aMissingTemplateIsAnErrorNamingItAndWhereItWasLookedFor() {
        InvalidEmailException e = assertThrows(InvalidEmailException.class,
                () -> templates.render("invoice", Locale.GERMAN, Map.of()));

        assertEquals("template:invoice", e.field());
        assertTrue(e.getMessage().startsWith("MAILROOM-7501 no mail template 'invoice'"), e.getMessage());
        assertTrue(e.getMessage().contains("mail-templates/invoice/subject_de.peb, mail-templates/invoice/subject.peb"),
                e.getMessage());
    }

    @Test
    void dataThatIsNeitherRecordNorMapAndNamesLeavingTheFolderAreRefused() {
        InvalidEmailException data = assertThrows(InvalidEmailException.class,
                () -> templates.render("order-confirmation", Locale.ENGLISH, "just a string"));
        assertTrue(data.getMessage().startsWith("MAILROOM-7505"), data.getMessage());
        InvalidEmailException name = assertThrows(InvalidEmailException.class,
                () -> templates.render("../secrets", Locale.ENGLISH, Map.of()));
        assertTrue(name.getMessage().startsWith("MAILROOM-7504"), name.getMessage());
    }

    @Test
    void aMapWorksAsDataToo() {
        Map<String, Object> data = Map.of("customer", Map.of("name", "Bo"), "number", "7", "lines", List.of(), "note", "-");
        Email email = render(Locale.ENGLISH, data);
        assertEquals("Your order 7", email.subject());
        assertTrue(email.html().startsWith("<p>Hello Bo,</p>"), email.html());
    }
}
