/*
 * The carestat C ABI as a council's C tool uses it: every function, every error path.
 *
 * Expected values come from the PHEindicatormethods fixtures in tests/data/phe/ (the file and
 * row are named at each use; row 1 is the first line after the header) or from hand
 * calculation written out in a comment. Never from running carestat.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carestat.h"
#include "check.h"

#define REL 1e-9
#define SENTINEL 12345.0

static const char *last(void) { return carestat_last_error_message(); }

static void test_version(void) {
    unsigned major = 0, minor = 0, patch = 0;
    const char *v = carestat_version();
    CHECK(v != NULL);
    CHECK(strcmp(v, CARESTAT_VERSION) == 0);
    CHECK(sscanf(v, "%u.%u.%u", &major, &minor, &patch) == 3);
    CHECK(major == CARESTAT_VERSION_MAJOR && minor == CARESTAT_VERSION_MINOR &&
          patch == CARESTAT_VERSION_PATCH);
    /* The composed number, from the library's own string (rustls-ffi once shipped a wrong one). */
    CHECK(((major << 16) | (minor << 8) | patch) == CARESTAT_VERSION_NUMBER);
    CHECK(carestat_version_number() == CARESTAT_VERSION_NUMBER);
}

static void test_status_messages(void) {
    uint32_t code;
    const char *unknown = carestat_status_message(999);
    CHECK(strcmp(unknown, "unknown carestat status code") == 0);
    CHECK(strcmp(carestat_status_message(UINT32_MAX), unknown) == 0);
    CHECK(strcmp(carestat_status_message(CARESTAT_OK), "ok") == 0);
    /* Every code from CARESTAT_OK to the last has its own message. */
    for (code = CARESTAT_OK; code <= CARESTAT_STATUS_INVALID; code++) {
        const char *m = carestat_status_message((carestat_status)code);
        CHECK(m != NULL && m[0] != '\0' && strcmp(m, unknown) != 0);
    }
    CHECK(strcmp(carestat_status_message(CARESTAT_STATUS_INVALID + 1), unknown) == 0);
    /* Fixed numbers: part of the ABI. */
    CHECK(CARESTAT_OK == 0 && CARESTAT_STATUS_NULL_POINTER == 1 && CARESTAT_STATUS_PANIC == 2);
    CHECK(sizeof(carestat_status) == 4);
}

static void test_names_and_labels(void) {
    CHECK(strcmp(carestat_method_name(CARESTAT_METHOD_MISSING), "") == 0);
    CHECK(strcmp(carestat_method_name(CARESTAT_METHOD_EXACT), "Exact") == 0);
    CHECK(strcmp(carestat_method_name(CARESTAT_METHOD_BYARS), "Byars") == 0);
    CHECK(strcmp(carestat_method_name(CARESTAT_METHOD_WILSON), "Wilson") == 0);
    CHECK(strcmp(carestat_method_name(77), "unknown method") == 0);
    CHECK(strcmp(carestat_judgement_label(CARESTAT_JUDGEMENT_IMPROVED), "improved") == 0);
    CHECK(strcmp(carestat_judgement_label(CARESTAT_JUDGEMENT_WORSENED), "worsened") == 0);
    CHECK(strcmp(carestat_judgement_label(CARESTAT_JUDGEMENT_NO_CHANGE), "no change") == 0);
    CHECK(strcmp(carestat_judgement_label(CARESTAT_JUDGEMENT_NOT_JUDGED), "not judged") == 0);
    CHECK(strcmp(carestat_judgement_label(CARESTAT_JUDGEMENT_MISSING), "missing") == 0);
    CHECK(strcmp(carestat_judgement_label(5), "unknown judgement") == 0);
}

