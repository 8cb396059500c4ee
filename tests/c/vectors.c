/*
 * Runs the shared test vectors through the C API. The format is described at the top of each
 * file (tests/vectors/provinces.txt, tests/vectors/scan/footers.txt); this reader follows
 * crates/icp-number/tests/common/mod.rs and, like it, reports a malformed line as a failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "icp_number.h"

#define OUT_MAX 4096

char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    size_t len = 0, cap = 0, n;
    if (f == NULL) {
        return NULL;
    }
    for (;;) {
        if (cap - len < 4096) {
            char *bigger;
            cap = cap * 2 + 8192;
            bigger = realloc(text, cap);
            if (bigger == NULL) {
                free(text);
                fclose(f);
                return NULL;
            }
            text = bigger;
        }
        n = fread(text + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0) {
            break;
        }
    }
    fclose(f);
    text[len] = '\0';
    return text;
}

size_t char_index(const char *text, size_t offset) {
    size_t i, count = 0;
    for (i = 0; i < offset; i++) {
        if (((unsigned char)text[i] & 0xC0) != 0x80) {
            count++;
        }
    }
    return count;
}

static size_t put_utf8(unsigned long c, char *out) {
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

long unescape(const char *field, char *out) {
    size_t n = 0;
    const char *p = field;
    while (*p != '\0') {
        if (*p != '\\') {
            out[n++] = *p++;
            continue;
        }
        p++;
        if (*p == 't' || *p == 'n' || *p == '\\') {
            out[n++] = *p == 't' ? '\t' : *p == 'n' ? '\n' : '\\';
            p++;
        } else if (*p == 'u' && p[1] == '{') {
            /* \u{X} is at least 5 bytes and its UTF-8 at most 4: `out` cannot overflow. */
            unsigned long c = 0;
            int digits = 0;
            p += 2;
            while (*p != '}' && *p != '\0') {
                const char *hex = "0123456789abcdef0123456789ABCDEF";
                const char *at = strchr(hex, *p);
                if (at == NULL || digits == 6) {
                    return -1;
                }
                c = c * 16 + (unsigned long)((at - hex) % 16);
                digits++;
                p++;
            }
            if (*p != '}' || digits == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
                return -1;
            }
            p++;
            n += put_utf8(c, out + n);
        } else {
            return -1;
        }
    }
    out[n] = '\0';
    return (long)n;
}

/* Splits `line` at TABs in place; returns the number of fields (at most `max`, or max + 1 when
 * there are more). */
static int split_tabs(char *line, char **fields, int max) {
    int n = 0;
    char *p = line;
    for (;;) {
        char *tab = strchr(p, '\t');
        if (n == max) {
            return max + 1;
        }
        fields[n++] = p;
        if (tab == NULL) {
            return n;
        }
        *tab = '\0';
        p = tab + 1;
    }
}

/* Appends the names of the fixes in `bits` ("space,full_width", or "-"); 0 for an unknown bit. */
static int fix_names(unsigned bits, char *out, size_t size) {
    unsigned bit;
    size_t len = 0;
    out[0] = '\0';
    if (bits == 0) {
        snprintf(out, size, "-");
        return 1;
    }
    for (bit = 0; bit < 16; bit++) {
        char name[64];
        if ((bits & (1u << bit)) == 0) {
            continue;
        }
        if (icp_fix_name(1u << bit, name, sizeof name) == 0) {
            return 0;
        }
        len += (size_t)snprintf(out + len, size - len, "%s%s", len > 0 ? "," : "", name);
    }
    return 1;
}

/* Whether `f(number, buf, size)` writes a non-empty text whose returned length is its length. */
typedef size_t (*number_writer)(const icp_number *, char *, size_t);
static int writes(number_writer f, const icp_number *number, char *buf, size_t size) {
    size_t needed = f(number, buf, size);
    return needed > 0 && needed < size && strlen(buf) == needed;
}

/* Whether `message` has every placeholder filled: no `?` (the core's mark for a detail it does
 * not have) unless the input itself has one, or a U+0000 (which a message shows as `?`). */
static int placeholders_filled(const char *message, const char *input, size_t len) {
    return strchr(message, '?') == NULL || memchr(input, '?', len) != NULL || memchr(input, '\0', len) != NULL;
}

