//! `icp audit SITE_DIR`: the registration numbers a static site must show on a mainland server,
//! checked on every HTML page before it is deployed.
//!
//! Every `.html`/`.htm` page under SITE_DIR (recursively; `.git` and `node_modules` skipped) must:
//!
//! - `no_icp`: show an ICP number (a filing, a licence or a telecom licence);
//! - `icp_differs`: show, for each of those kinds, the site's main number of that kind
//!   (`Number::main_number()`, so site suffixes may differ): the one most pages show, ties going
//!   to the first page in path order;
//! - `no_psb`: show a public-security (公网安备) number;
//! - `psb_differs`: show the site's public-security number (chosen the same way);
//! - `psb_province`: with a public-security number from the province of the page's ICP number
//!   (its filing, else its licence, else a provincial telecom licence);
//! - `icp_link`: have one of its ICP numbers inside `<a href="…">…</a>` going to MIIT's query site
//!   (see [`html::is_miit_link`]; a link to MIIT's old portal is named as such);
//! - `psb_link`: have one of its public-security numbers inside a link to its query page (see
//!   [`html::is_psb_link`]; a link to the old portal `www.beian.gov.cn` is named as such);
//! - `lenient`: write every number in its canonical form (a number only lenient mode reads is
//!   reported with the form to write instead).
//!
//! Numbers are read leniently, as `icp scan` reads them; numbers inside HTML comments do not
//! count. The JSON report gives each number in the shape every command shares
//! ([`NumberJson`]). Exit status: 0 when every page passes, 1 when any
//! fails, 2 when the site or a page cannot be read.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use icp_number::{Kind, MIIT_QUERY_URL, Number, Province};
use serde::Serialize;
use serde_json::{Value, json};

use crate::chunks::{Found, find_all};
use crate::files::{self, Source};
use crate::report::{NumberJson, fix_names, write_table};
use crate::{exit, html, order};

/// The extensions of the pages audited.
const PAGE_EXTENSIONS: [&str; 2] = ["html", "htm"];

/// A number on a page and the link around it.
#[derive(Clone, Debug)]
struct Shown {
    found: Found,
    /// The `href` of the `<a>` element around it: `None` outside a link, `Some(None)` in an `<a>`
    /// without `href`.
    link: Option<Option<String>>,
}

impl Shown {
    fn number(&self) -> Number {
        self.found.found.number()
    }

    fn href(&self) -> Option<&str> {
        self.link.as_ref().and_then(Option::as_deref)
    }

    /// Whether its link goes to the query page its kind should link to.
    fn linked(&self) -> bool {
        let number = self.number();
        self.href().is_some_and(|href| match number.kind() {
            Kind::Psb => html::is_psb_link(href, &number),
            _ => html::is_miit_link(href),
        })
    }
}

/// The numbers on one page, in order, outside comments.
fn read_page(bytes: &[u8]) -> Vec<Shown> {
    let comments = html::comments(bytes);
    find_all(bytes)
        .into_iter()
        .filter(|f| !comments.iter().any(|c| c.contains(&f.found.start())))
        .map(|found| Shown {
            link: html::enclosing_link(bytes, found.found.range()),
            found,
        })
        .collect()
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Issue {
    code: &'static str,
    message: String,
}

impl Issue {
    fn new(code: &'static str, message: String) -> Issue {
        Issue { code, message }
    }
}

/// A page, what it shows and what is wrong with it.
#[derive(Debug)]
struct Page {
    /// The path below SITE_DIR, with `/` separators.
    name: String,
    numbers: Vec<Shown>,
    issues: Vec<Issue>,
}

impl Page {
    /// Its public-security numbers (`psb`) or its ICP numbers (filings, licences and telecom
    /// licences).
    fn of(&self, psb: bool) -> impl Iterator<Item = &Shown> {
        self.numbers
            .iter()
            .filter(move |s| (s.number().kind() == Kind::Psb) == psb)
    }

    fn icp(&self) -> impl Iterator<Item = &Shown> {
        self.of(false)
    }

    fn psb(&self) -> impl Iterator<Item = &Shown> {
        self.of(true)
    }

    /// The ICP number the page stands for: its first filing, else licence, else telecom licence.
    fn main_icp(&self) -> Option<Number> {
        [Kind::Filing, Kind::Licence, Kind::Telecom]
            .into_iter()
            .find_map(|kind| self.icp().map(Shown::number).find(|n| n.kind() == kind))
    }

    /// How its ICP (`psb` false) or public-security numbers are linked: rightly when one of
    /// them is, else what the first link among them is (or that none is linked); `None` when it
    /// has none of them.
    fn link(&self, psb: bool) -> Option<Link<'_>> {
        self.of(psb).next()?;
        if self.of(psb).any(Shown::linked) {
            return Some(Link::Right);
        }
        Some(match self.of(psb).find_map(Shown::href) {
            Some(href) => match html::old_portal(href, psb) {
                Some(portal) => Link::OldPortal(portal),
                None => Link::Elsewhere(href),
            },
            None => Link::Missing,
        })
    }

    /// Whether one of its ICP (`psb` false) or public-security numbers is linked rightly; `None`
    /// when it has none of them.
    fn linked(&self, psb: bool) -> Option<bool> {
        self.link(psb).map(|link| link == Link::Right)
    }
}

