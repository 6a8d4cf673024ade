//! Authentication: where bearer tokens come from, cached and renewed, never shown.

use crate::body::{self, ERROR_BODY_READ_LIMIT, Unread};
use crate::error::AuthError;
use crate::retry::{self, RetryPolicy};
use reqwest::StatusCode;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tracing::Instrument;

/// A boxed future, as [`TokenProvider`] returns them.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A bearer token. Its `Debug` shows no part of it.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(Arc<str>);

impl AccessToken {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Self {
        Self(Arc::from(token.into()))
    }

    /// The token itself, to put in an `Authorization` header.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

/// A source of bearer tokens: a fixed one, the client-credentials grant, or the caller's own.
pub trait TokenProvider: fmt::Debug + Send + Sync {
    /// A token that is valid now, fetched or renewed if needed.
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, AuthError>>;

    /// The API rejected `token` (HTTP 401): the next [`token`](Self::token) must not return it.
    fn invalidate(&self, token: &AccessToken);

    /// Whether [`invalidate`](Self::invalidate) leads to a different token. A call answered
    /// 401 is sent again with a new token only when this is true (the default); a provider
    /// that always returns the same token says false, and the 401 is the call's answer.
    fn can_renew(&self) -> bool {
        true
    }
}

/// A fixed token, such as one obtained elsewhere. It is never renewed.
#[derive(Debug, Clone)]
pub struct StaticToken(AccessToken);

impl StaticToken {
    /// A provider that always returns `token`.
    pub fn new(token: impl Into<String>) -> Self {
        Self(AccessToken::new(token))
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, AuthError>> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }

    fn invalidate(&self, _token: &AccessToken) {}

    /// A fixed token cannot be renewed: a 401 is final.
    fn can_renew(&self) -> bool {
        false
    }
}

/// The lifetime of a token whose endpoint sent none, or sent `expires_in: 0`: an hour.
///
/// `expires_in` is optional (RFC 6749 §5.1), and 0 is not a lifetime a token can be used for:
/// read literally, it would make every call ask for a token of its own. So 0 is read as
/// "not said". Should the token in fact be expired, the API answers 401, which renews it.
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);

/// Below this lifetime a token is not renewed early: it is used for all of its lifetime, as
/// the margin before expiry ([`ClientCredentials::refresh_margin`]) would leave a short
/// token next to no time of use, and so cost a token request for almost every call.
pub const MIN_TOKEN_LIFETIME: Duration = Duration::from_secs(60);

/// The OAuth client-credentials grant: `POST <login>/oauth/token` with HTTP Basic
/// authentication. The token is cached and renewed shortly before it expires.
///
/// Concurrent callers on a cold or expired cache share one token request, and its outcome:
/// callers that waited for a request that failed get its error, without asking again (a
/// call made after the failure does ask again). The token request has a per-attempt timeout
/// and is retried on connection failures, timeouts, 429 and 5xx as an idempotent call is;
/// [`ClientBuilder`](crate::ClientBuilder) gives it the client's timeout and retry policy.
pub struct ClientCredentials {
    http: reqwest::Client,
    token_url: String,
    /// The token endpoint's host (and port), which errors name.
    host: String,
    client_id: String,
    client_secret: String,
    /// How long before expiry a token is renewed, at most.
    refresh_margin: Duration,
    /// How long one attempt of the token request may take.
    timeout: Duration,
    /// How failed token requests are retried.
    retry: RetryPolicy,
    cached: Mutex<Option<CachedToken>>,
    /// Held while a token request is in flight, so only one runs at a time; holds the failure
    /// of the last one, for the callers that waited for it.
    in_flight: tokio::sync::Mutex<Option<AuthError>>,
    /// How many token requests have finished, so that a caller that waited can tell whether
    /// one finished meanwhile.
    finished: AtomicU64,
    /// How many callers wait for the in-flight token request (which the token span records,
    /// and tests read to know that every caller is queued).
    waiting: AtomicUsize,
}

#[derive(Clone)]
struct CachedToken {
    token: AccessToken,
    renew_at: Instant,
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// The token endpoint's refusal (RFC 6749 §5.2).
#[derive(serde::Deserialize)]
struct OAuthError {
    error: Option<String>,
    error_description: Option<String>,
}

/// How long a token that lives `expires_in` seconds (as the endpoint said, if it did) is
/// used before it is renewed, renewing `margin` early at most.
fn reuse_for(expires_in: Option<u64>, margin: Duration) -> Duration {
    let lifetime = match expires_in {
        None | Some(0) => DEFAULT_TOKEN_LIFETIME,
        Some(seconds) => Duration::from_secs(seconds),
    };
    if lifetime < MIN_TOKEN_LIFETIME {
        return lifetime;
    }
    lifetime - margin.min(lifetime / 10)
}

/// Counts a caller among those waiting while it lives, so that a caller dropped while it
/// waits (its call cancelled) is no longer counted.
struct Waiter<'a>(&'a AtomicUsize);