/* The outcome of one case, written as a vector writes it, into `got`; returns 0 when the C API
 * contradicts itself (the same answer through two functions differs). */
static int outcome(const char *input, size_t len, icp_options options, int lenient, char *got) {
    icp_result r;
    char buf[OUT_MAX], fixes[256], name[128];
    icp_status status = icp_parse(input, len, options, &r);
    int consistent = status == r.status;

    if (status == ICP_OK && r.complete) {
        const char *canonical = r.number.canonical;
        consistent = consistent && r.expected == ICP_EXPECTED_NONE && r.number.kind != ICP_KIND_NONE;
        consistent = consistent && writes(icp_canonical, &r.number, buf, sizeof buf) &&
                     strcmp(buf, canonical) == 0;
        consistent = consistent && writes(icp_main_number, &r.number, buf, sizeof buf) &&
                     strncmp(buf, canonical, strlen(buf)) == 0;
        consistent = consistent && writes(icp_query_url, &r.number, buf, sizeof buf) &&
                     strncmp(buf, "https://", 8) == 0 && strlen(buf) <= ICP_QUERY_URL_MAX;
        consistent = consistent && icp_canonicalize(input, len, options, buf, sizeof buf) == ICP_OK &&
                     strcmp(buf, canonical) == 0 && strlen(canonical) <= ICP_CANONICAL_MAX;
        consistent = consistent && icp_kind_name(r.number.kind, buf, sizeof buf) > 0 &&
                     icp_kind_label(r.number.kind, ICP_LANG_ZH, buf, sizeof buf) > 0;
        /* Every kind has digits and a sequence; every kind but public-security numbers a year. */
        consistent = consistent && r.number.digits[0] != '\0' && strstr(canonical, r.number.digits) != NULL &&
                     r.number.sequence > 0 && (r.number.year == 0) == (r.number.kind == ICP_KIND_PSB);
        consistent = consistent && r.error.detail == ICP_DETAIL_NONE;
        consistent = consistent && icp_error_message(&r, ICP_LANG_EN, buf, sizeof buf) == 0;
        if (!fix_names(r.fixes, fixes, sizeof fixes)) {
            snprintf(fixes, sizeof fixes, "unknown fix bits %#x", (unsigned)r.fixes);
        }
        if (lenient || r.fixes != 0) {
            snprintf(got, OUT_MAX, "%s\t%s", canonical, fixes);
        } else {
            snprintf(got, OUT_MAX, "%s", canonical);
        }
    } else if (status == ICP_OK) {
        consistent = consistent && r.expected != ICP_EXPECTED_NONE && r.number.kind == ICP_KIND_NONE;
        consistent = consistent && icp_canonicalize(input, len, options, buf, sizeof buf) == ICP_ERR_INCOMPLETE &&
                     buf[0] == '\0';
        consistent = consistent && icp_error_message(&r, ICP_LANG_ZH, buf, sizeof buf) == 0 && buf[0] == '\0';
        icp_expected_name(r.expected, name, sizeof name);
        snprintf(got, OUT_MAX, "incomplete:%s", name);
    } else {
        size_t en, zh;
        icp_status_name(status, name, sizeof name);
        snprintf(got, OUT_MAX, "%s@%lu", name, (unsigned long)r.error.char_index);
        /* The position in characters, counted here from the byte offset, is the library's. */
        consistent = consistent && r.error.byte_offset <= len &&
                     char_index(input, r.error.byte_offset) == r.error.char_index;
        consistent = consistent && (status != ICP_ERR_INCOMPLETE || r.expected != ICP_EXPECTED_NONE);
        /* The detail tag names the fields that carry the detail, and `expected` only with it. */
        consistent = consistent && r.error.detail <= ICP_DETAIL_CODES &&
                     (r.error.detail == ICP_DETAIL_EXPECTED) == (r.expected != ICP_EXPECTED_NONE);
        /* The message comes from the struct alone; a detail lost on the way would show as the
         * core's `?` placeholder. */
        en = icp_error_message(&r, ICP_LANG_EN, buf, sizeof buf);
        consistent = consistent && en > 0 && strlen(buf) == en && placeholders_filled(buf, input, len);
        zh = icp_error_message(&r, ICP_LANG_ZH, buf, sizeof buf);
        consistent = consistent && zh > 0 && strlen(buf) == zh && placeholders_filled(buf, input, len);
        consistent = consistent && icp_canonicalize(input, len, options, buf, sizeof buf) == status &&
                     buf[0] == '\0';
    }
    return consistent;
}

