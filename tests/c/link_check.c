/*
 * The smallest program a council's build links against an installed carestat: checks that
 * the header and the library found by pkg-config or CMake agree, and that a call works.
 */
#include <stdio.h>
#include <string.h>

#include <carestat.h>

int main(void) {
    double pct = 0.0;
    /* (4455 - 3912) / 3912 * 100 = 13.880368098... (Worcestershire, seed 004) */
    if (carestat_percent_change(3912.0, 4455.0, &pct) != CARESTAT_OK || pct < 13.880368 ||
        pct > 13.880369) {
        fprintf(stderr, "link_check: wrong result %.9f: %s\n", pct,
                carestat_last_error_message());
        return 1;
    }
    if (strcmp(carestat_version(), CARESTAT_VERSION) != 0 ||
        carestat_version_number() != CARESTAT_VERSION_NUMBER) {
        fprintf(stderr, "link_check: header %s but library %s\n", CARESTAT_VERSION,
                carestat_version());
        return 1;
    }
    printf("link_check: carestat %s linked and called\n", carestat_version());
    return 0;
}