impl<'a> Waiter<'a> {
    fn new(waiting: &'a AtomicUsize) -> Self {
        waiting.fetch_add(1, Ordering::SeqCst);
        Self(waiting)
    }
}

impl Drop for Waiter<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// One token request that got no token.
struct Refused {
    error: AuthError,
    /// Whether an idempotent call failing this way would be retried.
    retryable: bool,
    retry_after: Option<Duration>,
}

impl ClientCredentials {
    /// The grant against `login_base_url` (such as `https://login.mypurecloud.ie`).
    pub fn new(
        http: reqwest::Client,
        login_base_url: &str,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        let token_url = format!("{}/oauth/token", login_base_url.trim_end_matches('/'));
        // Only the host and port: the URL could carry user info, which errors must not show.
        let host = reqwest::Url::parse(&token_url)
            .ok()
            .and_then(|url| {
                let host = url.host_str()?.to_owned();
                Some(match url.port() {
                    Some(port) => format!("{host}:{port}"),
                    None => host,
                })
            })
            .unwrap_or_else(|| "<unparsable login URL>".to_owned());
        Self {
            http,
            token_url,
            host,
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            refresh_margin: Duration::from_secs(300),
            timeout: crate::client::DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            cached: Mutex::new(None),
            in_flight: tokio::sync::Mutex::new(None),
            finished: AtomicU64::new(0),
            waiting: AtomicUsize::new(0),
        }
    }

    /// Gives up on one attempt of the token request after `timeout` (default
    /// [`DEFAULT_TIMEOUT`](crate::DEFAULT_TIMEOUT)).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Retries failed token requests as `policy` says for an idempotent call (default
    /// [`RetryPolicy::default`]): connection failures, timeouts, 429 (after `Retry-After`)
    /// and 5xx.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Renews tokens this long before they expire, at most (default 5 minutes; never more
    /// than a tenth of the token's lifetime, and not at all for a token that lives less than
    /// [`MIN_TOKEN_LIFETIME`]).
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    fn fresh_cached(&self) -> Option<AccessToken> {
        let cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        cached
            .as_ref()
            .filter(|cached| Instant::now() < cached.renew_at)
            .map(|cached| cached.token.clone())
    }

