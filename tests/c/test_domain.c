/*
 * The adult social care domain through the C ABI: rating shares and local schemes, CQC local
 * authority scores, the ASCOF catalogue, benchmarking and disclosure control.
 *
 * Expected values come from the seeds (Birmingham's Local Account 2022/23, seed 000; CQC's
 * assessment of Birmingham, seeds 001 and 003; Worcestershire's Local Account 2023/24, seed
 * 004), quoted at each use, or from hand calculation written out in a comment.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "carestat.h"
#include "check.h"

#define SENTINEL 12345.0

static void test_rating_shares(void) {
    carestat_rating_shares_result s;
    carestat_estimate e;
    uint32_t mask = 99, rating = 99;
    double share = SENTINEL;
    const char *labels[] = {"Excellent", "Good", "Poor", "Awaiting visit"};
    const uint32_t ratings[] = {CARESTAT_RATING_OUTSTANDING, CARESTAT_RATING_GOOD,
                                CARESTAT_RATING_INADEQUATE, CARESTAT_RATING_NOT_RATED};
    const uint32_t bad_ratings[] = {0, 1, 7, 4};

    /* Seed 000, supported living: "3 providers rated Gold. 199 ... Silver. 64 ... Bronze.
     * 1 provider is rated as inadequate, 11 providers are not yet rated. This means that 73% ...
     * are Outstanding or Good": 202 / 278 = 72.66% */
    CHECK_STATUS(carestat_rating_share(3, 199, 64, 1, 11, CARESTAT_DENOMINATOR_ALL_LOCATIONS, &share),
                 CARESTAT_OK, "");
    CHECK_NEAR(share, 202.0 / 278.0 * 100.0, 1e-12);
    CHECK_STATUS(carestat_rating_shares(3, 199, 64, 1, 11, CARESTAT_DENOMINATOR_ALL_LOCATIONS, &s),
                 CARESTAT_OK, "");
    CHECK(s.denominator == 278.0);
    CHECK_NEAR(s.not_rated, 11.0 / 278.0 * 100.0, 1e-12);
    CHECK_NEAR(s.outstanding_or_good, 202.0 / 278.0 * 100.0, 1e-12);
    CHECK_STATUS(carestat_rating_shares(3, 199, 64, 1, 11, CARESTAT_DENOMINATOR_RATED_ONLY, &s),
                 CARESTAT_OK, "");
    CHECK(s.denominator == 267.0 && isnan(s.not_rated));
    CHECK_STATUS(carestat_rating_rules_matching(3, 199, 64, 1, 11, 73.0, 0, &mask), CARESTAT_OK, "");
    CHECK(mask == CARESTAT_RULE_MATCH_ALL_LOCATIONS);
    /* Care homes: 13 gold, 432 silver, 123 bronze, 7 inadequate, 1 not yet rated; "76%":
     * 445 / 576 = 77.3%, 445 / 575 = 77.4%: no rule gives 76 */
    CHECK_STATUS(carestat_rating_rules_matching(13, 432, 123, 7, 1, 76.0, 0, &mask), CARESTAT_OK, "");
    CHECK(mask == 0);
    /* The Wilson interval holds the share */
    CHECK_STATUS(carestat_rating_share_estimate(13, 432, 123, 7, 1, CARESTAT_DENOMINATOR_ALL_LOCATIONS,
                                                0.95, &e),
                 CARESTAT_OK, "");
    CHECK(e.method == CARESTAT_METHOD_WILSON && e.lower < e.value && e.value < e.upper);
    CHECK_STATUS(carestat_rating_shares(-1, 199, 64, 1, 11, 0, &s), CARESTAT_STATUS_NEGATIVE,
                 "outstanding: must not be negative (got -1)");

    /* Local schemes */
    CHECK_STATUS(carestat_local_rating("Birmingham", "gold", &rating), CARESTAT_OK, "");
    CHECK(rating == CARESTAT_RATING_OUTSTANDING);
    CHECK_STATUS(carestat_local_rating("birmingham", "Not yet rated", &rating), CARESTAT_OK, "");
    CHECK(rating == CARESTAT_RATING_NOT_RATED);
    CHECK_STATUS(carestat_local_rating("Birmingham", "Platinum", &rating), CARESTAT_STATUS_UNKNOWN_ID,
                 "label: unknown rating label in the Birmingham scheme `Platinum`");
    CHECK_STATUS(carestat_local_rating("Leeds", "Gold", &rating), CARESTAT_STATUS_UNKNOWN_ID, NULL);
    CHECK_STATUS(carestat_local_rating("CQC", "Requires improvement", &rating), CARESTAT_OK, "");
    CHECK(rating == CARESTAT_RATING_REQUIRES_IMPROVEMENT);
    CHECK_STATUS(carestat_local_rating_custom(labels, ratings, 4, "awaiting visit", &rating),
                 CARESTAT_OK, "");
    CHECK(rating == CARESTAT_RATING_NOT_RATED);
    CHECK_STATUS(carestat_local_rating_custom(labels, bad_ratings, 4, "Good", &rating),
                 CARESTAT_STATUS_OUT_OF_RANGE, NULL);
    CHECK_STATUS(carestat_local_rating(NULL, "Gold", &rating), CARESTAT_STATUS_NULL_POINTER,
                 "scheme: must not be NULL");
    CHECK_STATUS(carestat_local_rating("Birmingham", "\xff", &rating), CARESTAT_STATUS_INVALID_UTF8,
                 NULL);
    CHECK(strcmp(carestat_rating_label(CARESTAT_RATING_REQUIRES_IMPROVEMENT), "Requires improvement") == 0);
    CHECK(strcmp(carestat_rating_label(9), "unknown rating") == 0);
}

