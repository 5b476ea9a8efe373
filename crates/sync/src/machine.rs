//! The sync loop as a state machine without I/O: what to do next (push, pull, wait until when)
//! given what happened. The driver (`driver.rs`) performs the steps and feeds back the results,
//! so every scheduling rule — timer, debounce, backoff with jitter, "sync now" — is tested here
//! without a network or a clock.
use std::time::Duration;

/// When the loop runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// A cycle at least this often while the app is open.
    pub interval: Duration,
    /// After a local write, wait this long for more writes before syncing.
    pub debounce: Duration,
    /// First retry delay after a failure; doubles per consecutive failure.
    pub backoff_base: Duration,
    pub backoff_max: Duration,
    /// Outbox mutations per push request.
    pub push_batch: usize,
    /// Rows per pull page (the county's most). Storing a page holds the store (and so the
    /// window's commands) for its whole transaction: about 0.2 s at 5000 rows on the benchmark
    /// machine. Smaller pages pay more commits during an initial download, each rewriting the
    /// same index pages.
    pub pull_page: u32,
}

impl Default for Schedule {
    fn default() -> Self {
        Self {
            interval: Duration::from_secs(5 * 60),
            debounce: Duration::from_secs(10),
            backoff_base: Duration::from_secs(5),
            backoff_max: Duration::from_secs(10 * 60),
            push_batch: 1000,
            pull_page: yiyang_protocol::sync::MAX_PULL_PAGE,
        }
    }
}

/// Why a cycle should run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Startup,
    /// A local write happened (debounced).
    LocalWrite,
    /// The user pressed 「立即同步」: runs at once, even during a backoff.
    SyncNow,
}

/// What the driver should do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Push the next outbox batch.
    Push,
    /// Pull the next page.
    Pull,
    /// Nothing to do before `at` (milliseconds on the driver's monotonic clock) unless a
    /// trigger arrives.
    WaitUntil(u64),
    /// Stopped until a person acts (re-enrol, upgrade, an administrator); no timer restarts it.
    Halted,
}

/// Where the loop is, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    Idle,
    Pushing,
    Pulling,
    /// Waiting to retry after `failures` consecutive failures.
    Backoff {
        failures: u32,
    },
    Halted,
}

/// A failure, by what the loop should do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// Network down, timeout, server 5xx, dropped connection: retry with backoff.
    Transient,
    /// Needs a person (revoked device, newer protocol, diverged store, not enrolled): halt.
    Permanent,
}

#[derive(Debug, Clone)]
pub struct Machine {
    schedule: Schedule,
    phase: Phase,
    failures: u32,
    /// When the next cycle starts if nothing triggers one earlier.
    next_cycle_at: u64,
    /// A trigger arrived while a cycle ran: run another one right after.
    rerun: bool,
    /// The push phase saw an empty outbox in this cycle.
    pushed_all: bool,
}

impl Machine {
    /// A new loop; the first cycle runs at once (start-up).
    pub fn new(schedule: Schedule) -> Self {
        Self {
            schedule,
            phase: Phase::Idle,
            failures: 0,
            next_cycle_at: 0,
            rerun: false,
            pushed_all: false,
        }
    }

    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    pub fn failures(&self) -> u32 {
        self.failures
    }

    fn in_cycle(&self) -> bool {
        matches!(self.phase, Phase::Pushing | Phase::Pulling)
    }

    /// Records a trigger at `now`.
    pub fn trigger(&mut self, trigger: Trigger, now: u64) {
        if self.in_cycle() {
            // Whatever was written during this cycle may have missed its push: go again after.
            self.rerun = true;
            return;
        }
        match trigger {
            Trigger::Startup | Trigger::SyncNow => {
                if self.phase == Phase::Halted && trigger == Trigger::Startup {
                    return;
                }
                // A person asked: try now, whatever the backoff or a halt said.
                self.phase = Phase::Idle;
                self.next_cycle_at = now;
            }
            Trigger::LocalWrite => {
                if self.phase == Phase::Halted {
                    return;
                }
                let at = now + ms(self.schedule.debounce);
                // During a backoff a write does not hurry the retry; otherwise it brings the next
                // cycle forward to the end of the debounce (later writes push it back).
                if self.phase == Phase::Idle {
                    self.next_cycle_at = at;
                }
            }
        }
    }

    /// What to do at `now`.
    pub fn next(&mut self, now: u64) -> Step {
        match self.phase {
            Phase::Halted => Step::Halted,
            Phase::Pushing => Step::Push,
            Phase::Pulling => Step::Pull,
            Phase::Idle | Phase::Backoff { .. } => {
                if now >= self.next_cycle_at {
                    self.phase = Phase::Pushing;
                    self.pushed_all = false;
                    self.rerun = false;
                    Step::Push
                } else {
                    Step::WaitUntil(self.next_cycle_at)
                }
            }
        }
    }

    /// A push request finished; `outbox_empty` says nothing is left pending.
    pub fn pushed(&mut self, outbox_empty: bool) {
        if self.phase != Phase::Pushing {
            return;
        }
        if outbox_empty {
            self.pushed_all = true;
            self.phase = Phase::Pulling;
        }
    }

    /// A pull page was stored; `more` says the county has more.
    pub fn pulled(&mut self, more: bool, now: u64) {
        if self.phase != Phase::Pulling || more {
            return;
        }
        // A whole cycle succeeded: only now is it a success.
        self.failures = 0;
        self.phase = Phase::Idle;
        self.next_cycle_at = if self.rerun {
            now
        } else {
            now + ms(self.schedule.interval)
        };
        self.rerun = false;
    }

    /// Whether the last finished cycle completed both halves (for reporting success).
    pub fn cycle_completed(&self) -> bool {
        self.pushed_all && self.phase == Phase::Idle
    }

    /// A step failed. `jitter` in [0, 1) spreads retries of many laptops (±20 %).
    pub fn failed(&mut self, kind: FailureKind, now: u64, jitter: f64) {
        self.pushed_all = false;
        self.rerun = false;
        match kind {
            FailureKind::Permanent => {
                self.phase = Phase::Halted;
            }
            FailureKind::Transient => {
                self.failures = self.failures.saturating_add(1);
                self.phase = Phase::Backoff {
                    failures: self.failures,
                };
                self.next_cycle_at = now + self.backoff_delay(jitter);
            }
        }
    }

    /// The delay before the next retry after the current number of failures.
    pub fn backoff_delay(&self, jitter: f64) -> u64 {
        let base = ms(self.schedule.backoff_base);
        let max = ms(self.schedule.backoff_max);
        let exp = self.failures.saturating_sub(1).min(30);
        let raw = base.saturating_mul(1_u64 << exp).min(max);
        let factor = 0.8 + 0.4 * jitter.clamp(0.0, 1.0);
        // f64 has 52 bits of mantissa: delays of at most minutes are exact enough.
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let jittered = (raw as f64 * factor) as u64;
        jittered.min(max + max / 5)
    }
}

fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests;
