/*
 * Standardised rates and ratios through the C ABI: carestat_dsr, carestat_isr_ratio,
 * carestat_isr_rate, carestat_proportion_funnel_limits.
 *
 * Expected values are PHEindicatormethods v2.1.0's fixtures in tests/data/phe/ (file and row
 * named at each use; row 1 is the first line after the header). Never from running carestat.
 */
#include <math.h>
#include <stddef.h>

#include "carestat.h"
#include "check.h"

#define REL 1e-9
#define BANDS 19
#define SENTINEL 12345.0

/* testdata_DSR_ISR__testdata_multiarea.csv, area testdata_small (count, pop by ESP2013 band). */
static const double small_counts[BANDS] = {12, 4, 3, 2, 3, 4, 8, 2, 2, 3, 4, 5, 6, 8, 5, 6, 5, 5, 4};
static const double pops[BANDS] = {636, 558, 609, 543, 384, 594, 669, 843, 660, 576,
                                   606, 522, 426, 273, 300, 288, 153, 123, 207};
/* Area testdata_tiny: 9 events (band 2's count is missing, NA in the fixture). */
static const double tiny_counts[BANDS] = {0, 0, NAN, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 2, 3};
/* testdata_DSR_ISR__refdata.csv: refcount, refpop. */
static const double ref_counts[BANDS] = {10303, 2824, 0,    3615, 3641, 3490, 3789, 3213, 3031, 2771,
                                         3089,  3490, 3595, 4745, 5514, 7125, 5694, 6210, 5757};
static const double ref_pops[BANDS] = {50520, 57173, 60213, 54659, 44345, 50128, 62163,
                                       67423, 62899, 55463, 60479, 49974, 44140, 40888,
                                       37239, 30819, 18136, 15325, 13918};
/* ESP2013, for passing the standard explicitly. */
static const double esp2013[BANDS] = {5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
                                      7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000};

static void test_dsr(void) {
    carestat_estimate e = {SENTINEL, SENTINEL, SENTINEL, 99};
    /* testresults_DSR row 6: testdata_small, dsr per 100000, 95% and 99.8%. */
    CHECK_STATUS(carestat_dsr(small_counts, pops, NULL, BANDS, 100000.0, 0.95, &e), CARESTAT_OK, "");
    CHECK_NEAR(e.value, 1103.212025300104, REL);
    CHECK_NEAR(e.lower, 877.455767536709, REL);
    CHECK_NEAR(e.upper, 1367.0882227251795, REL);
    CHECK(e.method == CARESTAT_METHOD_DOBSON);
    CHECK_STATUS(carestat_dsr(small_counts, pops, esp2013, BANDS, 100000.0, 0.998, &e), CARESTAT_OK,
                 "");
    CHECK_NEAR(e.lower, 763.6420357939879, REL);
    CHECK_NEAR(e.upper, 1530.0328948244762, REL);
    /* testresults_DSR row 2: testdata_small per 10000. */
    CHECK_STATUS(carestat_dsr(small_counts, pops, NULL, BANDS, 10000.0, 95.0, &e), CARESTAT_OK, "");
    CHECK_NEAR(e.value, 110.3212025300104, REL);
    /* testresults_DSR row 7: testdata_tiny, 9 events: "dsr NA for total count < 10". */
    CHECK_STATUS(carestat_dsr(tiny_counts, pops, NULL, BANDS, 100000.0, 0.95, &e), CARESTAT_OK, "");
    CHECK(isnan(e.value) && isnan(e.lower) && isnan(e.upper));
    CHECK(e.method == CARESTAT_METHOD_SUPPRESSED);
}

