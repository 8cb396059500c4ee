//! The progress bar of `icp scan` and `icp audit` on stderr, and when it may redraw.
//!
//! The bar counts bytes read (of the files as stored, so compressed bytes for `.gz`) when the
//! input is large, and files done when there are many. It is drawn only when stderr is a
//! terminal, and its redraws are bounded whatever the number of files or chunks: the counters are
//! pushed to it at most [`UPDATE_EVERY`] apart, indicatif draws at most [`DRAW_HZ`] times a
//! second, and results printed to the same terminal (which hide and redraw the bar) are held back
//! and printed together at most [`UPDATE_EVERY`] apart.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::files::Source;

/// Inputs of at least this many files get a bar (when stderr is a terminal).
const MIN_FILES: usize = 100;

/// Inputs of at least this many bytes get a bar, and so does a pipe on standard input.
const MIN_BYTES: u64 = 64 << 20;

/// The most times a second indicatif redraws the bar.
pub const DRAW_HZ: u8 = 10;

/// The least time between two updates of the bar's counters, and between two prints of results
/// held back while the bar is shown on the terminal that stdout goes to.
pub const UPDATE_EVERY: Duration = Duration::from_millis(100);

/// Results held back this long while the bar is shown are printed even before [`UPDATE_EVERY`].
const MAX_HELD: usize = 1 << 20;

/// Says when a repeated event may act: at most once every `period`, the first time at once.
/// Several threads may ask.
#[derive(Debug)]
pub struct Throttle {
    start: Instant,
    period: Duration,
    /// Nanoseconds after `start` before which nothing may act.
    next: AtomicU64,
}

impl Throttle {
    /// A throttle whose first event may act at once and later ones `period` after the last that
    /// did.
    pub fn new(start: Instant, period: Duration) -> Self {
        Throttle {
            start,
            period,
            next: AtomicU64::new(0),
        }
    }

    /// Whether an event at `now` may act (and if so, the next one must wait `period`).
    pub fn ready(&self, now: Instant) -> bool {
        let at = nanos(now.saturating_duration_since(self.start));
        let next = self.next.load(Ordering::Relaxed);
        at >= next
            && self
                .next
                .compare_exchange(
                    next,
                    at + nanos(self.period),
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                )
                .is_ok()
    }
}

/// `duration` in nanoseconds, saturating.
fn nanos(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}

/// A progress bar on stderr, or nothing; and the counters it shows.
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
    /// The bar is on the terminal stdout goes to: printing results hides it for a moment.
    shares_stdout: bool,
    bytes: AtomicU64,
    files: AtomicU64,
    total_files: usize,
    updates: Throttle,
    prints: Throttle,
}

impl Progress {
    /// A bar for reading `sources`, drawn when stderr is a terminal and the input is large: many
    /// files, many bytes or a pipe on standard input.
    pub fn new(sources: &[Source]) -> Progress {
        if !io::stderr().is_terminal() {
            return Progress::with_target(None, sources.len(), false);
        }
        let Some(style) = style(sources) else {
            return Progress::with_target(None, sources.len(), false);
        };
        let target = ProgressDrawTarget::stderr_with_hz(DRAW_HZ);
        let bar = ProgressBar::with_draw_target(style.1, target).with_style(style.0);
        Progress::with_target(Some(bar), sources.len(), io::stdout().is_terminal())
    }

    /// Counters for `total_files` files shown on `bar`; `shares_stdout` when results printed
    /// must hide the bar first.
    fn with_target(bar: Option<ProgressBar>, total_files: usize, shares_stdout: bool) -> Self {
        let now = Instant::now();
        Progress {
            bar,
            shares_stdout,
            bytes: AtomicU64::new(0),
            files: AtomicU64::new(0),
            total_files,
            updates: Throttle::new(now, UPDATE_EVERY),
            prints: Throttle::new(now, UPDATE_EVERY),
        }
    }

    /// Counts `bytes` more bytes read (from any thread).
    pub fn read(&self, bytes: usize) {
        self.bytes.fetch_add(bytes as u64, Ordering::Relaxed);
        self.update(false);
    }

    /// Counts one more file done.
    pub fn file_done(&self) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.update(false);
    }

    /// Pushes the counters to the bar, when it is time (or when `now_anyway`).
    fn update(&self, now_anyway: bool) {
        let Some(bar) = &self.bar else { return };
        if !now_anyway && !self.updates.ready(Instant::now()) {
            return;
        }
        let files = self.files.load(Ordering::Relaxed);
        if self.total_files > 1 {
            bar.set_message(format!("{files}/{} files", self.total_files));
        }
        bar.set_position(self.bytes.load(Ordering::Relaxed));
    }

    /// Runs `f` with the bar hidden, so that what it prints is not mixed with the bar.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Writes the results in `held` to `out` and empties it, at once when the bar does not share
    /// the terminal of stdout (or on the `last` call); else at most every [`UPDATE_EVERY`], each
    /// time hiding the bar.
    pub fn print(&self, out: &mut impl Write, held: &mut Vec<u8>, last: bool) -> io::Result<()> {
        if held.is_empty() {
            return Ok(());
        }
        if self.bar.is_none() || !self.shares_stdout {
            out.write_all(held)?;
            held.clear();
            return out.flush();
        }
        if last || held.len() >= MAX_HELD || self.prints.ready(Instant::now()) {
            self.suspend(|| out.write_all(held).and_then(|()| out.flush()))?;
            held.clear();
        }
        Ok(())
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            self.update(true);
            bar.finish_and_clear();
        }
    }
}

