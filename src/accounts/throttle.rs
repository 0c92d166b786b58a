//! Login throttling, per account name and per client, with exponential back-off: after a few free
//! failures every further one doubles the wait (1 s, 2 s, 4 s... up to 15 minutes). A success clears the
//! account's record (not the client's, so one valid account cannot be used to reset a guessing client).
//! In memory only, bounded in size, forgotten an hour after the last failure; the client key (the
//! address, IPv6 per /64) is never logged or written anywhere.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Most records kept per kind (accounts, clients); beyond, the oldest unblocked ones are dropped.
pub const MAX_TRACKED: usize = 10_000;

/// The back-off of one kind of key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackOff {
    /// Failures allowed before any wait.
    pub free_failures: u32,
    /// The first wait; each further failure doubles it.
    pub first_wait: Duration,
    /// The longest wait.
    pub max_wait: Duration,
    /// A record is forgotten this long after its last failure (and once its wait is over).
    pub forget_after: Duration,
}

impl BackOff {
    /// Per account: 5 free failures, then 1 s, 2 s, 4 s... up to 15 minutes.
    pub const ACCOUNT: BackOff = BackOff {
        free_failures: 5,
        first_wait: Duration::from_secs(1),
        max_wait: Duration::from_secs(15 * 60),
        forget_after: Duration::from_secs(3600),
    };

    /// Per client: 20 free failures (an office behind one address), then the same doubling.
    pub const CLIENT: BackOff = BackOff {
        free_failures: 20,
        first_wait: Duration::from_secs(1),
        max_wait: Duration::from_secs(15 * 60),
        forget_after: Duration::from_secs(3600),
    };

    fn wait_after(&self, failures: u32) -> Duration {
        if failures <= self.free_failures {
            return Duration::ZERO;
        }
        let doublings = (failures - self.free_failures - 1).min(30);
        self.first_wait
            .saturating_mul(1u32 << doublings)
            .min(self.max_wait)
    }
}

/// Who is logging in from where, as the throttle sees it: in memory only.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientKey([u8; 16]);

impl ClientKey {
    /// The key of an address: IPv4 whole, IPv6 per /64 (one household or office network).
    pub fn of(address: IpAddr) -> ClientKey {
        match address {
            IpAddr::V4(v4) => ClientKey(v4.to_ipv6_mapped().octets()),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => ClientKey(v4.to_ipv6_mapped().octets()),
                None => {
                    let mut octets = v6.octets();
                    octets[8..].fill(0);
                    ClientKey(octets)
                }
            },
        }
    }

    /// The key used when the address is not known (in-process tests).
    pub const UNKNOWN: ClientKey = ClientKey([0; 16]);
}

impl std::fmt::Debug for ClientKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientKey([hidden])")
    }
}

#[derive(Debug, Clone, Copy)]
struct Record {
    failures: u32,
    last_failure: Instant,
    blocked_until: Instant,
}

#[derive(Debug)]
struct Table<K> {
    back_off: BackOff,
    records: HashMap<K, Record>,
}

impl<K: Hash + Eq + Clone> Table<K> {
    fn new(back_off: BackOff) -> Table<K> {
        Table {
            back_off,
            records: HashMap::new(),
        }
    }

    fn expired(&self, record: &Record, now: Instant) -> bool {
        now >= record.blocked_until
            && now.saturating_duration_since(record.last_failure) >= self.back_off.forget_after
    }

    fn wait(&self, key: &K, now: Instant) -> Duration {
        self.records.get(key).map_or(Duration::ZERO, |r| {
            r.blocked_until.saturating_duration_since(now)
        })
    }

    fn fail(&mut self, key: &K, now: Instant) {
        if !self.records.contains_key(key) && self.records.len() >= MAX_TRACKED {
            self.make_room(now);
        }
        let expired = self.records.get(key).is_some_and(|r| self.expired(r, now));
        let record = self.records.entry(key.clone()).or_insert(Record {
            failures: 0,
            last_failure: now,
            blocked_until: now,
        });
        if expired {
            record.failures = 0;
        }
        record.failures = record.failures.saturating_add(1);
        record.last_failure = now;
        record.blocked_until = now + self.back_off.wait_after(record.failures);
    }

    fn make_room(&mut self, now: Instant) {
        let back_off = self.back_off;
        self.records.retain(|_, r| {
            !(now >= r.blocked_until
                && now.saturating_duration_since(r.last_failure) >= back_off.forget_after)
        });
        while self.records.len() >= MAX_TRACKED {
            // Drop the record whose last failure is oldest, preferring those not blocked now.
            let victim = self
                .records
                .iter()
                .min_by_key(|(_, r)| (r.blocked_until > now, r.last_failure))
                .map(|(k, _)| k.clone());
            match victim {
                Some(k) => {
                    self.records.remove(&k);
                }
                None => break,
            }
        }
    }
}

/// The login throttle.
#[derive(Debug)]
pub struct Throttle {
    tables: Mutex<(Table<String>, Table<ClientKey>)>,
}

