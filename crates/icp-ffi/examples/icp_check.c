/*
 * icp_check: check registration numbers with the icp-number C API. Copy it and adapt it.
 *
 *   icp_check [--lenient] [--zh] NUMBER...
 *
 * Checks each number in strict mode (the canonical form only), or with --lenient in lenient mode
 * (every variant real footers show). Prints the canonical form, what kind of number it is and
 * the corrections lenient mode applied, or the error with its position. Exit status 0 when every
 * number is valid, 1 when one is not, 2 on usage errors.
 *
 * Build (see crates/icp-ffi/README.md):
 *   cc -std=c99 icp_check.c $(pkg-config --cflags --libs icp_number) -o icp_check
 */
#include <stdio.h>
#include <string.h>

#include "icp_number.h"

static void print_fixes(unsigned fixes, icp_lang lang) {
    unsigned bit;
    const char *sep = "  fixed: ";
    for (bit = 0; bit < 16; bit++) {
        char label[128];
        if ((fixes & (1u << bit)) != 0 && icp_fix_label(1u << bit, lang, label, sizeof label) > 0) {
            printf("%s%s", sep, label);
            sep = ", ";
        }
    }
    if (fixes != 0) {
        printf("\n");
    }
}

int main(int argc, char **argv) {
    icp_options options = {ICP_MODE_STRICT, 0};
    icp_lang lang = ICP_LANG_EN;
    int i, numbers = 0, invalid = 0;

    for (i = 1; i < argc; i++) {
        const char *input = argv[i];
        size_t len = strlen(input);
        icp_result r;
        char text[256];

        if (strcmp(input, "--lenient") == 0) {
            options.mode = ICP_MODE_LENIENT;
            continue;
        }
        if (strcmp(input, "--zh") == 0) {
            lang = ICP_LANG_ZH;
            continue;
        }
        numbers++;
        if (icp_parse(input, len, options, &r) == ICP_OK) {
            icp_province p;
            icp_kind_label(r.number.kind, lang, text, sizeof text);
            printf("%s  %s", r.number.canonical, text);
            if (icp_province_by_gb_code(r.number.province, &p) == ICP_OK) {
                printf(" · %s %s (%s)", p.name_zh, p.name_en, p.iso_code);
            }
            icp_query_url(&r.number, text, sizeof text);
            printf(" · %s\n", text);
            print_fixes(r.fixes, lang);
        } else {
            char name[64];
            invalid = 1;
            icp_status_name(r.status, name, sizeof name);
            /* A message longer than the buffer is cut, still NUL-terminated. */
            icp_error_message(&r, lang, text, sizeof text);
            printf("%s\n  error %s (%u) at character %lu: %s\n", input, name, (unsigned)r.status,
                   (unsigned long)r.error.char_index, text);
        }
    }
    if (numbers == 0) {
        fprintf(stderr, "usage: icp_check [--lenient] [--zh] NUMBER...\n");
        return 2;
    }
    return invalid;
}