static void test_cqc(void) {
    carestat_cqc_result r;
    const int32_t nine_threes[9] = {3, 3, 3, 3, 3, 3, 3, 3, 3};
    const int32_t fourteen[9] = {2, 2, 2, 2, 2, 1, 1, 1, 1};
    const int32_t eight[9] = {4, 4, 4, 4, CARESTAT_CQC_NOT_ASSESSED, 3, 3, 3, 3};
    const int32_t bad[7] = {3, 3, 3, 3, 3, 3, 5};
    const int32_t zero[1] = {0};
    const int32_t themes_in[9] = {4, 3, 2, 3, 3, CARESTAT_CQC_NOT_ASSESSED, 1,
                                  CARESTAT_CQC_NOT_ASSESSED, CARESTAT_CQC_NOT_ASSESSED};
    double themes[4] = {0, 0, 0, 0};

    /* Nine statements at "3 - Evidence shows a good standard" (seed 003): 27 / 36 = 75%, Good */
    CHECK_STATUS(carestat_cqc_la_rating(nine_threes, 9, CARESTAT_BAND_LOWER, &r), CARESTAT_OK, "");
    CHECK(r.total == 27 && r.assessed == 9 && r.max_total == 36);
    CHECK(r.percentage == 75.0 && r.rating == CARESTAT_RATING_GOOD && r.ambiguous == 0);
    /* 14 / 36 = 38.9%: between Inadequate (to 38) and Requires improvement (from 39) */
    CHECK_STATUS(carestat_cqc_la_rating(fourteen, 9, CARESTAT_BAND_LOWER, &r), CARESTAT_OK, "");
    CHECK(r.ambiguous == 1 && r.rating == CARESTAT_RATING_INADEQUATE);
    CHECK(r.rating_upper_band == CARESTAT_RATING_REQUIRES_IMPROVEMENT);
    CHECK_STATUS(carestat_cqc_la_rating(fourteen, 9, CARESTAT_BAND_NEAREST, &r), CARESTAT_OK, "");
    CHECK(r.rating == CARESTAT_RATING_REQUIRES_IMPROVEMENT);
    /* 8 assessed, 28 / 32 = 87.5% */
    CHECK_STATUS(carestat_cqc_la_rating(eight, 9, CARESTAT_BAND_LOWER, &r), CARESTAT_OK, "");
    CHECK(r.assessed == 8 && r.percentage == 87.5 && r.ambiguous == 1 && r.rating == CARESTAT_RATING_GOOD);
    /* Scores of 0 or 5 name the statement */
    CHECK_STATUS(carestat_cqc_la_rating(bad, 7, CARESTAT_BAND_LOWER, &r), CARESTAT_STATUS_OUT_OF_RANGE,
                 "statement 7 (Safeguarding): 5 is out of range; expected a score from 1 to 4, or not assessed");
    CHECK_STATUS(carestat_cqc_la_rating(zero, 1, CARESTAT_BAND_LOWER, &r), CARESTAT_STATUS_OUT_OF_RANGE,
                 "statement 1 (Assessing needs): 0 is out of range; expected a score from 1 to 4, or not assessed");
    CHECK_STATUS(carestat_cqc_la_rating(NULL, 0, CARESTAT_BAND_LOWER, &r), CARESTAT_STATUS_INVALID, NULL);
    CHECK_STATUS(carestat_cqc_la_rating(nine_threes, 9, 7, &r), CARESTAT_STATUS_OUT_OF_RANGE, NULL);
    /* Derived theme percentages: 9/12 = 75, 6/8 = 75, 1/4 = 25, none */
    CHECK_STATUS(carestat_cqc_theme_percentages(themes_in, 9, themes, 4), CARESTAT_OK, "");
    CHECK(themes[0] == 75.0 && themes[1] == 75.0 && themes[2] == 25.0 && isnan(themes[3]));
    CHECK_STATUS(carestat_cqc_theme_percentages(themes_in, 9, themes, 3),
                 CARESTAT_STATUS_LENGTH_MISMATCH, NULL);
    CHECK(strcmp(carestat_cqc_statement_name(8), "Governance, management and sustainability") == 0);
    CHECK(carestat_cqc_statement_theme(8) == 4);
    CHECK(strcmp(carestat_cqc_theme_name(3), "Ensuring safety within the system") == 0);
    CHECK(strcmp(carestat_cqc_statement_name(10), "") == 0);
}

