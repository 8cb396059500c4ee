/*
 * Hostile and edge-case calls of the C API: NULL pointers, zero lengths, invalid UTF-8, lengths
 * no object can have, unknown enum values, buffers of size 0 and 1, very long input, structs the
 * library did not fill; and the parts of the API the vectors do not reach (provinces, names,
 * version, unfinished HTML entities while typing). Every call must return a defined answer; valgrind checks that none reads or writes
 * out of bounds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "icp_number.h"

#define S(text) text, (sizeof text - 1)

static const icp_options STRICT = {ICP_MODE_STRICT, 0};
static const icp_options LENIENT = {ICP_MODE_LENIENT, 0};

/* A buffer with a guard byte pattern after `size` bytes, to see writes past the end. */
static char buf[256];
static void fill_buf(void) { memset(buf, '#', sizeof buf); }
static int untouched_from(size_t from) {
    size_t i;
    for (i = from; i < sizeof buf; i++) {
        if (buf[i] != '#') {
            return 0;
        }
    }
    return 1;
}

static void null_and_empty_input(void) {
    icp_result r;
    CHECK(icp_parse(NULL, 0, STRICT, &r) == ICP_ERR_NULL_POINTER && r.status == ICP_ERR_NULL_POINTER);
    CHECK(icp_parse(NULL, 12, LENIENT, &r) == ICP_ERR_NULL_POINTER && !r.complete);
    CHECK(icp_parse(S("京ICP备12345678号"), STRICT, NULL) == ICP_ERR_NULL_POINTER);
    CHECK(icp_parse(NULL, 0, STRICT, NULL) == ICP_ERR_NULL_POINTER);
    /* Zero length with a valid pointer is the empty input, in every mode. */
    CHECK(icp_parse("京ICP备12345678号", 0, STRICT, &r) == ICP_ERR_EMPTY && r.error.char_index == 0);
    CHECK(icp_parse("", 0, LENIENT, &r) == ICP_ERR_EMPTY);
    CHECK(icp_parse("", 0, (icp_options){ICP_MODE_PREFIX_LENIENT, 0}, &r) == ICP_OK && !r.complete &&
          r.expected == ICP_EXPECTED_PROVINCE);
    CHECK(icp_parse(S(" \t "), LENIENT, &r) == ICP_ERR_EMPTY);
    CHECK(!icp_is_valid(NULL, 0) && !icp_is_valid(NULL, 5) && !icp_is_valid("", 0));
    CHECK(icp_is_valid(S("京ICP备12345678号")) && !icp_is_valid(S("京ICP备12345678")));
    /* A length above PTRDIFF_MAX is refused before the pointer is read. */
    CHECK(icp_parse("x", SIZE_MAX, STRICT, &r) == ICP_ERR_INVALID_ARGUMENT);
    CHECK(icp_parse("x", (size_t)PTRDIFF_MAX + 1, LENIENT, &r) == ICP_ERR_INVALID_ARGUMENT);
    CHECK(!icp_is_valid("x", SIZE_MAX));
    /* An embedded NUL is a character like any other: never read as the end. */
    CHECK(icp_parse("京ICP备12345678号\0", sizeof "京ICP备12345678号", STRICT, &r) == ICP_ERR_TRAILING_INPUT &&
          r.error.char_index == 14 && r.error.detail == ICP_DETAIL_CHAR && r.error.character == 0);
    /* The struct says U+0000 exactly; the message, a C string, shows it as `?`, never a NUL. */
    CHECK(icp_error_message(&r, ICP_LANG_EN, buf, sizeof buf) == strlen("unexpected text “?” after the number") &&
          strcmp(buf, "unexpected text “?” after the number") == 0);
    CHECK(icp_parse("京ICP备1234\0" "5678号", sizeof "京ICP备1234\0" "5678号" - 1, LENIENT, &r) != ICP_OK);
}

static void invalid_utf8(void) {
    icp_result r;
    /* A stray continuation byte after 京: offset 3, character 1. */
    CHECK(icp_parse(S("京\x80ICP备12345678号"), STRICT, &r) == ICP_ERR_INVALID_UTF8 &&
          r.error.byte_offset == 3 && r.error.char_index == 1);
    /* Truncated at the end, overlong, a surrogate, a code point past U+10FFFF, 0xFF. */
    CHECK(icp_parse(S("京ICP备12345678\xe5\x8f"), LENIENT, &r) == ICP_ERR_INVALID_UTF8 &&
          r.error.byte_offset == 17 && r.error.char_index == 13);
    CHECK(icp_parse(S("\xc0\xae"), STRICT, &r) == ICP_ERR_INVALID_UTF8 && r.error.byte_offset == 0);
    CHECK(icp_parse(S("\xed\xa0\x80"), LENIENT, &r) == ICP_ERR_INVALID_UTF8);
    CHECK(icp_parse(S("\xf4\x90\x80\x80"), STRICT, &r) == ICP_ERR_INVALID_UTF8);
    CHECK(icp_parse(S("\xff"), (icp_options){ICP_MODE_PREFIX_LENIENT, 0}, &r) == ICP_ERR_INVALID_UTF8);
    CHECK(!icp_is_valid(S("\xff")));
    CHECK(icp_canonicalize(S("\xff"), LENIENT, buf, sizeof buf) == ICP_ERR_INVALID_UTF8 && buf[0] == '\0');
    CHECK(icp_parse(S("\xff"), STRICT, &r) == ICP_ERR_INVALID_UTF8 &&
          icp_error_message(&r, ICP_LANG_EN, buf, sizeof buf) > 0 && strcmp(buf, "the input is not valid UTF-8") == 0);
    CHECK(icp_parse(NULL, 0, STRICT, &r) == ICP_ERR_NULL_POINTER &&
          icp_error_message(&r, ICP_LANG_ZH, buf, sizeof buf) > 0 && strstr(buf, "NULL") != NULL);
}