static void test_percent_and_point_change(void) {
    double out = SENTINEL;
    /* Worcestershire (seed 004): 4455 concerns against 3912; 543 / 3912 * 100 = 13.880368098... */
    CHECK_STATUS(carestat_percent_change(3912.0, 4455.0, &out), CARESTAT_OK, "");
    CHECK_NEAR(out, 13.880368098159509, 1e-12);
    /* "6%, a 1% increase on last year's 5%": +1 point, +20% */
    CHECK_STATUS(carestat_point_change(5.0, 6.0, &out), CARESTAT_OK, "");
    CHECK_NEAR(out, 1.0, 1e-15);
    CHECK_STATUS(carestat_percent_change(5.0, 6.0, &out), CARESTAT_OK, "");
    CHECK_NEAR(out, 20.0, 1e-12);

    /* NaN is missing: a NaN result, not an error. */
    CHECK_STATUS(carestat_percent_change(NAN, 6.0, &out), CARESTAT_OK, "");
    CHECK(isnan(out));
    CHECK_STATUS(carestat_point_change(5.0, NAN, &out), CARESTAT_OK, "");
    CHECK(isnan(out));

    out = SENTINEL;
    CHECK_STATUS(carestat_percent_change(0.0, 5.0, &out), CARESTAT_STATUS_ZERO_PREVIOUS,
                 "previous: percentage change from zero is undefined");
    CHECK(out == SENTINEL); /* written only on success */
    CHECK_STATUS(carestat_percent_change(-1.0, 3.0, &out), CARESTAT_STATUS_NEGATIVE,
                 "previous: must not be negative (got -1)");
    CHECK_STATUS(carestat_percent_change(1.0, INFINITY, &out), CARESTAT_STATUS_NOT_FINITE,
                 "current: must be finite (got inf)");
    CHECK_STATUS(carestat_point_change(-INFINITY, 1.0, &out), CARESTAT_STATUS_NOT_FINITE,
                 "previous_pct: must be finite (got -inf)");
    CHECK(out == SENTINEL);
    CHECK_STATUS(carestat_percent_change(1.0, 2.0, NULL), CARESTAT_STATUS_NULL_POINTER,
                 "out: must not be NULL");
    CHECK_STATUS(carestat_point_change(1.0, 2.0, NULL), CARESTAT_STATUS_NULL_POINTER,
                 "out: must not be NULL");
}

