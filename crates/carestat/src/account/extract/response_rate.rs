//! Survey response rates: "1,287 surveys were issued and 521 were returned (41% response
//! rate)", "sent out 1597 surveys and received back 464 responses. This is a response rate of
//! 29.1%." A response rate is the returned over the sent: a share whose part and whole the
//! words next to each count say.
//!
//! The rate's counts are in its sentence, or in the sentence before when the rate's sentence
//! starts "This" / "That" / "It" (same section). Each count is told by the words right after
//! it ("surveys were issued", "responses", "were returned") or, failing those, right before it
//! ("sent out 1597"), never across "and" or punctuation. Exactly one sent and one returned
//! count, the returned no more than the sent, or no claim ("We received 440 responses, a
//! response rate of 30.3%" states no whole: left as not understood).

use super::numbers::{Kind, Number};
use super::words::squash;
use super::Draft;
use crate::account::claims::ClaimKind;

const SENT: [&str; 7] = [
    "sent",
    "issued",
    "distributed",
    "posted",
    "mailed",
    "invited",
    "emailed",
];
const RETURNED: [&str; 8] = [
    "returned",
    "responses",
    "response",
    "replies",
    "responded",
    "completed",
    "back",
    "received",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Sent,
    Returned,
}

pub(crate) fn response_rates(d: &mut Draft<'_>) {
    for si in 0..d.sentences().len() {
        let s = &d.sentences()[si];
        if s.heading || s.table {
            continue;
        }
        let lower = d.lower(si);
        let base = s.span.start;
        let rates: Vec<Number> = s
            .numbers
            .iter()
            .filter(|p| p.kind == Kind::Percent && !d.is_placed(p))
            .filter(|p| {
                let before = lower[..p.span.start - base].trim_end_matches(['*', ' ']);
                let after = lower[p.span.end - base..].trim_start_matches(['*', ' ']);
                before.ends_with("response rate of")
                    || before.ends_with("response rate was")
                    || after.starts_with("response rate")
            })
            .cloned()
            .collect();
        let [rate] = &rates[..] else { continue };
        let here = roles(d, si, Some(rate));
        let starts_this = ["this ", "that ", "it ", "which "]
            .iter()
            .any(|w| lower.trim_start_matches('*').starts_with(w));
        let found = match pick(&here) {
            Some(x) => Some((si, x)),
            None if here.is_empty() && starts_this => {
                let p = si.checked_sub(1).filter(|&p| {
                    let ps = &d.sentences()[p];
                    ps.section == s.section && !ps.table && !ps.heading
                });
                p.and_then(|p| pick(&roles(d, p, None)).map(|x| (p, x)))
            }
            None => None,
        };
        let Some((ci, (sent, returned))) = found else {
            continue;
        };
        add(d, si, rate, ci, &sent, &returned);
    }
}

/// The sent and the returned count, when there is exactly one of each.
fn pick(roles: &[(Number, Role)]) -> Option<(Number, Number)> {
    let of = |r: Role| -> Vec<&Number> {
        roles
            .iter()
            .filter(|(_, x)| *x == r)
            .map(|(n, _)| n)
            .collect()
    };
    match (&of(Role::Sent)[..], &of(Role::Returned)[..]) {
        ([s], [r]) if r.value <= s.value => Some(((*s).clone(), (*r).clone())),
        _ => None,
    }
}

/// The counts of sentence `si` (but `skip`) with the role their words give them.
fn roles(d: &Draft<'_>, si: usize, skip: Option<&Number>) -> Vec<(Number, Role)> {
    let s = &d.sentences()[si];
    let lower = d.lower(si);
    let base = s.span.start;
    s.numbers
        .iter()
        .filter(|n| n.kind == Kind::Count && n.decimals == 0 && Some(*n) != skip)
        .filter_map(|n| {
            let after = words(&lower[n.span.end - base..], false);
            let before = words(&lower[..n.span.start - base], true);
            role_of(&after)
                .or_else(|| role_of(&before))
                .map(|r| (n.clone(), r))
        })
        .collect()
}

fn role_of(words: &[&str]) -> Option<Role> {
    words.iter().find_map(|w| {
        if SENT.contains(w) {
            Some(Role::Sent)
        } else if RETURNED.contains(w) {
            Some(Role::Returned)
        } else {
            None
        }
    })
}

