/* The C binding's answers for the cross-binding test (`cargo xtask test`, crates/xtask/src/answers.rs).
 *
 * Reads one input per line from the file named by argv[1], each the hex of its UTF-8 bytes, and
 * prints one answer line per input with default options:
 *   valid<TAB>parse<TAB>prefix<TAB>scan
 * - valid: 1 or 0 (icp_is_valid);
 * - parse: the canonical form, or NAME@CHAR_INDEX (icp_parse, zero options: strict);
 * - prefix: complete:CANONICAL, incomplete:EXPECTED or NAME@CHAR_INDEX (ICP_MODE_PREFIX: strict);
 * - scan: CANONICAL@START..END;… in characters, or - for none (icp_scan_next).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "icp_number.h"

static int hex_digit(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* The number of characters in the first `len` bytes of `text` (UTF-8). */
static size_t chars(const char *text, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (((unsigned char)text[i] & 0xC0) != 0x80) n++;
    }
    return n;
}

static void print_error(const icp_result *r) {
    char name[64];
    icp_status_name((uint32_t)r->status, name, sizeof name);
    printf("%s@%zu", name, r->error.char_index);
}

static void print_parse(const char *text, size_t len) {
    icp_result r;
    icp_options options;
    memset(&options, 0, sizeof options);
    if (icp_parse(text, len, options, &r) == ICP_OK && r.complete) {
        printf("%s", r.number.canonical);
    } else {
        print_error(&r);
    }
}

static void print_prefix(const char *text, size_t len) {
    icp_result r;
    icp_options options;
    memset(&options, 0, sizeof options);
    options.mode = ICP_MODE_PREFIX;
    if (icp_parse(text, len, options, &r) != ICP_OK) {
        print_error(&r);
    } else if (r.complete) {
        printf("complete:%s", r.number.canonical);
    } else {
        char name[64];
        icp_expected_name((uint32_t)r.expected, name, sizeof name);
        printf("incomplete:%s", name);
    }
}

static void print_scan(const char *text, size_t len) {
    icp_scanner scanner;
    icp_match m;
    bool any = false;
    icp_scanner_init(&scanner, text, len, 0);
    while (icp_scan_next(&scanner, &m) == ICP_OK) {
        printf("%s%s@%zu..%zu", any ? ";" : "", m.number.canonical, chars(text, m.start),
               chars(text, m.end));
        any = true;
    }
    if (!any) printf("-");
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s INPUTS.hex\n", argv[0]);
        return 2;
    }
    FILE *file = fopen(argv[1], "r");
    if (!file) {
        perror(argv[1]);
        return 2;
    }
    static char line[1 << 17];
    static char text[1 << 16];
    while (fgets(line, sizeof line, file)) {
        size_t len = 0;
        for (size_t i = 0; hex_digit(line[i]) >= 0 && hex_digit(line[i + 1]) >= 0; i += 2) {
            text[len++] = (char)(hex_digit(line[i]) * 16 + hex_digit(line[i + 1]));
        }
        printf("%d\t", icp_is_valid(text, len) ? 1 : 0);
        print_parse(text, len);
        printf("\t");
        print_prefix(text, len);
        printf("\t");
        print_scan(text, len);
        printf("\n");
    }
    fclose(file);
    return 0;
}
