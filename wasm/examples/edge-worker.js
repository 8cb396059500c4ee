// An edge worker (module syntax: `export default { fetch }`) that proxies a site and tells what
// registration number its pages show: each HTML response gets the header
//
//   X-ICP-Number: <the first ICP filing or licence number in the page, canonical, percent-encoded>
//
// or `X-ICP-Number: none`. HTTP header values are bytes, so the Chinese characters are
// percent-encoded as UTF-8 (decodeURIComponent gives 京ICP备12345678号-1 back). The body is passed
// through byte for byte; pages in GBK or GB18030 are decoded by their declared charset.
//
// Cloudflare Workers: `import wasm from 'icp-number/icp_number.wasm'` gives a WebAssembly.Module
// (wrangler's default rule for .wasm imports). Other edge runtimes that import .wasm as a module
// do the same; where yours gives bytes, `init()` takes those too.

import { init, scan } from 'icp-number';
import wasm from 'icp-number/icp_number.wasm';

export const HEADER = 'X-ICP-Number';

/** The charset a Content-Type header declares (UTF-8 when none, or when the runtime lacks it). */
function decoder(contentType) {
  const charset = /;\s*charset="?([^";]+)"?/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8');
  } catch {
    return new TextDecoder();
  }
}

export default {
  async fetch(request) {
    await init(wasm);
    const response = await fetch(request);
    const type = response.headers.get('content-type') ?? '';
    if (!/^text\/html\b/i.test(type)) {
      return response;
    }
    const body = await response.arrayBuffer();
    const page = decoder(type).decode(body);
    const icp = scan(page).find((m) => m.kind === 'filing' || m.kind === 'licence');
    const headers = new Headers(response.headers);
    headers.set(HEADER, icp ? encodeURIComponent(icp.canonical) : 'none');
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  },
};