static int parse_mode(const char *mode, icp_options *options, int *lenient) {
    static const struct {
        const char *name;
        icp_mode mode;
        int lenient;
    } modes[] = {
        {"strict", ICP_MODE_STRICT, 0},
        {"lenient", ICP_MODE_LENIENT, 1},
        {"prefix", ICP_MODE_PREFIX, 0},
        {"prefix-lenient", ICP_MODE_PREFIX_LENIENT, 1},
    };
    size_t i, name_len = strcspn(mode, ":");
    const char *year = mode + name_len;
    options->max_year = 0;
    if (*year == ':') {
        if (strlen(year + 1) != 4 || strspn(year + 1, "0123456789") != 4) {
            return 0;
        }
        options->max_year = (uint16_t)atoi(year + 1);
    }
    for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        if (strlen(modes[i].name) == name_len && strncmp(mode, modes[i].name, name_len) == 0) {
            options->mode = modes[i].mode;
            *lenient = modes[i].lenient;
            return 1;
        }
    }
    return 0;
}

/* Calls `each(file, line number, line)` for every case line of `path`; returns the number of
 * lines, or 0 when the file cannot be read. */
static unsigned long each_line(const char *path, void (*each)(const char *, int, char *)) {
    char *text = read_file(path), *line;
    const char *file = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
    unsigned long cases = 0;
    int line_no = 0;
    if (text == NULL) {
        check_msg(0, "%s: cannot read", path);
        return 0;
    }
    check_msg(strncmp(text, "\xEF\xBB\xBF", 3) != 0, "%s: starts with a byte-order mark", file);
    for (line = text; line != NULL && *line != '\0';) {
        char *end = strchr(line, '\n');
        if (end != NULL) {
            *end = '\0';
        }
        line_no++;
        if (*line != '\0' && *line != '#') {
            if (strchr(line, '\r') != NULL) {
                check_msg(0, "%s:%d: a carriage return (the files use LF line ends)", file, line_no);
            } else {
                each(file, line_no, line);
            }
            cases++;
        }
        line = end != NULL ? end + 1 : NULL;
    }
    free(text);
    return cases;
}

static void vector_case(const char *file, int line_no, char *line) {
    char *fields[5], expected[OUT_MAX], got[OUT_MAX];
    char *input = malloc(strlen(line) + 1);
    int n = split_tabs(line, fields, 4), lenient = 0, consistent;
    long len;
    icp_options options = {ICP_MODE_STRICT, 0};

    if (input == NULL) {
        check_msg(0, "%s:%d: out of memory", file, line_no);
        return;
    }
    len = n >= 3 ? unescape(fields[0], input) : -1;
    if (n < 3 || n > 4 || len < 0 || !parse_mode(fields[1], &options, &lenient)) {
        check_msg(0, "%s:%d: malformed line", file, line_no);
        free(input);
        return;
    }
    if (n == 4) {
        snprintf(expected, sizeof expected, "%s\t%s", fields[2], fields[3]);
    } else {
        snprintf(expected, sizeof expected, "%s", fields[2]);
    }
    consistent = outcome(input, (size_t)len, options, lenient, got);
    check_msg(strcmp(got, expected) == 0 && consistent,
              "%s:%d: input \"%s\", mode %s\n    expected: %s\n    got:      %s%s", file, line_no,
              fields[0], fields[1], expected, got,
              consistent ? "" : "\n    (and the C API's functions disagree with each other)");
    free(input);
}

unsigned long run_vector_file(const char *path) {
    return each_line(path, vector_case);
}

/* Whether two matches are the same number at the same place (field by field: the structs have
 * padding, which memcmp would read). */
static int same_match(const icp_match *a, const icp_match *b) {
    const icp_number *x = &a->number, *y = &b->number;
    return a->start == b->start && a->end == b->end && a->fixes == b->fixes && x->kind == y->kind &&
           x->service == y->service && x->province == y->province &&
           x->telecom_classes == y->telecom_classes && x->year == y->year && x->site == y->site &&
           x->sequence == y->sequence && x->division_code == y->division_code &&
           x->legacy == y->legacy && strcmp(x->digits, y->digits) == 0 &&
           strcmp(x->canonical, y->canonical) == 0;
}

