/*
 * PHEindicatormethods parity through the C ABI: carestat_dsr, carestat_isr_ratio,
 * carestat_isr_rate, carestat_mean, the funnel limits and significance for proportions, ratios
 * and rates, carestat_rate_funnel_points, carestat_assign_quantiles, carestat_sii.
 *
 * Expected values are PHEindicatormethods v2.1.0's fixtures in tests/data/phe/ (file and row
 * named at each use; row 1 is the first line after the header). Never from running carestat.
 * Inputs too long to write out (the funnel areas, the quantile rows) are read from those files
 * by read_column below: run from the repository root (as `make test-c` does).
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

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

/* ---- Reading fixture columns ------------------------------------------------------------ */

#define MAX_ROWS 1100
#define MAX_LINE 4096
#define MAX_FIELDS 32
#define TEXT_LEN 96 /* the longest SII test description is 74 characters */

/* Splits one CSV line in place into at most `max` fields, removing quotes ("" is a quote).
 * Returns the number of fields. */
static int split_csv(char *line, char *fields[], int max) {
    int n = 0;
    char *r = line, *w = line;
    while (n < max) {
        fields[n++] = w;
        if (*r == '"') {
            r++;
            while (*r && !(r[0] == '"' && r[1] != '"')) {
                if (r[0] == '"') r++; /* "" */
                *w++ = *r++;
            }
            if (*r == '"') r++;
        }
        while (*r && *r != ',') *w++ = *r++;
        if (*r != ',') {
            *w = '\0';
            break;
        }
        r++;
        *w++ = '\0';
    }
    return n;
}

/* Reads column `name` of tests/data/phe/<file> (a byte-order mark and CR are dropped): as
 * numbers into `nums` (empty or NA: NaN) when not NULL, as text into `texts` when not NULL.
 * Returns the number of rows, or -1 (with a failed check) when the file or column is missing. */
static int read_column(const char *file, const char *name, double *nums, char (*texts)[TEXT_LEN]) {
    static char line[MAX_LINE];
    char path[256], *fields[MAX_FIELDS], *start;
    int col = -1, rows = 0, n, i;
    FILE *f;
    snprintf(path, sizeof path, "tests/data/phe/%s", file);
    f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "cannot open %s (run from the repository root)\n", path);
        CHECK(f != NULL);
        return -1;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        start = line;
        if (col < 0 && (unsigned char)line[0] == 0xEF) start += 3; /* UTF-8 byte-order mark */
        n = split_csv(start, fields, MAX_FIELDS);
        if (col < 0) {
            for (i = 0; i < n; i++)
                if (strcmp(fields[i], name) == 0) col = i;
            if (col < 0) break;
            continue;
        }
        if (rows >= MAX_ROWS || col >= n) break;
        if (nums != NULL)
            nums[rows] = (fields[col][0] == '\0' || strcmp(fields[col], "NA") == 0)
                             ? NAN
                             : strtod(fields[col], NULL);
        if (texts != NULL) {
            strncpy(texts[rows], fields[col], TEXT_LEN - 1);
            texts[rows][TEXT_LEN - 1] = '\0';
        }
        rows++;
    }
    fclose(f);
    if (col < 0) fprintf(stderr, "%s: no column %s\n", path, name);
    CHECK(col >= 0);
    return col < 0 ? -1 : rows;
}

/* A value against a fixture cell as printed (Excel keeps 6 to 10 significant figures): within
 * 1e-9 relative or half a unit of its last printed decimal, whichever is wider. */
static int cell_close(double got, const char *cell) {
    double want = strtod(cell, NULL), tol;
    const char *dot = strchr(cell, '.');
    int decimals = dot != NULL ? (int)strlen(dot + 1) : 0;
    tol = 0.5 * pow(10.0, -decimals) * (1 + 1e-9);
    if (1e-9 * fabs(want) > tol) tol = 1e-9 * fabs(want);
    return fabs(got - want) <= tol;
}

#define CHECK_CELL(got, cell)                                                                \
    do {                                                                                     \
        double got_ = (got);                                                                 \
        if (cell_close(got_, (cell))) {                                                      \
            checks_passed++;                                                                 \
        } else {                                                                             \
            checks_failed++;                                                                 \
            fprintf(stderr, "%s:%d: %s = %.17g, fixture cell %s\n", __FILE__, __LINE__, #got, \
                    got_, (cell));                                                           \
        }                                                                                    \
    } while (0)

/* Every code's label equals the fixture's label of its row. */
static int labels_match(const uint32_t *got, char (*labels)[TEXT_LEN], int rows) {
    int i;
    for (i = 0; i < rows; i++) {
        if (strcmp(carestat_significance_label(got[i]), labels[i]) != 0) {
            fprintf(stderr, "row %d: %s, fixture %s\n", i, carestat_significance_label(got[i]),
                    labels[i]);
            return 0;
        }
    }
    return 1;
}

static double col_a[MAX_ROWS], col_b[MAX_ROWS], col_c[MAX_ROWS];
static char text_a[MAX_ROWS][TEXT_LEN], text_b[MAX_ROWS][TEXT_LEN];
static uint32_t codes[MAX_ROWS];

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

/* Non-independent events: testdata_nonindepe.csv holds, per area and band, the people with 1,
 * 2, 3 and 4 events (columns f1..f4; areas big, dummy, small, tiny, 19 bands each). Expected:
 * testresults_DSR.csv data rows 8 (big), 10 (small) and 11 (tiny), per 100000, kept there to 8
 * decimals (within 1e-9 relative at these magnitudes). */