static void unknown_enum_values(void) {
    icp_result r;
    CHECK(icp_parse(S("京ICP备12345678号"), (icp_options){4, 0}, &r) == ICP_ERR_INVALID_ARGUMENT &&
          r.status == ICP_ERR_INVALID_ARGUMENT && !r.complete);
    CHECK(icp_parse(S("京ICP备12345678号"), (icp_options){UINT32_MAX, 0}, &r) == ICP_ERR_INVALID_ARGUMENT);
    CHECK(icp_canonicalize(S("京ICP备12345678号"), (icp_options){99, 0}, buf, sizeof buf) ==
          ICP_ERR_INVALID_ARGUMENT);
    CHECK(icp_parse(S("川ICP备12345678号"), STRICT, &r) == ICP_ERR_WRONG_ABBREVIATION &&
          icp_error_message(&r, 2, buf, sizeof buf) == 0 && buf[0] == '\0');
    CHECK(icp_parse(S("x"), (icp_options){7, 0}, &r) == ICP_ERR_INVALID_ARGUMENT &&
          icp_error_message(&r, ICP_LANG_EN, buf, sizeof buf) > 0 && strcmp(buf, "an argument is out of range") == 0);
    CHECK(icp_fix_name(0, buf, sizeof buf) == 0 && buf[0] == '\0');
    CHECK(icp_fix_name(ICP_FIX_SPACE | ICP_FIX_LOWERCASE, buf, sizeof buf) == 0);
    CHECK(icp_fix_name(1u << 12, buf, sizeof buf) == 0);
    CHECK(icp_fix_name(1u << 11, buf, sizeof buf) == 0); /* retired: year_out_of_range */
    CHECK(icp_fix_label(ICP_FIX_SPACE, 5, buf, sizeof buf) == 0);
    CHECK(icp_kind_name(ICP_KIND_NONE, buf, sizeof buf) == 0 && icp_kind_name(200, buf, sizeof buf) == 0);
    CHECK(icp_kind_label(ICP_KIND_NONE, ICP_LANG_EN, buf, sizeof buf) == 0 && buf[0] == '\0');
    CHECK(icp_kind_label(ICP_KIND_PSB, 2, buf, sizeof buf) == 0 && icp_kind_label(5, ICP_LANG_ZH, buf, sizeof buf) == 0);
    CHECK(icp_service_label(ICP_SERVICE_NONE, ICP_LANG_ZH, buf, sizeof buf) == 0);
    CHECK(icp_service_label(ICP_SERVICE_APP, UINT32_MAX, buf, sizeof buf) == 0);
    CHECK(icp_expected_label(ICP_EXPECTED_NONE, ICP_LANG_EN, buf, sizeof buf) == 0);
    CHECK(icp_service_name(ICP_SERVICE_NONE, buf, sizeof buf) == 0);
    CHECK(icp_expected_name(ICP_EXPECTED_NONE, buf, sizeof buf) == 0 && icp_expected_name(8, buf, sizeof buf) == 0);
    CHECK(icp_status_name(2, buf, sizeof buf) == 0 && icp_status_name(999, buf, sizeof buf) == 0);
}

static void small_buffers(void) {
    icp_result r;
    size_t needed;
    const char *canonical = "京ICP备12345678号-1";
    size_t len = strlen(canonical);
    CHECK(icp_parse(S("京 ICP 备 12345678 号 - 1"), LENIENT, &r) == ICP_OK);

    fill_buf();
    CHECK(icp_canonical(&r.number, buf, 0) == len && untouched_from(0));
    CHECK(icp_canonical(&r.number, NULL, 0) == len);
    CHECK(icp_canonical(&r.number, NULL, 100) == len);
    CHECK(icp_canonical(&r.number, buf, 1) == len && buf[0] == '\0' && untouched_from(1));
    /* 京 is 3 bytes: a 3-byte buffer holds only the NUL, a 4-byte one 京 and the NUL. */
    fill_buf();
    CHECK(icp_canonical(&r.number, buf, 3) == len && buf[0] == '\0' && untouched_from(3));
    fill_buf();
    CHECK(icp_canonical(&r.number, buf, 4) == len && strcmp(buf, "京") == 0 && untouched_from(4));
    fill_buf();
    CHECK(icp_canonical(&r.number, buf, len) == len && strlen(buf) == len - 1 && untouched_from(len));
    fill_buf();
    CHECK(icp_canonical(&r.number, buf, len + 1) == len && strcmp(buf, canonical) == 0 &&
          untouched_from(len + 1));
    fill_buf();
    CHECK(icp_main_number(&r.number, buf, 5) == len - 2 && strcmp(buf, "京I") == 0 && untouched_from(5));
    fill_buf();
    CHECK(icp_query_url(&r.number, buf, 1) == strlen("https://beian.miit.gov.cn/") && buf[0] == '\0' &&
          untouched_from(1));

    fill_buf();
    CHECK(icp_canonicalize(S("京ICP备12345678号-1"), STRICT, buf, 0) == ICP_ERR_BUFFER_TOO_SMALL &&
          untouched_from(0));
    CHECK(icp_canonicalize(S("京ICP备12345678号-1"), STRICT, buf, 1) == ICP_ERR_BUFFER_TOO_SMALL &&
          buf[0] == '\0' && untouched_from(1));
    CHECK(icp_canonicalize(S("京ICP备12345678号-1"), STRICT, NULL, 0) == ICP_ERR_BUFFER_TOO_SMALL);
    CHECK(icp_canonicalize(S("京ICP备12345678号-1"), STRICT, buf, len) == ICP_ERR_BUFFER_TOO_SMALL);
    CHECK(icp_canonicalize(S("京ICP备12345678号-1"), STRICT, buf, len + 1) == ICP_OK &&
          strcmp(buf, canonical) == 0);
    CHECK(icp_canonicalize(NULL, 3, STRICT, buf, sizeof buf) == ICP_ERR_NULL_POINTER && buf[0] == '\0');
    CHECK(icp_canonicalize(S("京ICP备1234"), (icp_options){ICP_MODE_PREFIX_LENIENT, 0}, buf, sizeof buf) ==
          ICP_ERR_INCOMPLETE);

    /* Messages: the length needed, whatever the buffer. */
    CHECK(icp_parse(S("川ICP备12345678号"), STRICT, &r) == ICP_ERR_WRONG_ABBREVIATION);
    needed = icp_error_message(&r, ICP_LANG_ZH, NULL, 0);
    CHECK(needed == strlen("四川的ICP备案号使用“蜀”而不是“川”"));
    fill_buf();
    CHECK(icp_error_message(&r, ICP_LANG_ZH, buf, 0) == needed && untouched_from(0));
    CHECK(icp_error_message(&r, ICP_LANG_ZH, buf, 1) == needed && buf[0] == '\0' && untouched_from(1));
    CHECK(icp_error_message(&r, ICP_LANG_ZH, buf, 8) == needed && strcmp(buf, "四川") == 0 && untouched_from(8));
    CHECK(icp_error_message(&r, ICP_LANG_EN, buf, sizeof buf) > 0 &&
          strcmp(buf, "Sichuan ICP numbers use 蜀, not 川") == 0);
    CHECK(icp_parse(S("京ICP备12345678号"), STRICT, &r) == ICP_OK &&
          icp_error_message(&r, ICP_LANG_EN, buf, sizeof buf) == 0 && buf[0] == '\0');
    fill_buf();
    CHECK(icp_status_name(ICP_ERR_WRONG_ABBREVIATION, buf, 1) == strlen("WRONG_ABBREVIATION") &&
          buf[0] == '\0' && untouched_from(1));
    CHECK(icp_fix_label(ICP_FIX_TRADITIONAL, ICP_LANG_ZH, NULL, 0) == strlen("繁体字改为简体"));
}

