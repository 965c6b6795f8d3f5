//! Whether to try a request again, and when: a pure decision from what happened.
//!
//! # The rule
//! - Retried: connection failures, timeouts, `408`, `409`, `429` and `5xx`, up to
//!   [`RetryPolicy::max_retries`] times (2 by default).
//! - A 2xx response is never retried, whatever its headers say.
//! - For other answers the server may override: `x-should-retry: true` retries,
//!   `x-should-retry: false` stops.
//! - The wait is the server's `retry-after-ms` or `retry-after` (seconds or an HTTP date)
//!   when it is more than 0 and at most 60 s; else `0.5 s · 2ⁿ`, capped at 8 s, less up to
//!   25 % jitter.
//! - **Unlike the official SDKs**, an operation that creates something (a `create` POST:
//!   invites, projects, service accounts, keys, …) is not retried after a timeout, a
//!   connection that broke after the request went out, `408`, `409` or `5xx`, because the
//!   server may already have acted and a retry would create a second one. `429` and a
//!   connection that was never established are always safe. Set
//!   [`RetryPolicy::retry_non_idempotent`] to retry such operations like the others.

use std::time::{Duration, SystemTime};

use http::HeaderMap;

/// How many times to retry, and whether operations that create things may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// Retry creating operations after failures where the server may have acted.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            retry_non_idempotent: false,
        }
    }
}

/// What came of one attempt.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Attempt<'a> {
    /// A response arrived.
    Response {
        /// Its status.
        status: u16,
        /// Its headers.
        headers: &'a HeaderMap,
    },
    /// No connection was made (refused, DNS, TLS handshake): nothing reached the server.
    ConnectFailed,
    /// The connection broke after the request may have been sent.
    ConnectionLost,
    /// The request timed out.
    Timeout,
}

/// What the caller must do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Decision {
    /// Wait this long, then send the same request again.
    RetryAfter(Duration),
    /// Do not retry: use the response (or report the failure) as it is.
    Stop,
}

const BASE: f64 = 0.5;
const CAP: f64 = 8.0;
const MAX_SERVER_WAIT: f64 = 60.0;

/// Decides whether to retry.
///
/// `retries_done` counts retries already made (0 after the first attempt); `jitter` is a
/// number in `[0, 1)` from the caller's random source; `now` is used only to read an
/// HTTP-date `retry-after`.
pub fn decide(
    policy: &RetryPolicy,
    idempotent: bool,
    retries_done: u32,
    attempt: Attempt<'_>,
    jitter: f64,
    now: SystemTime,
) -> Decision {
    if retries_done >= policy.max_retries {
        return Decision::Stop;
    }
    let safe = idempotent || policy.retry_non_idempotent;
    let (retry, headers) = match attempt {
        Attempt::ConnectFailed => (true, None),
        Attempt::ConnectionLost | Attempt::Timeout => (safe, None),
        // A success is final: its effect happened, so sending it again could repeat it.
        Attempt::Response { status, .. } if (200..300).contains(&status) => (false, None),
        Attempt::Response { status, headers } => {
            let retry = match headers.get("x-should-retry").and_then(|v| v.to_str().ok()) {
                Some("true") => true,
                Some("false") => false,
                _ => match status {
                    429 => true,
                    408 | 409 => safe,
                    s if s >= 500 => safe,
                    _ => false,
                },
            };
            (retry, Some(headers))
        }
    };
    if !retry {
        return Decision::Stop;
    }
    let server = headers.and_then(|h| server_wait(h, now));
    let wait = server.unwrap_or_else(|| {
        let backoff = (BASE * 2f64.powi(retries_done.min(16) as i32)).min(CAP);
        Duration::from_secs_f64(backoff * (1.0 - 0.25 * jitter.clamp(0.0, 1.0)))
    });
    Decision::RetryAfter(wait)
}

