//! The grammar of an ASCOF id, and its compact form.
//!
//! ```text
//! id      = spaces [ "ASCOF" spaces ] stem [ spaces part ] spaces
//! stem    = digit letter                      2A, 1c
//! part    = "(" digit [ letter ] ")"          2A(2), 1C(1a)
//!         | digit [ letter ]                  2A2, 1C1A   (compact form)
//! digit   = 1-9
//! letter  = A-Z or a-z                        case does not matter
//! spaces  = zero or more U+0020 SPACE
//! ```
//!
//! Only the plain space is allowed, and only around the id, after the `ASCOF` prefix and before
//! a bracketed or compact part: `" ASCOF 2A (2) "` is `2A2`. Anything else is refused with a
//! reason: control characters (NUL, tab, escape sequences), unbalanced or misplaced brackets
//! (`2)A(2`, `2A(2`), separators (`2A-2`, `2A.2`), two-digit parts, and ids longer than 32
//! characters. The compact form is upper case without brackets: `2A2`, `1C1A`.

use crate::error::{Error, Result};

/// The longest id accepted, in characters (`ASCOF 1C(1a)` is 12).
const MAX_LEN: usize = 32;

/// The id as shown in a message: control characters escaped, long ids cut.
fn shown(id: &str) -> String {
    let mut s: String = id.chars().take(MAX_LEN).collect();
    if id.chars().count() > MAX_LEN {
        s.push_str("...");
    }
    s.escape_debug().to_string()
}

fn refuse(id: &str, why: &str) -> Error {
    Error::invalid(
        "id",
        format!(
            "`{}` is not an ASCOF id ({why}); expected a digit and a letter with an optional \
             part, such as 2A, 2A(2), 1C(1a), 2A2 or 1C1A",
            shown(id)
        ),
    )
}

/// Checks `id` against the grammar and returns its compact form (`2A(2)` -> `2A2`).
///
/// Errors: [`Error::Invalid`] naming the field `id` and the reason.
///
/// ```
/// use carestat::ascof::parse_id;
/// assert_eq!(parse_id("ASCOF 1C(1a)")?, "1C1A");
/// assert_eq!(parse_id(" 2a (2) ")?, "2A2");
/// assert!(parse_id("2A\u{0}2").is_err());
/// assert!(parse_id("2)A(2").is_err());
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn parse_id(id: &str) -> Result<String> {
    if id.chars().count() > MAX_LEN {
        return Err(refuse(id, "longer than 32 characters"));
    }
    if let Some(c) = id.chars().find(|c| c.is_control()) {
        return Err(refuse(
            id,
            &format!("contains the control character U+{:04X}", u32::from(c)),
        ));
    }
    let opens = id.matches('(').count();
    let closes = id.matches(')').count();
    if opens != closes {
        return Err(refuse(id, "unbalanced brackets"));
    }
    if opens > 1 {
        return Err(refuse(id, "more than one bracketed part"));
    }
    if id.find(')') < id.find('(') {
        return Err(refuse(id, "misplaced brackets"));
    }
    let mut rest = id.trim_matches(' ');
    if rest.is_empty() {
        return Err(refuse(id, "empty"));
    }
    if rest
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("ASCOF"))
    {
        rest = rest[5..].trim_start_matches(' ');
    }
    let b = rest.as_bytes();
    let (Some(&d), Some(&l)) = (b.first(), b.get(1)) else {
        return Err(refuse(id, "too short"));
    };
    if !(b'1'..=b'9').contains(&d) || !l.is_ascii_alphabetic() {
        return Err(refuse(id, "it must begin with a digit and a letter"));
    }
    let mut key = String::with_capacity(4);
    key.push(char::from(d));
    key.push(char::from(l.to_ascii_uppercase()));
    let part = rest[2..].trim_start_matches(' ');
    if part.is_empty() {
        return Ok(key);
    }
    let inner = match (part.strip_prefix('('), part.strip_suffix(')')) {
        (Some(_), Some(_)) => &part[1..part.len() - 1],
        (None, None) if rest.len() == 2 + part.len() => part,
        (None, None) => return Err(refuse(id, "a space inside the id")),
        _ => return Err(refuse(id, "misplaced brackets")),
    };
    let pb = inner.as_bytes();
    let ok = match pb {
        [n] => (b'1'..=b'9').contains(n),
        [n, x] => (b'1'..=b'9').contains(n) && x.is_ascii_alphabetic(),
        _ => false,
    };
    if !ok {
        return Err(refuse(
            id,
            "the part must be a digit, optionally followed by a letter",
        ));
    }
    key.push(char::from(pb[0]));
    if let Some(x) = pb.get(1) {
        key.push(char::from(x.to_ascii_uppercase()));
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::parse_id;

    #[test]
    fn accepted_forms() {
        for (id, key) in [
            ("2A", "2A"),
            ("2a", "2A"),
            ("2A(2)", "2A2"),
            ("2A2", "2A2"),
            ("2A (2)", "2A2"),
            ("1C(1a)", "1C1A"),
            ("1c1a", "1C1A"),
            ("ASCOF 2C", "2C"),
            ("ascof2C", "2C"),
            ("  3D(2b)  ", "3D2B"),
        ] {
            assert_eq!(parse_id(id).unwrap(), key, "{id:?}");
        }
    }

    #[test]
    fn refused_forms_say_why() {
        // issue 16: "2A\x002" and "2)A(2" were read as 2A2
        for (id, why) in [
            ("2A\u{0}2", "control character U+0000"),
            ("2A\t2", "control character U+0009"),
            ("\u{1b}[2J2A", "control character U+001B"),
            ("2)A(2", "misplaced brackets"),
            ("2A(2", "unbalanced brackets"),
            ("2A2)", "unbalanced brackets"),
            ("2A((2))", "more than one bracketed part"),
            ("2A(2)(1)", "more than one bracketed part"),
            ("(2A2)", "begin with a digit and a letter"),
            ("", "empty"),
            ("   ", "empty"),
            ("2", "too short"),
            ("A2", "begin with a digit and a letter"),
            ("0A", "begin with a digit and a letter"),
            ("2A-2", "the part must be"),
            ("2A.2", "the part must be"),
            ("2A(12)", "the part must be"),
            ("2A()", "the part must be"),
            ("2A 2", "a space inside"),
            ("2A2 A", "the part must be"),
            ("2A (2", "unbalanced brackets"),
            ("2A2(", "unbalanced brackets"),
            ("2A2()", "misplaced brackets"),
            ("2A2AA", "the part must be"),
            ("2Å2", "begin with a digit and a letter"),
            ("2AÅ", "the part must be"),
            ("ÅÅÅÅÅÅ", "begin with a digit and a letter"),
            ("ASCOF", "too short"),
        ] {
            let e = parse_id(id).unwrap_err().to_string();
            assert!(e.starts_with("id: `"), "{id:?}: {e}");
            assert!(e.contains(why), "{id:?}: {e}");
        }
        // control characters are shown escaped, never raw
        let e = parse_id("2A\u{1b}[2J").unwrap_err().to_string();
        assert!(e.contains("2A\\u{1b}[2J") && !e.contains('\u{1b}'), "{e}");
        // a long id is cut in the message
        let long = "2".repeat(100);
        let e = parse_id(&long).unwrap_err().to_string();
        assert!(e.contains("longer than 32") && e.len() < 250, "{e}");
    }
}
