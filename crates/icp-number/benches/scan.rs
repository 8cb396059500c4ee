//! Scanning throughput: [`icp_number::scan`] over a few megabytes of realistic HTML, beside the
//! `regex` crate's `find_iter` with the strict grammar of `benches/parse.rs` (unanchored), and the
//! scanner alone on adversarial inputs of growing size.
//!
//! Groups:
//!
//! - `realistic_html`: about 4 MB of generated pages (navigation, Chinese and English prose that
//!   names provinces, links, scripts, footers). Most text holds no number; footers hold none, one
//!   or several (filing, PSB, telecom, licence), some written canonically and some in the lenient
//!   variants of spec §6 (spaces, `&nbsp;`, full-width, lower case, traditional, separators,
//!   missing 号). The regex finds only the canonical ones; the scanner finds all of them. Setup
//!   asserts both premises and prints the counts.
//! - `chinese_prose`: about 4 MB of pages of Chinese prose (about 5 KB of paragraphs each, with
//!   the same footers), the pages where footer regexes are used most.
//! - `sizes/<entry point>/<size>`: the same kind of pages at 1, 10 and 100 MiB through every way
//!   into the scanner: `scan` (a `&str`), `scan_bytes` (bytes, UTF-8 checked as it goes) and a
//!   `Stream` fed 4 KiB and 64 KiB chunks. Linear time shows as the same MB/s at every size, and
//!   the entry points agree on every number (checked before measuring).
//! - `adversarial/<input>`: inputs of 64 KiB, 256 KiB and 1 MiB built to make a careless scanner
//!   quadratic. `Throughput::Bytes` makes criterion report MB/s: linear time shows as the same
//!   MB/s at every size (the proof is the growth, not a wall-clock bound).
//!
//! The corpus comes from a small seeded PRNG, so every run scans the same bytes.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use regex::Regex;

/// The 31 MIIT abbreviations used by ICP filings, ICP licences and telecom licences (spec §1).
const ICP_ABBRS: &str = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝蜀黔滇藏陕陇青宁新";
/// The 31 police abbreviations used by public-security filings (spec §1), in the same order.
const PSB_ABBRS: &str = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵滇藏陕甘青宁新";
/// The GB/T 2260 code of each province, in the order of the two lists above.
const GB_CODES: [u8; 31] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65,
];
/// Traditional forms seen in real footers (spec §1): (simplified, traditional).
const TRADITIONAL: [(char, char); 12] = [
    ('粤', '粵'),
    ('沪', '滬'),
    ('苏', '蘇'),
    ('辽', '遼'),
    ('鲁', '魯'),
    ('闽', '閩'),
    ('赣', '贛'),
    ('陕', '陝'),
    ('陇', '隴'),
    ('宁', '寧'),
    ('琼', '瓊'),
    ('晋', '晉'),
];

/// The strict grammar of `benches/parse.rs` without its anchors, so `find_iter` finds every
/// canonical number in a text. `[0-9]`, not `\d`: `\d` would accept full-width digits.
fn strict_pattern() -> String {
    let site = "(?:-([1-9][0-9]{0,3})([AXK])?)?";
    let classes = r"A1(?:\.A2)?(?:\.B1)?(?:\.B2)?|A2(?:\.B1)?(?:\.B2)?|B1(?:\.B2)?|B2";
    format!(
        "(?:\
         ([{ICP_ABBRS}])ICP(?:备([0-9]{{6}}|[0-9]{{8}}|[0-9]{{10}})|证([0-9]{{6}}))号{site}\
         |([{ICP_ABBRS}])?({classes})-([0-9]{{8}}){site}\
         |([{PSB_ABBRS}])公网安备([0-9]{{14}})号\
         |京公网安备([0-9]{{12}})号\
         )"
    )
}

// ---------------------------------------------------------------------------------------------
// A deterministic corpus.

/// SplitMix64: small, seeded, good enough to vary a corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn percent(&mut self, p: u64) -> bool {
        self.next() % 100 < p
    }
}

