//! What every OAuth grant shares: the token request (its form, client authentication, timeout and retries, the reading of the answer) and the token cache in front of it (one request however many callers wait, renewal before expiry, the refresh token kept).
//!
//! A grant says only which form it sends ([`Grant::request`]); [`GrantCore`] does the rest.

use super::{
    AccessToken, ClientDefaults, DEFAULT_TOKEN_LIFETIME, LoginBaseUrl, MIN_TOKEN_LIFETIME,
    RefreshToken,
};
use crate::body::{self, ERROR_BODY_READ_LIMIT, Unread};
use crate::error::AuthError;
use crate::retry::{self, RetryPolicy};
use reqwest::StatusCode;
use std::fmt;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};
use tracing::Instrument;

/// How a client proves who it is to the token endpoint (RFC 6749 §2.3).
#[derive(Clone)]
pub(crate) enum ClientAuth {
    /// A confidential client: its id and secret in an HTTP Basic `Authorization` header.
    Basic { id: String, secret: String },
    /// A public client (PKCE), which has no secret: its id in the form (§3.2.1).
    Public { id: String },
}

impl fmt::Debug for ClientAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Basic { id, .. } => f
                .debug_struct("Basic")
                .field("client_id", id)
                .field("client_secret", &"<redacted>")
                .finish(),
            Self::Public { id } => f.debug_struct("Public").field("client_id", id).finish(),
        }
    }
}

/// One token request's form and client authentication, as a grant words it. The values it
/// was given as secret are remembered, so that no answer can echo them into an error.
pub(crate) struct TokenRequest {
    grant_type: &'static str,
    form: Vec<(String, String)>,
    basic: Option<(String, String)>,
    secrets: Vec<String>,
}

impl TokenRequest {
    /// A request of `grant_type` by `client`.
    pub(crate) fn new(grant_type: &'static str, client: &ClientAuth) -> Self {
        let mut request = Self {
            grant_type,
            form: vec![("grant_type".to_owned(), grant_type.to_owned())],
            basic: None,
            secrets: Vec::new(),
        };
        match client {
            ClientAuth::Basic { id, secret } => {
                request.basic = Some((id.clone(), secret.clone()));
                request.secrets.push(secret.clone());
            }
            ClientAuth::Public { id } => {
                request.form.push(("client_id".to_owned(), id.clone()));
            }
        }
        request
    }

    /// A renewal with `refresh_token` (RFC 6749 §6), by `client`.
    pub(crate) fn refresh(client: &ClientAuth, refresh_token: &RefreshToken) -> Self {
        Self::new("refresh_token", client).secret("refresh_token", refresh_token.secret())
    }

    /// With `name=value` in the form.
    pub(crate) fn param(mut self, name: &str, value: &str) -> Self {
        self.form.push((name.to_owned(), value.to_owned()));
        self
    }

    /// With `name=value` in the form, `value` being a secret (a code, a verifier, an
    /// assertion, a refresh token).
    pub(crate) fn secret(mut self, name: &str, value: &str) -> Self {
        self.secrets.push(value.to_owned());
        self.param(name, value)
    }

    /// `text` with every secret this request holds replaced, for an answer that quotes one.
    fn redact(&self, text: String) -> String {
        self.secrets
            .iter()
            .filter(|secret| !secret.is_empty())
            .fold(text, |text, secret| {
                if text.contains(secret.as_str()) {
                    text.replace(secret.as_str(), "<redacted>")
                } else {
                    text
                }
            })
    }
}

/// What a grant words: the form of its next token request.
pub(crate) trait Grant: Send + Sync {
    /// The next token request, the first or a renewal; `refresh_token` is the last one the
    /// endpoint issued, if any. Fails when there is nothing left to ask with.
    fn request(&self, refresh_token: Option<&RefreshToken>) -> Result<TokenRequest, AuthError>;

    /// The endpoint answered the last request with a token.
    fn issued(&self) {}
}

/// A token answer (RFC 6749 §5.1), read.
struct Issued {
    access_token: AccessToken,
    expires_in: Option<u64>,
    refresh_token: Option<RefreshToken>,
}

/// One token request that got no token.
struct Refused {
    error: AuthError,
    /// Whether an idempotent call failing this way would be retried.
    retryable: bool,
    retry_after: Option<Duration>,
}

/// The token endpoint's refusal (RFC 6749 §5.2).
#[derive(serde::Deserialize)]
struct OAuthRefusal {
    error: Option<String>,
    error_description: Option<String>,
}

