// An edge worker (module syntax: `export default { fetch }`) that proxies a site and reports the
// registration numbers its HTML pages show, without holding the pages back: each HTML body is
// piped through a `ScanStream`, which passes the bytes on to the client unchanged as they arrive
// (nothing is buffered), and reads the numbers in them on the way.
//
// When the body has ended (the response headers left long before), the worker sends a report,
// kept alive with `ctx.waitUntil`:
//
//   POST <REPORT_URL>   content-type: application/json
//   { "url": "https://example.cn/about", "status": 200,
//     "numbers": [{ "canonical": "京ICP备12345678号-1", "kind": "filing", "start": 812, "end": 834 }] }
//
// `numbers` lists every number in the page, in order (empty when it shows none); `start`/`end`
// are byte offsets into the body. Other responses pass through untouched and are not reported.
// Pages in GBK or GB18030 are read by their declared charset (the offsets then count UTF-8
// bytes of the decoded text).
//
// Bindings (environment variables):
// - REPORT_URL: where reports are POSTed. Without it they are logged (console.log), one JSON line
//   each, for the platform's log stream (`wrangler tail`).
// - ORIGIN (optional): the origin to proxy, such as `https://www.example.cn`. Without it the
//   request goes where it was addressed, as on a Cloudflare route in front of the site.
//
// Cloudflare Workers: `import wasm from 'icp-number/icp_number.wasm'` gives a WebAssembly.Module
// (wrangler's default rule for .wasm imports). Other edge runtimes that import .wasm as a module
// do the same; where yours gives bytes, `init()` takes those too. The module exports nothing but
// `default`: workerd takes every named export of a worker's main module for an entrypoint.

import { ScanStream, init } from 'icp-number';
import wasm from 'icp-number/icp_number.wasm';

/** The charset a Content-Type header declares, if any. */
function charset(contentType) {
  return /;\s*charset="?([^";]+)"?/i.exec(contentType)?.[1];
}

/** A scanner for a body in `encoding` (UTF-8 when none, or when the runtime cannot decode it). */
function scanner(encoding) {
  try {
    return new ScanStream({ encoding });
  } catch {
    return new ScanStream();
  }
}

/** Sends one report to REPORT_URL, or logs it. */
async function send(env, report) {
  const json = JSON.stringify(report);
  if (!env.REPORT_URL) {
    console.log(json);
    return;
  }
  const answer = await fetch(env.REPORT_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: json,
  });
  if (!answer.ok) {
    console.error(`icp report for ${report.url}: ${env.REPORT_URL} answered ${answer.status}`);
  }
}

export default {
  async fetch(request, env, ctx) {
    await init(wasm);
    const url = new URL(request.url);
    const target = env.ORIGIN ? new URL(url.pathname + url.search, env.ORIGIN) : url;
    const response = await fetch(new Request(target, request));
    const type = response.headers.get('content-type') ?? '';
    if (!/^text\/html\b/i.test(type) || response.body === null) {
      return response;
    }
    const scan = scanner(charset(type));
    ctx.waitUntil(
      scan.matches.then(
        (matches) =>
          send(env, {
            url: url.href,
            status: response.status,
            numbers: matches.map(({ canonical, kind, start, end }) => ({ canonical, kind, start, end })),
          }),
        // The client went away or the origin failed mid-body: no report for a partial page.
        (reason) => console.error(`icp report for ${url.href}: the body did not end (${reason})`),
      ),
    );
    return new Response(response.body.pipeThrough(scan), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  },
};