static void test_dsr_non_independent(void) {
    static const char *const columns[4] = {"f1", "f2", "f3", "f4"};
    static const double frequencies[4] = {1, 2, 3, 4};
    double table[4][4 * BANDS], band_pops[4 * BANDS], persons[4 * BANDS];
    carestat_estimate e = {SENTINEL, SENTINEL, SENTINEL, 99};
    int j, b, area;
    for (j = 0; j < 4; j++)
        CHECK(read_column("testdata_DSR_ISR__testdata_nonindepe.csv", columns[j], table[j], NULL) ==
              4 * BANDS);
    CHECK(read_column("testdata_DSR_ISR__testdata_nonindepe.csv", "pop", band_pops, NULL) ==
          4 * BANDS);
    for (area = 0; area < 4; area++) {
        if (area == 1) continue; /* dummy: empty trailing cells, covered by the Rust and Python tests */
        for (b = 0; b < BANDS; b++)
            for (j = 0; j < 4; j++) persons[b * 4 + j] = table[j][area * BANDS + b];
        if (area == 0) {
            CHECK_STATUS(carestat_dsr_non_independent(persons, frequencies, 4, band_pops, NULL, BANDS,
                                                      1e5, 0.95, &e),
                         CARESTAT_OK, "");
            CHECK_NEAR(e.value, 10430.24799147, REL);
            CHECK_NEAR(e.lower, 9532.94977862, REL);
            CHECK_NEAR(e.upper, 11373.07483298, REL);
            CHECK(e.method == CARESTAT_METHOD_DOBSON_NON_INDEPENDENT);
        } else if (area == 2) {
            CHECK_STATUS(carestat_dsr_non_independent(persons, frequencies, 4, band_pops + 2 * BANDS,
                                                      esp2013, BANDS, 1e5, 0.998, &e),
                         CARESTAT_OK, "");
            CHECK_NEAR(e.value, 1082.95419841, REL);
            CHECK_NEAR(e.lower, 684.16751792, REL);
            CHECK_NEAR(e.upper, 1585.49645593, REL);
        } else {
            CHECK_STATUS(carestat_dsr_non_independent(persons, frequencies, 4, band_pops + 3 * BANDS,
                                                      NULL, BANDS, 1e5, 0.95, &e),
                         CARESTAT_OK, "");
            CHECK(isnan(e.value) && e.method == CARESTAT_METHOD_SUPPRESSED);
        }
    }
    /* Errors name the array and the flat index b * n_frequencies + j. */
    e.value = SENTINEL;
    persons[2 * 4 + 1] = -3;
    CHECK_STATUS(carestat_dsr_non_independent(persons, frequencies, 4, band_pops, NULL, BANDS, 1e5,
                                              0.95, &e),
                 CARESTAT_STATUS_NEGATIVE, "persons at row 9: must not be negative (got -3)");
    CHECK_STATUS(carestat_dsr_non_independent(persons, frequencies, 0, band_pops, NULL, BANDS, 1e5,
                                              0.95, &e),
                 CARESTAT_STATUS_TOO_FEW, NULL);
    CHECK_STATUS(carestat_dsr_non_independent(NULL, frequencies, 4, band_pops, NULL, BANDS, 1e5,
                                              0.95, &e),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_dsr_non_independent(persons, frequencies, 4, band_pops, NULL, BANDS, 1e5,
                                              0.95, NULL),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_dsr_non_independent(persons, frequencies, 4, band_pops, NULL, SIZE_MAX, 1e5,
                                              0.95, &e),
                 CARESTAT_STATUS_BUFFER_TOO_LARGE, NULL);
    CHECK(e.value == SENTINEL);
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

static void test_proportion_funnels_against_fixture(void) {
    carestat_funnel_point points[CARESTAT_FUNNEL_POINTS];
    int rows = read_column("testdata_funnel_prop_inputs.csv", "numerator", col_a, NULL);
    CHECK(rows == 303);
    CHECK(read_column("testdata_funnel_prop_inputs.csv", "denominator", col_b, NULL) == rows);
    CHECK(read_column("testdata_funnel_prop_inputs.csv", "significance", NULL, text_a) == rows);
    if (rows != 303) return;
    CHECK_STATUS(carestat_proportion_funnel_limits(col_a, col_b, (size_t)rows, 100.0, points,
                                                   CARESTAT_FUNNEL_POINTS),
                 CARESTAT_OK, "");
    /* testdata_funnel_prop_outputs.csv rows 50 and 100. */
    CHECK_CELL(points[49].x, "598");
    CHECK_CELL(points[49].lower_2s_limit, "77.475765");
    CHECK_CELL(points[49].upper_2s_limit, "83.809131");
    CHECK_CELL(points[49].lower_3s_limit, "75.649608");
    CHECK_CELL(points[49].upper_3s_limit, "85.635287");
    CHECK_CELL(points[99].x, "110000");
    CHECK_CELL(points[99].lower_3s_limit, "80.274317");
    CHECK_CELL(points[99].upper_3s_limit, "81.010578");
    CHECK_CELL(points[99].baseline, "80.642448");
    /* Every area's significance column. */
    CHECK_STATUS(carestat_proportion_funnel_significance(col_a, col_b, (size_t)rows, codes),
                 CARESTAT_OK, "");
    CHECK(labels_match(codes, text_a, rows));
}

static void test_ratio_funnels_against_fixture(void) {
    carestat_funnel_point points[CARESTAT_FUNNEL_POINTS];
    carestat_funnel_denominators expected[CARESTAT_FUNNEL_POINTS];
    int rows = read_column("testdata_funnel_ratio_inputs.csv", "obs", col_a, NULL);
    CHECK(rows == 300);
    CHECK(read_column("testdata_funnel_ratio_inputs.csv", "expected", col_b, NULL) == rows);
    CHECK(read_column("testdata_funnel_ratio_inputs.csv", "significance", NULL, text_a) == rows);
    if (rows != 300) return;
    CHECK_STATUS(carestat_ratio_funnel_limits(col_a, col_b, (size_t)rows, CARESTAT_RATIO_ISR,
                                              points, CARESTAT_FUNNEL_POINTS, expected,
                                              CARESTAT_FUNNEL_POINTS),
                 CARESTAT_OK, "");
    /* testdata_funnel_ratio_outputs.csv row 1 (1 observed event), *_isr and *_exp_events. */
    CHECK_CELL(points[0].x, "1");
    CHECK_CELL(points[0].lower_2s_limit, "17.94802207");
    CHECK_CELL(points[0].upper_2s_limit, "3949.774946");
    CHECK_CELL(points[0].lower_3s_limit, "10.83023482");
    CHECK_CELL(points[0].upper_3s_limit, "99945.32721");
    CHECK(isnan(points[0].baseline));
    CHECK_CELL(expected[0].lower_2s, "5.571644585");
    CHECK_CELL(expected[0].upper_2s, "0.025317898");
    CHECK_CELL(expected[0].lower_3s, "9.233410143");
    CHECK_CELL(expected[0].upper_3s, "0.001000547");
    /* Row 100 (716 observed events). */
    CHECK_CELL(points[99].x, "716");
    CHECK_CELL(points[99].lower_2s_limit, "92.93605352");
    CHECK_CELL(points[99].upper_3s_limit, "112.5516964");
    CHECK_CELL(expected[99].lower_3s, "802.60414");
    /* Row 50 (73 observed events) as counts (observed / expected - 1), no denominators. */
    CHECK_STATUS(carestat_ratio_funnel_limits(col_a, col_b, (size_t)rows, CARESTAT_RATIO_COUNT,
                                              points, CARESTAT_FUNNEL_POINTS, NULL, 0),
                 CARESTAT_OK, "");
    CHECK_CELL(points[49].x, "73");
    CHECK_CELL(points[49].lower_2s_limit, "-0.204676523");
    CHECK_CELL(points[49].upper_2s_limit, "0.275769737");
    CHECK_CELL(points[49].lower_3s_limit, "-0.294368069");
    CHECK_CELL(points[49].upper_3s_limit, "0.47727195");
    CHECK_STATUS(carestat_ratio_funnel_significance(col_a, col_b, (size_t)rows, codes),
                 CARESTAT_OK, "");
    CHECK(labels_match(codes, text_a, rows));
}

static void test_rate_funnels_against_fixture(void) {
    carestat_funnel_point points[CARESTAT_FUNNEL_POINTS];
    carestat_funnel_denominators pops[CARESTAT_FUNNEL_POINTS];
    int rows = read_column("testdata_funnel_rate_input_funnels.csv", "ev", col_a, NULL);
    CHECK(rows == 50);
    CHECK(read_column("testdata_funnel_rate_input_funnels.csv", "rate", col_b, NULL) == rows);
    if (rows != 50) return;
    /* testdata_funnel_rate_outputs.csv: DSRs per 100,000 over 3 years; rows 1, 50, 100. */
    CHECK_STATUS(carestat_rate_funnel_limits(col_a, col_b, NULL, (size_t)rows, CARESTAT_RATE_DSR,
                                             100000.0, 3.0, points, CARESTAT_FUNNEL_POINTS, pops,
                                             CARESTAT_FUNNEL_POINTS),
                 CARESTAT_OK, "");
    CHECK_CELL(points[0].x, "1");
    CHECK_CELL(pops[0].lower_2s, "1598.675694");
    CHECK_CELL(points[0].lower_2s_limit, "20.85059119");
    CHECK_CELL(pops[0].upper_3s, "0.287087625");
    CHECK_CELL(points[0].upper_3s_limit, "116108.569");
    CHECK_CELL(points[49].x, "94");
    CHECK_CELL(pops[49].upper_2s, "21795.70245");
    CHECK_CELL(points[49].upper_2s_limit, "143.7592268");
    CHECK_CELL(pops[49].lower_3s, "36723.73682");
    CHECK_CELL(points[49].lower_3s_limit, "85.32174568");
    CHECK_CELL(points[99].x, "1360");
    CHECK_CELL(pops[99].lower_2s, "411529.9259");
    CHECK_CELL(points[99].lower_2s_limit, "110.158048");
    CHECK_CELL(points[99].upper_3s_limit, "126.5084525");
    CHECK_CELL(points[99].baseline, "116.1720835");

    /* testdata_funnel_rate_dsr_inputs.csv: every row of two significance columns. */
    rows = read_column("testdata_funnel_rate_dsr_inputs.csv", "count", col_a, NULL);
    CHECK(rows == 40);
    CHECK(read_column("testdata_funnel_rate_dsr_inputs.csv", "rate_dsr", col_b, NULL) == rows);
    CHECK(read_column("testdata_funnel_rate_dsr_inputs.csv", "pop", col_c, NULL) == rows);
    CHECK(read_column("testdata_funnel_rate_dsr_inputs.csv", "dsr_per_100000_with_0", NULL,
                      text_a) == rows);
    CHECK(read_column("testdata_funnel_rate_dsr_inputs.csv", "crude_per_100_with_0", NULL,
                      text_b) == rows);
    if (rows != 40) return;
    CHECK_STATUS(carestat_rate_funnel_significance(col_a, col_b, col_c, (size_t)rows,
                                                   CARESTAT_RATE_DSR, 100000.0, codes),
                 CARESTAT_OK, "");
    CHECK(labels_match(codes, text_a, rows));
    CHECK(read_column("testdata_funnel_rate_dsr_inputs.csv", "rate_crude_per_100", col_b, NULL) ==
          rows);
    CHECK_STATUS(carestat_rate_funnel_significance(col_a, col_b, col_c, (size_t)rows,
                                                   CARESTAT_RATE_CRUDE, 100.0, codes),
                 CARESTAT_OK, "");
    CHECK(labels_match(codes, text_b, rows));
}

static void test_funnel_errors(void) {
    static const double obs[3] = {8, 151, 159};
    static const double exp_bad[3] = {6.2, 0.0, 232.9};
    static const double ev[2] = {0, 20};
    static const double rate[2] = {0, 10};
    carestat_funnel_point points[CARESTAT_FUNNEL_POINTS];
    carestat_funnel_denominators dens[CARESTAT_FUNNEL_POINTS];
    uint32_t out[3] = {99, 99, 99};
    points[0].x = SENTINEL;
    /* NULL, bad lengths, unknown type codes. */
    CHECK_STATUS(carestat_ratio_funnel_limits(obs, exp_bad, 3, CARESTAT_RATIO_ISR, NULL,
                                              CARESTAT_FUNNEL_POINTS, NULL, 0),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_ratio_funnel_limits(NULL, exp_bad, 3, CARESTAT_RATIO_ISR, points,
                                              CARESTAT_FUNNEL_POINTS, NULL, 0),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_ratio_funnel_limits(obs, exp_bad, 3, CARESTAT_RATIO_ISR, points, 50, NULL,
                                              0),
                 CARESTAT_STATUS_LENGTH_MISMATCH, NULL);
    CHECK_STATUS(carestat_ratio_funnel_limits(obs, exp_bad, 3, CARESTAT_RATIO_ISR, points,
                                              CARESTAT_FUNNEL_POINTS, dens, 3),
                 CARESTAT_STATUS_LENGTH_MISMATCH, NULL);
    CHECK_STATUS(carestat_ratio_funnel_limits(obs, exp_bad, 3, 7, points, CARESTAT_FUNNEL_POINTS,
                                              NULL, 0),
                 CARESTAT_STATUS_OUT_OF_RANGE, NULL);
    CHECK_STATUS(carestat_rate_funnel_limits(ev, rate, NULL, 2, 0, 1e5, 1.0, points,
                                             CARESTAT_FUNNEL_POINTS, NULL, 0),
                 CARESTAT_STATUS_OUT_OF_RANGE, NULL);
    /* Values: an expected count of 0 (row 1), no areas, a crude rate with no events and no
     * population (row 0), no years, overlapping outputs. */
    CHECK_STATUS(carestat_ratio_funnel_limits(obs, exp_bad, 3, CARESTAT_RATIO_ISR, points,
                                              CARESTAT_FUNNEL_POINTS, NULL, 0),
                 CARESTAT_STATUS_NOT_POSITIVE, "expected at row 1: must be greater than zero (got 0)");
    CHECK_STATUS(carestat_ratio_funnel_limits(NULL, NULL, 0, CARESTAT_RATIO_COUNT, points,
                                              CARESTAT_FUNNEL_POINTS, NULL, 0),
                 CARESTAT_STATUS_TOO_FEW, NULL);
    CHECK_STATUS(carestat_rate_funnel_limits(ev, rate, NULL, 2, CARESTAT_RATE_CRUDE, 1e5, 3.0,
                                             points, CARESTAT_FUNNEL_POINTS, NULL, 0),
                 CARESTAT_STATUS_INVALID, NULL);
    CHECK(strncmp(carestat_last_error_message(), "denominators at row 0: needed for crude rates",
                  45) == 0);
    CHECK_STATUS(carestat_rate_funnel_limits(ev, rate, NULL, 2, CARESTAT_RATE_DSR, 1e5, 0.0, points,
                                             CARESTAT_FUNNEL_POINTS, NULL, 0),
                 CARESTAT_STATUS_NOT_POSITIVE, "years_of_data: must be greater than zero (got 0)");
    CHECK_STATUS(carestat_rate_funnel_limits(ev, rate, NULL, 2, CARESTAT_RATE_DSR, 1e5, 1.0, points,
                                             CARESTAT_FUNNEL_POINTS,
                                             (carestat_funnel_denominators *)(void *)points,
                                             CARESTAT_FUNNEL_POINTS),
                 CARESTAT_STATUS_OVERLAPPING_BUFFERS, NULL);
    CHECK(points[0].x == SENTINEL);
    /* Significance: NULL output with rows, the reference's own error cases. */
    CHECK_STATUS(carestat_ratio_funnel_significance(obs, obs, 3, NULL), CARESTAT_STATUS_NULL_POINTER,
                 NULL);
    CHECK_STATUS(carestat_ratio_funnel_significance(obs, exp_bad, 3, out),
                 CARESTAT_STATUS_NOT_POSITIVE, "expected at row 1: must be greater than zero (got 0)");
    {
        static const double num[3] = {65, 80, 30};
        static const double den[3] = {100, 100, 20};
        CHECK_STATUS(carestat_proportion_funnel_significance(num, den, 3, out),
                     CARESTAT_STATUS_NUMERATOR_ABOVE_DENOMINATOR,
                     "numerators at row 2: numerator 30 is greater than denominator 20");
    }
    CHECK_STATUS(carestat_rate_funnel_significance(ev, rate, NULL, 2, CARESTAT_RATE_CRUDE, 1e5, out),
                 CARESTAT_STATUS_INVALID, NULL);
    CHECK(out[0] == 99 && out[1] == 99);
    /* DSRs need no population; fewer than 10 events: not applicable. */
    CHECK_STATUS(carestat_rate_funnel_significance(ev, rate, NULL, 2, CARESTAT_RATE_DSR, 1e5, out),
                 CARESTAT_OK, "");
    CHECK(out[0] == CARESTAT_SIGNIFICANCE_NOT_APPLICABLE);
    CHECK(strcmp(carestat_significance_label(99), "unknown significance") == 0);
}

/* testdata_funnel_rate_input_funnels.csv: the chart points of the three cases the Rust test
 * (crates/carestat/tests/phe_funnel.rs) checks, every row against the printed cells. */
static void test_rate_funnel_points(void) {
    static const char *const file = "testdata_funnel_rate_input_funnels.csv";
    static const struct {
        double max_replaced_by; /* the area with the most events gets this many (NaN: kept) */
        int with_populations;
        uint32_t rate_type;
        double years;
        const char *rate_col, *pop_col;
    } cases[3] = {
        {5.0, 0, CARESTAT_RATE_DSR, 3.0, "rate_chart", "denominator_derived"},
        {NAN, 0, CARESTAT_RATE_CRUDE, 3.0, "rate_chart_crude", "denominator_derived_crude"},
        {0.0, 1, CARESTAT_RATE_CRUDE, 5.0, "rate_chart_crude_with_denom",
         "denominator_derived_crude_with_denom"},
    };
    static double ev[MAX_ROWS], rate_chart[MAX_ROWS], derived[MAX_ROWS];
    int rows = read_column(file, "ev", col_a, NULL), k, i, same, unplotted = 0;
    double max = 0;
    CHECK(rows == 50);
    CHECK(read_column(file, "rate", col_b, NULL) == rows);
    CHECK(read_column(file, "pop", col_c, NULL) == rows);
    if (rows != 50) return;
    for (i = 0; i < rows; i++)
        if (col_a[i] > max) max = col_a[i];
    for (k = 0; k < 3; k++) {
        for (i = 0; i < rows; i++)
            ev[i] = (!isnan(cases[k].max_replaced_by) && col_a[i] == max) ? cases[k].max_replaced_by
                                                                          : col_a[i];
        CHECK(read_column(file, cases[k].rate_col, NULL, text_a) == rows);
        CHECK(read_column(file, cases[k].pop_col, NULL, text_b) == rows);
        CHECK_STATUS(carestat_rate_funnel_points(ev, col_b, cases[k].with_populations ? col_c : NULL,
                                                 (size_t)rows, cases[k].rate_type, 100000.0,
                                                 cases[k].years, rate_chart, derived),
                     CARESTAT_OK, "");
        same = 1;
        for (i = 0; i < rows; i++) {
            int missing = strcmp(text_a[i], "NA") == 0;
            unplotted += missing;
            if (missing ? !(isnan(rate_chart[i]) && isnan(derived[i]) &&
                            strcmp(text_b[i], "NA") == 0)
                        : !(cell_close(rate_chart[i], text_a[i]) &&
                            cell_close(derived[i], text_b[i]))) {
                fprintf(stderr, "%s row %d: %.17g, %.17g; fixture %s, %s\n", cases[k].rate_col, i,
                        rate_chart[i], derived[i], text_a[i], text_b[i]);
                same = 0;
            }
        }
        CHECK(same);
    }
    /* Only the DSR case has an unplotted area (5 events: the fixture's NA row). */
    CHECK(unplotted == 1);
}

static void test_rate_funnel_points_errors(void) {
    static const double ev[2] = {0, 20};
    static const double rate[2] = {0, 10};
    static const double pop[2] = {300, 2000};
    double r[2] = {SENTINEL, SENTINEL}, d[2] = {SENTINEL, SENTINEL};
    double both[4];
    /* By hand: crude, area 0 has no events so its population 300 / 3 years = 100 per year;
     * area 1: 1e5 * 20 / 10 / 3 = 66666.67 per year. */
    CHECK_STATUS(carestat_rate_funnel_points(ev, rate, pop, 2, CARESTAT_RATE_CRUDE, 1e5, 3.0, r, d),
                 CARESTAT_OK, "");
    CHECK_NEAR(d[0], 100.0, REL);
    CHECK_NEAR(d[1], 2e6 / 30.0, REL);
    CHECK(r[0] == 0.0 && r[1] == 10.0);
    r[0] = d[0] = SENTINEL;
    CHECK_STATUS(carestat_rate_funnel_points(NULL, rate, NULL, 2, CARESTAT_RATE_DSR, 1e5, 3.0, r, d),
                 CARESTAT_STATUS_NULL_POINTER,
                 "numerators: must not be NULL when the length is 2 (NULL is only allowed with "
                 "length 0)");
    CHECK_STATUS(carestat_rate_funnel_points(ev, rate, NULL, 2, CARESTAT_RATE_DSR, 1e5, 3.0, NULL, d),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_rate_funnel_points(ev, rate, NULL, 2, CARESTAT_RATE_DSR, 1e5, 3.0, r, NULL),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_rate_funnel_points(ev, rate, NULL, 2, 0, 1e5, 3.0, r, d),
                 CARESTAT_STATUS_OUT_OF_RANGE,
                 "rate_type: 0 is out of range; expected CARESTAT_RATE_DSR (1) or CARESTAT_RATE_CRUDE "
                 "(2)");
    /* A crude rate with no events needs the population of row 0. */
    CHECK_STATUS(carestat_rate_funnel_points(ev, rate, NULL, 2, CARESTAT_RATE_CRUDE, 1e5, 3.0, r, d),
                 CARESTAT_STATUS_INVALID, NULL);
    CHECK(strncmp(carestat_last_error_message(), "denominators at row 0: needed for crude rates",
                  45) == 0);
    CHECK_STATUS(carestat_rate_funnel_points(ev, rate, pop, 2, CARESTAT_RATE_CRUDE, 1e5, 0.0, r, d),
                 CARESTAT_STATUS_NOT_POSITIVE, "years_of_data: must be greater than zero (got 0)");
    /* Outputs overlapping each other or an input. */
    CHECK_STATUS(carestat_rate_funnel_points(ev, rate, pop, 2, CARESTAT_RATE_CRUDE, 1e5, 3.0, both,
                                             both + 1),
                 CARESTAT_STATUS_OVERLAPPING_BUFFERS,
                 "denominator_derived: buffer overlaps rate_chart");
    CHECK_STATUS(carestat_rate_funnel_points(ev, rate, pop, 2, CARESTAT_RATE_CRUDE, 1e5, 3.0, r,
                                             (double *)(void *)pop),
                 CARESTAT_STATUS_OVERLAPPING_BUFFERS, "denominator_derived: buffer overlaps populations");
    CHECK(r[0] == SENTINEL && d[0] == SENTINEL);
    /* No areas (as the other rate funnel functions). */
    CHECK_STATUS(carestat_rate_funnel_points(NULL, NULL, NULL, 0, CARESTAT_RATE_DSR, 1e5, 1.0, NULL,
                                             NULL),
                 CARESTAT_STATUS_TOO_FEW, "numerators: needs at least 1 values (got 0)");
}

/* ---- SII --------------------------------------------------------------------------------- */

/* testdata_SII__testdata_SII.csv, the columns the cases use (one row per quantile; the results
 * are on the first row of each area). */
#define SII_FILE "testdata_SII__testdata_SII.csv"
static struct {
    int rows;
    char description[MAX_ROWS][TEXT_LEN], area[MAX_ROWS][TEXT_LEN];
    double population[MAX_ROWS], value[MAX_ROWS], value_type[MAX_ROWS], lower[MAX_ROWS],
        upper[MAX_ROWS], se[MAX_ROWS], sii[MAX_ROWS], rii[MAX_ROWS], intercept[MAX_ROWS];
    double limits[2][4][MAX_ROWS]; /* [level][sii_lower, sii_upper, rii_lower, rii_upper] */
} sii_data;

static void read_sii_fixture(void) {
    static const char *const limit_cols[2][4] = {
        {"sii_lowercl_1", "sii_uppercl_1", "rii_lowercl_1", "rii_uppercl_1"},
        {"sii_lowercl_2", "sii_uppercl_2", "rii_lowercl_2", "rii_uppercl_2"}};
    int n = read_column(SII_FILE, "TestDescription", NULL, sii_data.description), j, k;
    CHECK(n == 505);
    CHECK(read_column(SII_FILE, "Area", NULL, sii_data.area) == n);
    CHECK(read_column(SII_FILE, "Population", sii_data.population, NULL) == n);
    CHECK(read_column(SII_FILE, "Value", sii_data.value, NULL) == n);
    CHECK(read_column(SII_FILE, "ValueType", sii_data.value_type, NULL) == n);
    CHECK(read_column(SII_FILE, "LowerCL", sii_data.lower, NULL) == n);
    CHECK(read_column(SII_FILE, "UpperCL", sii_data.upper, NULL) == n);
    CHECK(read_column(SII_FILE, "StandardError", sii_data.se, NULL) == n);
    CHECK(read_column(SII_FILE, "sii", sii_data.sii, NULL) == n);
    CHECK(read_column(SII_FILE, "rii", sii_data.rii, NULL) == n);
    CHECK(read_column(SII_FILE, "Intercept", sii_data.intercept, NULL) == n);
    for (j = 0; j < 2; j++)
        for (k = 0; k < 4; k++)
            CHECK(read_column(SII_FILE, limit_cols[j][k], sii_data.limits[j][k], NULL) == n);
    sii_data.rows = n;
}

/* The rows of the `nth` (0-based) area of a test description: its first row, or -1. */
static int sii_area(const char *description, int nth, size_t *len) {
    int i, start = -1, seen = -1;
    for (i = 0; i < sii_data.rows; i++) {
        if (strcmp(sii_data.description[i], description) != 0) continue;
        if (start < 0 || strcmp(sii_data.area[i], sii_data.area[start]) != 0) {
            if (seen == nth) break;
            start = i;
            seen++;
            *len = 0;
        }
        (*len)++;
    }
    return seen == nth ? start : -1;
}

/* Simulated limits: within SII_TOL of the fixture interval's width, the Rust test's tolerance
 * (crates/carestat/tests/phe_sii.rs); same seed and repetitions, so the same draws. */
#define SII_TOL 0.02
#define SII_REPETITIONS 20000
#define SII_SEED 2024

static void check_sii_limit(double got, double want, double width, const char *what, int row) {
    if (isnan(want)) return; /* not in the fixture ("without rii"; quintiles from the Excel tool) */
    if (fabs(got - want) <= SII_TOL * width) {
        checks_passed++;
    } else {
        checks_failed++;
        fprintf(stderr, "SII row %d %s: %.17g, fixture %.17g (width %g)\n", row + 2, what, got, want,
                width);
    }
}

/* The reference's cases, as in the Rust test: fixture description, transform, multiplier,
 * confidence levels, whether the standard errors (rather than the limits) are used. The point
 * values of all 44 areas are checked; the simulated limits of every `stride`-th area (1: all;
 * valgrind, some 30 times slower, runs every 15th: a normal, a proportion and a transformed
 * rate case). */
static void test_sii(int stride) {
    static const struct {
        const char *description;
        uint8_t transform;
        double multiplier;
        size_t n_levels;
        double levels[2];
        int use_se;
    } cases[22] = {
        {"default (e.g. life expectancy) - default parameters", 0, 1, 1, {0.95, 0}, 1},
        {"default - testing 99% confidence", 0, 1, 1, {0.99, 0}, 0},
        {"default - testing 10,000 repetitions", 0, 1, 1, {0.95, 0}, 1},
        {"default - testing quintiles", 0, 1, 1, {0.95, 0}, 1},
        {"rate (e.g. infant mortality) - default parameters", 0, 1, 1, {0.95, 0}, 0},
        {"proportion (e.g. child obesity) - default parameters", 0, 1, 1, {0.95, 0}, 0},
        {"proportion - testing multiplier (x 100)", 0, 100, 1, {0.95, 0}, 0},
        {"proportion - testing multiplier (x -100)", 0, -100, 1, {0.95, 0}, 0},
        {"default (e.g. life expectancy) - multiple CIs", 0, 1, 2, {0.95, 0.99}, 1},
        {"default (e.g. life expectancy) - intercept", 0, 1, 1, {0.95, 0}, 0},
        {"rate (e.g. infant mortality) - intercept", 0, 1, 1, {0.95, 0}, 0},
        {"proportion (e.g. child obesity) - intercept", 0, 1, 1, {0.95, 0}, 0},
        {"rate (e.g. infant mortality) - log transform with intercept", 1, 1, 1, {0.95, 0}, 0},
        {"proportion (e.g. child obesity) - logit transform with intercept", 1, 1, 1, {0.95, 0}, 0},
        {"proportion (e.g. child obesity) - logit transform with negative multiplier", 1, -1, 1,
         {0.95, 0}, 0},
        {"rate (e.g. infant mortality) - log transform with multiple Cis (95 and 98)", 1, 1, 2,
         {0.95, 0.98}, 0},
        {"rate (e.g. infant mortality) - log transform with negative multiplier", 1, -1, 1,
         {0.95, 0}, 0},
        {"rate (e.g. infant mortality) - log transform with 98% CI", 1, 1, 1, {0.98, 0}, 0},
        {"rate (e.g. infant mortality) - log transform without rii", 1, 1, 1, {0.95, 0}, 0},
        {"proportion (e.g. child obesity) - logit transform without rii", 1, 1, 1, {0.95, 0}, 0},
        {"proportion (e.g. child obesity) - logit transform with 98% cis", 1, 1, 1, {0.98, 0}, 0},
        {"proportion (e.g. child obesity) - logit transform with 95% and 98% cis", 1, 1, 2,
         {0.95, 0.98}, 0},
    };
    static const char *const names[4] = {"sii_lower", "sii_upper", "rii_lower", "rii_upper"};
    int c, nth, areas = 0;
    for (c = 0; c < 22; c++) {
        for (nth = 0;; nth++) {
            size_t len = 0, k;
            int r = sii_area(cases[c].description, nth, &len);
            carestat_sii_options o = carestat_sii_options_default();
            carestat_sii_result s = {SENTINEL, SENTINEL, SENTINEL}, p = s;
            carestat_sii_interval ci[2];
            size_t n_levels = areas % stride == 0 ? cases[c].n_levels : 0;
            const double *se, *lo, *hi;
            if (r < 0) {
                CHECK(nth > 0); /* every case has an area */
                break;
            }
            se = cases[c].use_se ? &sii_data.se[r] : NULL;
            lo = cases[c].use_se ? NULL : &sii_data.lower[r];
            hi = cases[c].use_se ? NULL : &sii_data.upper[r];
            o.value_type = (uint32_t)sii_data.value_type[r];
            o.multiplier = cases[c].multiplier;
            o.transform = cases[c].transform;
            o.repetitions = SII_REPETITIONS;
            o.seed = SII_SEED;
            CHECK_STATUS(carestat_sii(&sii_data.population[r], &sii_data.value[r], se, lo, hi, len,
                                      &o, cases[c].levels, n_levels, &s, ci, n_levels),
                         CARESTAT_OK, "");
            areas++;
            CHECK_NEAR(s.sii, sii_data.sii[r], REL);
            if (!isnan(sii_data.rii[r])) CHECK_NEAR(s.rii, sii_data.rii[r], REL);
            if (!isnan(sii_data.intercept[r])) CHECK_NEAR(s.intercept, sii_data.intercept[r], REL);
            /* Without levels nothing is simulated; the point values are the same. */
            if (n_levels > 0) {
                CHECK_STATUS(carestat_sii(&sii_data.population[r], &sii_data.value[r], se, lo, hi,
                                          len, &o, NULL, 0, &p, NULL, 0),
                             CARESTAT_OK, "");
                CHECK(p.sii == s.sii && p.rii == s.rii && p.intercept == s.intercept);
            }
            for (k = 0; k < n_levels; k++) {
                int j;
                CHECK(ci[k].confidence == cases[c].levels[k]);
                for (j = 0; j < 4; j++) {
                    const double *lim[4] = {&ci[k].sii_lower, &ci[k].sii_upper, &ci[k].rii_lower,
                                            &ci[k].rii_upper};
                    double width = sii_data.limits[k][j | 1][r] - sii_data.limits[k][j & 2][r];
                    check_sii_limit(*lim[j], sii_data.limits[k][j][r], width, names[j], r);
                }
            }
        }
    }
    CHECK(areas == 44);
}

static void test_sii_errors(void) {
    /* By hand: value = 70 + 10 b on equal populations (b = 0.1, 0.3, ..., 0.9), so the SII is
     * 10, the intercept 70 and the RII 80 / 70. */
    static const double pops[5] = {100, 100, 100, 100, 100};
    static const double values[5] = {71, 73, 75, 77, 79};
    static const double se[5] = {1, 1, 1, 1, 1};
    static const double lower[5] = {69, 71, 73, 75, 77};
    static const double upper[5] = {73, 75, 77, 79, 81};
    static const double levels[2] = {0.95, 0.998};
    carestat_sii_options o = carestat_sii_options_default(), bad;
    carestat_sii_result s = {SENTINEL, SENTINEL, SENTINEL};
    carestat_sii_interval ci[2];
    double buf[8];
    size_t len;
    int r;
    ci[0].sii_lower = SENTINEL;
    /* The documented defaults; NULL options are the defaults. */
    CHECK(o.value_type == CARESTAT_SII_NORMAL && o.multiplier == 1.0 && o.transform == 0 &&
          o.repetitions == 100000 && o.seed == 1);
    CHECK_STATUS(carestat_sii(pops, values, se, NULL, NULL, 5, NULL, NULL, 0, &s, NULL, 0),
                 CARESTAT_OK, "");
    CHECK_NEAR(s.sii, 10.0, 1e-12);
    CHECK_NEAR(s.intercept, 70.0, 1e-12);
    CHECK_NEAR(s.rii, 80.0 / 70.0, 1e-12);
    s.sii = s.rii = s.intercept = SENTINEL;
    o.repetitions = 2000;

    /* The reference's error rows (first area of each description), exact messages. */
    r = sii_area("error handling - negative populations", 0, &len);
    CHECK(r >= 0);
    if (r >= 0)
        CHECK_STATUS(carestat_sii(&sii_data.population[r], &sii_data.value[r], &sii_data.se[r], NULL,
                                  NULL, len, &o, levels, 1, &s, ci, 1),
                     CARESTAT_STATUS_NOT_POSITIVE,
                     "populations at row 1: must be greater than zero (got -200)");
    r = sii_area("error handling - negative counts/standard error", 0, &len);
    CHECK(r >= 0);
    if (r >= 0)
        CHECK_STATUS(carestat_sii(&sii_data.population[r], &sii_data.value[r], &sii_data.se[r], NULL,
                                  NULL, len, &o, levels, 1, &s, ci, 1),
                     CARESTAT_STATUS_NEGATIVE,
                     "standard_errors at row 2: must not be negative (got -5)");
    r = sii_area("error handling - invalid proportion in CLs", 0, &len);
    CHECK(r >= 0);
    if (r >= 0) {
        bad = o;
        bad.value_type = CARESTAT_SII_PROPORTION;
        CHECK_STATUS(carestat_sii(&sii_data.population[r], &sii_data.value[r], NULL,
                                  &sii_data.lower[r], &sii_data.upper[r], len, &bad, levels, 1, &s,
                                  ci, 1),
                     CARESTAT_STATUS_OUT_OF_RANGE,
                     "upper at row 3: 11 is out of range; expected a proportion between 0 and 1");
    }
    r = sii_area("error handling - missing value field", 0, &len);
    CHECK(r >= 0);
    if (r >= 0)
        CHECK_STATUS(carestat_sii(&sii_data.population[r], &sii_data.value[r], &sii_data.se[r], NULL,
                                  NULL, len, &o, levels, 1, &s, ci, 1),
                     CARESTAT_STATUS_INVALID, "values at row 0: must not be missing");
    r = sii_area("error handling - missing confidence limits and se", 0, &len);
    CHECK(r >= 0);
    if (r >= 0) {
        CHECK_STATUS(carestat_sii(&sii_data.population[r], &sii_data.value[r], NULL,
                                  &sii_data.lower[r], &sii_data.upper[r], len, &o, levels, 1, &s, ci,
                                  1),
                     CARESTAT_STATUS_INVALID, "lower at row 0: must not be missing");
        CHECK_STATUS(carestat_sii(&sii_data.population[r], &sii_data.value[r], &sii_data.se[r], NULL,
                                  NULL, len, &o, levels, 1, &s, ci, 1),
                     CARESTAT_STATUS_INVALID, "standard_errors at row 0: must not be missing");
    }
    r = sii_area("warning handling - missing populations, counts or values", 0, &len);
    CHECK(r >= 0);
    if (r >= 0)
        CHECK_STATUS(carestat_sii(&sii_data.population[r], &sii_data.value[r], &sii_data.se[r], NULL,
                                  NULL, len, &o, levels, 1, &s, ci, 1),
                     CARESTAT_STATUS_INVALID, "populations at row 4: must not be missing");

    /* NULL pointers and the choice of uncertainty. */
    CHECK_STATUS(carestat_sii(pops, values, se, NULL, NULL, 5, &o, levels, 1, NULL, ci, 1),
                 CARESTAT_STATUS_NULL_POINTER, "out: must not be NULL");
    CHECK_STATUS(carestat_sii(NULL, values, se, NULL, NULL, 5, &o, levels, 1, &s, ci, 1),
                 CARESTAT_STATUS_NULL_POINTER,
                 "populations: must not be NULL when the length is 5 (NULL is only allowed with "
                 "length 0)");
    CHECK_STATUS(carestat_sii(pops, values, se, NULL, NULL, 5, &o, levels, 1, &s, NULL, 1),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_sii(pops, values, se, NULL, NULL, 5, &o, NULL, 1, &s, ci, 1),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_sii(pops, values, NULL, NULL, NULL, 5, &o, levels, 1, &s, ci, 1),
                 CARESTAT_STATUS_INVALID,
                 "standard_errors: give standard_errors, or the 95% limits lower and upper (all "
                 "three are NULL)");
    CHECK_STATUS(carestat_sii(pops, values, se, lower, upper, 5, &o, levels, 1, &s, ci, 1),
                 CARESTAT_STATUS_INVALID,
                 "standard_errors: give either standard_errors or both lower and upper, not a mix "
                 "(pass NULL for the others)");
    CHECK_STATUS(carestat_sii(pops, values, NULL, lower, NULL, 5, &o, levels, 1, &s, ci, 1),
                 CARESTAT_STATUS_INVALID,
                 "upper: must not be NULL when lower is given (the 95% limits come in pairs)");

    /* Lengths: too few quantiles; intervals not one per level. */
    CHECK_STATUS(carestat_sii(pops, values, se, NULL, NULL, 3, &o, levels, 1, &s, ci, 1),
                 CARESTAT_STATUS_OUT_OF_RANGE,
                 "populations: 3 is out of range; expected between 5 and 100 quantiles");
    CHECK_STATUS(carestat_sii(pops, values, se, NULL, NULL, 5, &o, levels, 2, &s, ci, 1),
                 CARESTAT_STATUS_LENGTH_MISMATCH,
                 "intervals: length 1 does not match confidence length 2");

    /* Options: unknown value type, too few repetitions, multiplier, transform, confidence. */
    bad = o;
    bad.value_type = 3;
    CHECK_STATUS(carestat_sii(pops, values, se, NULL, NULL, 5, &bad, levels, 1, &s, ci, 1),
                 CARESTAT_STATUS_OUT_OF_RANGE,
                 "value_type: 3 is out of range; expected CARESTAT_SII_NORMAL (0), CARESTAT_SII_RATE "
                 "(1) or CARESTAT_SII_PROPORTION (2)");
    bad = o;
    bad.repetitions = 999;
    CHECK_STATUS(carestat_sii(pops, values, se, NULL, NULL, 5, &bad, levels, 1, &s, ci, 1),
                 CARESTAT_STATUS_TOO_FEW, "repetitions: needs at least 1000 values (got 999)");
    bad = o;
    bad.multiplier = 0.0;
    CHECK_STATUS(carestat_sii(pops, values, se, NULL, NULL, 5, &bad, levels, 1, &s, ci, 1),
                 CARESTAT_STATUS_INVALID,
                 "multiplier: must be a finite number other than zero (got 0)");
    bad = o;
    bad.transform = 1;
    bad.value_type = CARESTAT_SII_RATE;
    CHECK_STATUS(carestat_sii(pops, values, se, NULL, NULL, 5, &bad, levels, 1, &s, ci, 1),
                 CARESTAT_STATUS_INVALID, "transform: needs 95% confidence limits, not standard errors");
    bad.value_type = CARESTAT_SII_NORMAL;
    CHECK_STATUS(carestat_sii(pops, values, NULL, lower, upper, 5, &bad, levels, 1, &s, ci, 1),
                 CARESTAT_STATUS_INVALID,
                 "transform: needs a rate or proportion value type (there is nothing to transform)");
    {
        const double half = 0.5;
        CHECK_STATUS(carestat_sii(pops, values, se, NULL, NULL, 5, &o, &half, 1, &s, ci, 1),
                     CARESTAT_STATUS_CONFIDENCE, NULL);
    }

    /* Outputs sharing memory: the two outputs, an output and an input. */
    CHECK_STATUS(carestat_sii(pops, values, se, NULL, NULL, 5, &o, levels, 1,
                              (carestat_sii_result *)(void *)ci, ci, 1),
                 CARESTAT_STATUS_OVERLAPPING_BUFFERS, "intervals: buffer overlaps out");
    CHECK_STATUS(carestat_sii(buf, values, se, NULL, NULL, 5, &o, levels, 1,
                              (carestat_sii_result *)(void *)(buf + 4), ci, 1),
                 CARESTAT_STATUS_OVERLAPPING_BUFFERS, "out: buffer overlaps populations");

    /* Nothing was written by the failed calls. */
    CHECK(s.sii == SENTINEL && s.rii == SENTINEL && ci[0].sii_lower == SENTINEL);

    /* Two levels in one call, limits around the exact SII; the same seed, the same limits. */
    CHECK_STATUS(carestat_sii(pops, values, NULL, lower, upper, 5, &o, levels, 2, &s, ci, 2),
                 CARESTAT_OK, "");
    CHECK(ci[0].confidence == 0.95 && ci[1].confidence == 0.998);
    CHECK(ci[1].sii_lower < ci[0].sii_lower && ci[0].sii_lower < s.sii && s.sii < ci[0].sii_upper &&
          ci[0].sii_upper < ci[1].sii_upper);
    CHECK(ci[0].rii_lower < s.rii && s.rii < ci[0].rii_upper);
    {
        carestat_sii_interval again[2];
        CHECK_STATUS(carestat_sii(pops, values, NULL, lower, upper, 5, &o, levels, 2, &s, again, 2),
                     CARESTAT_OK, "");
        CHECK(memcmp(again, ci, sizeof again) == 0);
    }
}

static void test_mean(void) {
    /* testdata_Mean.csv, Area1's 8 values; testdata_Mean_results.csv row 1. */
    static const double values[8] = {33.09375, 48.38596, 64.83495, 67.98475,
                                     22.93556, 71.23587, 38.78465, 82.37927};
    carestat_estimate e = {SENTINEL, SENTINEL, SENTINEL, 99};
    CHECK_STATUS(carestat_mean(values, 8, 0.95, &e), CARESTAT_OK, "");
    CHECK_NEAR(e.value, 53.70434500000001, REL);
    CHECK_NEAR(e.lower, 36.168325241336504, REL);
    CHECK_NEAR(e.upper, 71.24036475866352, REL);
    CHECK(e.method == CARESTAT_METHOD_STUDENT_T);
    CHECK_STATUS(carestat_mean(values, 8, 99.8, &e), CARESTAT_OK, "");
    CHECK_NEAR(e.lower, 18.216705294788838, REL);
    CHECK_NEAR(e.upper, 89.19198470521118, REL);
    /* A missing value makes the mean missing. */
    {
        const double with_nan[2] = {1.0, NAN};
        CHECK_STATUS(carestat_mean(with_nan, 2, 0.95, &e), CARESTAT_OK, "");
        CHECK(isnan(e.value) && e.method == CARESTAT_METHOD_MISSING);
    }
    e.value = SENTINEL;
    CHECK_STATUS(carestat_mean(values, 8, 0.95, NULL), CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_mean(NULL, 8, 0.95, &e), CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_mean(NULL, 0, 0.95, &e), CARESTAT_STATUS_TOO_FEW,
                 "values: needs at least 1 values (got 0)");
    CHECK_STATUS(carestat_mean(values, 8, 0.5, &e), CARESTAT_STATUS_CONFIDENCE, NULL);
    {
        const double inf[2] = {1.0, INFINITY};
        CHECK_STATUS(carestat_mean(inf, 2, 0.95, &e), CARESTAT_STATUS_NOT_FINITE,
                     "values at row 1: must be finite (got inf)");
    }
    CHECK(e.value == SENTINEL);
}

static void test_assign_quantiles(void) {
    /* testdata_Quantiles.csv, rows with Test "Gooddata" or "GooddataDups" and GroupSet "None":
     * quartiles of all of them together, inverted (the reference's default), expected in
     * QuantileInGrp. */
    static double values[MAX_ROWS], expected[MAX_ROWS];
    static uint32_t got[MAX_ROWS];
    size_t n = 0;
    int i, same = 1;
    int rows = read_column("testdata_Quantiles__testdata_Quantiles.csv", "Value", col_a, NULL);
    CHECK(read_column("testdata_Quantiles__testdata_Quantiles.csv", "QuantileInGrp", col_b, NULL) ==
          rows);
    CHECK(read_column("testdata_Quantiles__testdata_Quantiles.csv", "Test", NULL, text_a) == rows);
    CHECK(read_column("testdata_Quantiles__testdata_Quantiles.csv", "GroupSet", NULL, text_b) ==
          rows);
    for (i = 0; i < rows; i++) {
        if (strncmp(text_a[i], "Good", 4) == 0 && strcmp(text_b[i], "None") == 0) {
            values[n] = col_a[i];
            expected[n] = col_b[i];
            n++;
        }
    }
    CHECK(n == 491);
    CHECK_STATUS(carestat_assign_quantiles(values, NULL, NULL, n, 4, CARESTAT_TOO_FEW_MISSING, got),
                 CARESTAT_OK, "");
    for (i = 0; i < (int)n; i++) {
        uint32_t want = isnan(expected[i]) ? 0u : (uint32_t)expected[i];
        if (got[i] != want) {
            fprintf(stderr, "quantile row %d: %u, fixture %u\n", i, got[i], want);
            same = 0;
        }
    }
    CHECK(same);
}

static void test_assign_quantiles_errors(void) {
    /* By hand: two groups (7: four values, 9: two); quartiles need four values. */
    static const double values[6] = {1, 2, 3, 4, 10, 20};
    static const size_t groups[6] = {7, 7, 7, 7, 9, 9};
    static const uint8_t up[6] = {0, 0, 0, 0, 0, 0};
    static const uint8_t mixed[6] = {0, 0, 1, 0, 0, 0};
    uint32_t out[6] = {99, 99, 99, 99, 99, 99};
    CHECK_STATUS(carestat_assign_quantiles(values, groups, up, 6, 4, CARESTAT_TOO_FEW_MISSING, out),
                 CARESTAT_OK, "");
    /* Group 7 (not inverted): rank r of 4 goes to floor(5 - ceil((5 - r) / 1)) = r. */
    CHECK(out[0] == 1 && out[1] == 2 && out[2] == 3 && out[3] == 4);
    CHECK(out[4] == 0 && out[5] == 0);
    CHECK_STATUS(carestat_assign_quantiles(values, groups, up, 6, 4, CARESTAT_TOO_FEW_ERROR, out),
                 CARESTAT_STATUS_TOO_FEW, "values of group 9: needs at least 4 values (got 2)");
    CHECK_STATUS(carestat_assign_quantiles(values, groups, mixed, 6, 2, CARESTAT_TOO_FEW_MISSING,
                                           out),
                 CARESTAT_STATUS_INVALID, NULL);
    CHECK(strncmp(carestat_last_error_message(), "invert at row 2:", 16) == 0);
    CHECK_STATUS(carestat_assign_quantiles(values, groups, up, 6, 0, CARESTAT_TOO_FEW_MISSING, out),
                 CARESTAT_STATUS_OUT_OF_RANGE, NULL);
    CHECK_STATUS(carestat_assign_quantiles(values, groups, up, 6, 4, 0, out),
                 CARESTAT_STATUS_OUT_OF_RANGE, NULL);
    CHECK_STATUS(carestat_assign_quantiles(values, groups, up, 6, 4, CARESTAT_TOO_FEW_MISSING, NULL),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_assign_quantiles(NULL, groups, up, 6, 4, CARESTAT_TOO_FEW_MISSING, out),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
}

/* Optional argument: the stride of the SII areas whose limits are simulated (default 1, all). */
int main(int argc, char **argv) {
    int sii_stride = argc > 1 ? atoi(argv[1]) : 1;
    if (sii_stride < 1) sii_stride = 1;
    test_dsr();
    test_dsr_errors();
    test_dsr_non_independent();
    test_isr();
    test_isr_errors();
    test_proportion_funnel_limits();
    test_proportion_funnel_limits_errors();
    test_proportion_funnels_against_fixture();
    test_ratio_funnels_against_fixture();
    test_rate_funnels_against_fixture();
    test_funnel_errors();
    test_rate_funnel_points();
    test_rate_funnel_points_errors();
    test_mean();
    test_assign_quantiles();
    test_assign_quantiles_errors();
    read_sii_fixture();
    test_sii(sii_stride);
    test_sii_errors();
    return check_summary("test_phe");
}
