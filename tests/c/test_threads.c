/*
 * Several threads calling every carestat function at once, in loops. Each thread checks its
 * own results and its own thread-local error message: a failure on one thread must never show
 * on another, and concurrent calls must give the same numbers as a lone call.
 *
 * Usage: test_threads [iterations]   (default 2000; the valgrind run uses fewer)
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carestat.h"

#define THREADS 8
#define ROWS 16

struct worker {
    int id;
    long iterations;
    long passed;
    long failed;
};

static pthread_barrier_t start_line;

#define T_CHECK(w, cond)                                                                   \
    do {                                                                                   \
        if (cond) {                                                                        \
            (w)->passed++;                                                                 \
        } else {                                                                           \
            if ((w)->failed++ < 5)                                                         \
                fprintf(stderr, "thread %d: %s:%d: check failed: %s\n", (w)->id, __FILE__, \
                        __LINE__, #cond);                                                  \
        }                                                                                  \
    } while (0)

/* The message this thread expects, built from its own id. */
#define MESSAGE_IS(w, ...)                                                     \
    do {                                                                       \
        char want_[256];                                                       \
        snprintf(want_, sizeof want_, __VA_ARGS__);                            \
        T_CHECK(w, strcmp(carestat_last_error_message(), want_) == 0);         \
    } while (0)

static int near(double got, double want, double rel) {
    return fabs(got - want) <= rel * fabs(want);
}