/// Where token requests go and how they are sent: the URL, the HTTP client, the per-attempt
/// timeout and the retry policy, each the provider's own if it was given one, else the
/// client's it was handed to, else the defaults.
pub(crate) struct TokenEndpoint {
    pub(crate) token_url: String,
    /// The token endpoint's host (and port), which errors name.
    pub(crate) host: String,
    pub(crate) http: Option<reqwest::Client>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    /// The settings of the client the provider was handed to, the first one only.
    client_defaults: OnceLock<ClientDefaults>,
    /// The HTTP client made for a provider used alone, on its first request.
    own_http: OnceLock<reqwest::Client>,
}

impl TokenEndpoint {
    pub(crate) fn new(login: LoginBaseUrl) -> Self {
        let token_url = login.endpoint("/oauth/token");
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
            token_url,
            host,
            http: None,
            timeout: None,
            retry: None,
            client_defaults: OnceLock::new(),
            own_http: OnceLock::new(),
        }
    }

    pub(crate) fn use_client_defaults(&self, defaults: &ClientDefaults) {
        let _ = self.client_defaults.set(defaults.clone());
    }

    fn timeout(&self) -> Duration {
        self.timeout
            .or_else(|| self.client_defaults.get().map(|defaults| defaults.timeout))
            .unwrap_or(crate::client::DEFAULT_TIMEOUT)
    }

    fn retry(&self) -> RetryPolicy {
        self.retry
            .clone()
            .or_else(|| {
                self.client_defaults
                    .get()
                    .map(|defaults| defaults.retry.clone())
            })
            .unwrap_or_default()
    }

    fn http(&self) -> Result<&reqwest::Client, AuthError> {
        if let Some(http) = self.http.as_ref() {
            return Ok(http);
        }
        if let Some(defaults) = self.client_defaults.get() {
            return Ok(&defaults.http);
        }
        if let Some(http) = self.own_http.get() {
            return Ok(http);
        }
        let http = reqwest::Client::builder().build().map_err(|error| {
            AuthError::new("no HTTP client for the token request")
                .with_host(self.host.clone())
                .with_source(error)
        })?;
        Ok(self.own_http.get_or_init(|| http))
    }

    fn failed(&self, message: &str) -> AuthError {
        AuthError::new(message).with_host(self.host.clone())
    }

    /// Sends `request`, retrying as the policy allows.
    async fn send(&self, request: &TokenRequest) -> Result<Issued, AuthError> {
        let http = self.http()?;
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&request.form)
            .finish();
        let mut schedule = self.retry().schedule();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let refused = match self.send_once(http, request, &body).await {
                Ok(issued) => return Ok(issued),
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
    async fn send_once(
        &self,
        http: &reqwest::Client,
        request: &TokenRequest,
        body: &str,
    ) -> Result<Issued, Refused> {
        let mut builder = http
            .post(&self.token_url)
            .timeout(self.timeout())
            .header(reqwest::header::ACCEPT, "application/json")
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(body.to_owned());
        if let Some((id, secret)) = &request.basic {
            // RFC 6749 §2.3.1 wants id and secret form-encoded before they are joined; the
            // ids and secrets Genesys issues are made of characters that encoding leaves as
            // they are, and the Genesys SDKs send them as given, as reqwest does here.
            builder = builder.basic_auth(id, Some(secret));
        }
        let mut response = match builder.send().await {
            Ok(response) => response,
            Err(error) => {
                // No answer, whatever the cause: asking again is safe, as for an idempotent
                // call (at worst a code or a rotated refresh token was spent, and the
                // endpoint says so with `invalid_grant`).
                let message = if error.is_timeout() {
                    "token request timed out"
                } else if error.is_connect() {
                    "token request could not connect"
                } else {
                    "token request failed"
                };
                return Err(Refused {
                    error: self.failed(message).with_source(error.without_url()),
                    retryable: true,
                    retry_after: None,
                });
            }
        };
        let status = response.status();
        let retry_after = retry::retry_after(response.headers());
        let retryable = status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error();
        // A token answer is small; a body past the bound is not one, and is not read on.
        let read = match body::read_bounded(&mut response, ERROR_BODY_READ_LIMIT).await {
            Ok(read) => read,
            Err(error) => {
                let message = if error.is_timeout() {
                    "token response timed out"
                } else {
                    "token response unreadable"
                };
                return Err(Refused {
                    error: self
                        .failed(message)
                        .with_response(status, None, None)
                        .with_source(error.without_url()),
                    retryable: true,
                    retry_after,
                });
            }
        };
        if !status.is_success() {
            // RFC 6749 §5.2: the error document names the problem in `error`. Its texts are
            // the server's, which might quote what it was sent: they are cleared of secrets.
            let refusal: Option<OAuthRefusal> = serde_json::from_slice(&read.bytes).ok();
            let (error, description) = refusal
                .map(|refusal| (refusal.error, refusal.error_description))
                .unwrap_or_default();
            let error = error.map(|text| request.redact(text));
            let description = description.map(|text| request.redact(text));
            return Err(Refused {
                error: self.failed("token request refused").with_response(
                    status,
                    error,
                    description,
                ),
                retryable,
                retry_after,
            });
        }
        let not_a_token = |message: &str| Refused {
            error: self.failed(message).with_response(status, None, None),
            retryable: false,
            retry_after: None,
        };
        if read.unread != Unread::Nothing {
            return Err(not_a_token("token response too large"));
        }
        // Read as any JSON first, so that no decoding error can quote a value of the answer
        // (the tokens are some): only what is missing is said.
        let document: serde_json::Value = serde_json::from_slice(&read.bytes)
            .map_err(|_| not_a_token("token response is not JSON"))?;
        let text = |name: &str| document.get(name).and_then(serde_json::Value::as_str);
        let Some(access_token) = text("access_token") else {
            return Err(not_a_token("token response has no `access_token` string"));
        };
        Ok(Issued {
            access_token: AccessToken::new(access_token),
            // A lifetime that is not a whole number of seconds is read as not said.
            expires_in: document
                .get("expires_in")
                .and_then(serde_json::Value::as_u64),
            refresh_token: text("refresh_token")
                .filter(|token| !token.is_empty())
                .map(RefreshToken::new),
        })
    }
}

