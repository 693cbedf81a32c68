package no.nhn.driftsvakt.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SecureCookiesTest {

    @Test
    void ourCookiesGetSecureOnceAndOthersAreLeftAlone() {
        assertEquals("driftsvakt-konsoll=abc; Path=/; HttpOnly; SameSite=Strict; Secure",
                SecureCookies.secured("driftsvakt-konsoll=abc; Path=/; HttpOnly; SameSite=Strict"));
        assertEquals("q_session=x; Secure; HttpOnly", SecureCookies.secured("q_session=x; Secure; HttpOnly"));
        assertEquals("driftsweb-lang=en; Path=/", SecureCookies.secured("driftsweb-lang=en; Path=/"));
        assertEquals("driftsvakt-csrf=secured-value; Path=/console; Secure",
                SecureCookies.secured("driftsvakt-csrf=secured-value; Path=/console"), "a value containing 'secure'");
    }
}