#define MATCHES_MAX 64

/* Feeds `len` bytes at `text` to `stream` in chunks of `size` bytes, each copied into a buffer of
 * exactly its size (so that valgrind sees any read past a chunk) and freed once the stream is done
 * with it (so that it sees any later read of it). `empty_last`: the last chunk is an extra empty
 * one, else the last bytes are. Compares what is found with the `n` matches of `icp_scan_next`;
 * returns 0 on a difference or an unexpected status. */
static int streamed_alike(icp_stream *stream, const char *text, size_t len, size_t size,
                          int empty_last, const icp_match *expected, size_t n) {
    size_t at = 0, found = 0;
    int ok = 1, more = 1;
    while (ok && more) {
        size_t take = len - at < size ? len - at : size;
        int last = empty_last ? take == 0 : at + take == len;
        char *chunk = malloc(take > 0 ? take : 1);
        icp_match m;
        icp_status status;
        if (chunk == NULL) {
            return 0;
        }
        memcpy(chunk, text + at, take);
        while ((status = icp_stream_next(stream, chunk, take, last != 0, &m)) == ICP_OK) {
            ok = ok && found < n && same_match(&m, &expected[found]);
            found++;
        }
        free(chunk);
        ok = ok && status == ICP_DONE;
        at += take;
        more = !last;
    }
    return ok && found == n;
}

static void scan_case(const char *file, int line_no, char *line) {
    static const size_t sizes[] = {1, 2, 3, 7, 64};
    char *fields[3], got[OUT_MAX];
    char *text = malloc(strlen(line) + 1);
    int n = split_tabs(line, fields, 2), consistent = 1;
    size_t got_len = 0, last_end = 0, count = 0, i;
    long len;
    icp_scanner scanner;
    icp_stream stream;
    icp_match m, matches[MATCHES_MAX];
    icp_status status = ICP_DONE;

    if (text == NULL) {
        check_msg(0, "%s:%d: out of memory", file, line_no);
        return;
    }
    len = n == 2 ? unescape(fields[0], text) : -1;
    if (len < 0) {
        check_msg(0, "%s:%d: malformed line", file, line_no);
        free(text);
        return;
    }
    got[0] = '\0';
    consistent = icp_scanner_init(&scanner, text, (size_t)len, 0) == ICP_OK;
    while (consistent && (status = icp_scan_next(&scanner, &m)) == ICP_OK) {
        got_len += (size_t)snprintf(got + got_len, sizeof got - got_len, "%s%s@%lu..%lu",
                                    got_len > 0 ? ";" : "", m.number.canonical,
                                    (unsigned long)char_index(text, m.start),
                                    (unsigned long)char_index(text, m.end));
        consistent = m.start >= last_end && m.end > m.start && m.end <= (size_t)len &&
                     scanner.position == m.end && got_len < sizeof got && count < MATCHES_MAX;
        if (consistent) {
            matches[count++] = m;
        }
        last_end = m.end;
    }
    consistent = consistent && status == ICP_DONE && scanner.position == (size_t)len;
    if (got_len == 0) {
        snprintf(got, sizeof got, "-");
    }
    check_msg(strcmp(got, fields[1]) == 0 && consistent,
              "%s:%d: text \"%s\"\n    expected: %s\n    got:      %s%s", file, line_no, fields[0],
              fields[1], got, consistent ? "" : "\n    (and the scanner's state is inconsistent)");

    /* The stream, fed the text in chunks, finds what icp_scan_next finds in the whole text. One
     * stream serves every chunk size: after the end of an input it is at the start of the next. */
    consistent = consistent && icp_stream_init(&stream, 0) == ICP_OK;
    for (i = 0; consistent && i < sizeof sizes / sizeof sizes[0]; i++) {
        int empty_last = sizes[i] % 2 == 0;
        check_msg(streamed_alike(&stream, text, (size_t)len, sizes[i], empty_last, matches, count),
                  "%s:%d: text \"%s\" fed in chunks of %lu bytes%s: not what icp_scan_next finds",
                  file, line_no, fields[0], (unsigned long)sizes[i],
                  empty_last ? " and an empty last chunk" : "");
    }
    free(text);
}

unsigned long run_scan_file(const char *path) {
    return each_line(path, scan_case);
}