static void structs_not_from_the_library(void) {
    icp_number n;
    icp_result r;
    uint32_t code;
    size_t messages = 0, mismatched = 0;
    CHECK(icp_canonical(NULL, buf, sizeof buf) == 0 && buf[0] == '\0');
    CHECK(icp_main_number(NULL, NULL, 0) == 0);
    CHECK(icp_query_url(NULL, buf, 1) == 0);
    memset(&n, 0, sizeof n);
    CHECK(icp_canonical(&n, buf, sizeof buf) == 0 && buf[0] == '\0');
    memset(&n, 0xff, sizeof n);
    CHECK(icp_canonical(&n, buf, sizeof buf) == 0 && icp_query_url(&n, buf, sizeof buf) == 0);
    /* The canonical text is the number's identity; anything else there is refused. */
    CHECK(icp_parse(S("京公网安备11010802020088号"), STRICT, &r) == ICP_OK);
    n = r.number;
    CHECK(icp_query_url(&n, buf, sizeof buf) > 0 &&
          strcmp(buf, "https://beian.mps.gov.cn/#/query/webSearch?code=11010802020088") == 0);
    n.kind = 200; /* Other fields are never read back. */
    CHECK(icp_main_number(&n, buf, sizeof buf) > 0 && strcmp(buf, "京公网安备11010802020088号") == 0);
    memcpy(n.canonical, "京 ICP备12345678号", sizeof "京 ICP备12345678号");
    CHECK(icp_canonical(&n, buf, sizeof buf) == 0);
    memset(n.canonical, 'A', sizeof n.canonical); /* Not NUL-terminated. */
    CHECK(icp_canonical(&n, buf, sizeof buf) == 0);
    memcpy(n.canonical, "京ICP证030173号", sizeof "京ICP证030173号");
    CHECK(icp_canonical(&n, buf, sizeof buf) > 0 && strcmp(buf, "京ICP证030173号") == 0);

    /* Messages are rendered from the result's fields alone, whatever the caller put there. */
    CHECK(icp_error_message(NULL, ICP_LANG_EN, buf, sizeof buf) == 0 && buf[0] == '\0');
    memset(&r, 0, sizeof r); /* ICP_OK */
    CHECK(icp_error_message(&r, ICP_LANG_EN, buf, sizeof buf) == 0);
    memset(&r, 0xff, sizeof r); /* Not a status. */
    CHECK(icp_error_message(&r, ICP_LANG_ZH, buf, sizeof buf) == 0 && buf[0] == '\0');
    /* Every status has a message but ICP_OK; nothing else has one. Zeroed details read as none. */
    for (code = 0; code < 2000; code++) {
        size_t len;
        memset(&r, 0, sizeof r);
        r.status = code;
        len = icp_error_message(&r, ICP_LANG_EN, buf, sizeof buf);
        messages += len > 0;
        mismatched += strlen(buf) != len || (len > 0) != (code != ICP_OK && icp_status_name(code, NULL, 0) > 0);
    }
    CHECK(messages == 36 && mismatched == 0);
    CHECK(icp_parse(S("川ICP备12345678号"), STRICT, &r) == ICP_ERR_WRONG_ABBREVIATION);
    r.error.kind = 200; /* Not an icp_kind, and the other details no longer fit. */
    r.expected = 99;
    r.error.character = 0xD800; /* A surrogate: no character. */
    r.error.province = 99;
    CHECK(icp_error_message(&r, ICP_LANG_EN, buf, sizeof buf) == strlen(buf) && strcmp(buf, "? ? numbers use ?, not ?") == 0);
    CHECK(icp_parse(S("川ICP备12345678号"), STRICT, &r) == ICP_ERR_WRONG_ABBREVIATION);
    r.error.detail = 77; /* Not an icp_detail: every detail reads as `?`. */
    CHECK(icp_error_message(&r, ICP_LANG_ZH, buf, sizeof buf) > 0 && strcmp(buf, "?的?使用“?”而不是“?”") == 0);
    r.error.detail = ICP_DETAIL_NONE;
    CHECK(icp_error_message(&r, ICP_LANG_EN, buf, sizeof buf) > 0 && strcmp(buf, "? ? numbers use ?, not ?") == 0);
    r.error.detail = ICP_DETAIL_ABBREVIATION;
    r.error.province = 62; /* Gansu: the message follows the fields. */
    r.error.character = 0x7518; /* 甘 */
    CHECK(icp_error_message(&r, ICP_LANG_EN, buf, sizeof buf) > 0 && strcmp(buf, "Gansu ICP numbers use 陇, not 甘") == 0);
    CHECK(icp_parse(S("京ICP备123"), STRICT, &r) == ICP_ERR_BAD_LENGTH && r.error.detail == ICP_DETAIL_LENGTH);
    r.error.length = 250;
    CHECK(icp_error_message(&r, ICP_LANG_EN, buf, sizeof buf) > 0 && strcmp(buf, "expected 6, 8 or 10 digits, found 250") == 0);
    r.status = ICP_DONE;
    CHECK(icp_error_message(&r, ICP_LANG_EN, buf, sizeof buf) > 0 && strcmp(buf, "no further number in the text") == 0);
}

/* ICP_MODE_PREFIX_LENIENT, as the user types: a complete number followed by the start of &nbsp;,
 * &#160; or &#xa0; waits for the rest of the entity. */