static void test_cqc_possible_ratings(void) {
    const int32_t N = CARESTAT_CQC_NOT_ASSESSED;
    /* Seed 003: Birmingham's "Governance, management and sustainability ... 3 - Evidence shows
     * a good standard"; the other 8 scores unpublished (each 1-4) */
    const int32_t governance[8] = {N, N, N, N, N, N, N, 3};
    const int32_t nine_threes[9] = {3, 3, 3, 3, 3, 3, 3, 3, 3};
    const int32_t eight_fours[8] = {4, 4, 4, 4, 4, 4, 4, 4};
    const int32_t bad[8] = {N, N, N, N, N, N, N, 5};
    carestat_cqc_possible_rating out[CARESTAT_CQC_MAX_POSSIBLE_RATINGS];
    size_t n = 99;

    /* Totals of all 9 from 3 + 8 = 11 to 3 + 32 = 35, percentage 25 t / 9. Lower-band rule by
     * hand: t = 14 -> 38.9% Inadequate; 15 -> 41.7% Requires improvement; 22 -> 61.1% RI;
     * 23 -> 63.9% Good; 31 -> 86.1% Good; 32 -> 88.9% Outstanding */
    CHECK_STATUS(carestat_cqc_possible_ratings(governance, 8, CARESTAT_BAND_LOWER, out,
                                               CARESTAT_CQC_MAX_POSSIBLE_RATINGS, &n),
                 CARESTAT_OK, "");
    CHECK(n == 4);
    CHECK(out[0].rating == CARESTAT_RATING_INADEQUATE && out[0].min_total == 11 && out[0].max_total == 14);
    CHECK(out[1].rating == CARESTAT_RATING_REQUIRES_IMPROVEMENT && out[1].min_total == 15 &&
          out[1].max_total == 22);
    CHECK(out[2].rating == CARESTAT_RATING_GOOD && out[2].min_total == 23 && out[2].max_total == 31);
    CHECK(out[3].rating == CARESTAT_RATING_OUTSTANDING && out[3].min_total == 32 && out[3].max_total == 35);
    CHECK_NEAR(out[2].min_percentage, 2300.0 / 36.0, 1e-15); /* 63.9% */
    CHECK_NEAR(out[2].max_percentage, 3100.0 / 36.0, 1e-15); /* 86.1% */
    /* Under the upper-band rule 14 (38.9%) moves up to Requires improvement */
    CHECK_STATUS(carestat_cqc_possible_ratings(governance, 8, CARESTAT_BAND_UPPER, out, 4, &n),
                 CARESTAT_OK, "");
    CHECK(n == 4 && out[0].max_total == 13 && out[1].min_total == 14);

    /* All nine published at 3: 27 / 36 = 75%, one rating */
    CHECK_STATUS(carestat_cqc_possible_ratings(nine_threes, 9, CARESTAT_BAND_LOWER, out, 1, &n),
                 CARESTAT_OK, "");
    CHECK(n == 1 && out[0].rating == CARESTAT_RATING_GOOD && out[0].min_total == 27 &&
          out[0].max_total == 27 && out[0].min_percentage == 75.0 && out[0].max_percentage == 75.0);
    /* Eight 4s, statement 9 unpublished: 33..36 of 36 = 91.7%..100%, Outstanding only */
    CHECK_STATUS(carestat_cqc_possible_ratings(eight_fours, 8, CARESTAT_BAND_LOWER, out, 4, &n),
                 CARESTAT_OK, "");
    CHECK(n == 1 && out[0].rating == CARESTAT_RATING_OUTSTANDING && out[0].min_total == 33 &&
          out[0].max_total == 36 && out[0].max_percentage == 100.0);
    /* Nothing published, (NULL, 0): all of 9..36 */
    CHECK_STATUS(carestat_cqc_possible_ratings(NULL, 0, CARESTAT_BAND_LOWER, out, 4, &n), CARESTAT_OK, "");
    CHECK(n == 4 && out[0].min_total == 9 && out[3].max_total == 36);

    /* Errors leave *out_len alone */
    n = 99;
    CHECK_STATUS(carestat_cqc_possible_ratings(bad, 8, CARESTAT_BAND_LOWER, out, 4, &n),
                 CARESTAT_STATUS_OUT_OF_RANGE,
                 "statement 8 (Governance, management and sustainability): 5 is out of range; "
                 "expected a score from 1 to 4, or not assessed");
    CHECK_STATUS(carestat_cqc_possible_ratings(governance, 8, 3, out, 4, &n), CARESTAT_STATUS_OUT_OF_RANGE,
                 "band_rule: 3 is out of range; expected 0 (lower band), 1 (nearest), 2 (upper band)");
    CHECK_STATUS(carestat_cqc_possible_ratings(governance, 8, CARESTAT_BAND_LOWER, out, 3, &n),
                 CARESTAT_STATUS_TOO_FEW, "out_capacity: needs at least 4 values (got 3)");
    CHECK_STATUS(carestat_cqc_possible_ratings(governance, 8, CARESTAT_BAND_LOWER, NULL, 0, &n),
                 CARESTAT_STATUS_TOO_FEW, "out_capacity: needs at least 4 values (got 0)");
    CHECK_STATUS(carestat_cqc_possible_ratings(NULL, 8, CARESTAT_BAND_LOWER, out, 4, &n),
                 CARESTAT_STATUS_NULL_POINTER,
                 "scores: must not be NULL when the length is 8 (NULL is only allowed with length 0)");
    CHECK_STATUS(carestat_cqc_possible_ratings(governance, 8, CARESTAT_BAND_LOWER, NULL, 4, &n),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_cqc_possible_ratings(governance, 8, CARESTAT_BAND_LOWER, out, 4, NULL),
                 CARESTAT_STATUS_NULL_POINTER, "out_len: must not be NULL");
    CHECK(n == 99);
}

