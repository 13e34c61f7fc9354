/*
 * Published documents from C: carestat_audit_document / carestat_extract_json on the
 * Birmingham Local Account as published (examples/data/sources/), a council web page
 * (tests/data/corpus/, West Sussex), and the hostile input a council's tool can meet:
 * NULL pointers, bad UTF-8, corrupt and truncated files. Run from the repository root.
 * An optional argument sets how many truncated copies of the Local Account are read
 * (fewer under valgrind).
 */
#include <stdlib.h>

#include "check.h"

#define BIRMINGHAM "examples/data/sources/birmingham-local-account-2022-23.txt"
#define WEST_SUSSEX "tests/data/corpus/01-west-sussex-how-we-spent-your-money.html"
#define RESTATED "tests/data/restatement"

/* Reads a whole file; NULL when it cannot. The caller frees it. */
static unsigned char *read_bytes(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    long size;
    if (f == NULL) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)size + 1);
        if (buf != NULL && fread(buf, 1, (size_t)size, f) == (size_t)size) {
            *len = (size_t)size;
        } else {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    return buf;
}

/* The start of the finding object of `claim` in an audit's JSON, or NULL. */
static const char *finding(const char *out, const char *claim) {
    char key[160];
    snprintf(key, sizeof key, "\"claim\":\"%s\"", claim);
    return strstr(out, key);
}

/* Whether the finding of `claim` has `field` (a JSON fragment such as "\"status\":\"x\"")
 * before the next finding begins. */
static int finding_has(const char *out, const char *claim, const char *field) {
    const char *at = finding(out, claim);
    const char *next;
    const char *hit;
    if (at == NULL) return 0;
    next = strstr(at + 1, "{\"claim\":");
    hit = strstr(at, field);
    return hit != NULL && (next == NULL || hit < next);
}

static void test_birmingham_as_published(void) {
    size_t len = 0;
    unsigned char *bytes = read_bytes(BIRMINGHAM, &len);
    char *out = NULL;
    const char *at;
    unsigned long start = 0, end = 0;
    CHECK(bytes != NULL);
    if (bytes == NULL) return;
    CHECK_STATUS(carestat_audit_document(bytes, len, "birmingham-local-account-2022-23.txt", &out),
                 CARESTAT_OK, "");
    CHECK(out != NULL && out[0] == '[');
    if (out != NULL) {
        /* "13 homes ... gold", "432 ... silver" of 576: 445 / 576 = 77.3%, stated 76%. */
        CHECK(finding_has(out, "care-homes-rating-share", "\"status\":\"inconsistent\""));
        CHECK(finding_has(out, "care-homes-rating-share", "\"stated\":76.0"));
        /* The spend by service type does not add to the £326.4m stated. */
        CHECK(finding_has(out, "expenditure-by-service-type-sum", "\"status\":\"inconsistent\""));
        /* 70 Silver of 83 Home Support providers: 84.3%, stated 84%. */
        CHECK(finding_has(out, "home-support-rating-share", "\"status\":\"consistent\""));
        /* The span is a byte range of the file itself (a text document is its own text). */
        at = finding(out, "care-homes-rating-share");
        at = at ? strstr(at, "\"span\":{\"start\":") : NULL;
        CHECK(at != NULL && sscanf(at, "\"span\":{\"start\":%lu,\"end\":%lu}", &start, &end) == 2);
        CHECK(start < end && end <= len);
        if (start < end && end <= len) {
            CHECK(strncmp((const char *)bytes + start, "These means that 76%", 20) == 0);
        }
        carestat_string_free(out);
    }
    out = NULL;
    /* The same bytes with no name: read by content, the same findings. */
    CHECK_STATUS(carestat_audit_document(bytes, len, NULL, &out), CARESTAT_OK, "");
    CHECK(out != NULL && finding_has(out, "care-homes-rating-share", "\"status\":\"inconsistent\""));
    carestat_string_free(out);
    out = NULL;
    CHECK_STATUS(carestat_extract_json(bytes, len, NULL, &out), CARESTAT_OK, "");
    CHECK(out != NULL && strncmp(out, "{\"dataset\":{\"format_version\":2", 30) == 0);
    CHECK(out != NULL && strstr(out, "\"id\":\"care-homes-rating-share\"") != NULL);
    CHECK(out != NULL && strstr(out, "\"not_understood\":[{\"quote\":") != NULL);
    carestat_string_free(out);
    free(bytes);
}