static void unfinished_entities(void) {
    static const char *const typed[] = {
        "京ICP备12345678号&",       "京ICP备12345678号&nb",     "京ICP备12345678号&nbsp",
        "京ICP备12345678号-1&#16",  "京ICP备12345678号&#xa",    "京公网安备11010802020088号&#x",
        "B2-20090028&nb",           "京ICP备12345678号 &nb",
    };
    const icp_options prefix = {ICP_MODE_PREFIX_LENIENT, 0}, prefix_strict = {ICP_MODE_PREFIX, 0};
    const icp_options zero = {0, 0};
    icp_result r;
    size_t i;
    for (i = 0; i < sizeof typed / sizeof typed[0]; i++) {
        const char *t = typed[i];
        int ok = icp_parse(t, strlen(t), prefix, &r) == ICP_OK && !r.complete &&
                 r.expected == ICP_EXPECTED_ENTITY && r.number.kind == ICP_KIND_NONE && r.fixes == 0;
        ok = ok && icp_error_message(&r, ICP_LANG_EN, buf, sizeof buf) == 0;
        ok = ok && icp_canonicalize(t, strlen(t), prefix, buf, sizeof buf) == ICP_ERR_INCOMPLETE && buf[0] == '\0';
        ok = ok && !icp_is_valid(t, strlen(t));
        check_msg(ok, "\"%s\" in ICP_MODE_PREFIX_LENIENT: expected ICP_OK, incomplete, ICP_EXPECTED_ENTITY", t);
    }
    CHECK(icp_expected_name(ICP_EXPECTED_ENTITY, buf, sizeof buf) == strlen("entity") && strcmp(buf, "entity") == 0);
    /* Finished, the entity is a space lenient mode removes. */
    CHECK(icp_parse(S("京ICP备12345678号&nbsp;"), prefix, &r) == ICP_OK && r.complete &&
          r.expected == ICP_EXPECTED_NONE && r.fixes == ICP_FIX_SPACE &&
          strcmp(r.number.canonical, "京ICP备12345678号") == 0);
    /* Before the number is complete, the digits come first. */
    CHECK(icp_parse(S("京ICP备1234&nb"), prefix, &r) == ICP_OK && !r.complete && r.expected == ICP_EXPECTED_DIGITS);
    /* Strict modes know no entities: text after the number. The plain names and zeroed
     * options are strict. */
    CHECK(ICP_MODE_STRICT == 0 && ICP_MODE_LENIENT == 1 && ICP_MODE_PREFIX_LENIENT == 2 && ICP_MODE_PREFIX == 3);
    CHECK(icp_parse(S("京 ICP备1234"), prefix_strict, &r) == ICP_ERR_WHITESPACE);
    CHECK(icp_parse(S("京 ICP备1234"), prefix, &r) == ICP_OK && !r.complete && r.expected == ICP_EXPECTED_DIGITS);
    CHECK(icp_parse(S("京 ICP备12345678号"), zero, &r) == ICP_ERR_WHITESPACE &&
          !icp_is_valid(S("京 ICP备12345678号")));
    CHECK(icp_canonicalize(S("京 ICP备12345678号"), zero, buf, sizeof buf) == ICP_ERR_WHITESPACE &&
          icp_canonicalize(S("京 ICP备12345678号"), LENIENT, buf, sizeof buf) == ICP_OK);
    CHECK(icp_parse(S("京ICP备12345678号&nb"), prefix_strict, &r) == ICP_ERR_TRAILING_INPUT &&
          r.error.character == '&' && r.expected == ICP_EXPECTED_NONE);
    CHECK(icp_parse(S("京ICP备12345678号&nb"), LENIENT, &r) == ICP_ERR_TRAILING_INPUT);
    CHECK(icp_parse(S("京ICP备12345678号&amp"), prefix, &r) == ICP_ERR_TRAILING_INPUT);
}

static void very_long_input(void) {
    const size_t len = 1 << 18; /* 256 KiB: a thousand times what the scanner reads per number */
    char *text = malloc(len + 64);
    icp_result r;
    icp_scanner s;
    icp_match m;
    size_t i;
    if (text == NULL) {
        CHECK(!"out of memory");
        return;
    }
    for (i = 0; i + 3 <= len; i += 3) {
        memcpy(text + i, "京", 3);
    }
    CHECK(icp_parse(text, i, STRICT, &r) == ICP_ERR_UNKNOWN_MARKER && r.error.char_index == 1);
    CHECK(icp_parse(text, i, LENIENT, &r) != ICP_OK && r.error.byte_offset <= i);
    CHECK(icp_parse(text, i, (icp_options){ICP_MODE_PREFIX_LENIENT, 0}, &r) != ICP_OK);
    CHECK(icp_parse(text, i, LENIENT, &r) != ICP_OK && icp_error_message(&r, ICP_LANG_ZH, buf, sizeof buf) > 0);
    memset(text, ' ', len);
    memcpy(text + len / 2, "京ICP备12345678号", strlen("京ICP备12345678号"));
    CHECK(icp_parse(text, len, STRICT, &r) == ICP_ERR_WHITESPACE && r.error.byte_offset == 0);
    CHECK(icp_parse(text, len, LENIENT, &r) == ICP_OK && r.fixes == ICP_FIX_SPACE &&
          strcmp(r.number.canonical, "京ICP备12345678号") == 0);
    memset(text, '9', len);
    CHECK(icp_parse(text, len, LENIENT, &r) != ICP_OK);
    memcpy(text, "京ICP备", strlen("京ICP备"));
    CHECK(icp_parse(text, len, STRICT, &r) == ICP_ERR_BAD_LENGTH && r.error.char_index == 5);
    CHECK(icp_parse(text, len, (icp_options){ICP_MODE_PREFIX, 0}, &r) == ICP_ERR_BAD_LENGTH);

    /* 256 KiB of text with one number at the end, and invalid UTF-8 along the way. */
    memset(text, 'x', len);
    text[1000] = (char)0xff;
    text[2000] = (char)0xe4;
    strcpy(text + len, " 粤B2-20090059");
    CHECK(icp_scanner_init(&s, text, strlen(text), 0) == ICP_OK);
    CHECK(icp_scan_next(&s, &m) == ICP_OK && m.start == len + 1 && m.end == strlen(text) &&
          strcmp(m.number.canonical, "粤B2-20090059") == 0 && m.number.kind == ICP_KIND_TELECOM);
    CHECK(icp_scan_next(&s, &m) == ICP_DONE && s.position == strlen(text));
    free(text);
}

static void scanner(void) {
    const char *text = "京ICP备12345678号 \xff 京ICP证030173号 沪公网安备31011002002436号";
    icp_scanner s;
    icp_match m;
    memset(&s, 0, sizeof s);
    CHECK(icp_scanner_init(NULL, S("京ICP备12345678号"), 0) == ICP_ERR_NULL_POINTER);
    CHECK(icp_scanner_init(&s, NULL, 10, 0) == ICP_ERR_NULL_POINTER && s.text == NULL);
    CHECK(icp_scanner_init(&s, "x", SIZE_MAX, 0) == ICP_ERR_INVALID_ARGUMENT);
    CHECK(icp_scan_next(NULL, &m) == ICP_ERR_NULL_POINTER);
    CHECK(icp_scan_next(&s, &m) == ICP_ERR_NULL_POINTER); /* Its text is still NULL. */
    CHECK(icp_scanner_init(&s, text, strlen(text), 0) == ICP_OK && s.position == 0);
    CHECK(icp_scan_next(&s, NULL) == ICP_ERR_NULL_POINTER && s.position == 0);
    CHECK(icp_scan_next(&s, &m) == ICP_OK && m.start == 0 && m.number.kind == ICP_KIND_FILING);
    CHECK(icp_scan_next(&s, &m) == ICP_OK && strcmp(m.number.canonical, "京ICP证030173号") == 0);
    CHECK(icp_scan_next(&s, &m) == ICP_OK && m.number.province == 31 && m.end == strlen(text));
    CHECK(icp_scan_next(&s, &m) == ICP_DONE && icp_scan_next(&s, &m) == ICP_DONE);
    /* Positions set by the caller: past the end, inside a character. */
    s.position = strlen(text) + 100;
    CHECK(icp_scan_next(&s, &m) == ICP_DONE && s.position == strlen(text));
    s.position = 1;
    CHECK(icp_scan_next(&s, &m) == ICP_OK && strcmp(m.number.canonical, "京ICP证030173号") == 0);
    s.len = SIZE_MAX;
    CHECK(icp_scan_next(&s, &m) == ICP_ERR_INVALID_ARGUMENT);
    /* An empty text, a year limit. */
    CHECK(icp_scanner_init(&s, "", 0, 0) == ICP_OK && icp_scan_next(&s, &m) == ICP_DONE);
    CHECK(icp_scanner_init(&s, S("京ICP备2025012345号"), 2024) == ICP_OK && icp_scan_next(&s, &m) == ICP_DONE);
    CHECK(icp_scanner_init(&s, S("京ICP备2025012345号"), 0) == ICP_OK && icp_scan_next(&s, &m) == ICP_OK &&
          m.number.year == 2025 && m.number.sequence == 12345);
}

