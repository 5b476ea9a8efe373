//! The background loop: runs the [`Machine`] on tokio, performs its steps through `cycle`, and
//! publishes what it is doing on a watch channel for the UI.
use std::time::Instant;

use chrono::{DateTime, Utc};
use rand::Rng;
use tokio::sync::{mpsc, watch};

use crate::cycle::{
    enrolled_client, on_store, pull_step_ahead, push_step_ahead, PullAhead, PushAhead, StoreAccess,
};
use crate::error::SyncError;
use crate::machine::{Machine, Phase, Schedule, Step, Trigger};

/// What the loop is doing now, for the 同步 page. Figures only count what the county confirmed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Activity {
    pub phase: ActivityPhase,
    /// Mutations settled by the county in the current (or last) cycle, of `to_push` pending
    /// when it started.
    pub pushed: u64,
    pub to_push: u64,
    /// Rows stored from pulls in the current (or last) cycle.
    pub pulled: u64,
    pub consecutive_failures: u32,
    /// The last failure's code and Chinese message, cleared by a complete cycle.
    pub last_error: Option<(String, String)>,
    /// When the last complete cycle (push and pull both finished) ended.
    pub last_success: Option<DateTime<Utc>>,
    /// Milliseconds until the next attempt, when waiting.
    pub next_attempt_in_ms: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ActivityPhase {
    #[default]
    Idle,
    Pushing,
    Pulling,
    Backoff,
    Halted,
}

enum Command {
    Trigger(Trigger),
    Shutdown,
}

/// The running loop. Dropping the handle does not stop it; call [`SyncHandle::shutdown`].
#[derive(Debug, Clone)]
pub struct SyncHandle {
    tx: mpsc::UnboundedSender<Command>,
    activity: watch::Receiver<Activity>,
}

impl std::fmt::Debug for Command {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Trigger(t) => write!(f, "Trigger({t:?})"),
            Self::Shutdown => write!(f, "Shutdown"),
        }
    }
}

impl SyncHandle {
    pub fn trigger(&self, trigger: Trigger) {
        // The loop ends only on shutdown; a send after that has nobody to tell.
        let _ = self.tx.send(Command::Trigger(trigger));
    }

    pub fn shutdown(&self) {
        let _ = self.tx.send(Command::Shutdown);
    }

    pub fn activity(&self) -> Activity {
        self.activity.borrow().clone()
    }

    /// A receiver that sees every change of [`Activity`] (tests wait on it instead of sleeping).
    pub fn watch(&self) -> watch::Receiver<Activity> {
        self.activity.clone()
    }
}

/// Starts the loop on the current tokio runtime; the first cycle runs at once.
pub fn spawn<S: StoreAccess>(store: S, schedule: Schedule) -> SyncHandle {
    let (tx, rx) = mpsc::unbounded_channel();
    let (activity_tx, activity) = watch::channel(Activity::default());
    tokio::spawn(run(store, schedule, rx, activity_tx));
    SyncHandle { tx, activity }
}

