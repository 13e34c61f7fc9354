/* The C ABI's batch functions on 5,000,000 rows, with memcpy of one column as the memory
 * reference: `make bench-c`. The same kernels as the Rust core (the _many functions check
 * their pointers, then call the core on the caller's buffers), so the same speed.
 * Output buffers are allocated once and reused; the figure is the best of several runs. */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "carestat.h"

#define ROWS 5000000
#define RUNS 7

static uint64_t state = 0x9e3779b97f4a7c15u;

/* xorshift64*: a whole number in [lo, hi). */
static double whole(double lo, double hi) {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    double u = (double)((state * 0x2545f4914f6cdd1du) >> 11) / 9007199254740992.0;
    double x = lo + u * (hi - lo);
    return (double)(int64_t)x;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double *column(void) {
    double *p = malloc(ROWS * sizeof(double));
    if (p == NULL) {
        fputs("out of memory\n", stderr);
        exit(1);
    }
    return p;
}

static void check(carestat_status status) {
    if (status != CARESTAT_OK) {
        fprintf(stderr, "carestat failed: %s\n", carestat_last_error_message());
        exit(1);
    }
}

static void report(const char *name, double best) {
    printf("%-44s %8.1f M rows/s\n", name, ROWS / best / 1e6);
}

int main(void) {
    double *population = column(), *big = column(), *small = column(), *numerator = column();
    double *previous = column(), *current = column();
    double *value = column(), *lower = column(), *upper = column();
    uint32_t *method = malloc(ROWS * sizeof(uint32_t));
    size_t i;
    int run;
    if (method == NULL) {
        return 1;
    }
    for (i = 0; i < ROWS; i++) {
        population[i] = whole(1000.0, 500000.0);
        big[i] = whole(0.0, 2000.0);   /* counts mostly 10 or more: Byar's */
        small[i] = whole(0.0, 12.0);   /* counts mostly below 10: exact */
        numerator[i] = whole(0.0, population[i]);
        previous[i] = whole(1.0, 10000.0);
        current[i] = whole(0.0, 10000.0);
    }
    /* Touch the outputs once, so that page faults are not timed. */
    memset(value, 0, ROWS * sizeof(double));
    memset(lower, 0, ROWS * sizeof(double));
    memset(upper, 0, ROWS * sizeof(double));
    memset(method, 0, ROWS * sizeof(uint32_t));

    printf("carestat %s C ABI, %d rows, best of %d runs\n", carestat_version(), ROWS, RUNS);
    {
        double best[5] = {1e9, 1e9, 1e9, 1e9, 1e9};
        for (run = 0; run < RUNS; run++) {
            double t = now();
            memcpy(value, previous, ROWS * sizeof(double));
            t = now() - t;
            if (t < best[0]) best[0] = t;

            t = now();
            check(carestat_percent_change_many(previous, current, ROWS, value));
            t = now() - t;
            if (t < best[1]) best[1] = t;

            t = now();
            check(carestat_crude_rate_many_with_method(big, population, ROWS, 1e5, 0.95, value,
                                                       lower, upper, method));
            t = now() - t;
            if (t < best[2]) best[2] = t;

            t = now();
            check(carestat_crude_rate_many_with_method(small, population, ROWS, 1e5, 0.95, value,
                                                       lower, upper, method));
            t = now() - t;
            if (t < best[3]) best[3] = t;

            t = now();
            check(carestat_wilson_proportion_many_with_method(numerator, population, ROWS, 100.0,
                                                              0.95, value, lower, upper, method));
            t = now() - t;
            if (t < best[4]) best[4] = t;
        }
        report("memcpy of one column (memory reference)", best[0]);
        report("carestat_percent_change_many", best[1]);
        report("carestat_crude_rate_many, counts mostly >= 10", best[2]);
        report("carestat_crude_rate_many, counts mostly < 10", best[3]);
        report("carestat_wilson_proportion_many", best[4]);
    }
    free(population); free(big); free(small); free(numerator); free(previous); free(current);
    free(value); free(lower); free(upper); free(method);
    return 0;
}