impl Default for Throttle {
    fn default() -> Throttle {
        Throttle::new(BackOff::ACCOUNT, BackOff::CLIENT)
    }
}

impl Throttle {
    /// A throttle with these back-offs for accounts and clients.
    pub fn new(accounts: BackOff, clients: BackOff) -> Throttle {
        Throttle {
            tables: Mutex::new((Table::new(accounts), Table::new(clients))),
        }
    }

    /// How long this login must wait before it may be tried (zero: try now). A throttled attempt is
    /// refused without looking at the password.
    pub fn wait(&self, account: &str, client: ClientKey, now: Instant) -> Duration {
        let tables = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        tables
            .0
            .wait(&account.to_string(), now)
            .max(tables.1.wait(&client, now))
    }

    /// Records a wrong name or password.
    pub fn failed(&self, account: &str, client: ClientKey, now: Instant) {
        let mut tables = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        tables.0.fail(&account.to_string(), now);
        tables.1.fail(&client, now);
    }

    /// Records a successful login: the account's record is cleared.
    pub fn succeeded(&self, account: &str) {
        let mut tables = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        tables.0.records.remove(account);
    }

    /// Records held (accounts, clients), for tests and the bound.
    pub fn tracked(&self) -> (usize, usize) {
        let tables = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        (tables.0.records.len(), tables.1.records.len())
    }
}

#[cfg(test)]
mod tests {
    //! Properties: free failures then doubling waits with a cap; per account and per client
    //! independently; success clears the account only; records are forgotten; the tables are bounded.
    use super::*;

    fn ip(s: &str) -> ClientKey {
        ClientKey::of(s.parse().unwrap())
    }

    #[test]
    fn waits_double_after_the_free_failures_and_are_capped() {
        let b = BackOff::ACCOUNT;
        assert_eq!(b.wait_after(5), Duration::ZERO);
        assert_eq!(b.wait_after(6), Duration::from_secs(1));
        assert_eq!(b.wait_after(7), Duration::from_secs(2));
        assert_eq!(b.wait_after(9), Duration::from_secs(8));
        assert_eq!(b.wait_after(100), Duration::from_secs(900));
    }

    #[test]
    fn an_account_is_throttled_from_any_client_and_a_client_for_any_account() {
        let throttle = Throttle::default();
        let t0 = Instant::now();
        for i in 0..6 {
            assert_eq!(
                throttle.wait("amina", ip(&format!("10.0.0.{i}")), t0),
                Duration::ZERO
            );
            throttle.failed("amina", ip(&format!("10.0.0.{i}")), t0);
        }
        assert_eq!(
            throttle.wait("amina", ip("10.9.9.9"), t0),
            Duration::from_secs(1)
        );
        assert_eq!(throttle.wait("bert", ip("10.9.9.9"), t0), Duration::ZERO);
        let guesser = ip("192.0.2.7");
        for i in 0..21 {
            throttle.failed(&format!("name{i}"), guesser, t0);
        }
        assert_eq!(
            throttle.wait("someone", guesser, t0),
            Duration::from_secs(1)
        );
        assert_eq!(
            throttle.wait("someone", ip("192.0.2.8"), t0),
            Duration::ZERO,
            "another client is not punished"
        );
        throttle.succeeded("amina");
        assert_eq!(throttle.wait("amina", ip("10.9.9.9"), t0), Duration::ZERO);
        assert_eq!(throttle.wait("amina", guesser, t0), Duration::from_secs(1));
    }

    #[test]
    fn ipv6_is_keyed_per_64_and_mapped_v4_as_v4() {
        assert_eq!(ip("2001:db8:1:2:aaaa::1"), ip("2001:db8:1:2:bbbb::2"));
        assert_ne!(ip("2001:db8:1:2::1"), ip("2001:db8:1:3::1"));
        assert_eq!(ip("::ffff:10.1.2.3"), ip("10.1.2.3"));
        assert_eq!(format!("{:?}", ip("10.1.2.3")), "ClientKey([hidden])");
    }

    #[test]
    fn records_are_forgotten_and_bounded() {
        let throttle = Throttle::default();
        let t0 = Instant::now();
        for _ in 0..8 {
            throttle.failed("amina", ClientKey::UNKNOWN, t0);
        }
        let later = t0 + Duration::from_secs(7200);
        assert_eq!(
            throttle.wait("amina", ClientKey::UNKNOWN, later),
            Duration::ZERO
        );
        throttle.failed("amina", ClientKey::UNKNOWN, later);
        assert_eq!(
            throttle.wait("amina", ClientKey::UNKNOWN, later),
            Duration::ZERO,
            "the count started again"
        );
        for i in 0..(MAX_TRACKED + 50) {
            throttle.failed(&format!("n{i}"), ClientKey::UNKNOWN, t0);
        }
        let (accounts, clients) = throttle.tracked();
        assert!(
            accounts <= MAX_TRACKED && clients == 1,
            "{accounts} {clients}"
        );
    }
}