async fn run<S: StoreAccess>(
    store: S,
    schedule: Schedule,
    mut rx: mpsc::UnboundedReceiver<Command>,
    activity: watch::Sender<Activity>,
) {
    let start = Instant::now();
    let now_ms = || u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX);
    let mut machine = Machine::new(schedule);
    machine.trigger(Trigger::Startup, 0);
    let mut current = Activity::default();
    let mut ahead = (PushAhead::default(), PullAhead::default());
    loop {
        let now = now_ms();
        let step = machine.next(now);
        match step {
            Step::Push | Step::Pull => {
                if step == Step::Push && current.phase != ActivityPhase::Pushing {
                    // A new cycle: count what is waiting now.
                    current.pushed = 0;
                    current.pulled = 0;
                    current.to_push = on_store(&store, |s| s.pending_count()).unwrap_or(0);
                }
                current.phase = if step == Step::Push {
                    ActivityPhase::Pushing
                } else {
                    ActivityPhase::Pulling
                };
                current.next_attempt_in_ms = None;
                activity.send_replace(current.clone());
                let result = perform(&store, &machine, step, &mut current, &mut ahead).await;
                let now = now_ms();
                match result {
                    Ok(StepDone::Pushed { empty }) => machine.pushed(empty),
                    Ok(StepDone::Pulled { more }) => {
                        machine.pulled(more, now);
                        if machine.cycle_completed() {
                            let at = Utc::now();
                            current.last_success = Some(at);
                            current.last_error = None;
                            record_attempt(&store, None);
                        }
                    }
                    Err(e) => {
                        tracing::warn!(code = e.code(), error = %e, "sync step failed");
                        current.last_error = Some((e.code().to_owned(), e.to_string()));
                        record_attempt(&store, Some(&e.to_string()));
                        let jitter: f64 = rand::thread_rng().gen();
                        machine.failed(e.kind(), now, jitter);
                    }
                }
                current.phase = phase_of(machine.phase());
                current.consecutive_failures = machine.failures();
                activity.send_replace(current.clone());
            }
            Step::WaitUntil(at) => {
                current.phase = phase_of(machine.phase());
                current.next_attempt_in_ms = Some(at.saturating_sub(now));
                activity.send_replace(current.clone());
                let sleep = tokio::time::sleep(std::time::Duration::from_millis(at - now));
                tokio::select! {
                    cmd = rx.recv() => match cmd {
                        Some(Command::Trigger(t)) => machine.trigger(t, now_ms()),
                        Some(Command::Shutdown) | None => return,
                    },
                    () = sleep => {}
                }
            }
            Step::Halted => {
                current.phase = ActivityPhase::Halted;
                current.next_attempt_in_ms = None;
                activity.send_replace(current.clone());
                match rx.recv().await {
                    Some(Command::Trigger(t)) => machine.trigger(t, now_ms()),
                    Some(Command::Shutdown) | None => return,
                }
            }
        }
        // Triggers that arrived during a step (writes while pushing) are taken in order.
        while let Ok(cmd) = rx.try_recv() {
            match cmd {
                Command::Trigger(t) => machine.trigger(t, now_ms()),
                Command::Shutdown => return,
            }
        }
    }
}

enum StepDone {
    Pushed { empty: bool },
    Pulled { more: bool },
}

async fn perform<S: StoreAccess>(
    store: &S,
    machine: &Machine,
    step: Step,
    current: &mut Activity,
    ahead: &mut (PushAhead, PullAhead),
) -> Result<StepDone, SyncError> {
    let client = enrolled_client(store)?;
    let schedule = machine.schedule();
    if step == Step::Push {
        let pushed = push_step_ahead(store, &client, schedule.push_batch, &mut ahead.0).await?;
        current.pushed += pushed.settled as u64;
        current.to_push = current.to_push.max(current.pushed);
        Ok(StepDone::Pushed {
            empty: pushed.empty,
        })
    } else {
        let pulled = pull_step_ahead(store, &client, schedule.pull_page, &mut ahead.1).await?;
        current.pulled += pulled.rows as u64;
        Ok(StepDone::Pulled { more: pulled.more })
    }
}

fn record_attempt<S: StoreAccess>(store: &S, error: Option<&str>) {
    if let Err(e) = on_store(store, |s| s.record_sync_attempt(Utc::now(), error)) {
        tracing::debug!(error = %e, "could not record the sync attempt");
    }
}

fn phase_of(phase: &Phase) -> ActivityPhase {
    match phase {
        Phase::Idle => ActivityPhase::Idle,
        Phase::Pushing => ActivityPhase::Pushing,
        Phase::Pulling => ActivityPhase::Pulling,
        Phase::Backoff { .. } => ActivityPhase::Backoff,
        Phase::Halted => ActivityPhase::Halted,
    }
}
