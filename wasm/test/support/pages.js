// Generated HTML pages of Chinese prose with footers, for the streaming tests and the benchmark
// (scripts/bench.js). A small seeded PRNG makes every run build the same bytes. Most of a page
// holds no number; each footer holds a few, some canonical and some in the lenient variants real
// footers show (spaces, `&nbsp;`, full-width, traditional). Which of them count, and where they
// are, is the core's answer (the tests compare the streaming scanners with `scan`), not this file's.

const PROSE =
  '本公司成立于二〇一二年，总部位于北京市海淀区，主要从事软件开发、信息技术咨询和互联网数据服务。' +
  '我们始终坚持以客户为中心，为广东、浙江、江苏、四川等地的企业提供云计算与大数据解决方案。' +
  '欢迎访问我们的网站了解更多产品信息，如有疑问请拨打客服热线或发送电子邮件。';
const WORDS = ['新闻', '产品', '关于我们', '联系方式', 'Cloud', 'API', '下载', '帮助中心'];
const FOOTERS = [
  (n) => `京ICP备${12345678 + n}号-${1 + (n % 9)}`,
  (n) => `粤公网安备 ${44030502008569 + n}号`,
  (n) => `沪ICP证${String(130000 + (n % 800)).padStart(6, '0')}号`,
  (n) => `增值电信业务经营许可证：浙B2-${20090000 + (n % 9000)}`,
  (n) => `蘇ICP備${2018000000 + n}號`,
  (n) => `京ICP备&nbsp;${10000000 + n}号`,
  (n) => `ＩＣＰ备案号：粤ＩＣＰ备${String(14023066 + n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}号`,
];

/** SplitMix-like 32-bit PRNG: deterministic and small. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** One page: navigation, paragraphs of prose (2 to 6, and `more`), a footer with numbers. */
function onePage(next, n, more) {
  const pick = (list) => list[next() % list.length];
  let html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>页面 ${n}</title></head><body>`;
  html += `<nav>${Array.from({ length: 6 }, () => `<a href="/${next() % 1000}">${pick(WORDS)}</a>`).join(' | ')}</nav>`;
  const paragraphs = 2 + (next() % 5) + more;
  for (let p = 0; p < paragraphs; p++) {
    const start = next() % PROSE.length;
    html += `<p>${PROSE.slice(start)}${PROSE.slice(0, start)}</p>\n`;
  }
  const numbers = Array.from({ length: 1 + (next() % 3) }, () => pick(FOOTERS)(next() % 100000));
  html += `<footer>©2024 某某科技有限公司 | ${numbers.join(' &nbsp;|&nbsp; ')}</footer></body></html>\n`;
  return html;
}

/** Pages of generated HTML, concatenated, of at least `size` UTF-8 bytes: about 2 KB a page, and
 * about 0.4 KB more for each of `more` paragraphs a page (with the same numbers in the footer). */
export function prose(size, seed = 1, more = 0) {
  const next = rng(seed);
  const parts = [];
  let bytes = 0;
  for (let n = 0; bytes < size; n++) {
    const page = onePage(next, n, more);
    parts.push(page);
    bytes += Buffer.byteLength(page);
  }
  return parts.join('');
}

/** `bytes` cut into chunks of `size` bytes (the last may be shorter), as views of it. */
export function chunks(bytes, size) {
  const out = [];
  for (let at = 0; at < bytes.length; at += size) {
    out.push(bytes.subarray(at, at + size));
  }
  return out;
}