/// Chinese prose that names provinces and cities, as news sites, shops and blogs write them. A few
/// put a province character before something a number could go on with (沪A, 北京 2024, 京A·),
/// so the scanner has candidates to reject in the prose too.
const ZH_SENTENCES: &[&str] = &[
    "北京市今天发布了新一轮城市更新计划，重点改造老旧小区和背街小巷。",
    "上海的科技企业在人工智能领域持续加大投入，带动了相关产业链的发展。",
    "广东省统计局数据显示，前三季度全省地区生产总值同比增长百分之四点五。",
    "我们的客服团队分布在北京、上海、广州和深圳，为全国用户提供全天候服务。",
    "京津冀协同发展战略实施以来，区域交通一体化取得了明显成效。",
    "粤港澳大湾区建设为香港和澳门的青年创业者提供了更多机会。",
    "江苏和浙江的制造业企业纷纷布局海外市场，出口订单稳步回升。",
    "这辆车挂的是沪A牌照，车主表示已经在上海生活了十年。",
    "四川成都的火锅和重庆的小面都深受年轻人喜爱。",
    "新疆的棉花和宁夏的枸杞通过电商平台销往全国各地。",
    "本站所有文章均为原创，转载请注明出处并保留原文链接。",
    "如有任何问题，请发送邮件至 service@example.com 或拨打客服热线 400-800-1234。",
    "湖南卫视和浙江卫视的综艺节目收视率在暑期档位居前列。",
    "黑龙江的冰雪旅游季将于十二月正式开幕，预计接待游客超过三百万人次。",
    "云南大理和丽江依然是年轻人最向往的旅行目的地之一。",
    "甘肃敦煌莫高窟今年推出了线上数字展览，观众可以在家中欣赏壁画。",
    "在北京 2024 年的政府工作报告中，数字经济被列为重点发展方向。",
    "陕西西安的历史文化街区吸引了大量外地游客，周末客流量再创新高。",
    "福建厦门举办的国际投资贸易洽谈会签约项目总金额创下新高。",
    "山东青岛港的集装箱吞吐量继续保持增长态势。",
    "河南郑州航空港经济综合实验区的建设进入新阶段。",
    "贵州的大数据产业园已吸引多家互联网企业入驻。",
    "吉林长春的汽车产业正在加快向新能源转型。",
    "海南自由贸易港的政策红利持续释放，免税店销售额大幅增长。",
    "安徽合肥被称为最会投资的城市，吸引了大量科技企业落户。",
    "一辆京A·12345的出租车在长安街上发生了轻微剐蹭，所幸无人受伤。",
    "据粤 港两地海关统计，跨境电商包裹数量同比增长三成。",
    "辽宁大连和吉林延边的海鲜市场迎来了旅游旺季。",
    "内蒙古草原上的那达慕大会每年都吸引着来自全国各地的游客。",
    "江西景德镇的陶瓷作品在本届博览会上获得了金奖。",
];

/// English prose, with the letter-digit pairs a telecom licence starts with (B2B, A1, B1-2).
const EN_SENTENCES: &[&str] = &[
    "Our B2B platform connects more than 20,000 suppliers with buyers across Asia.",
    "Click here to read the full A1 report on quarterly earnings.",
    "The company was founded in Beijing in 2008 and opened its Shanghai office in 2012.",
    "All content on this site is protected by copyright and may not be reproduced without permission.",
    "Sign up for our newsletter to receive weekly updates on product releases.",
    "Download the mobile app from the App Store or Google Play.",
    "We use cookies to improve your experience. By continuing to browse, you agree to our cookie policy.",
    "Shipping to Guangdong, Zhejiang and Jiangsu usually takes one to two business days.",
    "Version 2.1 of the SDK adds support for HTTP/2 and improves error messages.",
    "Contact our sales team at +86 10 1234 5678 for enterprise pricing.",
    "Section B1-2 of the terms describes how refunds are processed.",
    "Prices are shown in CNY and include VAT where applicable.",
    "Our data centres in Hangzhou and Shenzhen are certified to ISO/IEC 27001.",
];

const TITLES: &[&str] = &[
    "公司新闻",
    "行业动态",
    "产品中心",
    "解决方案",
    "关于我们",
    "联系我们",
    "Developer Guide",
    "Release Notes",
    "招聘信息",
    "常见问题",
];

const COMPANIES: &[&str] = &[
    "北京某某科技有限公司",
    "上海星河网络科技有限公司",
    "广州云帆信息技术有限公司",
    "深圳市蓝海数据服务有限公司",
    "杭州青禾电子商务有限公司",
    "Example Technology Co., Ltd.",
    "成都锦城文化传媒有限公司",
];

/// A number written canonically (what the regex and the scanner both find) or in a lenient
/// variant (what only the scanner finds); `canonical` is what either should read.
struct Written {
    text: String,
    canonical: String,
    strict: bool,
}

