//! When and how long to wait before trying a call again.

use backon::BackoffBuilder;
use std::time::{Duration, SystemTime};

/// How failed calls are retried.
///
/// A 429 is always retried (the server did not process the call), after its `Retry-After` or
/// else a backoff. 502, 503, 504 and connection failures are retried only for idempotent
/// methods (GET, PUT, DELETE, HEAD), with exponential backoff and full jitter. Attempts and
/// the total time spent waiting are both bounded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_total_delay: Duration,
}

impl Default for RetryPolicy {
    /// Up to 4 attempts, backoff from 500 ms up to 10 s, at most 60 s of waiting in all.
    fn default() -> Self {
        Self {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(10),
            max_total_delay: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// No retries: every call is made once.
    pub fn disabled() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Makes at most `attempts` attempts in all (1 means no retry).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff before the first retry; it doubles on each retry up to `max`.
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// Gives up rather than wait longer than `total` across all retries of one call.
    pub fn max_total_delay(mut self, total: Duration) -> Self {
        self.max_total_delay = total;
        self
    }

    /// The most attempts made for one call.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    pub(crate) fn schedule(&self) -> RetrySchedule {
        let backoff = backon::ExponentialBuilder::default()
            .with_min_delay(self.initial_backoff)
            .with_max_delay(self.max_backoff)
            .without_max_times()
            .build();
        RetrySchedule {
            policy: self.clone(),
            backoff: Box::new(backoff),
            waited: Duration::ZERO,
        }
    }
}

/// The retry state of one call.
pub(crate) struct RetrySchedule {
    policy: RetryPolicy,
    backoff: Box<dyn Iterator<Item = Duration> + Send>,
    waited: Duration,
}

impl RetrySchedule {
    /// How long to wait before attempt `attempt + 1`, or `None` to give up.
    pub(crate) fn next_delay(
        &mut self,
        attempt: u32,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        if attempt >= self.policy.max_attempts {
            return None;
        }
        let ceiling = self.backoff.next().unwrap_or(self.policy.max_backoff);
        let delay = retry_after.unwrap_or_else(|| ceiling.mul_f64(fastrand::f64()));
        if self.waited + delay > self.policy.max_total_delay {
            return None;
        }
        self.waited += delay;
        Some(delay)
    }
}

/// Reads `Retry-After`, in seconds or as an HTTP date.
pub(crate) fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(
        date.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("retry-after", "7".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        let later = SystemTime::now() + Duration::from_secs(30);
        headers.insert(
            "retry-after",
            httpdate::fmt_http_date(later).parse().unwrap(),
        );
        let wait = retry_after(&headers).unwrap();
        assert!(
            wait > Duration::from_secs(27) && wait <= Duration::from_secs(30),
            "{wait:?}"
        );
        headers.insert(
            "retry-after",
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&headers), Some(Duration::ZERO));
    }

    #[test]
    fn schedule_stops_at_max_attempts_and_total_delay() {
        let policy = RetryPolicy::default()
            .max_attempts(3)
            .backoff(Duration::from_millis(10), Duration::from_millis(40));
        let mut schedule = policy.schedule();
        assert!(schedule.next_delay(1, None).unwrap() <= Duration::from_millis(10));
        assert!(schedule.next_delay(2, None).unwrap() <= Duration::from_millis(20));
        assert_eq!(schedule.next_delay(3, None), None);
        let mut schedule = RetryPolicy::default()
            .max_total_delay(Duration::from_secs(2))
            .schedule();
        assert_eq!(
            schedule.next_delay(1, Some(Duration::from_secs(1))),
            Some(Duration::from_secs(1))
        );
        assert_eq!(schedule.next_delay(2, Some(Duration::from_secs(2))), None);
    }
}
