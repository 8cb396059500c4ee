/*
 * icp_scan_stdin: print every registration number on standard input with its byte offsets,
 * reading a few bytes at a time, in memory that stays the same whatever the size of the input.
 * Copy it and adapt it.
 *
 *   cc -std=c99 icp_scan_stdin.c $(pkg-config --cflags --libs icp_number) -o icp_scan_stdin
 *   curl -s https://example.cn/ | ./icp_scan_stdin
 */
#include <stdio.h>

#include "icp_number.h"

/* Bytes read at a time. Any size works: a number split between two reads is still found, once.
 * Small here to show it; 64 KiB reads faster. */
#define CHUNK 16

int main(void) {
    char chunk[CHUNK];
    icp_stream stream;
    icp_match m;
    icp_status status;
    size_t n;
    bool last;

    icp_stream_init(&stream, 0);
    do {
        n = fread(chunk, 1, sizeof chunk, stdin);
        last = n < sizeof chunk; /* the end of the input (or a read error) */
        /* Ask again with the same chunk until ICP_DONE; offsets count from the input's start. */
        while ((status = icp_stream_next(&stream, chunk, n, last, &m)) == ICP_OK)
            printf("bytes %lu..%lu: %s\n", (unsigned long)m.start, (unsigned long)m.end,
                   m.number.canonical);
        if (status != ICP_DONE)
            return 2;
    } while (!last);
    return ferror(stdin) ? 2 : 0;
}
