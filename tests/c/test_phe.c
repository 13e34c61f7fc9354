/*
 * PHEindicatormethods parity through the C ABI: carestat_dsr, carestat_isr_ratio,
 * carestat_isr_rate, carestat_mean, the funnel limits and significance for proportions, ratios
 * and rates, carestat_assign_quantiles.
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
#define TEXT_LEN 64

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

int main(void) {
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
    test_mean();
    test_assign_quantiles();
    test_assign_quantiles_errors();
    return check_summary("test_phe");
}