#[derive(Clone, Copy)]
enum Kind {
    Filing,
    Licence,
    Telecom,
    Psb,
}

/// The parts of one generated number.
struct Parts {
    kind: Kind,
    province: Option<char>,
    classes: &'static str,
    body: String,
    site: Option<(u16, Option<char>)>,
}

impl Parts {
    fn random(rng: &mut Rng, kind: Kind) -> Parts {
        let i = rng.below(31);
        let icp = ICP_ABBRS.chars().nth(i);
        let site = |rng: &mut Rng, p: u64| {
            rng.percent(p).then(|| {
                let n = if rng.percent(90) {
                    rng.range(1, 30)
                } else {
                    rng.range(31, 250)
                };
                let letter = rng.percent(10).then(|| rng.pick(&['A', 'X', 'K']));
                (n as u16, letter)
            })
        };
        match kind {
            Kind::Filing => {
                let body = match rng.below(10) {
                    0..=4 => format!("{}{:06}", rng.range(2019, 2025), rng.range(1, 999_999)),
                    5..=8 => format!("{:02}{:06}", rng.range(5, 21), rng.range(1, 999_999)),
                    _ => format!("{:02}{:04}", rng.range(3, 5), rng.range(1, 9999)),
                };
                Parts {
                    kind,
                    province: icp,
                    classes: "",
                    body,
                    site: site(rng, 70),
                }
            }
            Kind::Licence => Parts {
                kind,
                province: icp,
                classes: "",
                body: format!("{:02}{:04}", rng.range(0, 20), rng.range(1, 9999)),
                site: site(rng, 20),
            },
            Kind::Telecom => Parts {
                kind,
                province: if rng.percent(75) { icp } else { None },
                classes: rng.pick(&["B2", "B2", "B2", "A2", "B1", "A2.B1", "B1.B2", "A2.B1.B2"]),
                body: format!("{}{:04}", rng.range(2005, 2024), rng.range(1, 9999)),
                site: site(rng, 10),
            },
            Kind::Psb => Parts {
                kind,
                province: PSB_ABBRS.chars().nth(i),
                classes: "",
                body: format!(
                    "{}{:02}{:02}02{:06}",
                    GB_CODES[i],
                    rng.range(1, 20),
                    rng.range(1, 30),
                    rng.range(1, 999_999)
                ),
                site: None,
            },
        }
    }

    fn site(&self, hyphen: &str) -> String {
        self.site.map_or(String::new(), |(n, letter)| {
            format!("{hyphen}{n}{}", letter.map_or(String::new(), String::from))
        })
    }

    fn canonical(&self) -> String {
        let p = self.province.map_or(String::new(), String::from);
        let (body, site) = (&self.body, self.site("-"));
        match self.kind {
            Kind::Filing => format!("{p}ICP备{body}号{site}"),
            Kind::Licence => format!("{p}ICP证{body}号{site}"),
            Kind::Telecom => format!("{p}{}-{body}{site}", self.classes),
            Kind::Psb => format!("{p}公网安备{body}号"),
        }
    }

    /// A lenient variant that no part of matches the strict grammar, so the regex finds nothing
    /// in it (asserted in setup).
    fn lenient(&self, rng: &mut Rng) -> String {
        let p = self.province.map_or(String::new(), String::from);
        let body = &self.body;
        let traditional = self.province.map_or(String::new(), |p| {
            TRADITIONAL
                .iter()
                .find(|&&(s, _)| s == p)
                .map_or(p, |&(_, t)| t)
                .to_string()
        });
        match self.kind {
            Kind::Filing | Kind::Licence => {
                let (mark, trad_mark) = match self.kind {
                    Kind::Filing => ("备", "備"),
                    _ => ("证", "證"),
                };
                let site = self.site("-");
                match rng.below(8) {
                    0 => format!("{p} ICP {mark} {body} 号{}", self.site(" - ")),
                    1 => format!("{p}&nbsp;ICP&nbsp;{mark}{body}号{site}"),
                    2 => format!("{p}ＩＣＰ{mark}{body}号{}", self.site("－")),
                    3 => format!("{p}icp{mark}{body}号{site}"),
                    4 => format!("{traditional}ICP{trad_mark}{body}號{site}"),
                    5 => format!("{p}｜ICP{mark}{body}号{}", self.site("－")),
                    6 if matches!(self.kind, Kind::Filing) => {
                        format!("{p}ICP备案{body}号{site}")
                    }
                    // Missing 号, or the site number before it.
                    _ if self.site.is_some() => format!("{p}ICP {mark}{body}{site}号"),
                    _ => format!("{p} ICP{mark}{body}"),
                }
            }
            Kind::Psb => match rng.below(6) {
                0 => format!("{p} 公网安备 {body}号"),
                1 => format!("{p}公网安备：{body}号"),
                2 => format!("{p}公网安备-{body}号"),
                3 => format!("{p}公網安備{body}號"),
                4 => format!("{p}公网安备 {body}"),
                _ => {
                    let wide: String = body
                        .chars()
                        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
                        .collect();
                    format!("{p}公网安备{wide}号")
                }
            },
            Kind::Telecom => {
                let wide: String = self
                    .classes
                    .chars()
                    .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
                    .collect();
                format!("{p}{wide}－{body}{}", self.site("-"))
            }
        }
    }
}

