package no.nhn.driftsvakt.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.platform.FieldError;

class CsvImportTest {

    static final ContactValidator V = new ContactValidator(Set.of("fastleger", "sykehus")::contains,
            Set.of("edi", "e-resept", "helseid")::contains);

    @Test
    void aSpreadsheetExportWithSemicolonsQuotesAndNorwegianNumbers() {
        String csv = "\uFEFFname;organisation;phone;email;language;components\r\n"
                + "Kari Nordmann;\"Legesenteret; Bryn\";912 34 567;Kari@Legesenteret.no;nb;\r\n"
                + "Ola;Apotek 1;+47 41234567;;en;edi|e-resept\r\n"
                + "\r\n"
                + "Per;;0047 98765432;;;\r\n";
        CsvImport.Result r = CsvImport.read(csv, "fastleger", V);
        assertEquals(List.of(), r.errors());
        assertEquals(3, r.contacts().size());
        Contact kari = r.contacts().get(0).contact();
        assertEquals("Legesenteret; Bryn", kari.organisation());
        assertEquals("+4791234567", kari.phone());
        assertEquals("kari@legesenteret.no", kari.email());
        assertEquals(List.of("fastleger"), kari.groups());
        assertEquals(List.of(), kari.components(), "empty: everything the group uses");
        assertEquals(List.of("edi", "e-resept"), r.contacts().get(1).contact().components());
        assertEquals("en", r.contacts().get(1).contact().language());
        assertEquals(5, r.contacts().get(2).row(), "row numbers count the header and blank lines");
        assertEquals("+4798765432", r.contacts().get(2).contact().phone());
    }

    @Test
    void everyBadRowIsReportedByRowAndColumnAndTheGoodOnesStillCount() {
        String csv = "name,phone,email,components\n"
                + "A,12345678,,\n"          // row 2: Norwegian landline
                + "B,,not-an-address,\n"    // row 3
                + "C,,,\n"                  // row 4: no way to reach them
                + "D,91234567,,nope\n"      // row 5: unknown component
                + "E,91234567,,\n"          // row 6: fine
                + "F,+4791234567,,\n"       // row 7: same as row 6
                + "G,91234568\n";           // row 8: too few cells
        CsvImport.Result r = CsvImport.read(csv, "fastleger", V);
        assertEquals(1, r.contacts().size());
        assertEquals(6, r.contacts().get(0).row());
        assertEquals(List.of(
                new FieldError(400, "row 2: phone", "not a mobile number: use +47 and 8 digits starting with 4 or 9, "
                        + "or another country's number in E.164 form (+ and up to 15 digits)"),
                new FieldError(400, "row 3: email", "not an e-mail address"),
                new FieldError(400, "row 4: phone", "give a phone number, an e-mail address or both"),
                new FieldError(404, "row 5: components", "unknown component 'nope'"),
                new FieldError(409, "row 7: phone/email", "the same contact as row 6"),
                new FieldError(400, "row 8", "2 cells where the header has 4")), r.errors());
    }

    @Test
    void aBadHeaderStopsBeforeAnyRow() {
        CsvImport.Result r = CsvImport.read("navn,telefon\nKari,91234567\n", "fastleger", V);
        assertEquals(List.of(), r.contacts());
        assertEquals("row 1", r.errors().get(0).field());
        assertEquals(3, r.errors().size(), r.errors().toString());
        assertEquals("row 1", CsvImport.read("", "fastleger", V).errors().get(0).field());
    }

    @Test
    void contactFieldsAreCheckedAndNormalised() {
        ContactValidator.Outcome o = V.validate(Map.of("phone", "+46 70 123 45 67", "window", "24/7",
                "webhookUrl", "https://hooks.example.no/nhn"), List.of("sykehus"), List.of(), "");
        assertEquals(List.of(), o.errors());
        assertEquals("+46701234567", o.contact().phone());
        assertEquals("24/7", o.contact().window());
        assertEquals("nb", o.contact().language());
        ContactValidator.Outcome bad = V.validate(Map.of("email", "a@b.no", "language", "de", "window", "nights",
                "webhookUrl", "http://insecure"), List.of("apotek"), List.of(), "");
        assertNull(bad.contact());
        assertEquals(List.of("webhookUrl", "language", "window", "groups"),
                bad.errors().stream().map(FieldError::field).toList());
    }
}