static void provinces(void) {
    icp_province p, q;
    icp_char_form form = ICP_CHAR_FORM_NONE;
    size_t i, count = icp_province_count();
    CHECK(count == 31);
    for (i = 0; i < count; i++) {
        int ok = icp_province_at(i, &p) == ICP_OK;
        ok = ok && icp_province_by_gb_code(p.gb_code, &q) == ICP_OK && strcmp(q.name_en, p.name_en) == 0;
        ok = ok && icp_province_by_iso_code(p.iso_code, strlen(p.iso_code), &q) == ICP_OK && q.gb_code == p.gb_code;
        ok = ok && icp_province_by_char(p.icp_abbr, strlen(p.icp_abbr), &q, &form) == ICP_OK &&
             q.gb_code == p.gb_code && form == ICP_CHAR_FORM_OFFICIAL;
        ok = ok && icp_province_by_char(p.psb_abbr, strlen(p.psb_abbr), &q, NULL) == ICP_OK && q.gb_code == p.gb_code;
        ok = ok && strncmp(p.iso_code, "CN-", 3) == 0 && strlen(p.name_zh) >= 6;
        check_msg(ok, "province %lu (%s) does not read back through every look-up", (unsigned long)i, p.name_en);
    }
    CHECK(icp_province_by_gb_code(51, &p) == ICP_OK && strcmp(p.icp_abbr, "蜀") == 0 &&
          strcmp(p.psb_abbr, "川") == 0 && strcmp(p.name_zh, "四川") == 0 && strcmp(p.name_en, "Sichuan") == 0 &&
          strcmp(p.iso_code, "CN-SC") == 0);
    CHECK(icp_province_at(count, &p) == ICP_ERR_INVALID_ARGUMENT);
    CHECK(icp_province_at(SIZE_MAX, &p) == ICP_ERR_INVALID_ARGUMENT);
    CHECK(icp_province_at(0, NULL) == ICP_ERR_NULL_POINTER);
    CHECK(icp_province_by_gb_code(0, &p) == ICP_ERR_UNKNOWN_PROVINCE);
    CHECK(icp_province_by_gb_code(71, &p) == ICP_ERR_UNKNOWN_PROVINCE);
    CHECK(icp_province_by_gb_code(11 + 256, &p) == ICP_ERR_UNKNOWN_PROVINCE);
    CHECK(icp_province_by_gb_code(11, NULL) == ICP_ERR_NULL_POINTER);
    CHECK(icp_province_by_gb_code(71, NULL) == ICP_ERR_NULL_POINTER);
    CHECK(icp_province_by_iso_code(S("gd"), &p) == ICP_OK && p.gb_code == 44);
    CHECK(icp_province_by_iso_code(S("CN-HK"), &p) == ICP_ERR_UNKNOWN_PROVINCE);
    CHECK(icp_province_by_iso_code(NULL, 0, &p) == ICP_ERR_NULL_POINTER);
    CHECK(icp_province_by_iso_code(S("\xff"), &p) == ICP_ERR_INVALID_UTF8);
    CHECK(icp_province_by_iso_code("", 0, &p) == ICP_ERR_UNKNOWN_PROVINCE);
    CHECK(icp_province_by_char(S("粵"), &p, &form) == ICP_OK && p.gb_code == 44 && form == ICP_CHAR_FORM_TRADITIONAL);
    CHECK(icp_province_by_char(S("云"), &p, &form) == ICP_OK && strcmp(p.icp_abbr, "滇") == 0 &&
          form == ICP_CHAR_FORM_ALIAS);
    CHECK(icp_province_by_char(S("港"), &p, &form) == ICP_ERR_NOT_MAINLAND && form == ICP_CHAR_FORM_NONE);
    CHECK(icp_province_by_char(S("X"), &p, &form) == ICP_ERR_UNKNOWN_PROVINCE);
    CHECK(icp_province_by_char("", 0, &p, &form) == ICP_ERR_INVALID_ARGUMENT);
    CHECK(icp_province_by_char(S("京津"), &p, &form) == ICP_ERR_INVALID_ARGUMENT);
    CHECK(icp_province_by_char(S("\xe4\xba"), &p, &form) == ICP_ERR_INVALID_UTF8);
    CHECK(icp_province_by_char(NULL, 3, &p, &form) == ICP_ERR_NULL_POINTER);
    CHECK(icp_province_by_char(S("京"), NULL, &form) == ICP_ERR_NULL_POINTER);
}