/// How a page links its ICP numbers, or its public-security numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Link<'a> {
    /// One of them links to its query page.
    Right,
    /// None is inside a link with an `href`.
    Missing,
    /// The first link goes to a retired portal (its host as usually written).
    OldPortal(&'static str),
    /// The first link goes somewhere else (its `href`).
    Elsewhere(&'a str),
}

impl Link<'_> {
    /// The `links` cell's word for it, `what` being `ICP` or `PSB`; `None` when it is right.
    fn cell(self, what: &str) -> Option<String> {
        match self {
            Link::Right => None,
            Link::Missing => Some(format!("no {what} link")),
            Link::OldPortal(_) => Some(format!("old {what} portal")),
            Link::Elsewhere(_) => Some(format!("wrong {what} link")),
        }
    }
}

/// The site's main number of each kind: the one most pages show, ties going to the first shown.
fn site_numbers(pages: &[Page]) -> HashMap<Kind, (Number, usize)> {
    // kind → (main number, pages showing it), in order of first appearance.
    let mut seen: HashMap<Kind, Vec<(Number, usize)>> = HashMap::new();
    for page in pages {
        let mut counted = Vec::new();
        for main in page.numbers.iter().map(|s| s.number().main_number()) {
            if counted.contains(&main) {
                continue;
            }
            counted.push(main);
            let list = seen.entry(main.kind()).or_default();
            match list.iter_mut().find(|(n, _)| *n == main) {
                Some((_, count)) => *count += 1,
                None => list.push((main, 1)),
            }
        }
    }
    seen.into_iter()
        .filter_map(|(kind, list)| {
            // `max_by_key` keeps the last of equals: go through them backwards.
            let best = list.into_iter().rev().max_by_key(|(_, count)| *count)?;
            Some((kind, best))
        })
        .collect()
}

/// `Beijing (CN-BJ)`.
fn province_name(province: Option<Province>) -> String {
    province.map_or_else(
        || "no province (cross-regional)".to_owned(),
        |p| format!("{} ({})", p.name_en(), p.iso_code()),
    )
}

/// Fills in the page's issues, given the site's numbers and how many pages there are.
fn judge(page: &mut Page, site: &HashMap<Kind, (Number, usize)>, total: usize) {
    let mut issues = Vec::new();
    let main_icp = page.main_icp();
    if main_icp.is_none() {
        issues.push(Issue::new(
            "no_icp",
            "no ICP number (ICP filing, ICP licence or telecom licence)".to_owned(),
        ));
    }
    let icp_mains = page.icp().map(|s| s.number().main_number()).collect();
    issues.extend(differs("icp_differs", icp_mains, site, total));
    let psb: Vec<Number> = page.psb().map(Shown::number).collect();
    if psb.is_empty() {
        issues.push(Issue::new(
            "no_psb",
            "no public-security number (公网安备)".to_owned(),
        ));
    }
    issues.extend(differs("psb_differs", psb.clone(), site, total));
    let icp_province = main_icp
        .into_iter()
        .chain(page.icp().map(Shown::number))
        .find_map(|n| n.province().map(|p| (n, p)));
    if let Some((icp, province)) = icp_province {
        let mut reported = Vec::new();
        for number in psb {
            if number.province() != Some(province) && !reported.contains(&number) {
                reported.push(number);
                issues.push(Issue::new(
                    "psb_province",
                    format!(
                        "{number} is from {}, the ICP number {icp} from {}",
                        province_name(number.province()),
                        province_name(Some(province)),
                    ),
                ));
            }
        }
    }
    if let Some(link) = page.link(false) {
        issues.extend(link_issue("icp_link", "ICP", link, MIIT_QUERY_URL));
    }
    if let Some(link) = page.link(true) {
        let want = page.psb().next().map(|s| s.number().query_url());
        let want = want.as_deref().unwrap_or_default();
        issues.extend(link_issue("psb_link", "public-security", link, want));
    }
    let mut reported: Vec<&str> = Vec::new();
    for shown in &page.numbers {
        let found = &shown.found;
        let fixes = found.found.fixes();
        if fixes.is_empty() || reported.contains(&found.text.as_str()) {
            continue;
        }
        reported.push(&found.text);
        issues.push(Issue::new(
            "lenient",
            format!(
                "line {}: “{}” is read only leniently ({}); write {}",
                found.line,
                found.text.escape_debug(),
                fix_names(fixes).join(", "),
                found.found.number(),
            ),
        ));
    }
    page.issues = issues;
}

