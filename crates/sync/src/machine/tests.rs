use super::*;
use proptest::prelude::*;

fn machine() -> Machine {
    Machine::new(Schedule::default())
}

const MIN: u64 = 60_000;

#[test]
fn startup_runs_a_cycle_at_once_push_then_pull() {
    let mut m = machine();
    m.trigger(Trigger::Startup, 0);
    assert_eq!(m.next(0), Step::Push);
    m.pushed(false);
    assert_eq!(m.next(1), Step::Push, "outbox not empty yet: keep pushing");
    m.pushed(true);
    assert_eq!(m.next(2), Step::Pull);
    m.pulled(true, 3);
    assert_eq!(m.next(3), Step::Pull, "more pages waiting");
    m.pulled(false, 4);
    assert!(m.cycle_completed());
    assert_eq!(
        m.next(5),
        Step::WaitUntil(4 + 5 * MIN),
        "next cycle on the timer"
    );
}

#[test]
fn a_local_write_syncs_after_the_debounce_and_later_writes_push_it_back() {
    let mut m = machine();
    m.next(0);
    m.pushed(true);
    m.pulled(false, 0);
    m.trigger(Trigger::LocalWrite, 1000);
    assert_eq!(m.next(1000), Step::WaitUntil(11_000));
    m.trigger(Trigger::LocalWrite, 5000);
    assert_eq!(m.next(5000), Step::WaitUntil(15_000));
    assert_eq!(m.next(15_000), Step::Push);
}

#[test]
fn a_write_during_a_cycle_runs_another_cycle_right_after() {
    let mut m = machine();
    assert_eq!(m.next(0), Step::Push);
    m.trigger(Trigger::LocalWrite, 10);
    m.pushed(true);
    m.pulled(false, 20);
    assert_eq!(m.next(20), Step::Push);
}

#[test]
fn failures_back_off_exponentially_up_to_the_cap_with_jitter_bounds() {
    let mut m = machine();
    let mut now = 0;
    let mut delays = Vec::new();
    for _ in 0..10 {
        assert_eq!(m.next(now), Step::Push);
        m.failed(FailureKind::Transient, now, 0.5);
        let Step::WaitUntil(at) = m.next(now) else {
            panic!("a transient failure must wait, not halt");
        };
        delays.push(at - now);
        now = at;
    }
    assert_eq!(
        delays,
        vec![5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000, 600_000, 600_000]
    );
    assert_eq!(m.phase(), &Phase::Backoff { failures: 10 });
    // Success resets the count.
    m.next(now);
    m.pushed(true);
    m.pulled(false, now);
    assert_eq!(m.failures(), 0);
    assert_eq!(m.phase(), &Phase::Idle);
}

#[test]
fn a_failed_pull_is_not_a_success() {
    let mut m = machine();
    m.next(0);
    m.pushed(true);
    m.failed(FailureKind::Transient, 5, 0.0);
    assert!(!m.cycle_completed());
    assert_eq!(m.phase(), &Phase::Backoff { failures: 1 });
}

#[test]
fn sync_now_skips_the_backoff_but_a_write_does_not() {
    let mut m = machine();
    m.next(0);
    m.failed(FailureKind::Transient, 0, 0.0);
    m.failed(FailureKind::Transient, 0, 0.0);
    m.trigger(Trigger::LocalWrite, 100);
    assert_eq!(m.next(100), Step::WaitUntil(8_000));
    m.trigger(Trigger::SyncNow, 200);
    assert_eq!(m.next(200), Step::Push);
}

#[test]
fn a_permanent_failure_halts_until_a_person_syncs_again() {
    let mut m = machine();
    m.next(0);
    m.failed(FailureKind::Permanent, 0, 0.0);
    assert_eq!(m.next(10 * 60 * MIN), Step::Halted);
    m.trigger(Trigger::LocalWrite, 1);
    m.trigger(Trigger::Startup, 2);
    assert_eq!(m.next(3), Step::Halted);
    m.trigger(Trigger::SyncNow, 4);
    assert_eq!(m.next(4), Step::Push);
}

proptest! {
    /// Whatever happens, the loop never stalls: it always has a step, a wait in the future
    /// bounded by the interval or the backoff cap, or is halted by a permanent failure.
    #[test]
    fn never_stalls(events in proptest::collection::vec((0u8..7, 0u64..120_000, 0.0f64..1.0), 1..200)) {
        let mut m = machine();
        let mut now = 0u64;
        for (kind, dt, jitter) in events {
            now += dt;
            match kind {
                0 => m.trigger(Trigger::LocalWrite, now),
                1 => m.trigger(Trigger::SyncNow, now),
                2 => m.pushed(jitter < 0.5),
                3 => m.pulled(jitter < 0.5, now),
                4 => m.failed(FailureKind::Transient, now, jitter),
                5 if jitter < 0.05 => m.failed(FailureKind::Permanent, now, jitter),
                _ => {}
            }
            match m.next(now) {
                Step::WaitUntil(at) => {
                    prop_assert!(at > now);
                    prop_assert!(at - now <= 5 * MIN + 720_000);
                }
                Step::Halted => prop_assert_eq!(m.phase(), &Phase::Halted),
                Step::Push | Step::Pull => {}
            }
        }
    }
}