/* The header's constants carry the core's codes and names. */
static void codes_and_names(void) {
    static const struct {
        icp_status code;
        const char *name;
    } statuses[] = {
        {ICP_OK, "OK"},
        {ICP_DONE, "DONE"},
        {ICP_ERR_EMPTY, "EMPTY"},
        {ICP_ERR_INCOMPLETE, "INCOMPLETE"},
        {ICP_ERR_TRAILING_INPUT, "TRAILING_INPUT"},
        {ICP_ERR_UNEXPECTED_CHARACTER, "UNEXPECTED_CHARACTER"},
        {ICP_ERR_WHITESPACE, "WHITESPACE"},
        {ICP_ERR_SEPARATOR, "SEPARATOR"},
        {ICP_ERR_FULL_WIDTH, "FULL_WIDTH"},
        {ICP_ERR_TRADITIONAL, "TRADITIONAL"},
        {ICP_ERR_LOWERCASE, "LOWERCASE"},
        {ICP_ERR_NOT_A_NUMBER, "NOT_A_NUMBER"},
        {ICP_ERR_MISSING_PROVINCE, "MISSING_PROVINCE"},
        {ICP_ERR_UNKNOWN_PROVINCE, "UNKNOWN_PROVINCE"},
        {ICP_ERR_WRONG_ABBREVIATION, "WRONG_ABBREVIATION"},
        {ICP_ERR_NOT_MAINLAND, "NOT_MAINLAND"},
        {ICP_ERR_BAD_LENGTH, "BAD_LENGTH"},
        {ICP_ERR_IMPOSSIBLE_YEAR, "IMPOSSIBLE_YEAR"},
        {ICP_ERR_ZERO_SEQUENCE, "ZERO_SEQUENCE"},
        {ICP_ERR_BAD_SITE_NUMBER, "BAD_SITE_NUMBER"},
        {ICP_ERR_BAD_SERVICE_LETTER, "BAD_SERVICE_LETTER"},
        {ICP_ERR_MISSING_MARKER, "MISSING_MARKER"},
        {ICP_ERR_UNKNOWN_MARKER, "UNKNOWN_MARKER"},
        {ICP_ERR_BEIAN_MARKER, "BEIAN_MARKER"},
        {ICP_ERR_MISSING_HAO, "MISSING_HAO"},
        {ICP_ERR_SITE_BEFORE_HAO, "SITE_BEFORE_HAO"},
        {ICP_ERR_TELECOM_HAO, "TELECOM_HAO"},
        {ICP_ERR_UNKNOWN_TELECOM_CLASS, "UNKNOWN_TELECOM_CLASS"},
        {ICP_ERR_TELECOM_CLASS_ORDER, "TELECOM_CLASS_ORDER"},
        {ICP_ERR_PSB_PROVINCE_MISMATCH, "PSB_PROVINCE_MISMATCH"},
        {ICP_ERR_LEGACY_PSB_OUTSIDE_BEIJING, "LEGACY_PSB_OUTSIDE_BEIJING"},
        {ICP_ERR_NULL_POINTER, "NULL_POINTER"},
        {ICP_ERR_INVALID_UTF8, "INVALID_UTF8"},
        {ICP_ERR_BUFFER_TOO_SMALL, "BUFFER_TOO_SMALL"},
        {ICP_ERR_PANIC, "PANIC"},
        {ICP_ERR_INVALID_ARGUMENT, "INVALID_ARGUMENT"},
        {ICP_ERR_UNINITIALISED, "UNINITIALISED"},
    };
    static const struct {
        unsigned fix;
        const char *name;
    } fixes[] = {
        {ICP_FIX_SPACE, "space"},
        {ICP_FIX_SEPARATOR, "separator"},
        {ICP_FIX_FULL_WIDTH, "full_width"},
        {ICP_FIX_LOWERCASE, "lowercase"},
        {ICP_FIX_TRADITIONAL, "traditional"},
        {ICP_FIX_PROVINCE_ALIAS, "province_alias"},
        {ICP_FIX_BEIAN_MARKER, "beian_marker"},
        {ICP_FIX_MISSING_HAO, "missing_hao"},
        {ICP_FIX_SITE_BEFORE_HAO, "site_before_hao"},
        {ICP_FIX_TELECOM_HAO, "telecom_hao"},
        {ICP_FIX_TRAILING_PUNCTUATION, "trailing_punctuation"},
    };
    size_t i, named = 0;
    uint32_t code;
    for (i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        check_msg(icp_status_name(statuses[i].code, buf, sizeof buf) > 0 && strcmp(buf, statuses[i].name) == 0,
                  "status %u is named \"%s\", expected \"%s\"", (unsigned)statuses[i].code, buf, statuses[i].name);
    }
    /* No code outside the header's list has a name. */
    for (code = 0; code < 2000; code++) {
        named += icp_status_name(code, NULL, 0) > 0;
    }
    CHECK(named == sizeof statuses / sizeof statuses[0]);
    for (i = 0; i < sizeof fixes / sizeof fixes[0]; i++) {
        check_msg(icp_fix_name(fixes[i].fix, buf, sizeof buf) > 0 && strcmp(buf, fixes[i].name) == 0 &&
                      icp_fix_label(fixes[i].fix, ICP_LANG_EN, buf, sizeof buf) > 0 &&
                      icp_fix_label(fixes[i].fix, ICP_LANG_ZH, buf, sizeof buf) > 0,
                  "fix %#x is not named \"%s\" or has no labels", fixes[i].fix, fixes[i].name);
    }
    CHECK(icp_fix_label(ICP_FIX_FULL_WIDTH, ICP_LANG_ZH, buf, sizeof buf) > 0 && strcmp(buf, "全角字符改为半角") == 0);
    CHECK(icp_expected_name(ICP_EXPECTED_SITE_NUMBER, buf, sizeof buf) > 0 && strcmp(buf, "site_number") == 0);
    CHECK(icp_expected_name(ICP_EXPECTED_TELECOM_CLASS, buf, sizeof buf) > 0 && strcmp(buf, "telecom_class") == 0);
    CHECK(icp_expected_name(ICP_EXPECTED_ENTITY, buf, sizeof buf) > 0 && strcmp(buf, "entity") == 0);
    CHECK(icp_kind_name(ICP_KIND_LICENCE, buf, sizeof buf) > 0 && strcmp(buf, "licence") == 0);
    CHECK(icp_service_name(ICP_SERVICE_MINI_PROGRAM, buf, sizeof buf) > 0 && strcmp(buf, "mini_program") == 0);
    /* Labels for people, from the core: every kind and service has one in each language. */
    CHECK(icp_kind_label(ICP_KIND_FILING, ICP_LANG_EN, buf, sizeof buf) == strlen("ICP filing") &&
          strcmp(buf, "ICP filing") == 0);
    CHECK(icp_kind_label(ICP_KIND_PSB, ICP_LANG_ZH, buf, sizeof buf) > 0 && strcmp(buf, "公安备案号") == 0);
    CHECK(icp_kind_label(ICP_KIND_TELECOM, ICP_LANG_ZH, buf, 4) == strlen("增值电信业务经营许可证号") &&
          strcmp(buf, "增") == 0);
    CHECK(icp_service_label(ICP_SERVICE_MINI_PROGRAM, ICP_LANG_EN, buf, sizeof buf) > 0 &&
          strcmp(buf, "mini program") == 0);
    CHECK(icp_service_label(ICP_SERVICE_WEBSITE, ICP_LANG_ZH, buf, sizeof buf) > 0 && strcmp(buf, "网站") == 0);
    CHECK(icp_expected_label(ICP_EXPECTED_SITE_NUMBER, ICP_LANG_EN, buf, sizeof buf) > 0 &&
          strcmp(buf, "a site number") == 0);
    for (i = ICP_KIND_FILING; i <= ICP_KIND_PSB; i++) {
        check_msg(icp_kind_label((uint32_t)i, ICP_LANG_EN, NULL, 0) > 0 && icp_kind_label((uint32_t)i, ICP_LANG_ZH, NULL, 0) > 0,
                  "kind %lu has no label", (unsigned long)i);
    }
    for (i = ICP_SERVICE_WEBSITE; i <= ICP_SERVICE_QUICK_APP; i++) {
        check_msg(icp_service_label((uint32_t)i, ICP_LANG_EN, NULL, 0) > 0 &&
                      icp_service_label((uint32_t)i, ICP_LANG_ZH, NULL, 0) > 0,
                  "service %lu has no label", (unsigned long)i);
    }
    CHECK(strcmp(icp_version(), ICP_NUMBER_VERSION) == 0);
}

