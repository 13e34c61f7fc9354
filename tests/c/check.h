/*
 * A tiny test harness for the C tests: CHECK-style macros that count passes and failures
 * and print "N passed, N failed" at the end.
 */
#ifndef CARESTAT_TEST_CHECK_H
#define CARESTAT_TEST_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "carestat.h"

static int checks_passed = 0;
static int checks_failed = 0;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (cond) {                                                              \
            checks_passed++;                                                     \
        } else {                                                                 \
            checks_failed++;                                                     \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

/* |got - want| <= rel * |want| (or <= rel when want is 0). */
static inline int near(double got, double want, double rel) {
    double scale = fabs(want) > 0.0 ? fabs(want) : 1.0;
    return fabs(got - want) <= rel * scale;
}

#define CHECK_NEAR(got, want, rel)                                                    \
    do {                                                                              \
        double got_ = (got), want_ = (want);                                          \
        if (near(got_, want_, (rel))) {                                               \
            checks_passed++;                                                          \
        } else {                                                                      \
            checks_failed++;                                                          \
            fprintf(stderr, "%s:%d: %s = %.17g, want %.17g\n", __FILE__, __LINE__, #got, \
                    got_, want_);                                                     \
        }                                                                             \
    } while (0)

/* A call's status, and (when want_message is not NULL) that the thread's detail message
 * equals it exactly. */
#define CHECK_STATUS(call, want_status, want_message)                                   \
    do {                                                                                \
        carestat_status st_ = (call);                                                   \
        const char *msg_ = carestat_last_error_message();                               \
        const char *want_msg_ = (want_message);                                         \
        if (st_ == (carestat_status)(want_status) &&                                    \
            (want_msg_ == NULL || strcmp(msg_, want_msg_) == 0)) {                      \
            checks_passed++;                                                            \
        } else {                                                                        \
            checks_failed++;                                                            \
            fprintf(stderr, "%s:%d: %s\n  status %u (%s), want %u\n  message \"%s\"%s%s%s\n", \
                    __FILE__, __LINE__, #call, (unsigned)st_, carestat_status_message(st_), \
                    (unsigned)(want_status), msg_, want_msg_ ? ", want \"" : "",         \
                    want_msg_ ? want_msg_ : "", want_msg_ ? "\"" : "");                  \
        }                                                                               \
    } while (0)

static inline int check_summary(const char *name) {
    printf("%s: %d passed, %d failed\n", name, checks_passed, checks_failed);
    return checks_failed == 0 ? 0 : 1;
}

#endif /* CARESTAT_TEST_CHECK_H */
