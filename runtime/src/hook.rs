//! Hooks: the caller's own code, run by the client around each request it sends, to log,
//! count, time or change requests (a header of your own, say).
//!
//! A hook is a trait object the client holds ([`ClientBuilder::hook`]), rather than a
//! middleware stack around the HTTP client (such as `reqwest-middleware`), because only the
//! client knows what a hook most often wants: which operation a request belongs to and which
//! attempt of the call it is. A middleware sees bare HTTP requests, and putting one in would
//! make that crate's version part of this crate's API. A hook runs inside the retry loop, so
//! it sees each attempt, retries and a request sent again with a renewed token included.
//! Token requests to the login host do not go through hooks: they carry the client secret.
//!
//! [`ClientBuilder::hook`]: crate::ClientBuilder::hook

use crate::metadata::OperationInfo;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use std::sync::Arc;
use std::time::Duration;

/// Code run around each request a client sends; see the [module](self) documentation.
///
/// Both methods do nothing by default; implement those you need. They run on the task that
/// awaits the call, in the order the hooks were added, so they must not block: hand slow work
/// (a network write of your logs) to a task or a channel of your own.
///
/// ```
/// use std::sync::atomic::{AtomicU64, Ordering};
/// use purecloud_platform_client_runtime::hook::{Attempt, Exchange, Hook, Outcome};
/// use purecloud_platform_client_runtime::reqwest;
///
/// /// Counts the attempts answered 429, and tags every request with the team's name.
/// #[derive(Default)]
/// struct Throttled(AtomicU64);
///
/// impl Hook for Throttled {
///     fn before_send(&self, _attempt: &Attempt, request: &mut reqwest::Request) {
///         request
///             .headers_mut()
///             .insert("x-team", reqwest::header::HeaderValue::from_static("billing"));
///     }
///
///     fn after_send(&self, attempt: &Attempt, exchange: &Exchange<'_>) {
///         if let Outcome::Response { status, .. } = exchange.outcome {
///             if status == reqwest::StatusCode::TOO_MANY_REQUESTS {
///                 self.0.fetch_add(1, Ordering::Relaxed);
///             }
///             println!(
///                 "{} attempt {}: {} {} -> {status} in {:?}",
///                 attempt.operation.id, attempt.number, exchange.method, exchange.url,
///                 exchange.elapsed
///             );
///         }
///     }
/// }
/// ```
pub trait Hook: Send + Sync + 'static {
    /// Sees, and may change, the request of `attempt` just before it is sent: its method,
    /// URL (query included), headers, body and per-attempt timeout are what will go out.
    ///
    /// Its `Authorization` header holds the bearer token, marked sensitive (its `Debug` shows
    /// `Sensitive`): a hook that logs header values must leave that one out.
    fn before_send(&self, attempt: &Attempt, request: &mut reqwest::Request) {
        let _ = (attempt, request);
    }

    /// Sees how `attempt` ended: the response's status and headers as soon as they arrive
    /// (before its body is read), or the error of an attempt that got no response.
    fn after_send(&self, attempt: &Attempt, exchange: &Exchange<'_>) {
        let _ = (attempt, exchange);
    }
}

/// A hook shared with the code that set it up (to read the counts it keeps, say).
impl<H: Hook + ?Sized> Hook for Arc<H> {
    fn before_send(&self, attempt: &Attempt, request: &mut reqwest::Request) {
        (**self).before_send(attempt, request);
    }

    fn after_send(&self, attempt: &Attempt, exchange: &Exchange<'_>) {
        (**self).after_send(attempt, exchange);
    }
}

/// Which request of which call a hook is looking at.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Attempt {
    /// The operation: its id, method, path template and tag.
    pub operation: &'static OperationInfo,
    /// The request's number within the call, from 1: each retry, and the request sent again
    /// with a renewed token after a 401, has the next number.
    pub number: u32,
}

/// How one attempt ended, as [`Hook::after_send`] sees it.
#[derive(Debug)]
#[non_exhaustive]
pub struct Exchange<'a> {
    /// The method sent.
    pub method: &'a reqwest::Method,
    /// The URL sent, after any change a hook made.
    pub url: &'a reqwest::Url,
    /// From sending the request to the response's head, or to the failure.
    pub elapsed: Duration,
    /// The response, or why there was none.
    pub outcome: Outcome<'a>,
}

/// A response's head, or the failure of an attempt that got none.
#[derive(Debug)]
#[non_exhaustive]
pub enum Outcome<'a> {
    /// The server answered; its body is read after the hook returns.
    Response {
        /// The HTTP status.
        status: StatusCode,
        /// The response headers.
        headers: &'a HeaderMap,
    },
    /// No response came: the connection failed, the attempt timed out, or the request could
    /// not be sent.
    Failed(&'a reqwest::Error),
}
