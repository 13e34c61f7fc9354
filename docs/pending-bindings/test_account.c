/*
 * Local Accounts from C: carestat_audit_json / carestat_report_json with the bundled
 * Worcestershire 2023/24 dataset, and the errors a council's tool can meet.
 */
#include <stdlib.h>

#include "check.h"

/* Reads a whole file; NULL when it cannot. The caller frees the buffer. */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long size;
    if (f == NULL) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)size + 1);
        if (buf != NULL && fread(buf, 1, (size_t)size, f) == (size_t)size) {
            buf[size] = '\0';
            *len = (size_t)size;
        } else {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    return buf;
}

static void test_audit_of_a_real_local_account(void) {
    size_t len = 0;
    char *json = read_file("examples/data/worcestershire-2023-24.json", &len);
    char *out = NULL;
    CHECK(json != NULL);
    if (json == NULL) return;
    CHECK_STATUS(carestat_audit_json((const uint8_t *)json, len, &out), CARESTAT_OK, "");
    CHECK(out != NULL);
    if (out != NULL) {
        /* "6% ... a 1% increase on last year's 5%": +1 point, a 20% rise: inconsistent. */
        const char *lt = strstr(out, "\"claim\":\"long-term-change\"");
        CHECK(out[0] == '[');
        CHECK(lt != NULL && strstr(lt, "\"status\":\"inconsistent\"") != NULL);
        carestat_string_free(out);
    }
    out = NULL;
    CHECK_STATUS(carestat_report_json((const uint8_t *)json, len, &out), CARESTAT_OK, "");
    CHECK(out != NULL && strstr(out, "\"area\":\"Worcestershire County Council\"") != NULL);
    carestat_string_free(out);
    free(json);
}

static void test_bad_input(void) {
    char *out = (char *)"untouched";
    const char *negative =
        "{\"format_version\":1,\"area\":{\"name\":\"X\"},"
        "\"period\":{\"label\":\"2023/24\",\"start\":\"2023-04-01\",\"end\":\"2024-03-31\"},"
        "\"ratings\":{\"care_homes\":{\"label\":\"c\",\"outstanding\":1,\"good\":-1,"
        "\"requires_improvement\":0,\"inadequate\":0,\"quote\":\"\"}}}";
    const char *syntax = "{\"format_version\": ";
    const char bad_utf8[] = "{\"a\": \"\xff\"}";

    CHECK_STATUS(carestat_audit_json((const uint8_t *)negative, strlen(negative), &out),
                 CARESTAT_STATUS_INVALID,
                 NULL);
    CHECK(strncmp(carestat_last_error_message(), "ratings.care_homes.good: ", 25) == 0);
    CHECK(strcmp(out, "untouched") == 0); /* written only on success */
    CHECK_STATUS(carestat_audit_json((const uint8_t *)syntax, strlen(syntax), &out),
                 CARESTAT_STATUS_INVALID_JSON, NULL);
    CHECK_STATUS(carestat_report_json((const uint8_t *)bad_utf8, sizeof bad_utf8 - 1, &out),
                 CARESTAT_STATUS_INVALID_UTF8, NULL);
    CHECK_STATUS(carestat_audit_json(NULL, 5, &out), CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK_STATUS(carestat_audit_json((const uint8_t *)syntax, strlen(syntax), NULL),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    /* (NULL, 0) is an empty document: not JSON. */
    CHECK_STATUS(carestat_audit_json(NULL, 0, &out), CARESTAT_STATUS_INVALID_JSON, NULL);
    carestat_string_free(NULL); /* allowed, does nothing */
}

int main(void) {
    test_audit_of_a_real_local_account();
    test_bad_input();
    printf("%d passed, %d failed\n", checks_passed, checks_failed);
    return checks_failed == 0 ? 0 : 1;
}