/// Up to three words next to a number (after it, or before it when `before`), stopping at
/// "and", "of", a number or punctuation.
fn words(text: &str, before: bool) -> Vec<&str> {
    let stop = |c: char| matches!(c, ',' | '.' | ';' | ':' | '(' | ')') || c.is_ascii_digit();
    let region = if before {
        text.rfind(stop).map_or(text, |k| &text[k + 1..])
    } else {
        text.find(stop).map_or(text, |k| &text[..k])
    };
    let mut ws: Vec<&str> = region.split_whitespace().collect();
    if before {
        ws.reverse();
    }
    let mut out = Vec::new();
    for w in ws.into_iter().take(3) {
        if matches!(w, "and" | "of" | "but" | "or") {
            break;
        }
        out.push(w);
    }
    out
}

fn add(d: &mut Draft<'_>, si: usize, rate: &Number, ci: usize, sent: &Number, returned: &Number) {
    let cb = d.sentences()[ci].span.start;
    let sentence = d.sentence(ci);
    let label = |n: &Number| {
        let s = n.span.start - cb;
        let e = n.span.end - cb;
        let after = squash(&sentence[e..]);
        let w: Vec<&str> = after
            .split([',', '.', '(', ';'])
            .next()
            .unwrap_or("")
            .split(' ')
            .take(4)
            .collect();
        let l = w.join(" ");
        if l.trim().len() >= 3 {
            l
        } else {
            squash(&sentence[s.saturating_sub(30)..s])
        }
    };
    let (sl, rl) = (label(sent), label(returned));
    let Some(whole) = d.figure(ci, sent, &sl) else {
        return;
    };
    let Some(part) = d.figure(ci, returned, &rl) else {
        return;
    };
    let rb = d.sentences()[si].span.start;
    let lower = d.lower(si);
    let (s, e) = (rate.span.start - rb, rate.span.end - rb);
    // "a response rate of 29.1%" / "41% response rate": the words that say it is one.
    let start = lower[..s].rfind("response rate").unwrap_or(s);
    let end = if start == s {
        e + lower[e..].find("rate").map_or(0, |k| k + 4)
    } else {
        e
    };
    let words = d.sentence(si)[start..end].to_owned();
    let mut c = d.claim(ClaimKind::Share, "response rate", &squash(&words), si);
    c.numerator = Some(part);
    c.denominator = Some(whole);
    c.stated = Some(rate.value);
    c.decimals = Some(rate.decimals);
    if d.push_claim(c) {
        d.use_number(rate);
    }
}

#[cfg(test)]
mod tests {
    use crate::account::extract::extract;
    use crate::account::read::Document;
    use crate::account::{audit, ClaimKind, Status};

    fn rates(text: &str) -> Vec<(f64, Status)> {
        let x = extract(&Document::from_plain_text(text));
        let f = audit(&x.dataset).unwrap();
        x.dataset
            .claims
            .iter()
            .zip(f)
            .filter(|(c, _)| c.kind == ClaimKind::Share)
            .map(|(c, f)| (c.stated.unwrap(), f.status))
            .collect()
    }

    #[test]
    fn response_rates_as_councils_write_them() {
        // Devon County Council, Adult Social Care Survey results: 521 / 1,287 = 40.48%,
        // printed 41% (inconsistent); 533 / 1,260 = 42.30% (42%).
        assert_eq!(
            rates("1,287 surveys were issued and 521 were returned (41% response rate).\n"),
            vec![(41.0, Status::Inconsistent)]
        );
        assert_eq!(
            rates("1,260 surveys were issued and 533 were returned (42% response rate).\n"),
            vec![(42.0, Status::Consistent)]
        );
        // Cambridgeshire County Council, Adult Social Care Survey 2024: 464 / 1597 = 29.05%.
        assert_eq!(
            rates("In 2024, Cambridgeshire County Council sent out 1597 surveys and received back 464 responses. This is a response rate of 29.1%.\n"),
            vec![(29.1, Status::Consistent)]
        );
        // Birmingham Local Account 2022/23 (seed 000): no number sent, no claim.
        assert!(rates("We received 440 responses, a response rate of 30.3%.\n").is_empty());
    }
}
