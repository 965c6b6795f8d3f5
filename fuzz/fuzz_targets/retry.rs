//! The retry decision from arbitrary statuses, headers, counts and jitter: a 2xx is never
//! retried, the retry count is kept, and a wait is always more than 0 and at most 60 s.
#![no_main]

use std::time::{Duration, SystemTime};

use http::{HeaderMap, HeaderValue};
use libfuzzer_sys::fuzz_target;
use openai_admin::retry::{Attempt, Decision, RetryPolicy, decide};

fuzz_target!(init: openai_admin_fuzz::seeds::write(openai_admin_fuzz::seeds::retry), |data: &[u8]| {
    let [s0, s1, kind, done, max, flags, jit, t0, t1, t2, t3, rest @ ..] = data else {
        return;
    };
    let status = u16::from_le_bytes([*s0, *s1]) % 1000;
    let policy = RetryPolicy {
        max_retries: u32::from(*max % 6),
        retry_non_idempotent: flags & 1 == 1,
    };
    let idempotent = flags & 2 == 2;
    let retries_done = u32::from(*done % 8);
    let jitter = f64::from(*jit) / 256.0;
    let now = SystemTime::UNIX_EPOCH
        + Duration::from_secs(u64::from(u32::from_le_bytes([*t0, *t1, *t2, *t3])));
    let mut headers = HeaderMap::new();
    let names = ["retry-after-ms", "retry-after", "x-should-retry"];
    for (name, value) in names.iter().zip(rest.split(|b| *b == b'\n')) {
        if let Ok(v) = HeaderValue::from_bytes(value) {
            headers.insert(*name, v);
        }
    }
    let attempt = match kind % 4 {
        0 => Attempt::Response { status, headers: &headers },
        1 => Attempt::ConnectFailed,
        2 => Attempt::ConnectionLost,
        _ => Attempt::Timeout,
    };
    let d = decide(&policy, idempotent, retries_done, attempt, jitter, now);
    if let Decision::RetryAfter(wait) = d {
        assert!(retries_done < policy.max_retries, "retried past the count");
        assert!(wait > Duration::ZERO && wait <= Duration::from_secs(60), "wait {wait:?}");
        if let Attempt::Response { status, .. } = attempt {
            assert!(!(200..300).contains(&status), "a {status} was retried");
        }
        let safe = idempotent || policy.retry_non_idempotent;
        if !safe && matches!(attempt, Attempt::Timeout | Attempt::ConnectionLost) {
            panic!("a create was retried after {attempt:?}");
        }
    }
});