/// The wait the server asked for when it is more than 0 and at most 60 s (a zero, negative,
/// past or far-off wait, or one too small to be a nanosecond, falls back to the backoff).
fn server_wait(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let get = |k: &str| headers.get(k).and_then(|v| v.to_str().ok()).map(str::trim);
    let secs = if let Some(ms) = get("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        Some(ms / 1000.0)
    } else if let Some(v) = get("retry-after") {
        v.parse::<f64>().ok().or_else(|| {
            let at = httpdate::parse_http_date(v).ok()?;
            at.duration_since(now).ok().map(|d| d.as_secs_f64())
        })
    } else {
        None
    };
    secs.filter(|s| s.is_finite() && *s > 0.0 && *s <= MAX_SERVER_WAIT)
        .map(Duration::from_secs_f64)
        .filter(|wait| !wait.is_zero())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (k, v) in pairs {
            m.insert(*k, v.parse().unwrap());
        }
        m
    }

    fn secs(d: Decision) -> f64 {
        match d {
            Decision::RetryAfter(d) => d.as_secs_f64(),
            Decision::Stop => -1.0,
        }
    }

    const P: RetryPolicy = RetryPolicy {
        max_retries: 5,
        retry_non_idempotent: false,
    };

    #[test]
    fn backoff_doubles_and_caps() {
        let none = h(&[]);
        let at = |n| {
            secs(decide(
                &P,
                true,
                n,
                Attempt::Response {
                    status: 500,
                    headers: &none,
                },
                0.0,
                SystemTime::UNIX_EPOCH,
            ))
        };
        assert_eq!(
            [at(0), at(1), at(2), at(3), at(4)],
            [0.5, 1.0, 2.0, 4.0, 8.0]
        );
        let p = RetryPolicy {
            max_retries: 10,
            ..P
        };
        assert_eq!(
            secs(decide(
                &p,
                true,
                6,
                Attempt::Timeout,
                0.0,
                SystemTime::UNIX_EPOCH
            )),
            8.0
        );
    }

    #[test]
    fn jitter_takes_up_to_a_quarter() {
        let d = decide(&P, true, 1, Attempt::Timeout, 0.5, SystemTime::UNIX_EPOCH);
        assert_eq!(secs(d), 0.875);
        let d = decide(
            &P,
            true,
            0,
            Attempt::Timeout,
            0.999_999,
            SystemTime::UNIX_EPOCH,
        );
        assert!((secs(d) - 0.375).abs() < 1e-5);
    }

    #[test]
    fn stops_after_max_retries() {
        let p = RetryPolicy::default();
        assert_eq!(
            decide(&p, true, 2, Attempt::Timeout, 0.0, SystemTime::UNIX_EPOCH),
            Decision::Stop
        );
        assert!(
            secs(decide(
                &p,
                true,
                1,
                Attempt::Timeout,
                0.0,
                SystemTime::UNIX_EPOCH
            )) > 0.0
        );
    }

    #[test]
    fn statuses() {
        let none = h(&[]);
        for (status, retry) in [
            (408, true),
            (409, true),
            (429, true),
            (500, true),
            (503, true),
            (400, false),
            (401, false),
            (404, false),
            (422, false),
            (200, false),
        ] {
            let d = decide(
                &P,
                true,
                0,
                Attempt::Response {
                    status,
                    headers: &none,
                },
                0.0,
                SystemTime::UNIX_EPOCH,
            );
            assert_eq!(d != Decision::Stop, retry, "{status}");
        }
    }

    #[test]
    fn creating_operations_are_careful() {
        let none = h(&[]);
        let t0 = SystemTime::UNIX_EPOCH;
        let r = |status| Attempt::Response {
            status,
            headers: &none,
        };
        assert_eq!(decide(&P, false, 0, r(500), 0.0, t0), Decision::Stop);
        assert_eq!(decide(&P, false, 0, r(409), 0.0, t0), Decision::Stop);
        assert_eq!(
            decide(&P, false, 0, Attempt::Timeout, 0.0, t0),
            Decision::Stop
        );
        assert_eq!(
            decide(&P, false, 0, Attempt::ConnectionLost, 0.0, t0),
            Decision::Stop
        );
        assert_eq!(secs(decide(&P, false, 0, r(429), 0.0, t0)), 0.5);
        assert_eq!(
            secs(decide(&P, false, 0, Attempt::ConnectFailed, 0.0, t0)),
            0.5
        );
        let opt_in = RetryPolicy {
            retry_non_idempotent: true,
            ..P
        };
        assert_eq!(secs(decide(&opt_in, false, 0, r(500), 0.0, t0)), 0.5);
        let yes = h(&[("x-should-retry", "true")]);
        let d = decide(
            &P,
            false,
            0,
            Attempt::Response {
                status: 500,
                headers: &yes,
            },
            0.0,
            t0,
        );
        assert_eq!(secs(d), 0.5);
    }

    #[test]
    fn server_says() {
        let t0 = SystemTime::UNIX_EPOCH;
        let d = |hs: &HeaderMap, status| {
            decide(
                &P,
                true,
                0,
                Attempt::Response {
                    status,
                    headers: hs,
                },
                0.0,
                t0,
            )
        };
        assert_eq!(d(&h(&[("x-should-retry", "false")]), 503), Decision::Stop);
        assert_eq!(secs(d(&h(&[("x-should-retry", "true")]), 400)), 0.5);
        assert_eq!(secs(d(&h(&[("retry-after-ms", "1500")]), 429)), 1.5);
        assert_eq!(secs(d(&h(&[("retry-after", "3")]), 429)), 3.0);
        assert_eq!(
            secs(d(
                &h(&[("retry-after-ms", "250"), ("retry-after", "9")]),
                429
            )),
            0.25
        );
        // out of range: fall back to backoff
        assert_eq!(secs(d(&h(&[("retry-after", "120")]), 429)), 0.5);
        assert_eq!(secs(d(&h(&[("retry-after", "soon")]), 429)), 0.5);
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        let date = h(&[("retry-after", "Sun, 06 Nov 1994 08:49:42 GMT")]);
        let got = decide(
            &P,
            true,
            0,
            Attempt::Response {
                status: 429,
                headers: &date,
            },
            0.0,
            now,
        );
        assert_eq!(secs(got), 5.0);
        // zero, negative and past waits fall back to the backoff
        assert_eq!(secs(d(&h(&[("retry-after", "0")]), 429)), 0.5);
        assert_eq!(secs(d(&h(&[("retry-after-ms", "0")]), 429)), 0.5);
        // a wait that rounds to no time at all (found by the retry fuzz target)
        assert_eq!(
            secs(d(&h(&[("retry-after-ms", ".00000000008016115")]), 429)),
            0.5
        );
        assert_eq!(secs(d(&h(&[("retry-after", "-3")]), 429)), 0.5);
        let past = h(&[("retry-after", "Sun, 06 Nov 1994 08:49:00 GMT")]);
        let got = decide(
            &P,
            true,
            0,
            Attempt::Response {
                status: 429,
                headers: &past,
            },
            0.0,
            now,
        );
        assert_eq!(secs(got), 0.5);
    }

    #[test]
    fn a_success_is_never_retried() {
        let yes = h(&[("x-should-retry", "true"), ("retry-after", "1")]);
        for status in [200, 201, 204] {
            for idempotent in [true, false] {
                let d = decide(
                    &P,
                    idempotent,
                    0,
                    Attempt::Response {
                        status,
                        headers: &yes,
                    },
                    0.0,
                    SystemTime::UNIX_EPOCH,
                );
                assert_eq!(d, Decision::Stop, "{status}");
            }
        }
    }
}
