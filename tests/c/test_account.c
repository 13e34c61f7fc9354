/*
 * Local Accounts from C: carestat_audit_json / carestat_report_json with the bundled
 * datasets, and the errors a council's tool can meet. Run from the repository root (it
 * reads examples/data/).
 */
#include <stdlib.h>

#include "check.h"

/* Reads a whole file as a NUL-terminated string; NULL when it cannot. The caller frees it. */
static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long size;
    if (f == NULL) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)size + 1);
        if (buf != NULL && fread(buf, 1, (size_t)size, f) == (size_t)size) {
            buf[size] = '\0';
        } else {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    return buf;
}

/* The finding object of `claim` in an audit's JSON text, checked for `status`. */
static int finding_has_status(const char *out, const char *claim, const char *status) {
    char key[128];
    const char *at;
    const char *end;
    const char *st;
    snprintf(key, sizeof key, "\"claim\":\"%s\"", claim);
    at = strstr(out, key);
    if (at == NULL) return 0;
    end = strchr(at, '}'); /* findings are flat objects */
    snprintf(key, sizeof key, "\"status\":\"%s\"", status);
    st = strstr(at, key);
    return st != NULL && (end == NULL || st < end);
}

static void test_worcestershire(void) {
    char *json = read_file("examples/data/worcestershire-2023-24.json");
    char *out = NULL;
    CHECK(json != NULL);
    if (json == NULL) return;
    CHECK_STATUS(carestat_audit_json(json, &out), CARESTAT_OK, "");
    CHECK(out != NULL);
    if (out != NULL) {
        /* "6% ... a 1% increase on last year's 5%": +1 point, a 20% rise at face value, +1%
           relative only within the rounding of 5% and 6%: the readings disagree. */
        CHECK(out[0] == '[');
        CHECK(finding_has_status(out, "long-term-change", "ambiguous"));
        /* Reasoning across claims: "+18%" puts last year's completed DoLS applications at
           3933 / 1.185 = 3318.99 to 3933 / 1.175 = 3347.23 (3,319 to 3,347), 683.3 to 689.1
           per 100,000 of 485,737 adults, not the "WCC 618" stated for last year. */
        CHECK(finding_has_status(out, "dols-completed-rate-2022-23", "inconsistent"));
        CHECK(strstr(out, "\"combined\":[\"dols-completed-change\"]") != NULL);
        /* "down 11%" against last year's 1309 (or 1141) of 3912 concerns: 33.5% (or 29.2%)
           to 27% is -19.3% (or -7.4%). */
        CHECK(finding_has_status(out, "concerns-to-enquiry-change", "inconsistent"));
        /* Comparisons (format 2): 803 per 100,000 "lower" than England's 1313 holds; the
           difference is -510. */
        CHECK(finding_has_status(out, "concerns-rate-vs-england", "consistent"));
        CHECK(strstr(out, "\"kind\":\"comparison\"") != NULL);
        carestat_string_free(out);
    }
    out = NULL;
    CHECK_STATUS(carestat_report_json(json, &out), CARESTAT_OK, "");
    CHECK(out != NULL && strstr(out, "\"area\":\"Worcestershire County Council\"") != NULL);
    carestat_string_free(out);
    free(json);
}

static void test_birmingham(void) {
    char *json = read_file("examples/data/birmingham-2022-23.json");
    char *out = NULL;
    CHECK(json != NULL);
    if (json == NULL) return;
    CHECK_STATUS(carestat_audit_json(json, &out), CARESTAT_OK, "");
    CHECK(out != NULL);
    if (out != NULL) {
        /* 445 of 576 care homes good or outstanding = 77.3%, stated 76%. */
        CHECK(finding_has_status(out, "care-homes-share", "inconsistent"));
        /* The service types add to 321.2, stated 326.4. */
        CHECK(finding_has_status(out, "spend-by-service-sum", "inconsistent"));
        carestat_string_free(out);
    }
    free(json);
}