/// The bar's look and length for `sources`, or `None` when they are too few and small for one:
/// bytes out of the total when every size is known, else bytes read and the rate.
fn style(sources: &[Source]) -> Option<(ProgressStyle, Option<u64>)> {
    let piped = sources
        .iter()
        .any(|s| *s == Source::Stdin && !io::stdin().is_terminal());
    let sizes: Option<u64> = sources.iter().map(Source::size).sum();
    let big = sizes.is_some_and(|total| total >= MIN_BYTES);
    if !(piped || big || sources.len() >= MIN_FILES) {
        return None;
    }
    let (template, length) = match sizes {
        Some(total) => ("{bar:40} {bytes}/{total_bytes}  {wide_msg}", Some(total)),
        None => ("{spinner} {bytes} read ({bytes_per_sec})  {wide_msg}", None),
    };
    let style =
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
    Some((style.progress_chars("=> "), length))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;

    use indicatif::TermLike;

    use super::*;

    #[test]
    fn a_throttle_lets_one_event_act_per_period() {
        let start = Instant::now();
        let throttle = Throttle::new(start, Duration::from_millis(100));
        // 10,000 events spread over one second: the first at once, then one per 100 ms.
        let acted = (0..10_000)
            .filter(|i| throttle.ready(start + Duration::from_micros(i * 100)))
            .count();
        assert_eq!(acted, 10);
        assert!(throttle.ready(start + Duration::from_secs(1)));
        assert!(!throttle.ready(start + Duration::from_millis(1050)));
    }

    #[test]
    fn a_throttle_never_acts_twice_at_the_same_time() {
        let start = Instant::now();
        let throttle = Throttle::new(start, Duration::from_millis(100));
        let now = start + Duration::from_secs(5);
        assert!(throttle.ready(now));
        assert!(!throttle.ready(now));
        assert!(!throttle.ready(start));
    }

    /// A terminal that counts how often the bar is drawn (each draw ends with a flush).
    #[derive(Debug, Default)]
    struct Counting(Arc<AtomicUsize>);

    impl TermLike for Counting {
        fn width(&self) -> u16 {
            80
        }
        fn move_cursor_up(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn write_line(&self, _: &str) -> io::Result<()> {
            Ok(())
        }
        fn write_str(&self, _: &str) -> io::Result<()> {
            Ok(())
        }
        fn clear_line(&self) -> io::Result<()> {
            Ok(())
        }
        fn flush(&self) -> io::Result<()> {
            self.0.fetch_add(1, Ordering::Relaxed);
            Ok(())
        }
    }

    #[test]
    fn ten_thousand_files_with_results_redraw_a_bounded_number_of_times() {
        let draws = Arc::new(AtomicUsize::new(0));
        let term = Box::new(Counting(Arc::clone(&draws)));
        let target = ProgressDrawTarget::term_like_with_hz(term, DRAW_HZ);
        let bar = ProgressBar::with_draw_target(Some(10_000), target);
        let progress = Progress::with_target(Some(bar), 10_000, true);
        let start = Instant::now();
        let mut out = Vec::new();
        let mut held = Vec::new();
        for _ in 0..10_000 {
            progress.read(7_000);
            held.extend_from_slice(b"a.html:1:1  \xe4\xba\xacICP\n");
            progress.print(&mut out, &mut held, false).unwrap();
            progress.file_done();
        }
        progress.print(&mut out, &mut held, true).unwrap();
        progress.finish();
        let periods = start.elapsed().as_millis() as usize / 100 + 1;
        // Each print draws twice (hide, show); updates draw at most once per period each.
        let bound = 6 * periods + 6;
        let drawn = draws.load(Ordering::Relaxed);
        assert!(drawn <= bound, "{drawn} draws in {periods} periods");
        assert_eq!(out.len(), 10_000 * "a.html:1:1  京ICP\n".len());
    }

    #[test]
    fn without_a_bar_results_are_printed_at_once() {
        let progress = Progress::with_target(None, 1, false);
        let (mut out, mut held) = (Vec::new(), b"x\n".to_vec());
        progress.print(&mut out, &mut held, false).unwrap();
        assert_eq!((out.as_slice(), held.len()), (&b"x\n"[..], 0));
    }
}