static void test_dsr_errors(void) {
    carestat_estimate e = {SENTINEL, SENTINEL, SENTINEL, 99};
    double bad[BANDS];
    size_t i;
    CHECK_STATUS(carestat_dsr(small_counts, pops, NULL, BANDS, 1e5, 0.95, NULL),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_dsr(NULL, pops, NULL, BANDS, 1e5, 0.95, &e), CARESTAT_STATUS_NULL_POINTER,
                 NULL);
    CHECK_STATUS(carestat_dsr(small_counts, NULL, NULL, BANDS, 1e5, 0.95, &e),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    /* The NULL standard is ESP2013's 19 bands. */
    CHECK_STATUS(carestat_dsr(small_counts, pops, NULL, 18, 1e5, 0.95, &e),
                 CARESTAT_STATUS_LENGTH_MISMATCH, NULL);
    CHECK_STATUS(carestat_dsr(small_counts, pops, NULL, BANDS, 1e5, 0.5, &e),
                 CARESTAT_STATUS_CONFIDENCE, NULL);
    CHECK_STATUS(carestat_dsr(small_counts, pops, NULL, BANDS, 0.0, 0.95, &e),
                 CARESTAT_STATUS_NOT_POSITIVE, NULL);
    /* testdata_err1: count -26 in band 5 (0-based). */
    for (i = 0; i < BANDS; i++) bad[i] = small_counts[i];
    bad[5] = -26;
    CHECK_STATUS(carestat_dsr(bad, pops, NULL, BANDS, 1e5, 0.95, &e), CARESTAT_STATUS_NEGATIVE,
                 "counts at row 5: must not be negative (got -26)");
    /* testdata_err3: population -558 in band 1. */
    for (i = 0; i < BANDS; i++) bad[i] = pops[i];
    bad[1] = -558;
    CHECK_STATUS(carestat_dsr(small_counts, bad, NULL, BANDS, 1e5, 0.95, &e),
                 CARESTAT_STATUS_NOT_POSITIVE,
                 "populations at row 1: must be greater than zero (got -558)");
    /* testdata_err4: standard population -6000 in band 5. */
    for (i = 0; i < BANDS; i++) bad[i] = esp2013[i];
    bad[5] = -6000;
    CHECK_STATUS(carestat_dsr(small_counts, pops, bad, BANDS, 1e5, 0.95, &e),
                 CARESTAT_STATUS_NEGATIVE,
                 "standard_populations at row 5: must not be negative (got -6000)");
    /* Nothing was written by the failed calls. */
    CHECK(e.value == SENTINEL && e.method == 99);
}

static void test_isr(void) {
    carestat_estimate e = {SENTINEL, SENTINEL, SENTINEL, 99};
    /* testresults_ISR row 2: testdata_small, rate per 100000 (observed 91 by band). */
    CHECK_STATUS(carestat_isr_rate(small_counts, NAN, pops, ref_counts, ref_pops, BANDS, 100000.0,
                                   0.95, &e),
                 CARESTAT_OK, "");
    CHECK_NEAR(e.value, 1017.8922051511577, REL);
    CHECK_NEAR(e.lower, 819.521002506463, REL);
    CHECK_NEAR(e.upper, 1249.75926013832, REL);
    CHECK(e.method == CARESTAT_METHOD_BYARS);
    /* The same with the observed total (testdata_multiarea_lookup: 91) at 99.8%. */
    CHECK_STATUS(carestat_isr_rate(NULL, 91.0, pops, ref_counts, ref_pops, BANDS, 100000.0, 0.998,
                                   &e),
                 CARESTAT_OK, "");
    CHECK_NEAR(e.lower, 719.5132903528245, REL);
    CHECK_NEAR(e.upper, 1392.9381508991678, REL);
    /* testresults_ISR row 11: testdata_small, ratio x 100. */
    CHECK_STATUS(carestat_isr_ratio(small_counts, NAN, pops, ref_counts, ref_pops, BANDS, 100.0,
                                    0.95, &e),
                 CARESTAT_OK, "");
    CHECK_NEAR(e.value, 10.886683770400502, REL);
    CHECK_NEAR(e.lower, 8.765040101829404, REL);
    CHECK_NEAR(e.upper, 13.366576328418912, REL);
    /* testresults_ISR row 12: testdata_tiny (9 events, exact limits), ratio x 100. */
    CHECK_STATUS(carestat_isr_ratio(tiny_counts, NAN, pops, ref_counts, ref_pops, BANDS, 100.0,
                                    0.95, &e),
                 CARESTAT_OK, "");
    CHECK_NEAR(e.value, 1.0767049882813684, REL);
    CHECK_NEAR(e.lower, 0.4923380825095776, REL);
    CHECK_NEAR(e.upper, 2.043921455549973, REL);
    CHECK(e.method == CARESTAT_METHOD_EXACT);
    /* A missing observed total gives a missing ratio. */
    CHECK_STATUS(carestat_isr_ratio(NULL, NAN, pops, ref_counts, ref_pops, BANDS, 1.0, 0.95, &e),
                 CARESTAT_OK, "");
    CHECK(isnan(e.value) && e.method == CARESTAT_METHOD_MISSING);
}

static void test_isr_errors(void) {
    carestat_estimate e = {SENTINEL, SENTINEL, SENTINEL, 99};
    double bad[BANDS];
    size_t i;
    CHECK_STATUS(carestat_isr_ratio(small_counts, NAN, pops, ref_counts, ref_pops, BANDS, 1.0, 0.95,
                                    NULL),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_isr_rate(small_counts, NAN, NULL, ref_counts, ref_pops, BANDS, 1e5, 0.95,
                                   &e),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_isr_rate(small_counts, NAN, pops, NULL, ref_pops, BANDS, 1e5, 0.95, &e),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_isr_ratio(small_counts, NAN, pops, ref_counts, NULL, BANDS, 1.0, 0.95, &e),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_isr_ratio(NULL, -1.0, pops, ref_counts, ref_pops, BANDS, 1.0, 0.95, &e),
                 CARESTAT_STATUS_NEGATIVE, NULL);
    CHECK_STATUS(carestat_isr_ratio(NULL, 9.0, pops, ref_counts, ref_pops, BANDS, 0.0, 0.95, &e),
                 CARESTAT_STATUS_NOT_POSITIVE, NULL);
    CHECK_STATUS(carestat_isr_rate(NULL, 9.0, pops, ref_counts, ref_pops, BANDS, 1e5, 2.0, &e),
                 CARESTAT_STATUS_CONFIDENCE, NULL);
    /* No bands: no expected events. */
    CHECK_STATUS(carestat_isr_rate(NULL, 9.0, NULL, NULL, NULL, 0, 1e5, 0.95, &e),
                 CARESTAT_STATUS_NOT_POSITIVE, NULL);
    /* testdata_err1: count -26 in band 5; testdata_err3: population -558 in band 1. */
    for (i = 0; i < BANDS; i++) bad[i] = small_counts[i];
    bad[5] = -26;
    CHECK_STATUS(carestat_isr_rate(bad, NAN, pops, ref_counts, ref_pops, BANDS, 1e5, 0.95, &e),
                 CARESTAT_STATUS_NEGATIVE, "counts at row 5: must not be negative (got -26)");
    for (i = 0; i < BANDS; i++) bad[i] = pops[i];
    bad[1] = -558;
    CHECK_STATUS(carestat_isr_ratio(small_counts, NAN, bad, ref_counts, ref_pops, BANDS, 1.0, 0.95,
                                    &e),
                 CARESTAT_STATUS_NEGATIVE, "populations at row 1: must not be negative (got -558)");
    CHECK(e.value == SENTINEL && e.method == 99);
}

static void test_proportion_funnel_limits(void) {
    static const double num[3] = {80, 450, 700};
    static const double den[3] = {100, 500, 1000};
    carestat_funnel_point points[CARESTAT_FUNNEL_POINTS];
    size_t i;
    int ordered = 1;
    CHECK_STATUS(carestat_proportion_funnel_limits(num, den, 3, 100.0, points,
                                                   CARESTAT_FUNNEL_POINTS),
                 CARESTAT_OK, "");
    /* By hand: baseline = (80 + 450 + 700) / (100 + 500 + 1000) * 100 = 1230 / 1600 * 100. */
    CHECK_NEAR(points[0].baseline, 76.875, REL);
    CHECK_NEAR(points[CARESTAT_FUNNEL_POINTS - 1].baseline, 76.875, REL);
    /* Populations rise along the axis; from the middle on, 99.8% lines sit outside the 95%
     * lines, which sit around the baseline, all within 0..100. */
    for (i = 1; i < CARESTAT_FUNNEL_POINTS; i++) {
        const carestat_funnel_point *p = &points[i];
        if (!(p->x > points[i - 1].x)) ordered = 0;
        if (i >= CARESTAT_FUNNEL_POINTS / 2 &&
            !(0.0 <= p->lower_3s_limit && p->lower_3s_limit < p->lower_2s_limit &&
              p->lower_2s_limit < p->baseline && p->baseline < p->upper_2s_limit &&
              p->upper_2s_limit < p->upper_3s_limit && p->upper_3s_limit <= 100.0))
            ordered = 0;
    }
    CHECK(ordered);
}

static void test_proportion_funnel_limits_errors(void) {
    static const double num[2] = {5, 20};
    static const double den[2] = {10, 10};
    carestat_funnel_point points[CARESTAT_FUNNEL_POINTS];
    points[0].baseline = SENTINEL;
    CHECK_STATUS(carestat_proportion_funnel_limits(num, den, 2, 100.0, NULL, CARESTAT_FUNNEL_POINTS),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_proportion_funnel_limits(NULL, den, 2, 100.0, points,
                                                   CARESTAT_FUNNEL_POINTS),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_proportion_funnel_limits(num, den, 1, 100.0, points, 99),
                 CARESTAT_STATUS_LENGTH_MISMATCH, NULL);
    /* 20 events out of 10 in row 1. */
    CHECK_STATUS(carestat_proportion_funnel_limits(num, den, 2, 100.0, points,
                                                   CARESTAT_FUNNEL_POINTS),
                 CARESTAT_STATUS_NUMERATOR_ABOVE_DENOMINATOR, NULL);
    CHECK(points[0].baseline == SENTINEL);
}

int main(void) {
    test_dsr();
    test_dsr_errors();
    test_isr();
    test_isr_errors();
    test_proportion_funnel_limits();
    test_proportion_funnel_limits_errors();
    return check_summary("test_phe");
}