static void test_ascof(void) {
    carestat_ascof_measure_info m;
    carestat_ascof_comparison c;
    carestat_ascof_outcome_result o;
    size_t i, n = carestat_ascof_count();

    CHECK(n > 40);
    for (i = 0; i < n; i++) {
        CHECK_STATUS(carestat_ascof_measure_at(i, &m), CARESTAT_OK, "");
        CHECK(m.id != NULL && m.name != NULL && m.source != NULL && m.source[0] != '\0');
    }
    CHECK_STATUS(carestat_ascof_measure_at(n, &m), CARESTAT_STATUS_OUT_OF_RANGE, NULL);

    CHECK_STATUS(carestat_ascof_measure("2A(2)", CARESTAT_ASCOF_ANY, &m), CARESTAT_OK, "");
    CHECK(strcmp(m.id, "2A2") == 0 && strcmp(m.counterpart, "2C") == 0);
    CHECK(m.framework == CARESTAT_ASCOF_TO_2022_23 && m.unit == CARESTAT_ASCOF_UNIT_PER_POPULATION);
    CHECK(m.polarity == CARESTAT_POLARITY_LOW_IS_GOOD && m.multiplier == 100000.0 && m.decimals == 1);
    CHECK(strcmp(m.unit_label, "per 100,000 population aged 65+") == 0 && isnan(m.max_score));
    CHECK_STATUS(carestat_ascof_measure("2D(1)", CARESTAT_ASCOF_FROM_2023_24, &m), CARESTAT_OK, "");
    CHECK(m.certainty == CARESTAT_ASCOF_VERIFIED && strcmp(m.counterpart, "2B1") == 0);
    CHECK_STATUS(carestat_ascof_measure("2D", CARESTAT_ASCOF_ANY, &m), CARESTAT_STATUS_INVALID, NULL);
    CHECK_STATUS(carestat_ascof_measure("9Z", CARESTAT_ASCOF_ANY, &m), CARESTAT_STATUS_UNKNOWN_ID,
                 "id: unknown ASCOF measure `9Z`");
    CHECK_STATUS(carestat_ascof_measure("2A2", 5, &m), CARESTAT_STATUS_OUT_OF_RANGE, NULL);
    CHECK_STATUS(carestat_ascof_measure(NULL, CARESTAT_ASCOF_ANY, &m), CARESTAT_STATUS_NULL_POINTER,
                 "id: must not be NULL");

    /* Seed 000: "2A2 Perm. Admissions to care homes- OA 587.2 417.6": +169.6 per 100,000,
     * 169.6 / 417.6 = 40.613%, worse because lower is better */
    CHECK_STATUS(carestat_ascof_compare("2A2", CARESTAT_ASCOF_ANY, 417.6, 587.2, &c), CARESTAT_OK, "");
    CHECK_NEAR(c.difference, 169.6, 1e-9);
    CHECK_NEAR(c.percent_change, 40.61302681992337, 1e-9);
    CHECK(c.judgement == CARESTAT_JUDGEMENT_WORSENED);
    /* "1B Control over daily life 76.8 69.8": improved by 7 points */
    CHECK_STATUS(carestat_ascof_compare("1B", CARESTAT_ASCOF_TO_2022_23, 69.8, 76.8, &c), CARESTAT_OK, "");
    CHECK(c.judgement == CARESTAT_JUDGEMENT_IMPROVED);
    /* 15 admissions of 18-64s in 94,340: 15.8999... per 100,000, published 15.9 */
    CHECK_STATUS(carestat_ascof_outcome("2A(1)", CARESTAT_ASCOF_ANY, 15.0, 94340.0, &o), CARESTAT_OK, "");
    CHECK(o.published == 15.9 && o.decimals == 1);
    CHECK_NEAR(o.value, 15.899936400254399, 1e-12);
    /* 1 of 16 = 6.25% -> 6.3, half away from zero */
    CHECK_STATUS(carestat_ascof_outcome("1C2A", CARESTAT_ASCOF_ANY, 1.0, 16.0, &o), CARESTAT_OK, "");
    CHECK(o.published == 6.3);
    CHECK_STATUS(carestat_ascof_outcome("1C2A", CARESTAT_ASCOF_ANY, 17.0, 16.0, &o),
                 CARESTAT_STATUS_NUMERATOR_ABOVE_DENOMINATOR, NULL);
    CHECK_STATUS(carestat_ascof_outcome("1J", CARESTAT_ASCOF_ANY, 1.0, 2.0, &o), CARESTAT_STATUS_INVALID,
                 NULL);
}