/// One generated number, checked against the library: the canonical form parses strictly and
/// prints as itself; the lenient variant reads as the same number.
fn number(rng: &mut Rng, kind: Kind, strict: bool) -> Written {
    let parts = Parts::random(rng, kind);
    let canonical = parts.canonical();
    let number = icp_number::parse(&canonical).unwrap_or_else(|e| panic!("{canonical}: {e}"));
    assert_eq!(number.to_string(), canonical);
    let text = if strict {
        canonical.clone()
    } else {
        let text = parts.lenient(rng);
        let parsed = icp_number::parse_lenient(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(parsed.number.to_string(), canonical, "{text}");
        text
    };
    Written {
        text,
        canonical,
        strict,
    }
}

/// The markup a footer puts around a number.
fn footer_item(out: &mut String, rng: &mut Rng, n: &Written, kind: Kind) {
    let text = &n.text;
    match kind {
        Kind::Filing | Kind::Licence => match rng.below(3) {
            0 => write!(
                out,
                "<a href=\"https://beian.miit.gov.cn/\" target=\"_blank\" rel=\"nofollow\">{text}</a>"
            ),
            1 => write!(out, "<span>ICP备案号：{text}</span>"),
            _ => write!(out, "<span class=\"icp\">{text}</span>"),
        },
        Kind::Telecom => write!(out, "<span>增值电信业务经营许可证：{text}</span>"),
        Kind::Psb => write!(
            out,
            "<a href=\"https://beian.mps.gov.cn/#/query/webSearch?code={}\" target=\"_blank\">\
             <img src=\"/static/img/gongan.png\" alt=\"\" width=\"16\" height=\"16\">{text}</a>",
            &n.canonical[n.canonical.len() - 17..n.canonical.len() - 3]
        ),
    }
    .expect("writing to a String");
}

/// The numbers of one footer: none, one, several, canonical or lenient.
fn footer_numbers(rng: &mut Rng) -> Vec<(Written, Kind)> {
    let roll = rng.below(100);
    let strict = roll < 80;
    let kinds: &[Kind] = match roll % 20 {
        0..=6 => &[],
        7..=12 => &[Kind::Filing],
        13..=14 => &[Kind::Filing, Kind::Psb],
        15..=16 => &[Kind::Filing, Kind::Psb, Kind::Telecom],
        17 => &[Kind::Licence, Kind::Filing, Kind::Psb],
        18 => &[Kind::Licence, Kind::Telecom, Kind::Filing],
        _ => &[Kind::Psb],
    };
    kinds
        .iter()
        // A lenient footer writes some of its numbers canonically, as real ones do.
        .map(|&kind| {
            let strict = strict || rng.percent(40);
            (number(rng, kind, strict), kind)
        })
        .collect()
}

fn paragraph(out: &mut String, rng: &mut Rng) {
    let (sentences, count) = if rng.percent(70) {
        (ZH_SENTENCES, rng.range(2, 6))
    } else {
        (EN_SENTENCES, rng.range(2, 5))
    };
    out.push_str("<p>");
    for _ in 0..count {
        out.push_str(rng.pick(sentences));
        if rng.percent(15) {
            let id = rng.range(10_000, 99_999);
            let title = rng.pick(TITLES);
            write!(
                out,
                " <a href=\"https://www.example.com/article/{id}.html\" title=\"{title}\">{title}</a> "
            )
            .expect("writing to a String");
        }
    }
    out.push_str("</p>\n");
}

/// One page; appends the numbers it holds to `numbers`.
fn page(out: &mut String, rng: &mut Rng, numbers: &mut Vec<Written>) {
    let company = rng.pick(COMPANIES);
    let title = rng.pick(TITLES);
    let hash = rng.next();
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} - {company}</title>\n\
         <meta name=\"keywords\" content=\"{company},{title},北京,上海,广东\">\n\
         <link rel=\"stylesheet\" href=\"/static/css/main.{hash:016x}.css\">\n\
         <script src=\"/static/js/vendor.{:08x}.js\"></script>\n</head>\n<body>\n\
         <nav class=\"main-nav\"><ul><li><a href=\"/\">首页</a></li>\
         <li><a href=\"/news/\">新闻中心</a></li><li><a href=\"/products/\">产品中心</a></li>\
         <li><a href=\"/solutions/\">解决方案</a></li><li><a href=\"/about/\">关于我们</a></li>\
         <li><a href=\"/en/\">English</a></li></ul></nav>\n<main>\n<h1>{title}</h1>\n",
        hash >> 32
    )
    .expect("writing to a String");
    for _ in 0..rng.range(4, 12) {
        paragraph(out, rng);
        if rng.percent(20) {
            out.push_str("<ul class=\"related\">");
            for _ in 0..rng.range(3, 6) {
                let id = rng.range(100_000, 999_999);
                let title = rng.pick(TITLES);
                write!(out, "<li><a href=\"/news/{id}.html\">{title}</a></li>")
                    .expect("writing to a String");
            }
            out.push_str("</ul>\n");
        }
    }
    write!(
        out,
        "</main>\n<script>\nvar _hmt = _hmt || [];\n(function() {{\n  var hm = document.createElement(\"script\");\n  \
         hm.src = \"https://hm.baidu.com/hm.js?{:032x}\";\n  var s = document.getElementsByTagName(\"script\")[0];\n  \
         s.parentNode.insertBefore(hm, s);\n}})();\n\
         window.__INITIAL_STATE__ = {{\"user\":null,\"region\":\"CN-BJ\",\"page\":{},\"items\":[{},{},{}],\"ab\":\"B1\"}};\n</script>\n",
        (u128::from(rng.next()) << 64) | u128::from(rng.next()),
        rng.range(1, 50),
        rng.range(1, 99_999),
        rng.range(1, 99_999),
        rng.range(1, 99_999),
    )
    .expect("writing to a String");
    footer(out, rng, numbers, company);
}

