/*
 * The C test of icp_number.h: every shared vector file through the C API, then hostile calls.
 *
 *   icp_c_test VECTOR.txt... [--scan SCAN_VECTOR.txt...]
 *
 * `cargo xtask test` builds it with gcc -std=c99 -Wall -Wextra -Werror -pedantic against the
 * static library, passes every tests/vectors/<name>.txt and tests/vectors/scan/<name>.txt, and runs it under
 * valgrind. The last line is "N passed, M failed"; the exit status is 0 only when M is 0.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "icp_number.h"

unsigned long checks_passed = 0;
unsigned long checks_failed = 0;

void check_at(int ok, const char *what, const char *file, int line) {
    if (ok) {
        checks_passed++;
        return;
    }
    checks_failed++;
    printf("FAILED %s:%d: %s\n", file, line, what);
}

void check_msg(int ok, const char *fmt, ...) {
    va_list args;
    if (ok) {
        checks_passed++;
        return;
    }
    checks_failed++;
    printf("FAILED ");
    va_start(args, fmt);
    vprintf(fmt, args);
    va_end(args);
    printf("\n");
}

int main(int argc, char **argv) {
    int scan = 0;
    int i;
    unsigned long files = 0, cases = 0, scan_files = 0, scan_cases = 0, before;

    for (i = 1; i < argc; i++) {
        unsigned long n;
        if (strcmp(argv[i], "--scan") == 0) {
            scan = 1;
            continue;
        }
        n = scan ? run_scan_file(argv[i]) : run_vector_file(argv[i]);
        check_msg(n > 0, "%s: no cases", argv[i]);
        if (scan) {
            scan_files++;
            scan_cases += n;
        } else {
            files++;
            cases += n;
        }
    }
    check_msg(files > 0, "no vector files given (usage: icp_c_test VECTOR.txt... [--scan FILE...])");
    printf("vectors: %lu cases in %lu files; scan vectors: %lu cases in %lu files\n", cases, files,
           scan_cases, scan_files);

    before = checks_passed + checks_failed;
    run_hostile();
    printf("hostile and API checks: %lu\n", checks_passed + checks_failed - before);
    printf("icp_number %s (header %s)\n", icp_version(), ICP_NUMBER_VERSION);

    printf("%lu passed, %lu failed\n", checks_passed, checks_failed);
    return checks_failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