/// How long a token that lives `expires_in` seconds (as the endpoint said, if it did) is
/// used before it is renewed, renewing `margin` early at most.
pub(crate) fn reuse_for(expires_in: Option<u64>, margin: Duration) -> Duration {
    let lifetime = match expires_in {
        None | Some(0) => DEFAULT_TOKEN_LIFETIME,
        Some(seconds) => Duration::from_secs(seconds),
    };
    if lifetime < MIN_TOKEN_LIFETIME {
        return lifetime;
    }
    lifetime - margin.min(lifetime / 10)
}

#[derive(Clone)]
struct CachedToken {
    token: AccessToken,
    renew_at: Instant,
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

/// A token endpoint and the cache in front of it: what a provider of any grant holds.
///
/// Concurrent callers on a cold or expired cache share one token request, and its outcome:
/// callers that waited for a request that failed get its error, without asking again (a
/// call made after the failure does ask again).
pub(crate) struct GrantCore {
    pub(crate) endpoint: TokenEndpoint,
    /// How long before expiry a token is renewed, at most.
    pub(crate) refresh_margin: Duration,
    cached: Mutex<Option<CachedToken>>,
    /// The refresh token the endpoint issued last (or the one the provider started with).
    refresh_token: Mutex<Option<RefreshToken>>,
    /// Held while a token request is in flight, so only one runs at a time; holds the failure
    /// of the last one, for the callers that waited for it.
    in_flight: tokio::sync::Mutex<Option<AuthError>>,
    /// How many token requests have finished, so that a caller that waited can tell whether
    /// one finished meanwhile.
    finished: AtomicU64,
    /// How many callers wait for the in-flight token request (which the token span records,
    /// and tests read to know that every caller is queued).
    pub(crate) waiting: AtomicUsize,
}

impl GrantCore {
    pub(crate) fn new(login: LoginBaseUrl, refresh_token: Option<RefreshToken>) -> Self {
        Self {
            endpoint: TokenEndpoint::new(login),
            refresh_margin: Duration::from_secs(300),
            cached: Mutex::new(None),
            refresh_token: Mutex::new(refresh_token),
            in_flight: tokio::sync::Mutex::new(None),
            finished: AtomicU64::new(0),
            waiting: AtomicUsize::new(0),
        }
    }

