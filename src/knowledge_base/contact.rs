//! Checks for the contact facts editors type: web addresses, e-mail addresses and Belgian phone numbers.
//! Each check returns the reason a value is malformed, in words an editor understands.

/// Checks a web address: `https://` with a real, public host name. Plain `http://` is refused: every
/// partner site the knowledge base names is served over HTTPS, and a visitor following an `http` link
/// from a public service can be redirected or read on the way. No user name or password in the
/// address (`https://www.actiris.brussels@evil.example/` goes to `evil.example`), no IP address, no
/// `localhost` or local-network name, no private or link-local address.
pub fn check_url(value: &str) -> Result<(), String> {
    let parsed = url::Url::parse(value).map_err(|e| match e {
        url::ParseError::RelativeUrlWithoutBase => format!("{value:?} must start with https://"),
        e => format!("{value:?} is not a web address ({e})"),
    })?;
    match parsed.scheme() {
        "https" => {}
        "http" => return Err(format!("{value:?} must use https:// (not http://)")),
        _ => return Err(format!("{value:?} must start with https://")),
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(format!(
            "{value:?} has a user name or password before the host (the link would go elsewhere than it seems)"
        ));
    }
    match parsed.host() {
        Some(url::Host::Domain(host)) => {
            let host = host.to_ascii_lowercase();
            let local = host == "localhost"
                || [
                    ".localhost",
                    ".local",
                    ".internal",
                    ".lan",
                    ".home.arpa",
                    ".test",
                    ".invalid",
                    ".example",
                ]
                .iter()
                .any(|suffix| host.ends_with(suffix));
            if local {
                Err(format!("{value:?} points to a local or reserved host name"))
            } else if host.contains('.') && !host.starts_with('.') && !host.ends_with('.') {
                Ok(())
            } else {
                Err(format!("{value:?} has no valid host name"))
            }
        }
        Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) => Err(format!(
            "{value:?} uses an IP address; use the organisation's host name"
        )),
        None => Err(format!("{value:?} has no valid host name")),
    }
}

/// Checks a link target in an answer or a partner text: a web address ([`check_url`]), `mailto:` an
/// e-mail address or `tel:` a phone number. Relative (`/page`, `page.html`, `#part`) and
/// protocol-relative (`//host`) links are refused: the widget shows answers on other sites' pages,
/// where they would lead somewhere else.
pub fn check_link(link: &str) -> Result<(), String> {
    if let Some(address) = link.strip_prefix("mailto:") {
        check_email(address)
    } else if let Some(number) = link.strip_prefix("tel:") {
        check_phone(number)
    } else if link.starts_with("//") {
        Err(format!(
            "{link:?} is protocol-relative; write the whole address, https://..."
        ))
    } else {
        check_url(link)
    }
}

/// Checks an e-mail address: one `@`, a local part, and a domain with a dot, no spaces.
pub fn check_email(value: &str) -> Result<(), String> {
    let bad = || {
        Err(format!(
            "{value:?} is not an e-mail address (expected name@domain.be)"
        ))
    };
    let Some((local, domain)) = value.split_once('@') else {
        return bad();
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-'".contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.');
    let domain_ok = domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if local_ok && domain_ok { Ok(()) } else { bad() }
}

/// Checks a phone number as people dial it in Belgium: a short number (`1819`, `1700`), a national
/// number starting with 0 (`0800 35 123`, `02 555 05 60`) or an international one (`+32 2 204 13 99`).
/// Spaces, dots, slashes and dashes may group the digits.
pub fn check_phone(value: &str) -> Result<(), String> {
    let bad = |why: &str| Err(format!("{value:?} is not a phone number ({why})"));
    if value
        .chars()
        .any(|c| !(c.is_ascii_digit() || " ./-+()".contains(c)))
    {
        return bad("only digits, spaces, dots, slashes, dashes and a leading + are allowed");
    }
    if value.chars().skip(1).any(|c| c == '+') {
        return bad("a + may only come first");
    }
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    let ok = if value.trim_start().starts_with('+') {
        (9..=15).contains(&digits.len())
    } else if digits.starts_with('0') {
        (9..=10).contains(&digits.len())
    } else {
        digits.len() == 4
    };
    if ok {
        Ok(())
    } else {
        bad("expected 1819, 0800 35 123, 02 555 05 60 or +32 2 204 13 99")
    }
}

/// The `tel:` form of a phone number: `0800 35 123` → `+3280035123`, `1819` → `1819`.
pub fn tel_uri(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if phone.trim_start().starts_with('+') {
        format!("tel:+{digits}")
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("tel:+32{rest}")
    } else {
        format!("tel:{digits}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(check_url("https://www.actiris.brussels").is_ok());
        assert!(check_url("https://equisup.cfwb.be/faq").is_ok());
        assert!(check_url("www.actiris.brussels").is_err());
        assert!(check_url("ftp://x.be").is_err());
        assert!(check_url("https://localhost").is_err());
        assert!(check_url("https://exa mple.be").is_err());
        for bad in [
            "http://www.actiris.brussels",
            "http://127.0.0.1",
            "https://127.0.0.1/",
            "https://10.0.0.1/admin",
            "https://192.168.1.1",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]/",
            "https://[fe80::1]/",
            "https://host@evil.example/",
            "https://www.actiris.brussels@evil.com/",
            "https://user:pass@www.actiris.brussels/",
            "https://printer.local/",
            "https://intranet.internal/",
            "https://app.localhost/",
            "https://2130706433/",
            "https://0x7f.0.0.1/",
            "javascript:alert(1)",
            "data:text/html,hi",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn links() {
        assert!(check_link("https://www.actiris.brussels/fr/").is_ok());
        assert!(check_link("mailto:info@cdm-bp.brussels").is_ok());
        assert!(check_link("tel:+3280035123").is_ok());
        for bad in [
            "//evil.example/x",
            "/admin",
            "page.html",
            "#top",
            "mailto:nobody",
            "tel:call-us",
            "http://www.actiris.brussels",
        ] {
            assert!(check_link(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert!(check_email("info@cdm-bp.brussels").is_ok());
        assert!(check_email("naric@vlaanderen.be").is_ok());
        assert!(check_email("info@cdm").is_err());
        assert!(check_email("info.cdm-bp.brussels").is_err());
        assert!(check_email("a b@c.be").is_err());
        assert!(check_email("@c.be").is_err());
    }

    #[test]
    fn phones() {
        for ok in [
            "0800 35 123",
            "0800 555 66",
            "02 555 05 60",
            "02/555.05.60",
            "+32 2 204 13 99",
            "1819",
            "1700",
            "0800 30 700",
        ] {
            assert!(check_phone(ok).is_ok(), "{ok}");
        }
        for bad in [
            "12345",
            "0800",
            "call us",
            "+32 2 +204",
            "02 555 05 60 ext 3",
        ] {
            assert!(check_phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn tel_uris() {
        assert_eq!(tel_uri("0800 35 123"), "tel:+3280035123");
        assert_eq!(tel_uri("+32 2 204 13 99"), "tel:+3222041399");
        assert_eq!(tel_uri("1819"), "tel:1819");
    }
}