/// An issue `code` for each of `shown` (main numbers) that is not the site's number of its kind.
fn differs(
    code: &'static str,
    shown: Vec<Number>,
    site: &HashMap<Kind, (Number, usize)>,
    total: usize,
) -> Vec<Issue> {
    let mut reported = Vec::new();
    let mut issues = Vec::new();
    for main in shown {
        let Some((site_number, count)) = site.get(&main.kind()) else {
            continue;
        };
        if main != *site_number && !reported.contains(&main) {
            reported.push(main);
            issues.push(Issue::new(
                code,
                format!(
                    "{main} differs from the site's {site_number} (on {count} of {total} pages)"
                ),
            ));
        }
    }
    issues
}

/// Why the `what` (`ICP`, `public-security`) numbers are not linked rightly, `want` being the
/// page to link to; `None` when they are.
fn link_issue(code: &'static str, what: &str, link: Link<'_>, want: &str) -> Option<Issue> {
    let message = match link {
        Link::Right => return None,
        Link::Missing => format!("the {what} number is not inside a link to {want}"),
        Link::OldPortal(portal) => {
            let whose = if what == "ICP" { "MIIT" } else { what };
            format!(
                "the {what} number links to the old {whose} portal {portal}; link {want} instead"
            )
        }
        Link::Elsewhere(href) => format!("the {what} number links to {href}, not {want}"),
    };
    Some(Issue::new(code, message))
}

/// `icp audit`.
pub fn run(site_dir: &Path, json: bool) -> io::Result<ExitCode> {
    let meta = match std::fs::metadata(site_dir) {
        Ok(meta) => meta,
        Err(err) => {
            eprintln!("icp: {}: {err}", site_dir.display());
            return Ok(exit::trouble());
        }
    };
    let extensions = PAGE_EXTENSIONS.map(str::to_owned);
    let mut errors = Vec::new();
    let paths: Vec<PathBuf> = if meta.is_dir() {
        files::walk(site_dir, &extensions, &mut errors)
    } else {
        vec![site_dir.to_path_buf()]
    };
    let mut trouble = !errors.is_empty();
    for err in &errors {
        eprintln!("icp: {err}");
    }
    if paths.is_empty() {
        eprintln!(
            "icp: {}: no HTML pages (.html, .htm) to audit",
            site_dir.display()
        );
        return Ok(exit::trouble());
    }
    let sources: Vec<Source> = paths.into_iter().map(Source::File).collect();
    let mut pages = Vec::new();
    order::for_each_whole(&sources, read_page, |source, result, progress| {
        let Source::File(path) = source else {
            return Ok(());
        };
        match result {
            Ok(numbers) => pages.push(Page {
                name: page_name(site_dir, path),
                numbers,
                issues: Vec::new(),
            }),
            Err(err) => {
                trouble = true;
                progress.suspend(|| eprintln!("icp: {}: {err}", path.display()));
            }
        }
        Ok(())
    })?;
    let site = site_numbers(&pages);
    let total = pages.len();
    for page in &mut pages {
        judge(page, &site, total);
    }
    let mut out = io::stdout().lock();
    if json {
        writeln!(out, "{:#}", json_report(site_dir, &pages, &site))?;
    } else {
        text_report(&mut out, &pages, &site)?;
    }
    let failed = pages.iter().any(|p| !p.issues.is_empty());
    Ok(if trouble {
        exit::trouble()
    } else {
        exit::success_if(!failed)
    })
}

