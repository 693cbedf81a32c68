package no.nhn.driftsvakt.hours;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Norway's public holidays (helligdager and the two national days), computed for any year: the fixed ones and
 * those that follow Easter (Maundy Thursday, Good Friday, Easter Sunday and Monday, Ascension Day, Whit Sunday and
 * Monday). Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). Pure.
 */
public final class NorwegianHolidays {

    private static final Map<MonthDay, String[]> FIXED = Map.of(
            MonthDay.of(1, 1), new String[] {"Første nyttårsdag", "New Year's Day"},
            MonthDay.of(5, 1), new String[] {"Offentlig høytidsdag", "Labour Day"},
            MonthDay.of(5, 17), new String[] {"Grunnlovsdag", "Constitution Day"},
            MonthDay.of(12, 25), new String[] {"Første juledag", "Christmas Day"},
            MonthDay.of(12, 26), new String[] {"Andre juledag", "Boxing Day"});

    /** A holiday: its date and names in bokmål and English. */
    public record Holiday(LocalDate date, String nb, String en) {
    }

    private NorwegianHolidays() {
    }

    /** Easter Sunday of a Gregorian year. */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }

    /** Every public holiday of a year, in date order. */
    public static java.util.List<Holiday> of(int year) {
        Map<LocalDate, Holiday> all = new TreeMap<>();
        FIXED.forEach((md, names) -> all.put(md.atYear(year), new Holiday(md.atYear(year), names[0], names[1])));
        LocalDate easter = easterSunday(year);
        add(all, easter.minusDays(3), "Skjærtorsdag", "Maundy Thursday");
        add(all, easter.minusDays(2), "Langfredag", "Good Friday");
        add(all, easter, "Første påskedag", "Easter Sunday");
        add(all, easter.plusDays(1), "Andre påskedag", "Easter Monday");
        add(all, easter.plusDays(39), "Kristi himmelfartsdag", "Ascension Day");
        add(all, easter.plusDays(49), "Første pinsedag", "Whit Sunday");
        add(all, easter.plusDays(50), "Andre pinsedag", "Whit Monday");
        return java.util.List.copyOf(all.values());
    }

    private static void add(Map<LocalDate, Holiday> all, LocalDate d, String nb, String en) {
        // Ascension Day can fall on 1 or 17 May: one holiday, both names.
        all.merge(d, new Holiday(d, nb, en), (x, y) -> new Holiday(d, x.nb() + " og " + y.nb(), x.en() + " and " + y.en()));
    }

    /** The holiday on a date, if it is one. */
    public static Optional<Holiday> on(LocalDate date) {
        return of(date.getYear()).stream().filter(h -> h.date().equals(date)).findFirst();
    }

    public static boolean isHoliday(LocalDate date) {
        return on(date).isPresent();
    }
}