static void *work(void *arg) {
    struct worker *w = arg;
    const int id = w->id;
    double counts[ROWS], pops[ROWS], value[ROWS], lower[ROWS], upper[ROWS];
    uint32_t method[ROWS];
    long it;
    int i;

    for (i = 0; i < ROWS; i++) {
        counts[i] = (double)(i + id);     /* exact limits below 10, Byar's from 10 */
        pops[i] = 1000.0 + 100.0 * id;
    }
    pthread_barrier_wait(&start_line);

    for (it = 0; it < w->iterations; it++) {
        carestat_estimate e;
        carestat_previous_range r;
        double out = 0.0;
        uint32_t j = 0;

        /* Values checked against the PHE fixtures and hand calculations. */
        /* testdata_Rate__testdata_Rate.csv row 3 (Area3): 20 / 100 per 100 */
        T_CHECK(w, carestat_crude_rate(20.0, 100.0, 100.0, 0.95, &e) == CARESTAT_OK);
        T_CHECK(w, near(e.lower, 12.211428834875937, 1e-9) &&
                       near(e.upper, 30.889880369197066, 1e-9) &&
                       e.method == CARESTAT_METHOD_BYARS);
        /* testdata_Rate__testdata_Rate.csv row 1 (Area1): 1 / 100 per 100, 99.8% */
        T_CHECK(w, carestat_crude_rate(1.0, 100.0, 100.0, 0.998, &e) == CARESTAT_OK);
        T_CHECK(w, near(e.lower, 0.0010005003335835344, 1e-9) &&
                       near(e.upper, 9.233413476451585, 1e-9));
        /* testdata_Proportion__testdata_Prop.csv row 3 (Area3): 20 / 100 */
        T_CHECK(w, carestat_wilson_proportion(20.0, 100.0, 1.0, 0.95, &e) == CARESTAT_OK);
        T_CHECK(w, near(e.lower, 0.1333669333310325, 1e-9) &&
                       near(e.upper, 0.28882916559315885, 1e-9));
        /* (id + 10 - 10) / 10 * 100 = 10 * id */
        T_CHECK(w, carestat_percent_change(10.0, 10.0 + id, &out) == CARESTAT_OK);
        T_CHECK(w, fabs(out - 10.0 * id) <= 1e-12 * (1 + 10.0 * id));
        T_CHECK(w, carestat_point_change(5.0, 5.0 + id, &out) == CARESTAT_OK && out == id);
        /* 2720 / 1.021 = 2664.0548481880509 (Birmingham, seed 000) */
        T_CHECK(w, carestat_previous_from_percent_change(2720.0, 2.1, 1, &r) == CARESTAT_OK);
        T_CHECK(w, near(r.point, 2664.0548481880509, 1e-12));
        T_CHECK(w, carestat_judge_change(1.0, 2.0, id % 2, &j) == CARESTAT_OK);
        T_CHECK(w, j == (id % 2 ? CARESTAT_JUDGEMENT_IMPROVED : CARESTAT_JUDGEMENT_WORSENED));
        /* 202 / 278 * 100 = 72.661870503597122 (seed 000) */
        T_CHECK(w, carestat_rating_share(3, 199, 64, 1, 11, CARESTAT_DENOMINATOR_ALL_LOCATIONS,
                                         &out) == CARESTAT_OK);
        T_CHECK(w, near(out, 72.661870503597122, 1e-12));

        /* Batch calls: each row checked against the scalar call on this thread. */
        T_CHECK(w, carestat_crude_rate_many_with_method(counts, pops, ROWS, 100000.0, 0.95,
                                                        value, lower, upper,
                                                        method) == CARESTAT_OK);
        for (i = 0; i < ROWS; i += 5) {
            T_CHECK(w, carestat_crude_rate(counts[i], pops[i], 100000.0, 0.95, &e) ==
                           CARESTAT_OK);
            T_CHECK(w, e.value == value[i] && e.lower == lower[i] && e.upper == upper[i] &&
                           e.method == method[i]);
        }
        T_CHECK(w, carestat_wilson_proportion_many(counts, pops, ROWS, 100.0, 0.95, value, lower,
                                                   upper) == CARESTAT_OK);
        T_CHECK(w, carestat_wilson_proportion(counts[3], pops[3], 100.0, 0.95, &e) ==
                       CARESTAT_OK);
        T_CHECK(w, e.value == value[3] && e.lower == lower[3] && e.upper == upper[3]);
        T_CHECK(w, carestat_percent_change_many(pops, counts + 1, ROWS - 1, value) ==
                       CARESTAT_OK);

        /* Failures with this thread's own values: the message is this thread's. */
        T_CHECK(w, carestat_crude_rate(-(double)(id + 1), 100.0, 100.0, 0.95, &e) ==
                       CARESTAT_STATUS_NEGATIVE);
        MESSAGE_IS(w, "count: must not be negative (got -%d)", id + 1);
        counts[id] = -1.0;
        T_CHECK(w, carestat_crude_rate_many(counts, pops, ROWS, 100.0, 0.95, value, lower,
                                            upper) == CARESTAT_STATUS_NEGATIVE);
        MESSAGE_IS(w, "count at row %d: must not be negative (got -1)", id);
        counts[id] = (double)(id + id); /* restore */
        T_CHECK(w, carestat_wilson_proportion(id + 2.0, id + 1.0, 1.0, 0.95, &e) ==
                       CARESTAT_STATUS_NUMERATOR_ABOVE_DENOMINATOR);
        MESSAGE_IS(w, "numerator: numerator %d is greater than denominator %d", id + 2, id + 1);
        T_CHECK(w, carestat_judge_change(1.0, 2.0, 100 + id, &j) == CARESTAT_STATUS_OUT_OF_RANGE);
        T_CHECK(w, strncmp(carestat_last_error_message(), "polarity: ", 10) == 0);
        T_CHECK(w, carestat_percent_change(1.0, 2.0, NULL) == CARESTAT_STATUS_NULL_POINTER);
        MESSAGE_IS(w, "out: must not be NULL");
        T_CHECK(w, carestat_rating_share(id + 0.5, 0, 0, 0, 0, 0, &out) == CARESTAT_STATUS_INVALID);
        MESSAGE_IS(w, "outstanding: must be a whole number of locations (got %d.5)", id);
        T_CHECK(w, carestat_point_change(INFINITY, 1.0, &out) == CARESTAT_STATUS_NOT_FINITE);
        T_CHECK(w, carestat_previous_from_percent_change(1.0, 1.0, 16 + id, &r) ==
                       CARESTAT_STATUS_OUT_OF_RANGE);
        MESSAGE_IS(w, "decimals: %d is out of range; expected 0 to 15", 16 + id);
        /* The infallible functions, concurrently, leave the message alone. */
        T_CHECK(w, strcmp(carestat_status_message(CARESTAT_STATUS_NEGATIVE),
                          "a value that cannot be negative was negative") == 0);
        T_CHECK(w, strcmp(carestat_method_name(CARESTAT_METHOD_WILSON), "Wilson") == 0);
        T_CHECK(w, strcmp(carestat_judgement_label(CARESTAT_JUDGEMENT_IMPROVED), "improved") == 0);
        T_CHECK(w, strcmp(carestat_version(), CARESTAT_VERSION) == 0);
        T_CHECK(w, carestat_version_number() == CARESTAT_VERSION_NUMBER);
        MESSAGE_IS(w, "decimals: %d is out of range; expected 0 to 15", 16 + id);
        /* A success clears it. */
        T_CHECK(w, carestat_percent_change(1.0, 2.0, &out) == CARESTAT_OK);
        T_CHECK(w, carestat_last_error_message()[0] == '\0');
    }
    return NULL;
}

int main(int argc, char **argv) {
    pthread_t threads[THREADS];
    struct worker workers[THREADS];
    long iterations = argc > 1 ? strtol(argv[1], NULL, 10) : 2000;
    long passed = 0, failed = 0;
    int i;

    if (iterations <= 0) {
        fprintf(stderr, "usage: %s [iterations > 0]\n", argv[0]);
        return 2;
    }
    if (pthread_barrier_init(&start_line, NULL, THREADS) != 0) {
        perror("pthread_barrier_init");
        return 2;
    }
    for (i = 0; i < THREADS; i++) {
        workers[i].id = i;
        workers[i].iterations = iterations;
        workers[i].passed = workers[i].failed = 0;
        if (pthread_create(&threads[i], NULL, work, &workers[i]) != 0) {
            perror("pthread_create");
            return 2;
        }
    }
    for (i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        passed += workers[i].passed;
        failed += workers[i].failed;
    }
    pthread_barrier_destroy(&start_line);
    printf("test_threads: %ld passed, %ld failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