/* The struct fields of each kind, beyond what the vectors compare. */
static void fields(void) {
    icp_result r;
    CHECK(icp_parse(S("陕ICP备2024026116号-1A"), STRICT, &r) == ICP_OK && r.complete &&
          r.number.kind == ICP_KIND_FILING && r.number.province == 61 && r.number.year == 2024 &&
          r.number.sequence == 26116 && r.number.site == 1 && r.number.service == ICP_SERVICE_APP &&
          strcmp(r.number.digits, "2024026116") == 0 && r.fixes == 0);
    CHECK(icp_parse(S("沪ICP证080047号"), STRICT, &r) == ICP_OK && r.number.kind == ICP_KIND_LICENCE &&
          r.number.year == 2008 && r.number.sequence == 47 && r.number.site == 0 &&
          r.number.service == ICP_SERVICE_NONE);
    CHECK(icp_parse(S("A2.B1.B2-20090003"), STRICT, &r) == ICP_OK && r.number.kind == ICP_KIND_TELECOM &&
          r.number.province == 0 &&
          r.number.telecom_classes == (ICP_TELECOM_CLASS_A2 | ICP_TELECOM_CLASS_B1 | ICP_TELECOM_CLASS_B2) &&
          r.number.year == 2009 && r.number.sequence == 3);
    CHECK(icp_parse(S("京公网安备110105001242号"), STRICT, &r) == ICP_OK && r.number.kind == ICP_KIND_PSB &&
          r.number.legacy && r.number.division_code == 110105 && r.number.sequence == 1242 && r.number.year == 0 &&
          strcmp(r.number.digits, "110105001242") == 0);
    /* Every kind has digits, a sequence and (but public-security numbers: 0) a year. */
    CHECK(icp_parse(S("陕ICP备040096号"), STRICT, &r) == ICP_OK && r.number.year == 2004 && r.number.sequence == 96 &&
          strcmp(r.number.digits, "040096") == 0);
    CHECK(icp_parse(S("沪ICP证080047号"), STRICT, &r) == ICP_OK && strcmp(r.number.digits, "080047") == 0);
    CHECK(icp_parse(S("粤B2-20090059-3"), STRICT, &r) == ICP_OK && r.number.year == 2009 && r.number.sequence == 59 &&
          r.number.site == 3 && strcmp(r.number.digits, "20090059") == 0);
    CHECK(icp_parse(S("京公网安备11010802020088号"), STRICT, &r) == ICP_OK && r.number.year == 0 &&
          r.number.division_code == 110108 && r.number.sequence == 2020088 &&
          strcmp(r.number.digits, "11010802020088") == 0);
    CHECK(icp_parse(S("粵 ICP 備11018438號"), LENIENT, &r) == ICP_OK &&
          r.fixes == (ICP_FIX_SPACE | ICP_FIX_TRADITIONAL) && r.number.province == 44);
    CHECK(icp_parse(S("京ICP备1234567号"), STRICT, &r) == ICP_ERR_BAD_LENGTH && r.error.length == 7 &&
          r.error.detail == ICP_DETAIL_LENGTH &&
          r.error.kind == ICP_KIND_FILING && r.error.char_index == 5 && r.error.byte_offset == 9);
    CHECK(icp_parse(S("京ICP备2030012345号"), STRICT, &r) == ICP_ERR_IMPOSSIBLE_YEAR && r.error.year == 2030 &&
          r.error.detail == ICP_DETAIL_YEAR);
    CHECK(icp_parse(S("京ICP备2025012345号"), (icp_options){ICP_MODE_STRICT, 2024}, &r) == ICP_ERR_IMPOSSIBLE_YEAR);
    CHECK(icp_parse(S("甘ICP备12345678号"), STRICT, &r) == ICP_ERR_WRONG_ABBREVIATION &&
          r.error.character == 0x7518 /* 甘 */ && r.error.suggestion == 0x9647 /* 陇 */ && r.error.province == 62 &&
          r.error.detail == ICP_DETAIL_ABBREVIATION && r.error.kind == ICP_KIND_FILING);
    CHECK(icp_parse(S("京公网安备00010502001234号"), STRICT, &r) == ICP_ERR_PSB_PROVINCE_MISMATCH &&
          r.error.province == 11 && r.error.digits == 0 && r.error.length == 2 && r.error.detail == ICP_DETAIL_CODES);
    CHECK(icp_parse(S("京ICP备12345678号"), STRICT, &r) == ICP_OK && r.error.detail == ICP_DETAIL_NONE);
    CHECK(icp_parse(S("京ICP备12345678"), STRICT, &r) == ICP_ERR_MISSING_HAO);
    CHECK(icp_parse(S("京ICP"), STRICT, &r) == ICP_ERR_INCOMPLETE && r.expected == ICP_EXPECTED_MARKER &&
          r.error.char_index == 4 && r.error.detail == ICP_DETAIL_EXPECTED);
}

/* Feeds `len` bytes at `text` to `s` as one chunk; writes the canonical forms and absolute
 * offsets of what it finds ("京ICP备12345678号@0..20;…") into `got`; returns the status that
 * ended the chunk. */
static icp_status feed(icp_stream *s, const char *text, size_t len, int last, char *got, size_t size) {
    icp_match m;
    icp_status status;
    size_t used = strlen(got);
    while ((status = icp_stream_next(s, text, len, last != 0, &m)) == ICP_OK) {
        used += (size_t)snprintf(got + used, used < size ? size - used : 0, "%s%s@%lu..%lu",
                                 used > 0 ? ";" : "", m.number.canonical, (unsigned long)m.start,
                                 (unsigned long)m.end);
    }
    return status;
}