static void test_council_web_page(void) {
    size_t len = 0;
    unsigned char *bytes = read_bytes(WEST_SUSSEX, &len);
    char *out = NULL;
    CHECK(bytes != NULL);
    if (bytes == NULL) return;
    /* Named .txt on purpose: the content says HTML. */
    CHECK_STATUS(carestat_extract_json(bytes, len, "page.txt", &out), CARESTAT_OK, "");
    /* The quote is the paragraph's text, the tags stripped. */
    CHECK(out != NULL &&
          strstr(out, "This is an increase of £39 million (+15.3%) from 2022-23.") != NULL);
    CHECK(out != NULL && strstr(out, "<p>") == NULL);
    carestat_string_free(out);
    free(bytes);
}

/* Every failing call leaves the out-parameter as it was. */
static void test_hostile_input(void) {
    static const unsigned char bad_utf8[] = "Of 440 responses \xff 30.3%";
    static const unsigned char pdf[] = "%PDF-1.7\n1 0 obj << /Type /Catalog";
    static const unsigned char docx[] = "PK\x03\x04\x14\x00\x06\x00truncated";
    static const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    static const unsigned char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    static const unsigned char nul[] = "4.4%\0 more";
    static const unsigned char dataset_syntax[] = "{\"format_version\": ";
    char sentinel[] = "untouched";
    char *out = sentinel;

    CHECK_STATUS(carestat_extract_json(NULL, 5, NULL, &out), CARESTAT_STATUS_NULL_POINTER,
                 "bytes: must not be NULL when the length is 5 (NULL is only allowed with length 0)");
    CHECK_STATUS(carestat_audit_document(pdf, sizeof pdf - 1, NULL, NULL),
                 CARESTAT_STATUS_NULL_POINTER, "out_json: must not be NULL");
    CHECK_STATUS(carestat_audit_document(pdf, sizeof pdf - 1, "\xff.pdf", &out),
                 CARESTAT_STATUS_INVALID_UTF8, "name: not valid UTF-8");
    CHECK_STATUS(carestat_audit_document(bad_utf8, sizeof bad_utf8 - 1, "a.txt", &out),
                 CARESTAT_STATUS_INVALID_UTF8,
                 "document: not UTF-8 text (invalid byte at offset 17)");
    CHECK_STATUS(carestat_audit_document(pdf, sizeof pdf - 1, "a.pdf", &out),
                 CARESTAT_STATUS_INVALID, NULL);
    CHECK(strncmp(carestat_last_error_message(), "document: corrupt PDF", 21) == 0);
    CHECK_STATUS(carestat_extract_json(docx, sizeof docx - 1, "a.docx", &out),
                 CARESTAT_STATUS_INVALID, NULL);
    CHECK(strncmp(carestat_last_error_message(), "document: ", 10) == 0);
    CHECK_STATUS(carestat_extract_json(png, sizeof png - 1, "chart.png", &out),
                 CARESTAT_STATUS_INVALID, NULL);
    CHECK(strncmp(carestat_last_error_message(), "document: unknown format: a PNG image", 37) == 0);
    CHECK_STATUS(carestat_audit_document(ole, sizeof ole - 1, "a.doc", &out),
                 CARESTAT_STATUS_INVALID, NULL);
    CHECK(strncmp(carestat_last_error_message(), "document: encrypted or legacy Office", 36) == 0);
    CHECK_STATUS(carestat_audit_document(nul, sizeof nul - 1, NULL, &out),
                 CARESTAT_STATUS_INVALID, NULL);
    CHECK(strncmp(carestat_last_error_message(), "document: unknown format: a binary", 34) == 0);
    /* A dataset is audited as a dataset: a syntax error is INVALID_JSON; it is not extracted. */
    CHECK_STATUS(carestat_audit_document(dataset_syntax, sizeof dataset_syntax - 1, NULL, &out),
                 CARESTAT_STATUS_INVALID_JSON, NULL);
    CHECK(strncmp(carestat_last_error_message(), "bytes: EOF while parsing", 24) == 0);
    CHECK_STATUS(carestat_extract_json(dataset_syntax, sizeof dataset_syntax - 1, NULL, &out),
                 CARESTAT_STATUS_INVALID, NULL);
    CHECK(out == sentinel);

    /* (NULL, 0): an empty document, no findings. */
    out = NULL;
    CHECK_STATUS(carestat_audit_document(NULL, 0, NULL, &out), CARESTAT_OK, "");
    CHECK(out != NULL && strcmp(out, "[]") == 0);
    carestat_string_free(out);
}