/// `path` below `site_dir`, with `/` separators (the file name when `site_dir` is the page).
fn page_name(site_dir: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(site_dir).unwrap_or(path);
    let relative = if relative.as_os_str().is_empty() {
        path.file_name().map_or(path, Path::new)
    } else {
        relative
    };
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// The site's ICP number (its filing, else licence, else telecom licence) and public-security
/// number.
fn site_main(site: &HashMap<Kind, (Number, usize)>) -> (Option<Number>, Option<Number>) {
    let icp = [Kind::Filing, Kind::Licence, Kind::Telecom]
        .iter()
        .find_map(|kind| site.get(kind).map(|(n, _)| *n));
    (icp, site.get(&Kind::Psb).map(|(n, _)| *n))
}

/// The `links` cell: `ok`, what is wrong (`no ICP link`, `old PSB portal`, `wrong PSB link`…),
/// or `-` when the page has no number to link.
fn links_cell(page: &Page) -> String {
    let (icp, psb) = (page.link(false), page.link(true));
    if icp.is_none() && psb.is_none() {
        return "-".to_owned();
    }
    let wrong: Vec<String> = [(icp, "ICP"), (psb, "PSB")]
        .into_iter()
        .filter_map(|(link, what)| link?.cell(what))
        .collect();
    if wrong.is_empty() {
        "ok".to_owned()
    } else {
        wrong.join(", ")
    }
}

/// The table, every issue spelt out, and the verdict.
fn text_report(
    out: &mut impl Write,
    pages: &[Page],
    site: &HashMap<Kind, (Number, usize)>,
) -> io::Result<()> {
    let header = ["page", "ICP", "PSB", "links", "issues"].map(str::to_owned);
    let rows = pages.iter().map(|page| {
        let mut codes: Vec<&str> = page.issues.iter().map(|i| i.code).collect();
        codes.dedup();
        [
            page.name.clone(),
            page.main_icp().map_or("-".to_owned(), |n| n.to_string()),
            page.psb()
                .next()
                .map_or("-".to_owned(), |s| s.number().to_string()),
            links_cell(page),
            if codes.is_empty() {
                "-".to_owned()
            } else {
                codes.join(", ")
            },
        ]
    });
    let table: Vec<[String; 5]> = std::iter::once(header).chain(rows).collect();
    write_table(out, &table)?;
    let failing: Vec<&Page> = pages.iter().filter(|p| !p.issues.is_empty()).collect();
    if !failing.is_empty() {
        writeln!(out)?;
        for page in &failing {
            for issue in &page.issues {
                writeln!(out, "{}: {}: {}", page.name, issue.code, issue.message)?;
            }
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", verdict(pages, site))
}

/// `PASS: …` or `FAIL: …`.
fn verdict(pages: &[Page], site: &HashMap<Kind, (Number, usize)>) -> String {
    let failed = pages.iter().filter(|p| !p.issues.is_empty()).count();
    let issues: usize = pages.iter().map(|p| p.issues.len()).sum();
    if failed > 0 {
        let mut line = format!(
            "FAIL: {failed} of {} pages fail ({issues} issue",
            pages.len()
        );
        if issues != 1 {
            line.push('s');
        }
        line.push(')');
        return line;
    }
    let mut line = format!("PASS: {} pages", pages.len());
    if let (Some(icp), Some(psb)) = site_main(site) {
        let _ = write!(
            line,
            ", all showing {icp} and {psb}, linked to their query pages"
        );
    }
    line
}

/// The JSON report: the site, whether it passes, every page, and a summary.
fn json_report(site_dir: &Path, pages: &[Page], site: &HashMap<Kind, (Number, usize)>) -> Value {
    let failed = pages.iter().filter(|p| !p.issues.is_empty()).count();
    let (icp, psb) = site_main(site);
    let canonical = |n: Option<Number>| n.map(|n| n.to_string());
    json!({
        "site": site_dir.to_string_lossy(),
        "pass": failed == 0,
        "pages": pages.iter().map(page_json).collect::<Vec<_>>(),
        "summary": {
            "pages": pages.len(),
            "passed": pages.len() - failed,
            "failed": failed,
            "issues": pages.iter().map(|p| p.issues.len()).sum::<usize>(),
            "icp": canonical(icp),
            "psb": canonical(psb),
        },
    })
}

/// A number on a page in the JSON report.
#[derive(Debug, Serialize)]
struct ShownJson<'a> {
    line: usize,
    column: usize,
    /// The byte offset of the text as written.
    byte: usize,
    /// The number as written.
    text: &'a str,
    /// The `href` of the link around it; `null` outside a link or without `href`.
    href: Option<&'a str>,
    /// Whether that link goes to its query page.
    linked: bool,
    number: NumberJson,
}

impl ShownJson<'_> {
    fn new(shown: &Shown) -> ShownJson<'_> {
        let found = &shown.found;
        ShownJson {
            line: found.line,
            column: found.column,
            byte: found.found.start(),
            text: &found.text,
            href: shown.href(),
            linked: shown.linked(),
            number: NumberJson::new(&found.found.number(), found.found.fixes()),
        }
    }
}