/* Issue 17: a 2022-23 report labelling permanent admissions of people aged 65+ "2A" (seed 000:
 * 417.6 -> 587.2). "2A" names measures in both frameworks (old 2A(1) and 2A(2), lower is better;
 * new 2A short-term support, higher is better): refused until the framework is named. */
static void test_ascof_shorthand_ids(void) {
    static const char *const both[] = {"2A", "2B", "2C", "1C", "2D", "1E", "3A", "3D(1)", "1A", "4B"};
    carestat_ascof_measure_info m;
    carestat_ascof_comparison c;
    carestat_ascof_outcome_result o;
    size_t i;

    c.judgement = 99;
    CHECK_STATUS(carestat_ascof_compare("2A", CARESTAT_ASCOF_ANY, 417.6, 587.2, &c), CARESTAT_STATUS_INVALID,
                 NULL);
    CHECK(strstr(carestat_last_error_message(), "both frameworks") != NULL);
    CHECK(strstr(carestat_last_error_message(), "name the framework") != NULL);
    CHECK(c.judgement == 99); /* not written on error */
    CHECK_STATUS(carestat_ascof_compare("2A", CARESTAT_ASCOF_TO_2022_23, 417.6, 587.2, &c), CARESTAT_OK, "");
    CHECK(c.judgement == CARESTAT_JUDGEMENT_WORSENED);
    CHECK_NEAR(c.difference, 169.6, 1e-9);
    for (i = 0; i < sizeof both / sizeof both[0]; i++) {
        CHECK_STATUS(carestat_ascof_measure(both[i], CARESTAT_ASCOF_ANY, &m), CARESTAT_STATUS_INVALID, NULL);
        CHECK(strstr(carestat_last_error_message(), "name the framework") != NULL);
        CHECK_STATUS(carestat_ascof_outcome(both[i], CARESTAT_ASCOF_ANY, 1.0, 2.0, &o), CARESTAT_STATUS_INVALID,
                     NULL);
    }
    /* old 2A is two measures: a measure lookup asks for the part */
    CHECK_STATUS(carestat_ascof_measure("2A", CARESTAT_ASCOF_TO_2022_23, &m), CARESTAT_STATUS_INVALID,
                 "id: `2A` in ASCOF up to 2022-23 is not one measure but the parts 2A(1), 2A(2); name the part");
    CHECK_STATUS(carestat_ascof_measure("2c", CARESTAT_ASCOF_FROM_2023_24, &m), CARESTAT_OK, "");
    CHECK(strcmp(m.counterpart, "2A2") == 0 && m.polarity == CARESTAT_POLARITY_LOW_IS_GOOD);

    /* Issue 16: ids outside the grammar are refused, never read as 2A2 */
    CHECK_STATUS(carestat_ascof_measure("2)A(2", CARESTAT_ASCOF_ANY, &m), CARESTAT_STATUS_INVALID,
                 "id: `2)A(2` is not an ASCOF id (misplaced brackets); expected a digit and a letter "
                 "with an optional part, such as 2A, 2A(2), 1C(1a), 2A2 or 1C1A");
    CHECK_STATUS(carestat_ascof_measure("2A(2", CARESTAT_ASCOF_ANY, &m), CARESTAT_STATUS_INVALID, NULL);
    CHECK(strstr(carestat_last_error_message(), "unbalanced brackets") != NULL);
    CHECK_STATUS(carestat_ascof_measure("2A\x1b" "2", CARESTAT_ASCOF_ANY, &m), CARESTAT_STATUS_INVALID, NULL);
    CHECK(strstr(carestat_last_error_message(), "control character U+001B") != NULL);
    CHECK(strchr(carestat_last_error_message(), 0x1b) == NULL);
}

