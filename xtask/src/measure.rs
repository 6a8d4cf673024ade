//! What the measuring tasks share: summaries of repeated timings, and what Linux tells about
//! memory and load through `/proc`.

use std::fmt;
use std::fs;
use std::time::Duration;

/// Median, fastest and slowest of a set of timings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spread {
    /// The middle one; with an even count, the mean of the two middle ones.
    pub median: Duration,
    /// The fastest.
    pub min: Duration,
    /// The slowest.
    pub max: Duration,
}

impl Spread {
    /// `None` when there are no timings.
    pub fn of(timings: &[Duration]) -> Option<Self> {
        let mut sorted = timings.to_vec();
        sorted.sort();
        let middle = sorted.len() / 2;
        let median = if sorted.len() % 2 == 1 {
            sorted[middle]
        } else {
            (*sorted.get(middle.checked_sub(1)?)? + sorted[middle]) / 2
        };
        Some(Self {
            median,
            min: *sorted.first()?,
            max: *sorted.last()?,
        })
    }
}

/// A duration in the unit that keeps three or four digits: `850 µs`, `12.3 ms`, `4.56 s`.
pub struct Short(pub Duration);

impl fmt::Display for Short {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.0.as_secs_f64();
        let text = if seconds >= 10.0 {
            format!("{seconds:.1} s")
        } else if seconds >= 1.0 {
            format!("{seconds:.2} s")
        } else if seconds >= 0.01 {
            format!("{:.1} ms", seconds * 1e3)
        } else if seconds >= 0.001 {
            format!("{:.2} ms", seconds * 1e3)
        } else {
            format!("{:.0} µs", seconds * 1e6)
        };
        // Padding applies to the whole text, so tables line up.
        f.pad(&text)
    }
}

/// Bytes as MiB with one decimal.
pub fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// A field of `/proc/self/status` given in kB (`VmHWM`, `VmRSS`), in bytes.
pub fn status_bytes(field: &str) -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|line| {
        let rest = line.strip_prefix(field)?.strip_prefix(':')?;
        let kilobytes: u64 = rest.trim().trim_end_matches("kB").trim().parse().ok()?;
        Some(kilobytes * 1024)
    })
}

/// Sets this process's peak resident size (`VmHWM`) back to its current size, so that the
/// next reading is the peak of what ran since. False where the kernel does not allow it.
pub fn reset_peak() -> bool {
    fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// The load averages over 1, 5 and 15 minutes, as `uptime` shows them.
pub fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

/// How many CPUs this process may run on.
pub fn cpus() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_of_odd_and_even_counts() {
        let ms = Duration::from_millis;
        let odd = Spread::of(&[ms(30), ms(10), ms(20)]).expect("three");
        assert_eq!((odd.median, odd.min, odd.max), (ms(20), ms(10), ms(30)));
        let even = Spread::of(&[ms(40), ms(10), ms(20), ms(30)]).expect("four");
        assert_eq!(even.median, ms(25));
        assert_eq!(Spread::of(&[]), None);
    }

    #[test]
    fn short_durations() {
        assert_eq!(Short(Duration::from_micros(850)).to_string(), "850 µs");
        assert_eq!(Short(Duration::from_micros(1_234)).to_string(), "1.23 ms");
        assert_eq!(Short(Duration::from_micros(12_340)).to_string(), "12.3 ms");
        assert_eq!(Short(Duration::from_millis(4_560)).to_string(), "4.56 s");
        assert_eq!(format!("{:>8}", Short(Duration::from_secs(12))), "  12.0 s");
    }

    #[test]
    fn proc_readings() {
        // Linux only, as the tasks themselves.
        assert!(status_bytes("VmRSS").is_some_and(|bytes| bytes > 0));
        assert!(status_bytes("NoSuchField").is_none());
        assert_eq!(load_average().split(' ').count(), 3);
    }
}