    /// Asks for a token, retrying as the policy allows, and caches it.
    async fn fetch(&self) -> Result<AccessToken, AuthError> {
        let mut schedule = self.retry.schedule();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let refused = match self.fetch_once().await {
                Ok(token) => return Ok(token),
                Err(refused) => refused,
            };
            if refused.retryable
                && let Some(delay) = schedule.next_delay(attempt, refused.retry_after)
            {
                tracing::debug!(
                    attempt,
                    delay_ms = delay.as_millis() as u64,
                    error = %refused.error,
                    "token request failed; retrying"
                );
                tokio::time::sleep(delay).await;
                continue;
            }
            let mut error = refused.error;
            if attempt > 1 {
                error.message = format!("{} after {attempt} attempts", error.message);
            }
            return Err(error);
        }
    }

    /// One token request.
    async fn fetch_once(&self) -> Result<AccessToken, Refused> {
        let failed = |message: &str| AuthError::new(message).with_host(self.host.clone());
        let sent = self
            .http
            .post(&self.token_url)
            .timeout(self.timeout)
            .basic_auth(&self.client_id, Some(&self.client_secret))
            .header(reqwest::header::ACCEPT, "application/json")
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body("grant_type=client_credentials")
            .send()
            .await;
        let mut response = match sent {
            Ok(response) => response,
            Err(error) => {
                // No answer, whatever the cause: asking again is safe, as for an idempotent
                // call (the grant issues a token; it changes nothing).
                let message = if error.is_timeout() {
                    "token request timed out"
                } else if error.is_connect() {
                    "token request could not connect"
                } else {
                    "token request failed"
                };
                return Err(Refused {
                    error: failed(message).with_source(error.without_url()),
                    retryable: true,
                    retry_after: None,
                });
            }
        };
        let status = response.status();
        let retry_after = retry::retry_after(response.headers());
        let retryable = status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error();
        // A token answer is small; a body past the bound is not one, and is not read on.
        let read = body::read_bounded(&mut response, ERROR_BODY_READ_LIMIT).await;
        let read = match read {
            Ok(read) => read,
            Err(error) => {
                let message = if error.is_timeout() {
                    "token response timed out"
                } else {
                    "token response unreadable"
                };
                return Err(Refused {
                    error: failed(message)
                        .with_response(status, None, None)
                        .with_source(error.without_url()),
                    retryable: true,
                    retry_after,
                });
            }
        };
        if !status.is_success() {
            // RFC 6749 §5.2: the error document names the problem in `error`.
            let refusal: Option<OAuthError> = serde_json::from_slice(&read.bytes).ok();
            let (error, description) = refusal
                .map(|refusal| (refusal.error, refusal.error_description))
                .unwrap_or_default();
            return Err(Refused {
                error: failed("token request refused").with_response(status, error, description),
                retryable,
                retry_after,
            });
        }
        let not_a_token = |message: &str| Refused {
            error: failed(message).with_response(status, None, None),
            retryable: false,
            retry_after: None,
        };
        if read.unread != Unread::Nothing {
            return Err(not_a_token("token response too large"));
        }
        // Read as any JSON first, so that no decoding error can quote a value of the answer
        // (the token is one): only what is missing is said.
        let document: serde_json::Value = serde_json::from_slice(&read.bytes)
            .map_err(|_| not_a_token("token response is not JSON"))?;
        let Some(access_token) = document
            .get("access_token")
            .and_then(serde_json::Value::as_str)
        else {
            return Err(not_a_token("token response has no `access_token` string"));
        };
        // A lifetime that is not a whole number of seconds is read as not said.
        let expires_in = document
            .get("expires_in")
            .and_then(serde_json::Value::as_u64);
        let token = AccessToken::new(access_token);
        let now = Instant::now();
        let cached = CachedToken {
            token: token.clone(),
            renew_at: now
                .checked_add(reuse_for(expires_in, self.refresh_margin))
                .unwrap_or_else(|| now + Duration::from_secs(365 * 24 * 3600)),
        };
        *self.cached.lock().unwrap_or_else(PoisonError::into_inner) = Some(cached);
        Ok(token)
    }
}

impl TokenProvider for ClientCredentials {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, AuthError>> {
        Box::pin(async move {
            if let Some(token) = self.fresh_cached() {
                return Ok(token);
            }
            let finished_before = self.finished.load(Ordering::Acquire);
            let waiter = Waiter::new(&self.waiting);
            let mut last_failure = self.in_flight.lock().await;
            drop(waiter);
            if let Some(token) = self.fresh_cached() {
                return Ok(token);
            }
            // A token request finished while this caller waited for it: its outcome is this
            // caller's too. A success is in the cache (above); a failure is shared rather than
            // met again by one request per waiter, one after another.
            if self.finished.load(Ordering::Acquire) != finished_before
                && let Some(failure) = last_failure.as_ref()
            {
                return Err(failure.clone());
            }
            let span = tracing::debug_span!(
                "purecloud.token",
                url = % self.token_url,
                waiting = tracing::field::Empty
            );
            let outcome = self.fetch().instrument(span.clone()).await;
            span.record("waiting", self.waiting.load(Ordering::SeqCst));
            *last_failure = outcome.as_ref().err().cloned();
            self.finished.fetch_add(1, Ordering::Release);
            outcome
        })
    }