static void test_percent_change_many(void) {
    const double previous[4] = {5.0, 200.0, NAN, 3912.0};
    const double current[4] = {6.0, 150.0, 1.0, 4455.0};
    const double bad_previous[3] = {1.0, 2.0, 0.0};
    double out[4];
    size_t i;

    CHECK_STATUS(carestat_percent_change_many(previous, current, 4, out), CARESTAT_OK, "");
    CHECK_NEAR(out[0], 20.0, 1e-12);  /* 1 / 5 */
    CHECK_NEAR(out[1], -25.0, 1e-12); /* -50 / 200 */
    CHECK(isnan(out[2]));
    CHECK_NEAR(out[3], 13.880368098159509, 1e-12);

    CHECK_STATUS(carestat_percent_change_many(NULL, NULL, 0, NULL), CARESTAT_OK, "");
    CHECK_STATUS(carestat_percent_change_many(bad_previous, current, 3, out),
                 CARESTAT_STATUS_ZERO_PREVIOUS,
                 "previous at row 2: percentage change from zero is undefined");
    for (i = 0; i < 3; i++) CHECK(isnan(out[i])); /* never a half-written result */
    CHECK_STATUS(carestat_percent_change_many(previous, NULL, 4, out),
                 CARESTAT_STATUS_NULL_POINTER,
                 "current: must not be NULL when the length is 4 (NULL is only allowed with "
                 "length 0)");
    CHECK_STATUS(carestat_percent_change_many(previous, current, 4, NULL),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    /* Writing the result over an input is refused (the inputs must stay intact). */
    {
        double inplace[2] = {5.0, 6.0};
        CHECK_STATUS(carestat_percent_change_many(inplace, current, 2, inplace),
                     CARESTAT_STATUS_OVERLAPPING_BUFFERS, "out: buffer overlaps previous");
        CHECK(inplace[0] == 5.0 && inplace[1] == 6.0);
    }
}

static void test_previous_from_percent_change(void) {
    carestat_previous_range r = {SENTINEL, SENTINEL, SENTINEL};
    /* Birmingham (seed 000): 2720 placements, "a 2.1% increase" (1 dp): previous between
     * 2720 / 1.0215 = 2662.7508565834557 and 2720 / 1.0205 = 2665.3601175894170,
     * at 2720 / 1.021 = 2664.0548481880509. */
    CHECK_STATUS(carestat_previous_from_percent_change(2720.0, 2.1, 1, &r), CARESTAT_OK, "");
    CHECK_NEAR(r.lower, 2662.7508565834557, 1e-12);
    CHECK_NEAR(r.point, 2664.0548481880509, 1e-12);
    CHECK_NEAR(r.upper, 2665.3601175894170, 1e-12);
    /* "4240, a decrease of 1.5%": 4240 / 0.9855 = 4302.3845763571791 to
     * 4240 / 0.9845 = 4306.7546978161503 */
    CHECK_STATUS(carestat_previous_from_percent_change(4240.0, -1.5, 1, &r), CARESTAT_OK, "");
    CHECK_NEAR(r.lower, 4302.3845763571791, 1e-12);
    CHECK_NEAR(r.upper, 4306.7546978161503, 1e-12);
    CHECK_STATUS(carestat_previous_from_percent_change(NAN, 2.1, 1, &r), CARESTAT_OK, "");
    CHECK(isnan(r.lower) && isnan(r.point) && isnan(r.upper));

    r.lower = r.point = r.upper = SENTINEL;
    CHECK_STATUS(carestat_previous_from_percent_change(10.0, -99.96, 1, &r),
                 CARESTAT_STATUS_OUT_OF_RANGE,
                 "pct: -99.96 is out of range; expected a change above -100% once its rounding "
                 "is allowed for");
    CHECK_STATUS(carestat_previous_from_percent_change(10.0, 1.0, 16, &r),
                 CARESTAT_STATUS_OUT_OF_RANGE, "decimals: 16 is out of range; expected 0 to 15");
    CHECK_STATUS(carestat_previous_from_percent_change(-10.0, 1.0, 1, &r),
                 CARESTAT_STATUS_NEGATIVE, "current: must not be negative (got -10)");
    CHECK_STATUS(carestat_previous_from_percent_change(10.0, INFINITY, 1, &r),
                 CARESTAT_STATUS_NOT_FINITE, "pct: must be finite (got inf)");
    CHECK(r.lower == SENTINEL && r.point == SENTINEL && r.upper == SENTINEL);
    CHECK_STATUS(carestat_previous_from_percent_change(10.0, 1.0, 1, NULL),
                 CARESTAT_STATUS_NULL_POINTER, "out: must not be NULL");
}

static void test_judge_change(void) {
    uint32_t j = 1000;
    /* ASCOF 2A(2), Birmingham: admissions per 100,000 rose from 417.6 to 587.2; low is good */
    CHECK_STATUS(carestat_judge_change(417.6, 587.2, CARESTAT_POLARITY_LOW_IS_GOOD, &j),
                 CARESTAT_OK, "");
    CHECK(j == CARESTAT_JUDGEMENT_WORSENED);
    CHECK_STATUS(carestat_judge_change(73.0, 82.0, CARESTAT_POLARITY_HIGH_IS_GOOD, &j),
                 CARESTAT_OK, "");
    CHECK(j == CARESTAT_JUDGEMENT_IMPROVED);
    CHECK_STATUS(carestat_judge_change(82.0, 73.0, CARESTAT_POLARITY_LOW_IS_GOOD, &j),
                 CARESTAT_OK, "");
    CHECK(j == CARESTAT_JUDGEMENT_IMPROVED);
    CHECK_STATUS(carestat_judge_change(5.0, 5.0, CARESTAT_POLARITY_HIGH_IS_GOOD, &j),
                 CARESTAT_OK, "");
    CHECK(j == CARESTAT_JUDGEMENT_NO_CHANGE);
    CHECK_STATUS(carestat_judge_change(1.0, 2.0, CARESTAT_POLARITY_NO_JUDGEMENT, &j),
                 CARESTAT_OK, "");
    CHECK(j == CARESTAT_JUDGEMENT_NOT_JUDGED);
    CHECK_STATUS(carestat_judge_change(1.0, 2.0, -1, &j), CARESTAT_OK, ""); /* Fingertips -1 */
    CHECK(j == CARESTAT_JUDGEMENT_NOT_JUDGED);
    CHECK_STATUS(carestat_judge_change(NAN, 2.0, CARESTAT_POLARITY_HIGH_IS_GOOD, &j),
                 CARESTAT_OK, "");
    CHECK(j == CARESTAT_JUDGEMENT_MISSING);

    j = 1000;
    CHECK_STATUS(carestat_judge_change(1.0, 2.0, 7, &j), CARESTAT_STATUS_OUT_OF_RANGE,
                 "polarity: 7 is out of range; expected 0 (low is good), 1 (high is good), 99 "
                 "or -1 (no judgement)");
    CHECK_STATUS(carestat_judge_change(1.0, 2.0, INT32_MIN, &j), CARESTAT_STATUS_OUT_OF_RANGE,
                 NULL);
    CHECK(j == 1000);
    CHECK_STATUS(carestat_judge_change(1.0, 2.0, 1, NULL), CARESTAT_STATUS_NULL_POINTER,
                 "out: must not be NULL");
}

/* Field by field: memcmp would read the struct's padding, which is never initialised. */
static int untouched(carestat_estimate e, carestat_estimate sentinel) {
    return e.value == sentinel.value && e.lower == sentinel.lower && e.upper == sentinel.upper &&
           e.method == sentinel.method;
}

static void check_estimate(carestat_estimate e, double value, double lower, double upper,
                           uint32_t method) {
    CHECK_NEAR(e.value, value, REL);
    CHECK_NEAR(e.lower, lower, REL);
    CHECK_NEAR(e.upper, upper, REL);
    CHECK(e.method == method);
}

static void test_crude_rate(void) {
    carestat_estimate e;
    const carestat_estimate sentinel = {SENTINEL, SENTINEL, SENTINEL, 77};

    /* testdata_Rate__testdata_Rate.csv row 1 (Area1): 1 / 100 per 100, 95% and 99.8% */
    CHECK_STATUS(carestat_crude_rate(1.0, 100.0, 100.0, 0.95, &e), CARESTAT_OK, "");
    check_estimate(e, 1.0, 0.025317807984289897, 5.571643390938898, CARESTAT_METHOD_EXACT);
    CHECK_STATUS(carestat_crude_rate(1.0, 100.0, 100.0, 0.998, &e), CARESTAT_OK, "");
    check_estimate(e, 1.0, 0.0010005003335835344, 9.233413476451585, CARESTAT_METHOD_EXACT);
    /* Same row, confidence as a percentage (99.8) */
    CHECK_STATUS(carestat_crude_rate(1.0, 100.0, 100.0, 99.8, &e), CARESTAT_OK, "");
    check_estimate(e, 1.0, 0.0010005003335835344, 9.233413476451585, CARESTAT_METHOD_EXACT);
    /* row 3 (Area3): 20 / 100 per 100, Byar's */
    CHECK_STATUS(carestat_crude_rate(20.0, 100.0, 100.0, 0.95, &e), CARESTAT_OK, "");
    check_estimate(e, 20.0, 12.211428834875937, 30.889880369197066, CARESTAT_METHOD_BYARS);
    /* row 14 (Area6): 7776456 / 7564336677 per 100,000, 99.8% */
    CHECK_STATUS(carestat_crude_rate(7776456.0, 7564336677.0, 100000.0, 0.998, &e), CARESTAT_OK,
                 "");
    check_estimate(e, 102.80420256339154, 102.690317308454, 102.91817639509068,
                   CARESTAT_METHOD_BYARS);
    /* row 20 (Area12): count 250 above population 220 is allowed */
    CHECK_STATUS(carestat_crude_rate(250.0, 220.0, 100000.0, 0.95, &e), CARESTAT_OK, "");
    check_estimate(e, 113636.36363636365, 99984.94738532876, 128631.14487455782,
                   CARESTAT_METHOD_BYARS);
    /* rows 17-19: a missing count or population gives a missing estimate */
    CHECK_STATUS(carestat_crude_rate(NAN, 100.0, 100000.0, 0.95, &e), CARESTAT_OK, "");
    CHECK(isnan(e.value) && isnan(e.lower) && isnan(e.upper));
    CHECK(e.method == CARESTAT_METHOD_MISSING);
    CHECK_STATUS(carestat_crude_rate(10.0, NAN, 100000.0, 0.95, &e), CARESTAT_OK, "");
    CHECK(isnan(e.value) && e.method == CARESTAT_METHOD_MISSING);
    /* Worcestershire (seed 004): 4455 / 485737 * 100000 = 917.16299149539772 */
    CHECK_STATUS(carestat_crude_rate(4455.0, 485737.0, 100000.0, 0.95, &e), CARESTAT_OK, "");
    CHECK_NEAR(e.value, 917.16299149539772, 1e-12);
    CHECK(e.lower < e.value && e.value < e.upper && e.method == CARESTAT_METHOD_BYARS);

    e = sentinel;
    CHECK_STATUS(carestat_crude_rate(-1.0, 100.0, 100.0, 0.95, &e), CARESTAT_STATUS_NEGATIVE,
                 "count: must not be negative (got -1)");
    CHECK_STATUS(carestat_crude_rate(1.0, 0.0, 100.0, 0.95, &e), CARESTAT_STATUS_NOT_POSITIVE,
                 "population: must be greater than zero (got 0)");
    CHECK_STATUS(carestat_crude_rate(1.0, -5.0, 100.0, 0.95, &e), CARESTAT_STATUS_NOT_POSITIVE,
                 "population: must be greater than zero (got -5)");
    CHECK_STATUS(carestat_crude_rate(INFINITY, 100.0, 100.0, 0.95, &e),
                 CARESTAT_STATUS_NOT_FINITE, "count: must be finite (got inf)");
    CHECK_STATUS(carestat_crude_rate(1.0, INFINITY, 100.0, 0.95, &e),
                 CARESTAT_STATUS_NOT_FINITE, "population: must be finite (got inf)");
    CHECK_STATUS(carestat_crude_rate(1.0, 100.0, 0.0, 0.95, &e), CARESTAT_STATUS_NOT_POSITIVE,
                 "multiplier: must be greater than zero (got 0)");
    CHECK_STATUS(carestat_crude_rate(1.0, 100.0, NAN, 0.95, &e), CARESTAT_STATUS_NOT_FINITE,
                 "multiplier: must be finite (got NaN)");
    CHECK_STATUS(carestat_crude_rate(1.0, 100.0, 100.0, 0.5, &e), CARESTAT_STATUS_CONFIDENCE,
                 "confidence: must be between 0.9 and 1 (or 90 and 100), exclusive of 1 and 100 "
                 "(got 0.5)");
    CHECK_STATUS(carestat_crude_rate(1.0, 100.0, 100.0, 100.0, &e), CARESTAT_STATUS_CONFIDENCE,
                 NULL);
    CHECK_STATUS(carestat_crude_rate(1.0, 100.0, 100.0, NAN, &e), CARESTAT_STATUS_CONFIDENCE,
                 NULL);
    CHECK(untouched(e, sentinel)); /* written only on success */
    CHECK_STATUS(carestat_crude_rate(1.0, 100.0, 100.0, 0.95, NULL),
                 CARESTAT_STATUS_NULL_POINTER, "out: must not be NULL");
    /* A success clears the detail message. */
    CHECK_STATUS(carestat_crude_rate(1.0, 100.0, 100.0, 0.95, &e), CARESTAT_OK, "");
}

static void test_wilson_proportion(void) {
    carestat_estimate e;
    const carestat_estimate sentinel = {SENTINEL, SENTINEL, SENTINEL, 77};

    /* testdata_Proportion__testdata_Prop.csv row 3 (Area3): 20 / 100, multiplier 1 */
    CHECK_STATUS(carestat_wilson_proportion(20.0, 100.0, 1.0, 0.95, &e), CARESTAT_OK, "");
    check_estimate(e, 0.2, 0.1333669333310325, 0.28882916559315885, CARESTAT_METHOD_WILSON);
    CHECK_STATUS(carestat_wilson_proportion(20.0, 100.0, 1.0, 0.998, &e), CARESTAT_OK, "");
    check_estimate(e, 0.2, 0.10519162066711432, 0.3471109417008601, CARESTAT_METHOD_WILSON);
    /* row 13 (Area5): 9856 / 12345, multiplier 100 */
    CHECK_STATUS(carestat_wilson_proportion(9856.0, 12345.0, 100.0, 95.0, &e), CARESTAT_OK, "");
    check_estimate(e, 79.83799108950991, 79.1210175290907, 80.53640073614909,
                   CARESTAT_METHOD_WILSON);
    /* rows 17-19: missing */
    CHECK_STATUS(carestat_wilson_proportion(NAN, 100.0, 1.0, 0.95, &e), CARESTAT_OK, "");
    CHECK(isnan(e.value) && isnan(e.lower) && isnan(e.upper));
    CHECK(e.method == CARESTAT_METHOD_MISSING);
    /* Birmingham home support (seed 000): 70 of 83 = 84.337349397590361% */
    CHECK_STATUS(carestat_wilson_proportion(70.0, 83.0, 100.0, 0.95, &e), CARESTAT_OK, "");
    CHECK_NEAR(e.value, 84.337349397590361, 1e-12);
    CHECK(e.lower < e.value && e.value < e.upper);

    e = sentinel;
    CHECK_STATUS(carestat_wilson_proportion(84.0, 83.0, 100.0, 0.95, &e),
                 CARESTAT_STATUS_NUMERATOR_ABOVE_DENOMINATOR,
                 "numerator: numerator 84 is greater than denominator 83");
    CHECK_STATUS(carestat_wilson_proportion(-1.0, 83.0, 100.0, 0.95, &e),
                 CARESTAT_STATUS_NEGATIVE, "numerator: must not be negative (got -1)");
    CHECK_STATUS(carestat_wilson_proportion(0.0, 0.0, 100.0, 0.95, &e),
                 CARESTAT_STATUS_NOT_POSITIVE, "denominator: must be greater than zero (got 0)");
    CHECK_STATUS(carestat_wilson_proportion(1.0, -INFINITY, 100.0, 0.95, &e),
                 CARESTAT_STATUS_NOT_FINITE, "denominator: must be finite (got -inf)");
    CHECK_STATUS(carestat_wilson_proportion(1.0, 2.0, 100.0, 1.0, &e),
                 CARESTAT_STATUS_CONFIDENCE, NULL);
    CHECK(untouched(e, sentinel));
    CHECK_STATUS(carestat_wilson_proportion(1.0, 2.0, 100.0, 0.95, NULL),
                 CARESTAT_STATUS_NULL_POINTER, "out: must not be NULL");
}

static void test_crude_rate_many(void) {
    /* testdata_Rate__testdata_Rate.csv rows 9-12 (per 100,000), 17 (missing count) and 20 */
    const double counts[6] = {1.0, 5.0, 20.0, 65.0, NAN, 250.0};
    const double populations[6] = {100.0, 100.0, 100.0, 100.0, 100.0, 220.0};
    const double want_value[6] = {1000.0, 5000.0, 20000.0, 65000.0, NAN, 113636.36363636365};
    const double want_lower[6] = {25.317807984289896, 1623.4863901184199, 12211.428834875936,
                                  50163.18771045945, NAN, 99984.94738532876};
    const double want_upper[6] = {5571.643390938898, 11668.332079322669, 30889.880369197064,
                                  82849.13854593984, NAN, 128631.14487455782};
    const uint32_t want_method[6] = {CARESTAT_METHOD_EXACT, CARESTAT_METHOD_EXACT,
                                     CARESTAT_METHOD_BYARS, CARESTAT_METHOD_BYARS,
                                     CARESTAT_METHOD_MISSING, CARESTAT_METHOD_BYARS};
    double value[6], lower[6], upper[6], big[64];
    uint32_t method[6];
    size_t i;

    CHECK_STATUS(carestat_crude_rate_many(counts, populations, 6, 100000.0, 0.95, value, lower,
                                          upper),
                 CARESTAT_OK, "");
    for (i = 0; i < 6; i++) {
        if (isnan(want_value[i])) {
            CHECK(isnan(value[i]) && isnan(lower[i]) && isnan(upper[i]));
        } else {
            CHECK_NEAR(value[i], want_value[i], REL);
            CHECK_NEAR(lower[i], want_lower[i], REL);
            CHECK_NEAR(upper[i], want_upper[i], REL);
        }
    }
    CHECK_STATUS(carestat_crude_rate_many_with_method(counts, populations, 6, 100000.0, 0.95,
                                                      value, lower, upper, method),
                 CARESTAT_OK, "");
    for (i = 0; i < 6; i++) CHECK(method[i] == want_method[i]);
    CHECK_NEAR(value[3], 65000.0, REL);
    /* method is optional in the _with_method form */
    CHECK_STATUS(carestat_crude_rate_many_with_method(counts, populations, 6, 100000.0, 0.95,
                                                      value, lower, upper, NULL),
                 CARESTAT_OK, "");

    /* (NULL, 0) is an empty call */
    CHECK_STATUS(carestat_crude_rate_many(NULL, NULL, 0, 100000.0, 0.95, NULL, NULL, NULL),
                 CARESTAT_OK, "");
    /* NULL with a length is an error naming the argument */
    CHECK_STATUS(carestat_crude_rate_many(NULL, populations, 6, 100000.0, 0.95, value, lower,
                                          upper),
                 CARESTAT_STATUS_NULL_POINTER,
                 "counts: must not be NULL when the length is 6 (NULL is only allowed with "
                 "length 0)");
    CHECK_STATUS(carestat_crude_rate_many(counts, NULL, 6, 100000.0, 0.95, value, lower, upper),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_crude_rate_many(counts, populations, 6, 100000.0, 0.95, value, lower,
                                          NULL),
                 CARESTAT_STATUS_NULL_POINTER,
                 "upper: must not be NULL when the length is 6 (NULL is only allowed with "
                 "length 0)");
    /* The same buffer for two outputs, or an output over an input: refused, nothing written */
    for (i = 0; i < 6; i++) value[i] = SENTINEL;
    CHECK_STATUS(carestat_crude_rate_many(counts, populations, 6, 100000.0, 0.95, value, value,
                                          upper),
                 CARESTAT_STATUS_OVERLAPPING_BUFFERS, "lower: buffer overlaps value");
    for (i = 0; i < 6; i++) CHECK(value[i] == SENTINEL);
    for (i = 0; i < 12; i++) big[i] = 1.0;
    CHECK_STATUS(carestat_crude_rate_many(big, big + 6, 6, 100000.0, 0.95, big + 5, lower,
                                          upper),
                 CARESTAT_STATUS_OVERLAPPING_BUFFERS, "value: buffer overlaps counts");
    /* A length no buffer can have is refused before any element is read */
    CHECK_STATUS(carestat_crude_rate_many(counts, populations, SIZE_MAX, 100000.0, 0.95, value,
                                          lower, upper),
                 CARESTAT_STATUS_BUFFER_TOO_LARGE, NULL);

    /* A bad row: the message names it (0-based); every output becomes NaN */
    {
        const double bad_counts[4] = {1.0, 2.0, -3.0, 4.0};
        const double bad_pops[4] = {10.0, 10.0, 10.0, 0.0};
        CHECK_STATUS(carestat_crude_rate_many_with_method(bad_counts, populations, 4, 100.0,
                                                          0.95, value, lower, upper, method),
                     CARESTAT_STATUS_NEGATIVE, "count at row 2: must not be negative (got -3)");
        for (i = 0; i < 4; i++) {
            CHECK(isnan(value[i]) && isnan(lower[i]) && isnan(upper[i]));
            CHECK(method[i] == CARESTAT_METHOD_MISSING);
        }
        CHECK_STATUS(carestat_crude_rate_many(counts, bad_pops, 4, 100.0, 0.95, value, lower,
                                              upper),
                     CARESTAT_STATUS_NOT_POSITIVE,
                     "population at row 3: must be greater than zero (got 0)");
        CHECK_STATUS(carestat_crude_rate_many(counts, populations, 4, 100.0, 0.5, value, lower,
                                              upper),
                     CARESTAT_STATUS_CONFIDENCE, NULL);
    }
}

static void test_wilson_proportion_many(void) {
    /* testdata_Proportion__testdata_Prop.csv rows 9-12 (multiplier 100) and 16 (Area8) */
    const double numerators[5] = {1.0, 5.0, 20.0, 65.0, 999.0};
    const double denominators[5] = {100.0, 100.0, 100.0, 100.0, 3456.0};
    const double want_value[5] = {1.0, 5.0, 20.0, 65.0, 28.90625};
    const double want_lower[5] = {0.1767432064140651, 2.154367915436798, 13.33669333310325,
                                  55.25444329688797, 27.418951080009872};
    const double want_upper[5] = {5.44861961787053, 11.17504692319191, 28.882916559315884,
                                  73.63575175690247, 30.440389662818056};
    double value[5], lower[5], upper[5];
    uint32_t method[5];
    size_t i;

    CHECK_STATUS(carestat_wilson_proportion_many_with_method(numerators, denominators, 5, 100.0,
                                                             0.95, value, lower, upper, method),
                 CARESTAT_OK, "");
    for (i = 0; i < 5; i++) {
        CHECK_NEAR(value[i], want_value[i], REL);
        CHECK_NEAR(lower[i], want_lower[i], REL);
        CHECK_NEAR(upper[i], want_upper[i], REL);
        CHECK(method[i] == CARESTAT_METHOD_WILSON);
    }
    CHECK_STATUS(carestat_wilson_proportion_many(numerators, denominators, 5, 100.0, 0.95, value,
                                                 lower, upper),
                 CARESTAT_OK, "");
    CHECK_NEAR(value[4], 28.90625, REL);
    CHECK_STATUS(carestat_wilson_proportion_many(NULL, NULL, 0, 1.0, 0.95, NULL, NULL, NULL),
                 CARESTAT_OK, "");
    CHECK_STATUS(carestat_wilson_proportion_many(numerators, NULL, 5, 1.0, 0.95, value, lower,
                                                 upper),
                 CARESTAT_STATUS_NULL_POINTER,
                 "denominators: must not be NULL when the length is 5 (NULL is only allowed "
                 "with length 0)");
    CHECK_STATUS(carestat_wilson_proportion_many(numerators, denominators, 5, 1.0, 0.95, value,
                                                 lower, lower),
                 CARESTAT_STATUS_OVERLAPPING_BUFFERS, "upper: buffer overlaps lower");
    {
        const double over[3] = {1.0, 101.0, 2.0};
        CHECK_STATUS(carestat_wilson_proportion_many(over, denominators, 3, 1.0, 0.95, value,
                                                     lower, upper),
                     CARESTAT_STATUS_NUMERATOR_ABOVE_DENOMINATOR,
                     "numerator at row 1: numerator 101 is greater than denominator 100");
        for (i = 0; i < 3; i++) CHECK(isnan(value[i]) && isnan(lower[i]) && isnan(upper[i]));
    }
}

static void test_rating_share(void) {
    double out = SENTINEL;
    /* Birmingham supported living (seed 000): 3 / 199 / 64 / 1 / 11 unrated.
     * Outstanding or Good = 202; all 278 locations: 72.661870503597122%;
     * rated only (267): 75.655430711610487% */
    CHECK_STATUS(carestat_rating_share(3, 199, 64, 1, 11, CARESTAT_DENOMINATOR_ALL_LOCATIONS,
                                       &out),
                 CARESTAT_OK, "");
    CHECK_NEAR(out, 72.661870503597122, 1e-12);
    CHECK_STATUS(carestat_rating_share(3, 199, 64, 1, 11, CARESTAT_DENOMINATOR_RATED_ONLY, &out),
                 CARESTAT_OK, "");
    CHECK_NEAR(out, 75.655430711610487, 1e-12);

    out = SENTINEL;
    CHECK_STATUS(carestat_rating_share(3, -1, 0, 0, 0, CARESTAT_DENOMINATOR_ALL_LOCATIONS, &out),
                 CARESTAT_STATUS_NEGATIVE, "good: must not be negative (got -1)");
    CHECK_STATUS(carestat_rating_share(3, 1.5, 0, 0, 0, CARESTAT_DENOMINATOR_ALL_LOCATIONS, &out),
                 CARESTAT_STATUS_INVALID,
                 "good: must be a whole number of locations (got 1.5)");
    CHECK_STATUS(carestat_rating_share(3, 1, 0, NAN, 0, CARESTAT_DENOMINATOR_ALL_LOCATIONS, &out),
                 CARESTAT_STATUS_NOT_FINITE, "inadequate: must be finite (got NaN)");
    CHECK_STATUS(carestat_rating_share(3, 1, 0, 0, INFINITY, CARESTAT_DENOMINATOR_ALL_LOCATIONS,
                                       &out),
                 CARESTAT_STATUS_NOT_FINITE, "not_rated: must be finite (got inf)");
    CHECK_STATUS(carestat_rating_share(3, 1, 0, 0, 0, 2, &out), CARESTAT_STATUS_OUT_OF_RANGE,
                 "denominator_rule: 2 is out of range; expected 0 (all locations) or 1 (rated "
                 "only)");
    CHECK_STATUS(carestat_rating_share(0, 0, 0, 0, 0, CARESTAT_DENOMINATOR_ALL_LOCATIONS, &out),
                 CARESTAT_STATUS_NOT_POSITIVE, "denominator: must be greater than zero (got 0)");
    CHECK_STATUS(carestat_rating_share(0, 0, 0, 0, 5, CARESTAT_DENOMINATOR_RATED_ONLY, &out),
                 CARESTAT_STATUS_NOT_POSITIVE, NULL);
    CHECK(out == SENTINEL);
    CHECK_STATUS(carestat_rating_share(1, 1, 1, 1, 1, CARESTAT_DENOMINATOR_ALL_LOCATIONS, NULL),
                 CARESTAT_STATUS_NULL_POINTER, "out: must not be NULL");
}

static void test_messages_are_kept_between_calls(void) {
    double out;
    const char *p1, *p2;
    CHECK_STATUS(carestat_percent_change(0.0, 1.0, &out), CARESTAT_STATUS_ZERO_PREVIOUS, NULL);
    p1 = last();
    /* Infallible calls leave the message alone... */
    (void)carestat_status_message(CARESTAT_STATUS_ZERO_PREVIOUS);
    (void)carestat_version();
    CHECK(strcmp(last(), "previous: percentage change from zero is undefined") == 0);
    /* ...the pointer stays the same for the thread; the next fallible call replaces the text. */
    CHECK_STATUS(carestat_percent_change(1.0, 2.0, &out), CARESTAT_OK, "");
    p2 = last();
    CHECK(p1 == p2 && p2[0] == '\0');
}

int main(void) {
    test_version();
    test_status_messages();
    test_names_and_labels();
    test_percent_and_point_change();
    test_percent_change_many();
    test_previous_from_percent_change();
    test_judge_change();
    test_crude_rate();
    test_wilson_proportion();
    test_crude_rate_many();
    test_wilson_proportion_many();
    test_rating_share();
    test_messages_are_kept_between_calls();
    return check_summary("test_carestat");
}
