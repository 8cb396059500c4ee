// icp_number.h from C++: the header compiles with g++ -std=c++11 -Wall -Wextra -Werror -pedantic,
// its declarations have C linkage (extern "C" guards), and the library links and answers.
#include <cstdio>
#include <cstring>

#include "icp_number.h"

namespace {

int failed = 0;

void check(bool ok, const char *what) {
    if (!ok) {
        std::printf("FAILED (C++): %s\n", what);
        failed++;
    }
}

}  // namespace

int main() {
    const char input[] = "粤 ICP 备 14023066 号－1";
    icp_result r;
    icp_options lenient = {ICP_MODE_LENIENT, 0};
    icp_status status = icp_parse(input, sizeof input - 1, lenient, &r);
    check(status == ICP_OK && r.complete, "icp_parse");
    check(std::strcmp(r.number.canonical, "粤ICP备14023066号-1") == 0, "canonical");
    check((r.fixes & ICP_FIX_SPACE) != 0 && (r.fixes & ICP_FIX_FULL_WIDTH) != 0, "fixes");
    check(r.number.kind == ICP_KIND_FILING && r.number.service == ICP_SERVICE_WEBSITE, "kind and service");

    char message[128];
    icp_options strict = icp_options();
    status = icp_parse(input, sizeof input - 1, strict, &r);
    check(status == ICP_ERR_WHITESPACE, "strict status");
    std::size_t needed = icp_error_message(&r, ICP_LANG_EN, message, sizeof message);
    check(needed == std::strlen(message) && std::strcmp(message, "whitespace inside the number") == 0, "message");

    icp_province p;
    check(icp_province_by_gb_code(44, &p) == ICP_OK && std::strcmp(p.name_en, "Guangdong") == 0, "province");

    icp_scanner s;
    icp_match m;
    const char text[] = "<a>京ICP备12345678号-1</a>";
    check(icp_scanner_init(&s, text, sizeof text - 1, 0) == ICP_OK, "scanner");
    check(icp_scan_next(&s, &m) == ICP_OK && m.start == 3, "scan");

    icp_stream stream;
    check(icp_stream_init(&stream, 0) == ICP_OK, "stream");
    check(icp_stream_next(&stream, text, 10, false, &m) == ICP_DONE, "stream: first chunk");
    check(icp_stream_next(&stream, text + 10, sizeof text - 11, true, &m) == ICP_OK && m.start == 3,
          "stream: last chunk");
    check(icp_stream_next(&stream, text + 10, sizeof text - 11, true, &m) == ICP_DONE, "stream: done");
    check(std::strcmp(icp_version(), ICP_NUMBER_VERSION) == 0, "version");

    std::printf("C++: %d failed\n", failed);
    return failed == 0 ? 0 : 1;
}
