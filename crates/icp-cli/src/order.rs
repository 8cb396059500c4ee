//! Running a job over many sources on a few threads, with each source's results handed back in
//! the order of the sources as they come: the results of the source whose turn it is go out
//! chunk by chunk while it is read, those of the sources after it wait (a bounded number each)
//! until their turn.

use std::collections::{BTreeMap, VecDeque};
use std::io;
use std::mem;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Condvar, Mutex, PoisonError};
use std::thread;

use crate::files::Source;
use crate::progress::Progress;

/// The most threads reading sources at once.
const MAX_WORKERS: usize = 8;

/// A source read before its turn keeps at most this many results before it waits for its turn.
const MAX_HELD: usize = 4096;

/// Where a job puts the results of one source.
pub trait Outbox<T> {
    /// Hands over the next result.
    fn put(&mut self, item: T) -> io::Result<()>;

    /// Lets the results handed over so far go out (call it after each chunk of input); it may
    /// wait for the source's turn.
    fn flush(&mut self) -> io::Result<()>;
}

/// What the job did with one source, in order.
#[derive(Debug)]
pub enum Event<T> {
    /// One result.
    Item(T),
    /// The end of a chunk of input: a good time to print.
    Flush,
    /// The source is done: read to its end, or not for the reason given.
    Done(io::Result<()>),
}

/// The job run on each source: it reads the source and puts its results in the outbox. Its error
/// is the source's (when the outbox failed, the whole run stops with the outbox's error instead).
pub type Job<'a, T> = dyn Fn(&Source, &mut dyn Outbox<T>) -> io::Result<()> + Sync + 'a;

/// What the caller does with each event of each source, in the order of the sources.
pub type Emit<'a, T> = dyn FnMut(&Source, Event<T>) -> io::Result<()> + 'a;

/// Runs `job` on every source, on a few threads when there are several, and hands what it
/// finds to `emit` in the order of `sources`: the current source's results as they come, each
/// later one's once all before it are done. Stops early when `emit` fails (e.g. the reader of
/// stdout went away), with its error.
pub fn for_each<T: Send>(
    sources: &[Source],
    progress: &Progress,
    job: &Job<'_, T>,
    emit: &mut Emit<'_, T>,
) -> io::Result<()> {
    let workers = thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, MAX_WORKERS)
        .min(sources.len());
    if workers <= 1 {
        sources
            .iter()
            .try_for_each(|source| in_turn(source, progress, job, emit))
    } else {
        in_parallel(sources, workers, progress, job, emit)
    }
}

/// Runs `job` on `source` on this thread, its results going straight to `emit`.
fn in_turn<T>(
    source: &Source,
    progress: &Progress,
    job: &Job<'_, T>,
    emit: &mut Emit<'_, T>,
) -> io::Result<()> {
    let mut outbox = Direct {
        source,
        emit: &mut *emit,
        failed: None,
    };
    let result = job(source, &mut outbox);
    if let Some(err) = outbox.failed {
        return Err(err);
    }
    progress.file_done();
    emit(source, Event::Done(result))
}

/// The outbox of a source read in turn: every result goes out at once.
struct Direct<'a, 'e, T> {
    source: &'a Source,
    emit: &'a mut Emit<'e, T>,
    /// Why `emit` failed, if it did.
    failed: Option<io::Error>,
}

impl<T> Direct<'_, '_, T> {
    fn send(&mut self, event: Event<T>) -> io::Result<()> {
        (self.emit)(self.source, event).map_err(|err| {
            let kind = err.kind();
            self.failed = Some(err);
            io::Error::new(kind, "output failed")
        })
    }
}

impl<T> Outbox<T> for Direct<'_, '_, T> {
    fn put(&mut self, item: T) -> io::Result<()> {
        self.send(Event::Item(item))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send(Event::Flush)
    }
}

/// What a worker sends for a source.
enum Message<T> {
    /// Results to hand out now (the source's turn has come).
    Items(Vec<T>),
    /// The last results and the outcome.
    Done(Vec<T>, io::Result<()>),
}

