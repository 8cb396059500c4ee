/*
 * Shared helpers of the C tests of icp_number.h (run by `cargo xtask test`, see
 * crates/xtask/src/c_api.rs): counters, CHECK, and the readers of the shared test vectors.
 */
#ifndef ICP_TEST_CHECK_H
#define ICP_TEST_CHECK_H

#include <stddef.h>

/* Passed and failed checks: one per vector case, one per CHECK. */
extern unsigned long checks_passed;
extern unsigned long checks_failed;

/* Counts one check; prints the failed condition with its place. */
void check_at(int ok, const char *what, const char *file, int line);
#define CHECK(cond) check_at((cond) != 0, #cond, __FILE__, __LINE__)

/* Counts one check; on failure prints `fmt` (printf-style) as the reason. */
void check_msg(int ok, const char *fmt, ...);

/* Decodes a vector input field's escapes (\t \n \\ \u{X}) into `out` (at least strlen(field) + 1
 * bytes); returns the decoded length, or -1 for a malformed escape. */
long unescape(const char *field, char *out);

/* The character index of byte `offset` in `len` bytes of UTF-8 at `text`. */
size_t char_index(const char *text, size_t offset);

/* Reads a whole file into a NUL-terminated malloc'd buffer (NULL on failure). */
char *read_file(const char *path);

/* Runs every case of one tests/vectors/<name>.txt file; returns the number of cases (0 for none). */
unsigned long run_vector_file(const char *path);

/* Runs every case of one tests/vectors/scan/<name>.txt file; returns the number of cases. */
unsigned long run_scan_file(const char *path);

/* NULL pointers, zero lengths, invalid UTF-8, buffers of size 0 and 1, very long input, … */
void run_hostile(void);

#endif /* ICP_TEST_CHECK_H */
