//! Tests of [`super`]: changes as councils write them.
use crate::account::claims::{ChangeUnit, ClaimKind, Direction};
use crate::account::extract::extract;
use crate::account::read::Document;

/// (subject value, unit, stated) of each change claim, and previous values.
type Read = (String, Option<ChangeUnit>, Option<f64>, Option<Direction>);

fn read(text: &str) -> Vec<Read> {
    let x = extract(&Document::from_plain_text(text));
    x.dataset
        .claims
        .iter()
        .filter(|c| matches!(c.kind, ClaimKind::Change | ClaimKind::Direction))
        .map(|c| {
            let subj = c.subject.clone().unwrap();
            let (sec, id) = subj.split_once('.').unwrap();
            let v = match sec {
                "counts" => format!(
                    "{}<{:?}",
                    x.dataset.counts[id].value, x.dataset.counts[id].previous
                ),
                "percentages" => format!(
                    "{}<{:?}",
                    x.dataset.percentages[id].value, x.dataset.percentages[id].previous
                ),
                _ => format!(
                    "{}<{:?}",
                    x.dataset.spend[id].value, x.dataset.spend[id].previous
                ),
            };
            (v, c.unit, c.stated, c.direction)
        })
        .collect()
}

#[test]
fn changes_as_councils_write_them() {
    use ChangeUnit::{Absolute, Percent, Points};
    type Want<'a> = (&'a str, Option<ChangeUnit>, Option<f64>);
    let cases: &[(&str, Want)] = &[
        // Seed 000 (Birmingham 2022/23).
        ("There was a total of 22555 new requests, an increase from the previous year by 4.4%", ("22555<None", Some(Percent), Some(4.4))),
        ("There were 4240 community services last year a decrease of 1.5%", ("4240<None", Some(Percent), Some(-1.5))),
        ("There were a total of 2720 residential / nursing placements, a 2.1% increase from the previous year.", ("2720<None", Some(Percent), Some(2.1))),
        ("£326.4m Was spent on Adults Social Care from the period 1st April 2022 to 31st March 2023 an increase of 12.4% from the previous report.", ("326.4<None", Some(Percent), Some(12.4))),
        // Seed 004 (Worcestershire 2023/24).
        ("6% of these requests resulted in a long-term service (a 1% increase on last year’s 5%).", ("6<Some(5.0)", Some(Percent), Some(1.0))),
        // Issue 13's list of real wordings.
        ("There were 3,289 assessments, compared to 3,152 in 2021-22 (+4.3%).", ("3289<Some(3152)", Some(Percent), Some(4.3))),
        // Two claims on one figure: the first is checked here, the second in its own test.
        ("Admissions fell to 7,160, reducing by 238.", ("7160<None", Some(Absolute), Some(-238.0))),
        // https://www.nottinghamshire.gov.uk (Local Account style): "up N percentage points".
        ("Satisfaction was 64%, up 3 percentage points on last year.", ("64<None", Some(Points), Some(3.0))),
        ("Delayed discharges were down 11% from last year at 820 days.", ("", None, None)),
    ];
    for (text, want) in cases {
        let got = read(text);
        if want.0.is_empty() {
            assert!(got.is_empty(), "{text}: {got:?}");
            continue;
        }
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!((got[0].0.as_str(), got[0].1, got[0].2), *want, "{text}");
    }
}

#[test]
fn an_absolute_and_a_relative_change_together() {
    // Issue 13's "reducing by 238 (-3.2%)": 7,160 + 238 = 7,398 last year, and
    // 238 / 7,398 = 3.2% (worked by hand). No previous value is published, so each claim
    // is checked against the previous value the other implies (reasoning across claims):
    // the -3.2% against 7,398; the -238 against 7,160 / (1 - 0.0325) = 7,400.5 to
    // 7,160 / (1 - 0.0315) = 7,392.9, i.e. 7,393 to 7,400, a change of -240 to -233.
    // Both consistent.
    let x = extract(&Document::from_plain_text(
        "Admissions fell to 7,160, reducing by 238 (-3.2%).\n",
    ));
    let f = crate::account::audit(&x.dataset).unwrap();
    let got: Vec<(Option<f64>, crate::account::Status)> =
        f.iter().map(|f| (f.stated, f.status)).collect();
    assert_eq!(
        got,
        vec![
            (Some(-238.0), crate::account::Status::Consistent),
            (Some(-3.2), crate::account::Status::Consistent)
        ]
    );
}