/* The Local Account cut short anywhere (mid-sentence, mid-number, mid-character) reads, or
 * fails with a status; never a crash, a leak or a read past the buffer (ASan, valgrind). */
static void test_truncated_copies(size_t copies) {
    size_t len = 0, i;
    unsigned char *bytes = read_bytes(BIRMINGHAM, &len);
    CHECK(bytes != NULL);
    if (bytes == NULL || copies == 0) {
        free(bytes);
        return;
    }
    for (i = 1; i <= copies; i++) {
        size_t cut = len / (copies + 1) * i + i % 3;
        /* An exact-size heap copy, so a read one byte past the end is caught. */
        unsigned char *part = malloc(cut);
        char *out = NULL;
        carestat_status st;
        CHECK(part != NULL);
        if (part == NULL) break;
        memcpy(part, bytes, cut);
        st = carestat_audit_document(part, cut, "part.txt", &out);
        /* A cut inside a multi-byte character is the only failure (£ is two bytes). */
        CHECK(st == CARESTAT_OK || st == CARESTAT_STATUS_INVALID_UTF8);
        CHECK((st == CARESTAT_OK) == (out != NULL));
        CHECK(out == NULL || out[0] == '[');
        carestat_string_free(out);
        free(part);
    }
    free(bytes);
}

/* A dataset quoting NHS England's first release (587,965 concerns) against the corrected
 * national dataset beside it (587,970): tests/data/restatement/README.md. */
static void test_restatement_of_another_file(void) {
    size_t len = 0;
    unsigned char *bytes = read_bytes(RESTATED "/quotes-first-release.json", &len);
    char *out = NULL;
    CHECK(bytes != NULL);
    if (bytes == NULL) return;
    bytes[len] = '\0';
    CHECK_STATUS(carestat_audit_json_in((const char *)bytes, RESTATED, &out), CARESTAT_OK, "");
    CHECK(out != NULL && finding_has(out, "england-concerns", "\"status\":\"inconsistent\""));
    CHECK(out != NULL && strstr(out, "587,965 here and 587,970 in nhs-england-sac-2022-23.json") != NULL);
    carestat_string_free(out);
    out = NULL;
    /* From its text alone the other file is not read: unchecked, saying so. */
    CHECK_STATUS(carestat_audit_json((const char *)bytes, &out), CARESTAT_OK, "");
    CHECK(out != NULL && finding_has(out, "england-concerns", "\"status\":\"unchecked\""));
    carestat_string_free(out);
    out = NULL;
    CHECK_STATUS(carestat_audit_json_in((const char *)bytes, "no/such/folder", &out),
                 CARESTAT_STATUS_INVALID, NULL);
    CHECK(strncmp(carestat_last_error_message(), "claims[0].dataset: cannot read no/such/folder/", 46) == 0);
    CHECK(out == NULL);
    CHECK_STATUS(carestat_audit_json_in((const char *)bytes, NULL, &out),
                 CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK(strncmp(carestat_last_error_message(), "folder", 6) == 0);
    CHECK_STATUS(carestat_audit_json_in((const char *)bytes, "\xff", &out),
                 CARESTAT_STATUS_INVALID_UTF8, NULL);
    CHECK(strncmp(carestat_last_error_message(), "folder", 6) == 0);
    CHECK_STATUS(carestat_audit_json_in(NULL, RESTATED, &out), CARESTAT_STATUS_NULL_POINTER, NULL);
    CHECK(strncmp(carestat_last_error_message(), "json", 4) == 0);
    CHECK(out == NULL);
    free(bytes);
}

int main(int argc, char **argv) {
    size_t copies = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 24;
    test_birmingham_as_published();
    test_council_web_page();
    test_hostile_input();
    test_restatement_of_another_file();
    test_truncated_copies(copies);
    return check_summary("test_document");
}
