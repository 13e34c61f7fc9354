/*
 * The foundation demo from C: real figures from two Local Accounts, computed by libcarestat.
 *
 * Prints exactly the lines of the Rust demo (crates/carestat/examples/demo.rs) but for the
 * first, which says (C); `make demo-c` checks that.
 *
 *   cc -std=c99 demo.c $(pkg-config --cflags --libs carestat) -o demo
 */
#include <stdio.h>

#include "carestat.h"

/* Prints the status and its detail and returns 1 when a call failed. */
static int failed(carestat_status status) {
    if (status == CARESTAT_OK) return 0;
    fprintf(stderr, "carestat: %s: %s\n", carestat_status_message(status),
            carestat_last_error_message());
    return 1;
}

int main(void) {
    double pct, points, relative, share;
    carestat_estimate r, p;

    printf("carestat %s demo (C): Worcestershire 2023/24 (seed 004), Birmingham 2022/23 "
           "(seed 000)\n",
           carestat_version());

    if (failed(carestat_percent_change(3912.0, 4455.0, &pct))) return 1;
    printf("safeguarding concerns 3912 -> 4455: percent change %.6f%%\n", pct);

    if (failed(carestat_point_change(5.0, 6.0, &points))) return 1;
    if (failed(carestat_percent_change(5.0, 6.0, &relative))) return 1;
    printf("long-term support 5%% -> 6%%: %.6f percentage points, percent change %.6f%%\n",
           points, relative);

    if (failed(carestat_crude_rate(4455.0, 485737.0, 100000.0, 0.95, &r))) return 1;
    printf("concerns per 100,000 adults (4455 / 485737): %.6f (95%% CI %.6f to %.6f, %s)\n",
           r.value, r.lower, r.upper, carestat_method_name(r.method));

    /* Supported living: Outstanding 3, Good 199, Requires improvement 64, Inadequate 1,
     * not rated 11 */
    if (failed(carestat_rating_share(3, 199, 64, 1, 11, CARESTAT_DENOMINATOR_ALL_LOCATIONS,
                                     &share)))
        return 1;
    if (failed(carestat_wilson_proportion(202.0, 278.0, 100.0, 0.95, &p))) return 1;
    printf("supported living Outstanding or Good (202 / 278): %.6f%% (95%% CI %.6f to %.6f, "
           "%s)\n",
           share, p.lower, p.upper, carestat_method_name(p.method));
    return 0;
}