static void test_benchmark(void) {
    uint32_t cmp = 99;
    carestat_two_level two;
    carestat_estimate rate, rate998;
    carestat_quintiles_result q;
    carestat_rank_result rank;
    carestat_difference d;
    const double ten[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const double four[4] = {1, 2, 3, 4};
    const double group[4] = {5, 7, 7, 9};
    const double peers[3] = {600, NAN, 650};
    double p = SENTINEL;

    /* Seed 004: "a lower rate of concerns per 100,000 population in 2022/23 (803) compared to
     * the national rate in England in 2022/23 (1313)". 4455 concerns "an increase of 543":
     * 3912 in 2022/23, on the population that gives 803: 3912 / 803 * 100,000 = 487,173 */
    CHECK_STATUS(carestat_crude_rate(3912, 487173, 100000, 0.95, &rate), CARESTAT_OK, "");
    CHECK_STATUS(carestat_crude_rate(3912, 487173, 100000, 0.998, &rate998), CARESTAT_OK, "");
    CHECK_STATUS(carestat_benchmark_compare(rate.lower, rate.upper, 1313, CARESTAT_POLARITY_NO_JUDGEMENT,
                                            &cmp),
                 CARESTAT_OK, "");
    CHECK(cmp == CARESTAT_COMPARISON_LOWER);
    CHECK(strcmp(carestat_comparison_label(cmp), "Lower") == 0);
    CHECK_STATUS(carestat_benchmark_compare_two_level(rate.lower, rate.upper, rate998.lower,
                                                      rate998.upper, 1313,
                                                      CARESTAT_POLARITY_NO_JUDGEMENT, &two),
                 CARESTAT_OK, "");
    CHECK(two.comparison == CARESTAT_COMPARISON_LOWER && two.level == CARESTAT_LEVEL_99_8);
    /* "peers 625 and WCC 618", published without an interval: not compared; -7, -1.12% */
    CHECK_STATUS(carestat_benchmark_compare(NAN, NAN, 625, CARESTAT_POLARITY_NO_JUDGEMENT, &cmp),
                 CARESTAT_OK, "");
    CHECK(cmp == CARESTAT_COMPARISON_NOT_COMPARED);
    CHECK_STATUS(carestat_difference_from(618, 625, &d), CARESTAT_OK, "");
    CHECK(d.difference == -7.0);
    CHECK_NEAR(d.percent_difference, -1.12, 1e-12);
    CHECK_STATUS(carestat_difference_from_average(618, peers, 3, &d), CARESTAT_OK, "");
    CHECK(d.reference == 625.0);
    /* A limit equal to the benchmark is similar; polarity turns higher into better */
    CHECK_STATUS(carestat_benchmark_compare(10, 12, 10, CARESTAT_POLARITY_HIGH_IS_GOOD, &cmp),
                 CARESTAT_OK, "");
    CHECK(cmp == CARESTAT_COMPARISON_SIMILAR);
    CHECK_STATUS(carestat_benchmark_compare(10, 12, 9, CARESTAT_POLARITY_HIGH_IS_GOOD, &cmp),
                 CARESTAT_OK, "");
    CHECK(cmp == CARESTAT_COMPARISON_BETTER);
    CHECK_STATUS(carestat_benchmark_compare(12, 10, 9, CARESTAT_POLARITY_HIGH_IS_GOOD, &cmp),
                 CARESTAT_STATUS_INVALID, NULL);

    /* PERCENTILE.INC({1..10}, k/5): 1 + 9k/5 -> 2.8, 4.6, 6.4, 8.2 */
    CHECK_STATUS(carestat_quintiles(ten, 10, &q), CARESTAT_OK, "");
    CHECK_NEAR(q.bounds[1], 2.8, 1e-12);
    CHECK_NEAR(q.bounds[2], 4.6, 1e-12);
    CHECK_NEAR(q.bounds[3], 6.4, 1e-12);
    CHECK_NEAR(q.bounds[4], 8.2, 1e-12);
    CHECK(q.bounds[0] == 1.0 && q.bounds[5] == 10.0);
    CHECK(carestat_quintile_of(&q, 2.8) == 1 && carestat_quintile_of(&q, 2.9) == 2);
    CHECK(carestat_quintile_of(&q, NAN) == 0 && carestat_quintile_of(NULL, 1.0) == 0);
    CHECK_STATUS(carestat_quintiles(four, 4, &q), CARESTAT_STATUS_TOO_FEW,
                 "values: needs at least 5 values (got 4)");
    CHECK_STATUS(carestat_percentile_inc(ten, 10, 0.2, &p), CARESTAT_OK, "");
    CHECK_NEAR(p, 2.8, 1e-12);

    /* Ties share the best rank: {5, 7, 7, 9} highest first -> 4, 2, 2, 1 */
    CHECK_STATUS(carestat_rank(group, 4, 1, CARESTAT_RANK_HIGHEST_FIRST, &rank), CARESTAT_OK, "");
    CHECK(rank.rank == 2 && rank.of == 4 && rank.tied == 1);
    CHECK_STATUS(carestat_rank(group, 4, 0, CARESTAT_RANK_HIGHEST_FIRST, &rank), CARESTAT_OK, "");
    CHECK(rank.rank == 4);
    CHECK_STATUS(carestat_rank(group, 4, 4, CARESTAT_RANK_HIGHEST_FIRST, &rank),
                 CARESTAT_STATUS_OUT_OF_RANGE, NULL);
}

static void test_disclosure(void) {
    carestat_published p;
    carestat_suppression_rule custom = {1, 9, 1, 0};
    const double counts[4] = {4455, 543, 3, NAN};
    double values[4];
    uint32_t status[4];
    double pct = SENTINEL;

    /* Seed 004: "4455 safeguarding concerns received, an increase of 543": to the nearest 5,
     * 4455 and 545; a count of 3 is hidden; a missing count is missing */
    CHECK_STATUS(carestat_suppress_many(counts, 4, CARESTAT_RULE_SAFEGUARDING_ADULTS, NULL, values, status),
                 CARESTAT_OK, "");
    CHECK(values[0] == 4455.0 && status[0] == CARESTAT_SHOWN);
    CHECK(values[1] == 545.0 && status[1] == CARESTAT_SHOWN);
    CHECK(isnan(values[2]) && status[2] == CARESTAT_SUPPRESSED);
    CHECK(status[3] == CARESTAT_MISSING);
    /* "1141 last year" -> 1140 */
    CHECK_STATUS(carestat_suppress(1141, CARESTAT_RULE_SAFEGUARDING_ADULTS, NULL, &p), CARESTAT_OK, "");
    CHECK(p.value == 1140.0 && p.status == CARESTAT_SHOWN);
    /* NHS Digital: 0 shown, 1-7 hidden */
    CHECK_STATUS(carestat_suppress(0, CARESTAT_RULE_NHS_DIGITAL, NULL, &p), CARESTAT_OK, "");
    CHECK(p.value == 0.0 && p.status == CARESTAT_SHOWN);
    CHECK_STATUS(carestat_suppress(7, CARESTAT_RULE_NHS_DIGITAL, NULL, &p), CARESTAT_OK, "");
    CHECK(p.status == CARESTAT_SUPPRESSED);
    /* A rule of one's own: 1-9 hidden, no rounding */
    CHECK_STATUS(carestat_suppress(10, 0, &custom, &p), CARESTAT_OK, "");
    CHECK(p.value == 10.0);
    /* Percentages from unrounded figures: 543 / 3912 = 13.88% (545 / 3910 would be 13.94%) */
    CHECK_STATUS(carestat_disclosure_percentage(543, 3912, 2, CARESTAT_RULE_SAFEGUARDING_ADULTS, NULL, &pct),
                 CARESTAT_OK, "");
    CHECK(pct == 13.88);
    /* NHS Digital: 1 dp needs a rounded denominator of at least 4,000 */
    CHECK_STATUS(carestat_disclosure_percentage(100, 3000, 1, CARESTAT_RULE_NHS_DIGITAL, NULL, &pct),
                 CARESTAT_STATUS_OUT_OF_RANGE, NULL);
    CHECK_STATUS(carestat_suppress(-5, CARESTAT_RULE_SAFEGUARDING_ADULTS, NULL, &p), CARESTAT_STATUS_NEGATIVE,
                 "count: must not be negative (got -5)");
    CHECK_STATUS(carestat_suppress(5.5, CARESTAT_RULE_SAFEGUARDING_ADULTS, NULL, &p), CARESTAT_STATUS_INVALID,
                 "count: must be a whole number (got 5.5)");
    CHECK_STATUS(carestat_suppress(5, 9, NULL, &p), CARESTAT_STATUS_OUT_OF_RANGE, NULL);
    CHECK(strcmp(carestat_gss_symbol(CARESTAT_SYMBOL_CONFIDENTIAL), "[c]") == 0);
    CHECK(strcmp(carestat_gss_symbol(CARESTAT_SYMBOL_BREAK_IN_SERIES), "[b]") == 0);
    CHECK(strcmp(carestat_gss_symbol_meaning(CARESTAT_SYMBOL_NOT_APPLICABLE), "not applicable") == 0);
    CHECK(strcmp(carestat_gss_symbol(8), "") == 0);
}

static void test_protect_table(void) {
    /* Worked by hand (as the Rust and Python tests): the 3 is primary; row total 68 - 40 - 25
     * would give it back, so the cheapest rectangle through it (25 + 20 + 45 = 90) is hidden
     * too. Outputs are 4 x 4 with the margins; totals shown rounded to 5 (68 -> 70). */
    const double counts[9] = {3, 40, 25, 30, 50, 60, 20, 35, 45};
    double values[16];
    uint32_t status[16], protection[16];
    int k, hidden = 0;
    CHECK_STATUS(carestat_protect_table(counts, 3, 3, CARESTAT_RULE_SAFEGUARDING_ADULTS, NULL, values, status,
                                        protection),
                 CARESTAT_OK, "");
    CHECK(protection[0] == CARESTAT_PROTECTION_PRIMARY && status[0] == CARESTAT_SUPPRESSED);
    CHECK(protection[2] == CARESTAT_PROTECTION_SECONDARY && protection[8] == CARESTAT_PROTECTION_SECONDARY);
    CHECK(protection[10] == CARESTAT_PROTECTION_SECONDARY);
    for (k = 0; k < 16; k++) hidden += protection[k] != CARESTAT_PROTECTION_SHOWN;
    CHECK(hidden == 4);
    CHECK(values[3] == 70.0 && values[15] == 310.0 && isnan(values[10]));
    CHECK_STATUS(carestat_protect_table(counts, 0, 3, CARESTAT_RULE_SAFEGUARDING_ADULTS, NULL, values, status,
                                        protection),
                 CARESTAT_STATUS_INVALID, NULL);
}

int main(void) {
    test_rating_shares();
    test_cqc();
    test_cqc_possible_ratings();
    test_ascof();
    test_ascof_shorthand_ids();
    test_benchmark();
    test_disclosure();
    test_protect_table();
    return check_summary("test_domain");
}
