//! Sentences from other councils' published pages (not the seeds), with what a careful
//! reader takes from them, worked by hand. Each test cites its page.

use super::extract;
use crate::account::read::Document;
use crate::account::{audit, ClaimKind, Status};

/// (kind, stated, status) of every claim, in order.
fn read(text: &str) -> Vec<(ClaimKind, Option<f64>, Status)> {
    let x = extract(&Document::from_plain_text(text));
    let f = audit(&x.dataset).expect("a draft always validates");
    x.dataset
        .claims
        .iter()
        .zip(f)
        .map(|(c, f)| (c.kind, c.stated, f.status))
        .collect()
}

#[test]
fn torbay_local_account_2023_24() {
    // https://www.torbay.gov.uk/council/policies/asc-policies/las-2324/las-performance
    // 2,136 / 1,915 = 1.1154, +11.5%; 1,810 / 1,694 = 1.0685, +6.8%; 465 / 392 = 1.1862,
    // +18.6%, stated as 19% (to 0 dp: consistent).
    let t = "The number of people who did not go on to require a service increased in 2023/24 by 11.5%, from 1,915 the previous year, to 2,136. This is likely to be connected to improved signposting to other appropriate services, support, and help, which increased by 6.8% in 2023/24, from 1,694 the previous year to 1,810.\n\nThe number of people who receive direct payments has increased by 19% (73) in 2023/24 on the previous year, from 392 in 2022/23 to 465.\n";
    assert_eq!(
        read(t),
        vec![
            (ClaimKind::Change, Some(11.5), Status::Consistent),
            (ClaimKind::Change, Some(6.8), Status::Consistent),
            (ClaimKind::Change, Some(19.0), Status::Consistent),
        ]
    );
}

#[test]
fn cheshire_west_safeguarding_2022_23() {
    // https://cheshirewestandchester.gov.uk/residents/health-and-social-care/adult-social-care/lsab/annual-report/safeguarding-concerns
    // "from 672 in 20/21 to 1270 in 21/22": an increase, and 1270 > 672. The short years
    // (20/21) are labels, not figures.
    let t = "There continues to be an increase in safeguarding concerns reported to the Local Authority from 672 in 20/21 to 1270 in 21/22, this increase was due to improved recording on the system and changes to the process.\n";
    assert_eq!(
        read(t),
        vec![(ClaimKind::Direction, None, Status::Consistent)]
    );
    let x = extract(&Document::from_plain_text(t));
    assert!(x.not_understood.is_empty(), "{:?}", x.not_understood);
}

#[test]
fn gateshead_safeguarding_2023_24_raises_no_alarm() {
    // https://gatesheadsafeguarding.org.uk:443/article/31185/Our-Performance-2023-24
    // The 24% is 929 / 3862 = 24.05%, but it is stated in another sentence without its
    // total; comparisons with the North East and England averages are not claims either.
    let t = "In 2023/24 there were 3862 Safeguarding Adult Concerns which led to 929 Section 42 Safeguarding Enquiries. This demonstrates a significant increase in the number from 2022/23.\n\nIn percentage terms, 24% of Concerns led to a Section 42 Enquiry. The number of concerns progressing to an enquiry remains lower than both the 2023/24 NE (47.1%) and England (29.47%) averages.\n";
    assert!(read(t).iter().all(|c| c.2 != Status::Inconsistent));
}