/// A page's footer: copyright, the numbers (appended to `numbers`), an address.
fn footer(out: &mut String, rng: &mut Rng, numbers: &mut Vec<Written>, company: &str) {
    write!(
        out,
        "<footer class=\"site-footer\"><div class=\"container\">\
         <p>Copyright © {} {company} 版权所有 All Rights Reserved.</p>\n<p class=\"beian\">",
        rng.range(2015, 2025)
    )
    .expect("writing to a String");
    let items = footer_numbers(rng);
    let separator = rng.pick(&[" | ", "&nbsp;&nbsp;", " · ", "<br>", "　"]);
    for (i, (n, kind)) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        footer_item(out, rng, &n, kind);
        numbers.push(n);
    }
    write!(
        out,
        "</p>\n<p>地址：{}  电话：010-{:08}  邮箱：contact@example.com</p></div></footer>\n</body>\n</html>\n",
        rng.pick(&[
            "北京市海淀区中关村大街1号",
            "上海市浦东新区张江路88号",
            "广东省深圳市南山区科技园",
            "浙江省杭州市西湖区文三路",
        ]),
        rng.range(0, 99_999_999)
    )
    .expect("writing to a String");
}

/// One page of Chinese prose, about 5 KB of paragraphs with a few links, and a footer; appends
/// the numbers it holds to `numbers`.
fn prose_page(out: &mut String, rng: &mut Rng, numbers: &mut Vec<Written>) {
    let title = rng.pick(TITLES);
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body>\n<h1>{title}</h1>\n"
    )
    .expect("writing to a String");
    let start = out.len();
    while out.len() - start < 5_000 {
        out.push_str("<p>");
        for _ in 0..rng.range(3, 8) {
            out.push_str(rng.pick(ZH_SENTENCES));
        }
        out.push_str("</p>\n");
    }
    let company = rng.pick(COMPANIES);
    footer(out, rng, numbers, company);
}