static void test_birmingham_cqc(void) {
    char *json = read_file("examples/data/birmingham-cqc-2023.json");
    char *out = NULL;
    CHECK(json != NULL);
    if (json == NULL) return;
    CHECK_STATUS(carestat_audit_json(json, &out), CARESTAT_OK, "");
    CHECK(out != NULL);
    if (out != NULL) {
        /* "3.2% per 100,000 residents": 37 / 1,144,919 x 100,000 = 3.23 per 100,000,
           but as a percentage 0.0032%. */
        CHECK(finding_has_status(out, "ombudsman-rate", "inconsistent"));
        /* Only Governance (3) is published: Good needs the other 8 to total 20 to 28. */
        CHECK(finding_has_status(out, "overall-rating", "unchecked"));
        carestat_string_free(out);
    }
    out = NULL;
    CHECK_STATUS(carestat_report_json(json, &out), CARESTAT_OK, "");
    /* 114 of 217 young people waiting for a transition assessment: a share. */
    CHECK(out != NULL && strstr(out, "\"counts.transition_waiting_over_90_days.share\"") != NULL);
    carestat_string_free(out);
    free(json);

    /* The same rate as the document prints it, with no population: unchecked, and the
       population 3.2 per 100,000 implies, 37e5 / 3.25 = 1,138,462 to 37e5 / 3.15 =
       1,174,603. */
    const char *unstated =
        "{\"format_version\": 2, \"area\": {\"name\": \"Birmingham City Council\"},"
        " \"period\": {\"label\": \"2023\", \"start\": \"2023-01-01\", \"end\": \"2023-12-31\"},"
        " \"counts\": {\"applications\": {\"label\": \"Applications\", \"value\": 37, \"quote\": \"-\"}},"
        " \"claims\": [{\"id\": \"rate\", \"kind\": \"rate\", \"numerator\": \"counts.applications\","
        " \"stated\": 3.2, \"decimals\": 1, \"text\": \"3.2 per 100,000 residents\", \"quote\": \"-\"}]}";
    out = NULL;
    CHECK_STATUS(carestat_audit_json(unstated, &out), CARESTAT_OK, "");
    CHECK(out != NULL && finding_has_status(out, "rate", "unchecked"));
    CHECK(out != NULL && strstr(out, "1,138,462 to 1,174,603") != NULL);
    carestat_string_free(out);
}

static void test_bad_input(void) {
    char *out = (char *)"untouched";
    const char *wrong_type = "{\"format_version\": 1, \"area\": {\"name\": 3}}";
    const char *syntax = "{\"format_version\": ";
    const char *bad_utf8 = "{\"a\": \"\xff\"}";

    CHECK_STATUS(carestat_audit_json(wrong_type, &out), CARESTAT_STATUS_INVALID, NULL);
    CHECK(strncmp(carestat_last_error_message(), "area.name: invalid type", 23) == 0);
    CHECK(strcmp(out, "untouched") == 0); /* written only on success */
    CHECK_STATUS(carestat_audit_json(syntax, &out), CARESTAT_STATUS_INVALID_JSON, NULL);
    CHECK(strncmp(carestat_last_error_message(), "json: EOF while parsing", 23) == 0);
    CHECK_STATUS(carestat_report_json("", &out), CARESTAT_STATUS_INVALID_JSON, NULL);
    CHECK_STATUS(carestat_report_json(bad_utf8, &out), CARESTAT_STATUS_INVALID_UTF8,
                 "json: not valid UTF-8");
    CHECK_STATUS(carestat_audit_json(NULL, &out), CARESTAT_STATUS_NULL_POINTER,
                 "json: must not be NULL");
    CHECK_STATUS(carestat_report_json(syntax, NULL), CARESTAT_STATUS_NULL_POINTER,
                 "out: must not be NULL");
    CHECK(strcmp(out, "untouched") == 0);
    carestat_string_free(NULL); /* allowed, does nothing */
}

int main(void) {
    test_worcestershire();
    test_birmingham();
    test_birmingham_cqc();
    test_bad_input();
    return check_summary("test_account");
}