/// Whose turn it is, shared by the workers and the thread that hands results out.
struct Turn {
    /// The index of the first source not yet done.
    due: Mutex<usize>,
    changed: Condvar,
    /// The run is over (its output failed): workers give up.
    stop: AtomicBool,
}

impl Turn {
    fn is_due(&self, index: usize) -> bool {
        *self.due.lock().unwrap_or_else(PoisonError::into_inner) == index
    }

    /// Waits until it is the turn of source `index`; an error if the run stops first.
    fn wait_for(&self, index: usize) -> io::Result<()> {
        let mut due = self.due.lock().unwrap_or_else(PoisonError::into_inner);
        while *due != index && !self.stop.load(Ordering::Relaxed) {
            due = self
                .changed
                .wait(due)
                .unwrap_or_else(PoisonError::into_inner);
        }
        self.check()
    }

    fn check(&self) -> io::Result<()> {
        if self.stop.load(Ordering::Relaxed) {
            return Err(io::Error::other("stopped"));
        }
        Ok(())
    }

    fn advance(&self, due: usize) {
        *self.due.lock().unwrap_or_else(PoisonError::into_inner) = due;
        self.changed.notify_all();
    }

    fn stop(&self) {
        let _due = self.due.lock().unwrap_or_else(PoisonError::into_inner);
        self.stop.store(true, Ordering::Relaxed);
        self.changed.notify_all();
    }
}

/// The outbox of a source read by a worker: results go out at each flush when it is the
/// source's turn, and are held back otherwise (the worker waits for its turn past
/// [`MAX_HELD`]).
struct Queued<'a, T> {
    index: usize,
    held: Vec<T>,
    tx: &'a Sender<(usize, Message<T>)>,
    turn: &'a Turn,
}

impl<T> Outbox<T> for Queued<'_, T> {
    fn put(&mut self, item: T) -> io::Result<()> {
        self.turn.check()?;
        self.held.push(item);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.held.is_empty() {
            return self.turn.check();
        }
        if self.held.len() >= MAX_HELD {
            self.turn.wait_for(self.index)?;
        }
        if self.turn.is_due(self.index) {
            let items = mem::take(&mut self.held);
            self.tx
                .send((self.index, Message::Items(items)))
                .map_err(|_| io::Error::other("stopped"))?;
        }
        Ok(())
    }
}

/// [`for_each`] with `workers` threads taking the next source as they get free.
fn in_parallel<T: Send>(
    sources: &[Source],
    workers: usize,
    progress: &Progress,
    job: &Job<'_, T>,
    emit: &mut Emit<'_, T>,
) -> io::Result<()> {
    let next = AtomicUsize::new(0);
    let turn = Turn {
        due: Mutex::new(0),
        changed: Condvar::new(),
        stop: AtomicBool::new(false),
    };
    thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, turn) = (&next, &turn);
            scope.spawn(move || work(sources, next, turn, &tx, job));
        }
        drop(tx);
        let result = hand_out(sources, rx, &turn, progress, emit);
        if result.is_err() {
            turn.stop();
        }
        result
    })
}

/// A worker: reads the next source not yet taken until there is none or the run stops.
fn work<T>(
    sources: &[Source],
    next: &AtomicUsize,
    turn: &Turn,
    tx: &Sender<(usize, Message<T>)>,
    job: &Job<'_, T>,
) {
    while turn.check().is_ok() {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(source) = sources.get(index) else {
            break;
        };
        let mut outbox = Queued {
            index,
            held: Vec::new(),
            tx,
            turn,
        };
        let result = job(source, &mut outbox);
        if turn.check().is_err() {
            break;
        }
        let held = outbox.held;
        if tx.send((index, Message::Done(held, result))).is_err() {
            break;
        }
    }
}

/// Hands the workers' messages to `emit` in the order of the sources.
fn hand_out<T>(
    sources: &[Source],
    rx: mpsc::Receiver<(usize, Message<T>)>,
    turn: &Turn,
    progress: &Progress,
    emit: &mut Emit<'_, T>,
) -> io::Result<()> {
    let mut waiting: BTreeMap<usize, VecDeque<Message<T>>> = BTreeMap::new();
    let mut due = 0;
    for (index, message) in rx {
        waiting.entry(index).or_default().push_back(message);
        while let Some(message) = waiting.get_mut(&due).and_then(VecDeque::pop_front) {
            if deliver(&sources[due], message, progress, emit)? {
                waiting.remove(&due);
                due += 1;
                turn.advance(due);
            }
        }
    }
    Ok(())
}