    /// The refresh token the endpoint issued last, if any.
    pub(crate) fn refresh_token(&self) -> Option<RefreshToken> {
        self.refresh_token
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn fresh_cached(&self) -> Option<AccessToken> {
        let cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        cached
            .as_ref()
            .filter(|cached| Instant::now() < cached.renew_at)
            .map(|cached| cached.token.clone())
    }

    /// A token valid now: the cached one, or one `grant` asks for.
    pub(crate) async fn token(&self, grant: &dyn Grant) -> Result<AccessToken, AuthError> {
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
        let outcome = self.fetch(grant).await;
        *last_failure = outcome.as_ref().err().cloned();
        self.finished.fetch_add(1, Ordering::Release);
        outcome
    }

    /// Asks for a token as `grant` words it, and caches it; called with the in-flight lock
    /// held, so the refresh token it reads is the last one issued.
    async fn fetch(&self, grant: &dyn Grant) -> Result<AccessToken, AuthError> {
        let refresh_token = self.refresh_token();
        let request = grant
            .request(refresh_token.as_ref())
            .map_err(|error| error.with_host(self.endpoint.host.clone()))?;
        let span = tracing::debug_span!(
            "purecloud.token",
            url = %self.endpoint.token_url,
            grant_type = request.grant_type,
            waiting = tracing::field::Empty
        );
        let sent = self.endpoint.send(&request).instrument(span.clone()).await;
        span.record("waiting", self.waiting.load(Ordering::SeqCst));
        let issued = sent?;
        // RFC 6749 §6: a new refresh token replaces the old one, which the server may have
        // revoked; an answer without one leaves the old one in use.
        if let Some(refresh_token) = issued.refresh_token {
            *self
                .refresh_token
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some(refresh_token);
        }
        grant.issued();
        let now = Instant::now();
        let cached = CachedToken {
            token: issued.access_token.clone(),
            renew_at: now
                .checked_add(reuse_for(issued.expires_in, self.refresh_margin))
                .unwrap_or_else(|| now + Duration::from_secs(365 * 24 * 3600)),
        };
        *self.cached.lock().unwrap_or_else(PoisonError::into_inner) = Some(cached);
        Ok(issued.access_token)
    }

    /// The API rejected `token`: the next caller asks for a new one.
    pub(crate) fn invalidate(&self, token: &AccessToken) {
        let mut cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        if cached.as_ref().is_some_and(|cached| &cached.token == token) {
            *cached = None;
        }
    }

    /// The endpoint's settings, for a provider's `Debug`.
    pub(crate) fn debug_fields(&self, f: &mut fmt::DebugStruct<'_, '_>) {
        f.field("token_url", &self.endpoint.token_url)
            .field("timeout", &self.endpoint.timeout)
            .field("retry", &self.endpoint.retry)
            .field("refresh_margin", &self.refresh_margin);
    }
}

/// The settings every grant's provider takes, as methods of `$provider` (which holds its
/// [`GrantCore`] in `core`).
macro_rules! token_request_settings {
    ($provider:ty) => {
        impl $provider {
            /// Gives up on one attempt of a token request after `timeout`. Without it, the
            /// timeout of the client the provider is handed to
            /// ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout)), else
            /// [`DEFAULT_TIMEOUT`](crate::DEFAULT_TIMEOUT).
            pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                self.core.endpoint.timeout = Some(timeout);
                self
            }

            /// Retries failed token requests as `policy` says for an idempotent call:
            /// connection failures, timeouts, 429 (after `Retry-After`) and 5xx. Without it,
            /// the policy of the client the provider is handed to, else
            /// [`RetryPolicy::default`](crate::RetryPolicy::default).
            pub fn retry_policy(mut self, policy: crate::RetryPolicy) -> Self {
                self.core.endpoint.retry = Some(policy);
                self
            }

            /// Renews tokens this long before they expire, at most (default 5 minutes; never
            /// more than a tenth of the token's lifetime, and not at all for a token that
            /// lives less than [`MIN_TOKEN_LIFETIME`](crate::auth::MIN_TOKEN_LIFETIME)).
            pub fn refresh_margin(mut self, margin: std::time::Duration) -> Self {
                self.core.refresh_margin = margin;
                self
            }

            /// Sends token requests with `http` (its pool, proxy and TLS settings). Without
            /// it, the HTTP client of the client the provider is handed to, else one of its
            /// own.
            pub fn http_client(mut self, http: reqwest::Client) -> Self {
                self.core.endpoint.http = Some(http);
                self
            }
        }
    };
}

pub(crate) use token_request_settings;