fn page_json(page: &Page) -> Value {
    let numbers: Vec<ShownJson> = page.numbers.iter().map(ShownJson::new).collect();
    json!({
        "page": page.name,
        "pass": page.issues.is_empty(),
        "icp": page.main_icp().map(|n| n.to_string()),
        "psb": page.psb().next().map(|s| s.number().to_string()),
        "links": { "icp": page.linked(false), "psb": page.linked(true) },
        "numbers": numbers,
        "issues": page
            .issues
            .iter()
            .map(|i| json!({ "code": i.code, "message": i.message }))
            .collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(name: &str, html: &str) -> Page {
        Page {
            name: name.to_owned(),
            numbers: read_page(html.as_bytes()),
            issues: Vec::new(),
        }
    }

    fn audit(pages: &mut [Page]) {
        let site = site_numbers(pages);
        let total = pages.len();
        for page in pages.iter_mut() {
            judge(page, &site, total);
        }
    }

    const FOOTER: &str = r#"<a href="https://beian.miit.gov.cn/">京ICP备12345678号-1</a>
        <a href="https://beian.mps.gov.cn/#/query/webSearch?code=11010802020088">京公网安备11010802020088号</a>"#;

    #[test]
    fn a_complete_footer_passes() {
        let mut pages = [page("a.html", FOOTER), page("b.html", FOOTER)];
        audit(&mut pages);
        assert!(pages.iter().all(|p| p.issues.is_empty()), "{pages:?}");
    }

    #[test]
    fn numbers_in_comments_do_not_count() {
        let mut pages = [page("a.html", &format!("<!-- {FOOTER} -->"))];
        audit(&mut pages);
        let codes: Vec<&str> = pages[0].issues.iter().map(|i| i.code).collect();
        assert_eq!(codes, ["no_icp", "no_psb"]);
    }

    #[test]
    fn the_majority_sets_the_site_number_and_ties_go_to_the_first_page() {
        let other = FOOTER.replace("12345678号-1", "19012345号-2");
        let mut pages = [
            page("a.html", &other),
            page("b.html", FOOTER),
            page("c.html", FOOTER),
        ];
        audit(&mut pages);
        assert_eq!(
            pages[0].issues,
            [Issue::new(
                "icp_differs",
                "京ICP备19012345号 differs from the site's 京ICP备12345678号 (on 2 of 3 pages)"
                    .to_owned()
            )]
        );
        let mut tie = [page("a.html", &other), page("b.html", FOOTER)];
        audit(&mut tie);
        assert!(tie[0].issues.is_empty());
        assert_eq!(tie[1].issues[0].code, "icp_differs");
    }

    #[test]
    fn a_site_suffix_may_differ() {
        let mut pages = [
            page("a.html", FOOTER),
            page("b.html", &FOOTER.replace("号-1", "号-2")),
        ];
        audit(&mut pages);
        assert!(pages.iter().all(|p| p.issues.is_empty()), "{pages:?}");
    }

    #[test]
    fn a_number_only_lenient_mode_reads_is_reported_once() {
        let footer = FOOTER.replace("12345678号-1", "12345678号－1");
        let mut pages = [page("a.html", &format!("{footer}\n{footer}"))];
        audit(&mut pages);
        assert_eq!(
            pages[0].issues,
            [Issue::new(
                "lenient",
                "line 1: “京ICP备12345678号－1” is read only leniently (full_width); \
                 write 京ICP备12345678号-1"
                    .to_owned()
            )]
        );
    }

    #[test]
    fn page_names_are_relative_with_slashes() {
        let dir = Path::new("site");
        assert_eq!(page_name(dir, Path::new("site/a/b.html")), "a/b.html");
        assert_eq!(
            page_name(Path::new("x.html"), Path::new("x.html")),
            "x.html"
        );
    }
}