/// Hands one message to `emit`; whether it ended its source.
fn deliver<T>(
    source: &Source,
    message: Message<T>,
    progress: &Progress,
    emit: &mut Emit<'_, T>,
) -> io::Result<bool> {
    let (items, result) = match message {
        Message::Items(items) => (items, None),
        Message::Done(items, result) => (items, Some(result)),
    };
    for item in items {
        emit(source, Event::Item(item))?;
    }
    match result {
        None => emit(source, Event::Flush).map(|()| false),
        Some(result) => {
            progress.file_done();
            emit(source, Event::Done(result)).map(|()| true)
        }
    }
}

/// Reads every source whole and runs `job` on its bytes (see [`for_each`]), handing each result
/// to `emit` in the order of `sources`. For inputs read whole, such as HTML pages.
pub fn for_each_whole<T: Send>(
    sources: &[Source],
    job: impl Fn(&[u8]) -> T + Sync,
    mut emit: impl FnMut(&Source, io::Result<T>, &Progress) -> io::Result<()>,
) -> io::Result<()> {
    let progress = Progress::new(sources);
    let read = |source: &Source, outbox: &mut dyn Outbox<T>| {
        let bytes = source.read_all()?;
        progress.read(bytes.len());
        outbox.put(job(&bytes))
    };
    let mut result = None;
    let run = for_each(sources, &progress, &read, &mut |source, event| {
        match event {
            Event::Item(item) => result = Some(item),
            Event::Flush => {}
            Event::Done(done) => {
                let found = done.map(|()| result.take().expect("a page read has a result"));
                return emit(source, found, &progress);
            }
        }
        Ok(())
    });
    progress.finish();
    run
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn sources(n: usize) -> Vec<Source> {
        (0..n)
            .map(|i| Source::File(PathBuf::from(i.to_string())))
            .collect()
    }

    /// Each source `i` yields `i * 1000` results in chunks of 100 (more than [`MAX_HELD`] for
    /// the big ones), and source 3 fails after its results.
    fn job(source: &Source, outbox: &mut dyn Outbox<(usize, usize)>) -> io::Result<()> {
        let i: usize = source.to_string().parse().unwrap();
        for k in 0..i * 1000 {
            outbox.put((i, k))?;
            if k % 100 == 99 {
                outbox.flush()?;
            }
        }
        if i == 3 {
            return Err(io::Error::other("broken"));
        }
        Ok(())
    }

    #[test]
    fn results_come_in_source_order_whatever_the_threads() {
        let sources = sources(9);
        let progress = Progress::new(&[]);
        let mut got = Vec::new();
        let mut failed = Vec::new();
        for_each(&sources, &progress, &job, &mut |source, event| {
            match event {
                Event::Item(item) => got.push(item),
                Event::Flush => {}
                Event::Done(Ok(())) => {}
                Event::Done(Err(_)) => failed.push(source.to_string()),
            }
            Ok(())
        })
        .unwrap();
        let expected: Vec<(usize, usize)> = (0..9)
            .flat_map(|i| (0..i * 1000).map(move |k| (i, k)))
            .collect();
        assert_eq!(got, expected);
        assert_eq!(failed, ["3"]);
    }

    #[test]
    fn a_failing_emit_stops_the_run_with_its_error() {
        let sources = sources(9);
        let progress = Progress::new(&[]);
        let mut seen = 0;
        let result = for_each(&sources, &progress, &job, &mut |_, event| {
            if let Event::Item(_) = event {
                seen += 1;
                if seen == 2500 {
                    return Err(io::Error::new(io::ErrorKind::BrokenPipe, "gone"));
                }
            }
            Ok(())
        });
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        assert_eq!(seen, 2500);
    }
}
