#include <stdio.h>
#include <carestat.h>

int main(void) {
    carestat_estimate r;
    carestat_status s = carestat_crude_rate(4455, 485737, 100000, 0.95, &r);
    if (s != CARESTAT_OK) {
        fprintf(stderr, "%s: %s\n", carestat_status_message(s), carestat_last_error_message());
        return 1;
    }
    printf("%.1f per 100,000 (%.1f to %.1f, %s)\n", r.value, r.lower, r.upper,
           carestat_method_name(r.method));
    return 0;
}
