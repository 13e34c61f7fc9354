use super::*;
use crate::account::claims::ClaimKind;

/// A finding with only what the page reads set.
fn finding(
    id: &str,
    status: Status,
    reading: Option<&str>,
    span: Option<(usize, usize)>,
) -> Finding {
    Finding {
        claim: id.to_owned(),
        kind: ClaimKind::Change,
        status,
        text: format!("text of {id}"),
        stated: Some(1.0),
        decimals: Some(0),
        computed: Some(20.0),
        computed_lower: None,
        computed_upper: None,
        unit: "%".to_owned(),
        reading: reading.map(str::to_owned),
        implied_what: None,
        implied: None,
        implied_lower: None,
        implied_upper: None,
        reason: format!("reason of {id}"),
        quote: String::new(),
        span: span.map(|(s, e)| Span::new(s, e)),
        combined: Vec::new(),
        wording: None,
        readings: Vec::new(),
    }
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let text = "<script>alert(1)</script> \u{202e}evil\u{202c} \u{1b}[31m & \"q\" 'a' \u{200b}.";
    let mut f = finding("<b>id</b>", Status::Inconsistent, None, Some((0, 25)));
    f.reason = "<img src=x onerror=alert(1)>".to_owned();
    f.text = "\u{202e}reversed".to_owned();
    let page = audit_page("<script>t</script>\u{202e}", Some(text), &[f]);
    for raw in [
        "<script", "<img", "<b>", "\u{202e}", "\u{202c}", "\u{1b}", "\u{200b}",
    ] {
        assert!(!page.contains(raw), "{raw:?} left raw in the page");
    }
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains(r#"<span class="ctl" title="U+202E">\u{202e}</span>evil"#));
    assert!(page.contains(
        r#"<span class="ctl" title="U+001B">\u{1b}</span>[31m &amp; &quot;q&quot; &#39;a&#39;"#
    ));
    // <title> holds no markup: the escape is plain text there.
    assert!(page.contains(r"<title>&lt;script&gt;t&lt;/script&gt;\u{202e}</title>"));
    assert!(
        page.contains("default-src 'none'"),
        "the CSP forbids scripts"
    );
}

#[test]
fn spans_are_highlighted_by_status_and_overlaps_show_the_worst() {
    // "Alpha beta." is bytes 0..11; claims 1 (0..11, consistent) and 2 (6..11, ambiguous)
    // overlap on "beta."; claim 3 is in the second paragraph (bytes 13..27, "£5m unchecked":
    // the pound sign is 2 bytes).
    let text = "Alpha beta.\n\n£5m unchecked";
    assert_eq!(&text[13..27], "£5m unchecked");
    let fs = [
        finding("a", Status::Consistent, Some("percent"), Some((0, 11))),
        finding("b", Status::Ambiguous, Some("points"), Some((6, 11))),
        finding("c", Status::Unchecked, None, Some((13, 27))),
    ];
    let page = audit_page("t", Some(text), &fs);
    assert!(page.contains(r#"<mark class="consistent" data-claims="1">Alpha </mark><mark class="ambiguous" data-claims="1 2">beta.</mark>"#), "{page}");
    assert!(page.contains(r#"<mark class="unchecked" data-claims="3">£5m unchecked</mark>"#));
    // Each paragraph is its own row with the notes of the claims quoted in it.
    assert_eq!(page.matches("<div class=\"row\">").count(), 2);
    let second_row = &page[page.rfind("<div class=\"row\">").unwrap()..];
    assert!(second_row.contains("id=\"f3\"") && !second_row.contains("id=\"f1\""));
    // Summary: 1 consistent, 1 ambiguous, 0 inconsistent, 1 unchecked.
    for (class, n) in [
        ("consistent", 1),
        ("ambiguous", 1),
        ("inconsistent", 0),
        ("unchecked", 1),
    ] {
        assert!(
            page.contains(&format!(
                r#"data-status="{class}"><span class="n">{n}</span>"#
            )),
            "{class}"
        );
    }
    assert!(page.contains("3 claims checked; 3 highlighted in the text, 0 not located."));
}

#[test]
fn spans_that_do_not_fit_the_text_go_to_the_table() {
    // "£" is bytes 0..2: a span ending at 1 splits it; 5..99 runs past the end; 3..3 is empty.
    let text = "£5 and more";
    let fs = [
        finding("split", Status::Consistent, None, Some((0, 1))),
        finding("past", Status::Inconsistent, None, Some((5, 99))),
        finding("empty", Status::Unchecked, None, Some((3, 3))),
        finding("none", Status::Consistent, None, None),
    ];
    let page = audit_page("t", Some(text), &fs);
    assert!(!page.contains("<mark"));
    assert!(page.contains("Findings not located in the text"));
    assert_eq!(page.matches("<tr id=").count(), 4);
    assert!(page.contains("4 claims checked; 0 highlighted in the text, 4 not located."));
}

#[test]
fn a_span_across_a_blank_line_keeps_its_paragraphs_together() {
    let text = "One.\n\nTwo.\n\nThree.";
    let page = audit_page(
        "t",
        Some(text),
        &[finding("x", Status::Consistent, None, Some((0, 10)))],
    );
    assert_eq!(page.matches("<div class=\"row\">").count(), 2, "{page}");
    assert!(page.contains("<mark class=\"consistent\" data-claims=\"1\">One.\n\nTwo.</mark>"));
}

#[test]
fn without_text_the_findings_are_a_table() {
    let page = audit_page(
        "t",
        None,
        &[finding("x", Status::Inconsistent, None, Some((0, 3)))],
    );
    assert!(page.contains("<h2>Findings</h2>") && !page.contains("The document"));
    assert!(page.contains(r#"<tr id="f1" class="inconsistent" data-status="inconsistent">"#));
    assert!(page.contains("no document text was given"));
}

#[test]
fn the_hand_made_dataset_spans_are_its_quotes_and_the_page_shows_them() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/audit-page/");
    let text = std::fs::read_to_string(format!("{dir}worcestershire-extract.txt")).unwrap();
    let json = std::fs::read_to_string(format!("{dir}worcestershire-extract.json")).unwrap();
    let ds = crate::account::Dataset::from_json_str(&json).unwrap();
    for c in &ds.claims {
        if let Some(s) = c.span.filter(|s| s.end <= text.len()) {
            assert_eq!(&text[s.start..s.end], c.quote, "claim {}", c.id);
        }
    }
    let page = audit_page("t", Some(&text), &crate::account::audit(&ds).unwrap());
    // Worked by hand: 6% from 5% is 1 point at face value, but +20% relative, which gives
    // +1% only within the rounding of 5% and 6% (ambiguous); 3,912 (4,455 - 543) per 485,737
    // is 805.4 per 100,000, not 803 (inconsistent).
    assert!(page.contains(r#"<mark class="ambiguous" data-claims="1">6% of these requests"#));
    assert!(page
        .contains(r#"<mark class="inconsistent" data-claims="9">Worcestershire has a lower rate"#));
    assert!(page.contains(r#"<mark class="unchecked" data-claims="6 7">27% the rate"#));
    assert!(page.contains("11 claims checked; 9 highlighted in the text, 2 not located."));
}

#[test]
fn printing_keeps_the_status_colours() {
    // Browsers drop background colours when printing unless the page asks to keep them; an
    // analyst printing the audit would lose every highlight (found by tests/browser).
    let page = audit_page(
        "T",
        Some("x"),
        &[finding("a", Status::Inconsistent, None, Some((0, 1)))],
    );
    assert!(page.contains("print-color-adjust:exact"), "{page}");
    assert!(page.contains("-webkit-print-color-adjust:exact"));
}