    fn invalidate(&self, token: &AccessToken) {
        let mut cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        if cached.as_ref().is_some_and(|cached| &cached.token == token) {
            *cached = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{Server, assert_no_repeats, chain, fast_retries, respond, within};
    use tokio::net::TcpStream;
    use tokio::sync::Notify;

    const SECRET: &str = "s3cr3t-value";

    fn credentials(server: &Server) -> ClientCredentials {
        ClientCredentials::new(reqwest::Client::new(), &server.url, "client-1", SECRET)
            .retry_policy(fast_retries())
    }

    fn token_json(token: &str, expires_in: u64) -> String {
        serde_json::json!({"access_token": token, "token_type": "bearer", "expires_in": expires_in})
            .to_string()
    }

    /// A token endpoint that always issues `token`, living `expires_in` seconds.
    async fn issuing(token: &'static str, expires_in: u64) -> Server {
        Server::start(move |_, stream, _| async move {
            respond(stream, "200 OK", &[], &token_json(token, expires_in)).await;
        })
        .await
    }

    /// The host and port of `server`, as errors name it.
    fn host(server: &Server) -> &str {
        server.url.trim_start_matches("http://")
    }

    #[test]
    fn short_and_missing_lifetimes_are_read_sensibly() {
        let margin = Duration::from_secs(300);
        let default = DEFAULT_TOKEN_LIFETIME - margin;
        assert_eq!(reuse_for(None, margin), default);
        // 0 would mean a token request per call: read as "not said".
        assert_eq!(reuse_for(Some(0), margin), default);
        // Under the floor, all of the lifetime, no early renewal.
        assert_eq!(reuse_for(Some(1), margin), Duration::from_secs(1));
        assert_eq!(reuse_for(Some(59), margin), Duration::from_secs(59));
        // From the floor on, renewed a tenth early at most, and at most `margin` early.
        assert_eq!(reuse_for(Some(60), margin), Duration::from_secs(54));
        assert_eq!(reuse_for(Some(86_400), margin), Duration::from_secs(86_100));
        assert!(reuse_for(Some(u64::MAX), margin) > Duration::from_secs(86_400));
    }

    #[tokio::test]
    async fn expires_in_zero_does_not_cost_a_token_request_per_call() {
        let server = issuing("tok-0", 0).await;
        let credentials = credentials(&server);

        for _ in 0..3 {
            let token = within(credentials.token()).await.expect("a token");
            assert_eq!(token.secret(), "tok-0");
        }

        assert_eq!(server.requests(), 1);
    }

    #[tokio::test]
    async fn a_hanging_token_endpoint_times_out_per_attempt_and_is_retried() {
        let (held, mut release) = tokio::sync::mpsc::channel::<TcpStream>(8);
        let server = Server::start(move |_, stream, _| {
            let held = held.clone();
            // Keeps the connection open, unanswered, until the test ends.
            async move {
                let _ = held.send(stream).await;
            }
        })
        .await;
        let credentials = credentials(&server)
            .timeout(Duration::from_millis(200))
            .retry_policy(fast_retries().max_attempts(3));

        let error = within(credentials.token()).await.expect_err("no answer");

        assert_eq!(server.requests(), 3);
        assert_eq!(error.message, "token request timed out after 3 attempts");
        assert_eq!(error.host.as_deref(), Some(host(&server)));
        let texts = chain(&error);
        assert_eq!(
            texts[0],
            format!(
                "token request timed out after 3 attempts (token endpoint {})",
                host(&server)
            )
        );
        assert_no_repeats(&texts);
        assert!(texts.last().unwrap().contains("timed out"), "{texts:#?}");
        release.close();
    }

    #[tokio::test]
    async fn token_request_retries_429_and_5xx_waiting_for_retry_after() {
        let server = Server::start(|number, stream, _| async move {
            match number {
                1 => respond(stream, "429 Too Many Requests", &["retry-after: 1"], "").await,
                2 => respond(stream, "503 Service Unavailable", &[], "").await,
                _ => respond(stream, "200 OK", &[], &token_json("tok-3", 3600)).await,
            }
        })
        .await;
        let credentials = credentials(&server);

        let started = Instant::now();
        let token = within(credentials.token()).await.expect("the third answer");

        assert_eq!(token.secret(), "tok-3");
        assert_eq!(server.requests(), 3);
        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "Retry-After was not waited for"
        );
    }

    #[tokio::test]
    async fn a_refusal_says_status_oauth_error_and_host_and_is_not_retried() {
        let server = Server::start(|_, stream, _| {
            respond(
                stream,
                "401 Unauthorized",
                &[],
                r#"{"error":"invalid_client","error_description":"client not found"}"#,
            )
        })
        .await;
        let credentials = credentials(&server);

        let error = within(credentials.token()).await.expect_err("refused");

        assert_eq!(server.requests(), 1);
        assert_eq!(error.status, Some(StatusCode::UNAUTHORIZED));
        assert_eq!(error.error.as_deref(), Some("invalid_client"));
        assert_eq!(error.error_description.as_deref(), Some("client not found"));
        assert_eq!(
            error.to_string(),
            format!(
                "token request refused (token endpoint {}): HTTP 401 Unauthorized: \
                 invalid_client: client not found",
                host(&server)
            )
        );
        assert!(std::error::Error::source(&error).is_none());
        for shown in [error.to_string(), format!("{error:?}")] {
            assert!(!shown.contains(SECRET), "the secret shows in {shown}");
        }
    }

    #[tokio::test]
    async fn an_answer_without_a_token_is_not_quoted() {
        let server = Server::start(|_, stream, _| {
            respond(
                stream,
                "200 OK",
                &[],
                r#"{"access_token":["tok-leak"],"expires_in":"tok-leak"}"#,
            )
        })
        .await;
        let credentials = credentials(&server);

        let error = within(credentials.token()).await.expect_err("no token");

        assert_eq!(error.message, "token response has no `access_token` string");
        assert_eq!(error.status, Some(StatusCode::OK));
        for shown in [error.to_string(), format!("{error:?}")] {
            assert!(!shown.contains("tok-leak"), "the answer shows in {shown}");
        }
    }

    /// A token endpoint that holds its first request until `release` is notified, then
    /// answers it with `first`; later requests get a token at once.
    async fn holding_first(
        arrived: Arc<Notify>,
        release: Arc<Notify>,
        first: (&'static str, String),
    ) -> Server {
        Server::start(move |number, stream, _| {
            let (arrived, release, first) = (arrived.clone(), release.clone(), first.clone());
            async move {
                if number == 1 {
                    arrived.notify_one();
                    release.notified().await;
                    respond(stream, first.0, &[], &first.1).await;
                } else {
                    respond(stream, "200 OK", &[], &token_json("tok-later", 3600)).await;
                }
            }
        })
        .await
    }

    /// Starts `callers` token requests on `credentials` while the endpoint holds the first,
    /// waits until all but that one are queued behind it, releases it, and returns what each
    /// caller got.
    async fn concurrent_tokens(
        credentials: &Arc<ClientCredentials>,
        callers: usize,
        arrived: &Notify,
        release: &Notify,
    ) -> Vec<Result<AccessToken, AuthError>> {
        let mut calls = tokio::task::JoinSet::new();
        for _ in 0..callers {
            let credentials = credentials.clone();
            calls.spawn(async move { credentials.token().await });
        }
        within(arrived.notified()).await;
        // No timing guess: the callers are counted as they queue.
        within(async {
            while credentials.waiting.load(Ordering::SeqCst) < callers - 1 {
                tokio::task::yield_now().await;
            }
        })
        .await;
        release.notify_one();
        let mut outcomes = Vec::new();
        while let Some(joined) = within(calls.join_next()).await {
            outcomes.push(joined.expect("the caller ran"));
        }
        outcomes
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn callers_waiting_for_a_failed_token_request_share_its_failure() {
        let (arrived, release) = (Arc::new(Notify::new()), Arc::new(Notify::new()));
        let refusal = r#"{"error":"invalid_client"}"#.to_owned();
        let server = holding_first(
            arrived.clone(),
            release.clone(),
            ("400 Bad Request", refusal),
        )
        .await;
        let credentials = Arc::new(credentials(&server));

        let outcomes = concurrent_tokens(&credentials, 50, &arrived, &release).await;

        assert_eq!(outcomes.len(), 50);
        for outcome in &outcomes {
            let error = outcome.as_ref().expect_err("the one request failed");
            assert_eq!(error.status, Some(StatusCode::BAD_REQUEST));
            assert_eq!(error.error.as_deref(), Some("invalid_client"));
        }
        assert_eq!(server.requests(), 1, "waiters asked again");
        // A call made after the failure asks again.
        let token = within(credentials.token()).await.expect("a later token");
        assert_eq!(token.secret(), "tok-later");
        assert_eq!(server.requests(), 2);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn callers_waiting_for_a_token_request_share_its_token() {
        let (arrived, release) = (Arc::new(Notify::new()), Arc::new(Notify::new()));
        let server = holding_first(
            arrived.clone(),
            release.clone(),
            ("200 OK", token_json("tok-1", 3600)),
        )
        .await;
        let credentials = Arc::new(credentials(&server));

        let outcomes = concurrent_tokens(&credentials, 50, &arrived, &release).await;

        for outcome in outcomes {
            assert_eq!(outcome.expect("the one request's token").secret(), "tok-1");
        }
        assert_eq!(server.requests(), 1);
    }

    #[test]
    fn a_static_token_cannot_renew_and_the_grant_can() {
        assert!(!StaticToken::new("t").can_renew());
        let credentials = ClientCredentials::new(
            reqwest::Client::new(),
            "https://login.example",
            "id",
            SECRET,
        );
        assert!(credentials.can_renew());
        // Only the host and port are named; user info in the URL is left out.
        let credentials = ClientCredentials::new(
            reqwest::Client::new(),
            "https://user:pw@login.example:8443/",
            "id",
            SECRET,
        );
        assert_eq!(credentials.host, "login.example:8443");
    }
}