/// About `size` bytes of pages, and the numbers written in them, in order.
fn corpus(size: usize, seed: u64) -> (String, Vec<Written>, usize) {
    pages_of(page, size, seed)
}

/// What writes one page: [`page`] or [`prose_page`].
type WritePage = fn(&mut String, &mut Rng, &mut Vec<Written>);

/// About `size` bytes of pages written by `write_page`, and the numbers written in them.
fn pages_of(write_page: WritePage, size: usize, seed: u64) -> (String, Vec<Written>, usize) {
    let mut rng = Rng(seed);
    let mut out = String::with_capacity(size + 16 * 1024);
    let mut numbers = Vec::new();
    let mut pages = 0;
    while out.len() < size {
        write_page(&mut out, &mut rng, &mut numbers);
        pages += 1;
    }
    (out, numbers, pages)
}

/// Asserts that `found` is `written` (in order), naming what differs and how it was written.
fn assert_same(found: &[&str], written: &[&str], numbers: &[Written], who: &str) {
    if found == written {
        return;
    }
    let as_written = |canonical: &str| {
        numbers
            .iter()
            .find(|n| n.canonical == canonical)
            .map_or(String::from("(not written)"), |n| n.text.clone())
    };
    let found_set: BTreeSet<&str> = found.iter().copied().collect();
    let written_set: BTreeSet<&str> = written.iter().copied().collect();
    let missed: Vec<String> = written_set
        .difference(&found_set)
        .map(|c| format!("{c} written as {}", as_written(c)))
        .collect();
    let extra: Vec<&&str> = found_set.difference(&written_set).collect();
    panic!(
        "{who}: found {} numbers, {} written; missed {}: {missed:#?}; extra {}: {extra:?}",
        found.len(),
        written.len(),
        missed.len(),
        extra.len()
    );
}

/// Asserts the premises of the comparison and prints what each found: the regex finds exactly
/// the canonical numbers written, the scanner finds every one of them (same canonical set, same
/// spans) and, being lenient, the lenient variants too.
fn check_corpus(text: &str, numbers: &[Written], pages: usize, re: &Regex) {
    let found_regex: Vec<&str> = re.find_iter(text).map(|m| m.as_str()).collect();
    let found_scan: Vec<icp_number::Match> = icp_number::scan(text).collect();
    let scan_canonical: Vec<String> = found_scan.iter().map(|m| m.number().to_string()).collect();

    let written_strict: Vec<&str> = numbers
        .iter()
        .filter(|n| n.strict)
        .map(|n| n.canonical.as_str())
        .collect();
    let written_all: Vec<&str> = numbers.iter().map(|n| n.canonical.as_str()).collect();
    assert_same(
        &found_regex,
        &written_strict,
        numbers,
        "regex (strict grammar)",
    );
    let scan_found: Vec<&str> = scan_canonical.iter().map(String::as_str).collect();
    assert_same(&scan_found, &written_all, numbers, "scanner");

    let regex_set: BTreeSet<&str> = found_regex.iter().copied().collect();
    let scan_set: BTreeSet<&str> = scan_canonical.iter().map(String::as_str).collect();
    assert!(
        regex_set.is_subset(&scan_set),
        "the scanner misses {:?}",
        regex_set.difference(&scan_set).collect::<Vec<_>>()
    );
    for m in re.find_iter(text) {
        assert!(
            found_scan.iter().any(|s| s.range() == m.range()),
            "the scanner has no match spanning {:?} ({})",
            m.range(),
            m.as_str()
        );
    }

    let lenient = found_scan.iter().filter(|m| !m.fixes().is_empty()).count();
    println!(
        "corpus: {} bytes, {pages} pages, {} numbers written ({} canonical)",
        text.len(),
        numbers.len(),
        written_strict.len()
    );
    println!(
        "  regex (strict grammar) found {} ({} distinct); scanner found {} ({} distinct, {lenient} \
         with fixes); canonical sets: regex ⊆ scanner",
        found_regex.len(),
        regex_set.len(),
        found_scan.len(),
        scan_set.len()
    );
}