static void stream(void) {
    const char *two = "京ICP备12345678号 京ICP证030173号 ";
    icp_stream s, copy;
    icp_match m;
    char got[512];
    size_t i, len;
    char *text;

    /* NULL pointers, a struct icp_stream_init() never set up, lengths no object has. */
    CHECK(icp_stream_init(NULL, 0) == ICP_ERR_NULL_POINTER);
    memset(&s, 0, sizeof s);
    CHECK(icp_stream_next(&s, S("京ICP备12345678号"), 1, &m) == ICP_ERR_UNINITIALISED);
    memset(&s, 0xa5, sizeof s);
    CHECK(icp_stream_next(&s, S("京ICP备12345678号"), 1, &m) == ICP_ERR_UNINITIALISED);
    CHECK(icp_stream_next(&s, "", 0, 1, &m) == ICP_ERR_UNINITIALISED);
    CHECK(icp_status_name(ICP_ERR_UNINITIALISED, buf, sizeof buf) == strlen("UNINITIALISED"));
    CHECK(icp_stream_init(&s, 0) == ICP_OK);
    CHECK(icp_stream_next(NULL, S("x"), 1, &m) == ICP_ERR_NULL_POINTER);
    CHECK(icp_stream_next(&s, NULL, 0, 1, &m) == ICP_ERR_NULL_POINTER);
    CHECK(icp_stream_next(&s, NULL, 5, 0, &m) == ICP_ERR_NULL_POINTER);
    CHECK(icp_stream_next(&s, S("京ICP备12345678号"), 1, NULL) == ICP_ERR_NULL_POINTER);
    CHECK(icp_stream_next(&s, "x", SIZE_MAX, 1, &m) == ICP_ERR_INVALID_ARGUMENT);
    CHECK(icp_stream_next(&s, "x", (size_t)PTRDIFF_MAX + 1, 0, &m) == ICP_ERR_INVALID_ARGUMENT);
    /* The chunk or the output inside the stream's own memory. */
    CHECK(icp_stream_next(&s, (const char *)&s, 8, 0, &m) == ICP_ERR_INVALID_ARGUMENT);
    CHECK(icp_stream_next(&s, (const char *)&s + sizeof s - 1, 4, 0, &m) == ICP_ERR_INVALID_ARGUMENT);
    CHECK(icp_stream_next(&s, S("京ICP备12345678号"), 1, (icp_match *)(void *)&s) == ICP_ERR_INVALID_ARGUMENT);
    /* None of that changed the stream: it still finds the number at offset 0. */
    got[0] = '\0';
    CHECK(feed(&s, S("京ICP备12345678号"), 1, got, sizeof got) == ICP_DONE &&
          strcmp(got, "京ICP备12345678号@0..20") == 0);

    /* A chunk must be used up (ICP_DONE) before the next: another pointer, length or `last` is
     * refused, and the stream goes on as if the wrong call had not been made. */
    CHECK(icp_stream_init(&s, 0) == ICP_OK);
    len = strlen(two);
    text = malloc(len);
    if (text == NULL) {
        CHECK(!"out of memory");
        return;
    }
    memcpy(text, two, len);
    CHECK(icp_stream_next(&s, text, len, 1, &m) == ICP_OK && m.start == 0);
    CHECK(icp_stream_next(&s, two, len, 1, &m) == ICP_ERR_INVALID_ARGUMENT);
    CHECK(icp_stream_next(&s, text, len - 1, 1, &m) == ICP_ERR_INVALID_ARGUMENT);
    CHECK(icp_stream_next(&s, text, len, 0, &m) == ICP_ERR_INVALID_ARGUMENT);
    CHECK(icp_stream_next(&s, text, len, 1, &m) == ICP_OK && m.start == 21 &&
          strcmp(m.number.canonical, "京ICP证030173号") == 0);
    CHECK(icp_stream_next(&s, text, len, 1, &m) == ICP_DONE);
    free(text);
    /* `last` twice: the second is a new, empty input, with nothing in it; *out is not written. */
    m.start = 12345;
    CHECK(icp_stream_next(&s, "", 0, 1, &m) == ICP_DONE && m.start == 12345);
    CHECK(icp_stream_next(&s, "", 0, 1, &m) == ICP_DONE && m.start == 12345);
    /* Reuse after the end: a new input, offsets from 0 again. */
    got[0] = '\0';
    CHECK(feed(&s, S("  粤B2-20090059"), 0, got, sizeof got) == ICP_DONE && got[0] == '\0');
    CHECK(feed(&s, "", 0, 1, got, sizeof got) == ICP_DONE && strcmp(got, "粤B2-20090059@2..16") == 0);

    /* A number split inside a character and inside &nbsp;, reported once the input ends; the
     * offsets are from the start of the input. */
    CHECK(icp_stream_init(&s, 0) == ICP_OK);
    got[0] = '\0';
    CHECK(feed(&s, S("页脚：\xe4"), 0, got, sizeof got) == ICP_DONE);
    CHECK(feed(&s, S("\xba\xacICP备1234"), 0, got, sizeof got) == ICP_DONE);
    CHECK(feed(&s, S("5678号&nb"), 0, got, sizeof got) == ICP_DONE);
    CHECK(feed(&s, S("sp;-1 x"), 0, got, sizeof got) == ICP_DONE);
    CHECK(feed(&s, "", 0, 1, got, sizeof got) == ICP_DONE && strcmp(got, "京ICP备12345678号-1@9..37") == 0);
    /* A copy of a stream goes on from the same point, apart from the original. */
    CHECK(icp_stream_init(&s, 0) == ICP_OK);
    CHECK(feed(&s, S("x 沪公网安备310110020"), 0, got, sizeof got) == ICP_DONE);
    copy = s;
    got[0] = '\0';
    CHECK(feed(&copy, S("02436号 y"), 1, got, sizeof got) == ICP_DONE &&
          strcmp(got, "沪公网安备31011002002436号@2..34") == 0);
    got[0] = '\0';
    CHECK(feed(&s, S("0243号 y"), 1, got, sizeof got) == ICP_DONE && got[0] == '\0');
    /* The year limit. */
    CHECK(icp_stream_init(&s, 2024) == ICP_OK && icp_stream_next(&s, S("京ICP备2025012345号"), 1, &m) == ICP_DONE);
    CHECK(icp_stream_init(&s, 0) == ICP_OK && icp_stream_next(&s, S("京ICP备2025012345号"), 1, &m) == ICP_OK &&
          m.number.year == 2025);
    /* A chunk that no longer exists: after ICP_DONE the stream never reads one again (valgrind
     * would see a read of freed memory). 256 KiB in 1000-byte chunks, each freed once used up,
     * with invalid UTF-8 along the way and a number across the last two chunks. */
    CHECK(icp_stream_init(&s, 0) == ICP_OK);
    got[0] = '\0';
    len = 1 << 18;
    for (i = 0; i < len; i += 1000) {
        size_t take = len - i < 1000 ? len - i : 1000;
        char *chunk = malloc(take);
        if (chunk == NULL) {
            CHECK(!"out of memory");
            return;
        }
        memset(chunk, i % 3000 == 0 ? '\xff' : 'x', take);
        if (i + take == len) {
            memcpy(chunk + take - 5, " 粤B", 5);
        }
        CHECK(feed(&s, chunk, take, 0, got, sizeof got) == ICP_DONE);
        free(chunk);
    }
    CHECK(feed(&s, S("2-20090059 y"), 1, got, sizeof got) == ICP_DONE);
    snprintf(buf, sizeof buf, "粤B2-20090059@%lu..%lu", (unsigned long)(len - 4), (unsigned long)(len + 10));
    CHECK(strcmp(got, buf) == 0);
}

void run_hostile(void) {
    null_and_empty_input();
    invalid_utf8();
    unknown_enum_values();
    small_buffers();
    structs_not_from_the_library();
    unfinished_entities();
    very_long_input();
    scanner();
    stream();
    provinces();
    codes_and_names();
    fields();
}