#[test]
fn directions_and_previous_values() {
    let got =
        read("82% of people were asked about their outcomes, an increase from 73% last year.");
    assert_eq!(
        got,
        vec![(
            "82<Some(73.0)".to_owned(),
            None,
            None,
            Some(Direction::Increase)
        )]
    );
    let got = read("Spend on People is £258.1m. This increased from £231.2min 2022/2023.");
    assert_eq!(
        got,
        vec![(
            "258.1<Some(231.2)".to_owned(),
            None,
            None,
            Some(Direction::Increase)
        )]
    );
    let got = read("1305 completed safeguarding enquiries were undertaken in the year compared to 1141 last year.");
    assert!(got.is_empty(), "{got:?}");
    let got = read("99% of people fully achieved their outcomes, which remained the same as last year's figure.");
    assert_eq!(
        got,
        vec![("99<None".to_owned(), None, None, Some(Direction::Same))]
    );
}

#[test]
fn columns_run_together_give_no_claim() {
    // Seed 004: two DoLS figures and a waiting list side by side in the PDF's text.
    let got = read("3963 & 3933 % 1549 received, which is an completed, which is an increase of 13% from increase of 18% from March");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn the_figure_after_to_and_directions_said_before_the_figure() {
    use Direction::{Decrease, Increase};
    // Norfolk Safeguarding Adults Board annual report 2017-18 (national figures): the
    // figure that changed comes after "to".
    assert_eq!(
        read("The number of Section 42 enquiries that commenced during the year fell by 1.1% to 131,860 and involved 107,550 individuals."),
        vec![("131860<None".to_owned(), Some(ChangeUnit::Percent), Some(-1.1), None)]
    );
    // Reading Safeguarding Adults Board minutes (2022): "had fallen to 13%, compared with
    // 31%" (13 < 31: a decrease); "from 1589 in 1920/21 to 2989 in 2021/22" (a typed
    // "1920/21" is a year label, not a figure).
    assert_eq!(
        read("Concerns which converted into a safeguarding enquiry had fallen to 13%, compared with 31% in the previous year."),
        vec![("13<Some(31.0)".to_owned(), None, None, Some(Decrease))]
    );
    assert_eq!(
        read("The number of safeguarding concerns had risen significantly from 1589 in 1920/21 to 2989 in 2021/22;"),
        vec![("2989<Some(1589)".to_owned(), None, None, Some(Increase))]
    );
    // Central Bedfordshire JSNA, safeguarding adults: last year's value in brackets after
    // "the previous year".
    assert_eq!(
        read("238 alerts progressed to investigation, 22% of the total alerts, which is a decrease from the previous year (33%)."),
        vec![("22<Some(33.0)".to_owned(), None, None, Some(Decrease))]
    );
}

#[test]
fn tiles_side_by_side_pair_by_position() {
    use ChangeUnit::Percent;
    // Seed 004 (Worcestershire 2023/24, PDF text): three tiles, the first two with a change.
    // The third tile's "406" is not last year's value of anything.
    let t = "DEPRIVATION OF LIBERTY SAFEGUARDS (DolLS)\n\n13% 18%\n\nincrease increase\n\n3963 & 3933 % 1549\n\nDolLS applications were DolLS applications were people are waiting for\nreceived, which is an completed, which is an an assessment as of 31st\nincrease of 13% from increase of 18% from March, of which 406 are\n\nlast year. last year. classed as high priority.\n";
    assert_eq!(
        read(t),
        vec![
            ("3963<None".to_owned(), Some(Percent), Some(13.0), None),
            ("3933<None".to_owned(), Some(Percent), Some(18.0), None)
        ]
    );
    let x = extract(&Document::from_plain_text(t));
    assert!(x.dataset.notes.iter().any(|n| n.contains("by position")));
    // Fewer figures than phrases: no pairing.
    let t = "3963\n\nDolLS applications were DolLS applications were\nincrease of 13% from increase of 18% from\n\nlast year. last year.\n";
    assert!(read(t).is_empty());
}