fn bench_realistic(c: &mut Criterion) {
    let re = Regex::new(&strict_pattern()).expect("the strict pattern compiles");
    let corpora: [(&str, WritePage); 2] = [("realistic_html", page), ("chinese_prose", prose_page)];
    for (name, write_page) in corpora {
        let (text, numbers, pages) = pages_of(write_page, 4 << 20, 0x1C9_2024);
        print!("{name} ");
        check_corpus(&text, &numbers, pages, &re);
        let mut group = c.benchmark_group(name);
        group
            .throughput(Throughput::Bytes(text.len() as u64))
            .sample_size(20)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3));
        group.bench_function("scan", |b| {
            b.iter(|| icp_number::scan(black_box(&text)).count());
        });
        group.bench_function("regex_find_iter", |b| {
            b.iter(|| re.find_iter(black_box(&text)).count());
        });
        group.finish();
    }
}

/// Every number of `bytes` through a [`icp_number::Stream`] fed `chunk`-byte chunks.
fn streamed(bytes: &[u8], chunk: usize) -> usize {
    let mut stream = icp_number::Stream::new();
    let mut count = 0;
    for piece in bytes.chunks(chunk) {
        count += stream.feed(piece).count();
    }
    count + stream.finish().count()
}

fn bench_sizes(c: &mut Criterion) {
    for (label, size) in [
        ("1MiB", 1 << 20),
        ("10MiB", 10 << 20),
        ("100MiB", 100 << 20),
    ] {
        let (text, _, _) = corpus(size, 0x1C9_2024);
        let bytes = text.as_bytes();
        let expected: Vec<_> = icp_number::scan(&text).collect();
        assert_eq!(icp_number::scan_bytes(bytes).collect::<Vec<_>>(), expected);
        let mut stream = icp_number::Stream::new();
        let mut streamed_all: Vec<_> = bytes
            .chunks(4096)
            .flat_map(|c| stream.feed(c).collect::<Vec<_>>())
            .collect();
        streamed_all.extend(stream.finish());
        assert_eq!(streamed_all, expected);

        let mut group = c.benchmark_group("sizes");
        group
            .throughput(Throughput::Bytes(bytes.len() as u64))
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(2));
        group.bench_with_input(BenchmarkId::new("scan", label), &text, |b, text| {
            b.iter(|| icp_number::scan(black_box(text)).count());
        });
        group.bench_with_input(BenchmarkId::new("scan_bytes", label), bytes, |b, bytes| {
            b.iter(|| icp_number::scan_bytes(black_box(bytes)).count());
        });
        for (name, chunk) in [("stream_4KiB", 4 << 10), ("stream_64KiB", 64 << 10)] {
            group.bench_with_input(BenchmarkId::new(name, label), bytes, |b, bytes| {
                b.iter(|| streamed(black_box(bytes), chunk));
            });
        }
        group.finish();
    }
}

// ---------------------------------------------------------------------------------------------
// Adversarial inputs.

/// `head`, then `unit` repeated, to at most `size` bytes.
fn repeated(head: &str, unit: &str, size: usize) -> String {
    let mut out = String::with_capacity(size);
    out.push_str(head);
    while out.len() + unit.len() <= size {
        out.push_str(unit);
    }
    out
}

/// Inputs built to make a careless scanner quadratic: long digit runs after a marker, candidates
/// at every few bytes, long runs of whitespace entities after a province character.
const ADVERSARIAL: &[(&str, &str, &str)] = &[
    ("marker_then_digits", "京ICP备", "1"),
    ("marker_digit_repeated", "", "京ICP备1"),
    ("province_space_repeated", "", "京 "),
    ("province_then_nbsp", "京", "&nbsp;"),
    ("province_nbsp_repeated", "", "京&nbsp;"),
    ("b2_hyphen_repeated", "", "B2-"),
    ("province_chars", "", "京"),
    ("glued_filing_repeated", "", "京ICP备12345678号1"),
];

fn bench_adversarial(c: &mut Criterion) {
    for &(name, head, unit) in ADVERSARIAL {
        let mut group = c.benchmark_group(format!("adversarial/{name}"));
        group
            .sample_size(20)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        for (label, size) in [
            ("64KiB", 64 << 10),
            ("256KiB", 256 << 10),
            ("1MiB", 1 << 20),
        ] {
            let text = repeated(head, unit, size);
            // None of them holds a number; a scanner that finds one is reading garbage.
            assert_eq!(icp_number::scan(&text).count(), 0, "{name}");
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new("scan", label), &text, |b, text| {
                b.iter(|| icp_number::scan(black_box(text)).count());
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench_realistic, bench_sizes, bench_adversarial);
criterion_main!(benches);
