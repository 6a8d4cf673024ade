//! Authentication: where bearer tokens come from, cached and renewed, never shown.

use crate::error::AuthError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
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

/// The OAuth client-credentials grant: `POST <login>/oauth/token` with HTTP Basic
/// authentication. The token is cached and renewed shortly before it expires; concurrent
/// callers on a cold or expired cache share one token request.
pub struct ClientCredentials {
    http: reqwest::Client,
    token_url: String,
    client_id: String,
    client_secret: String,
    /// How long before expiry a token is renewed, at most.
    refresh_margin: Duration,
    cached: Mutex<Option<CachedToken>>,
    /// Held while a token request is in flight, so only one runs at a time.
    in_flight: tokio::sync::Mutex<()>,
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
            .finish_non_exhaustive()
    }
}

/// The token endpoint's refusal (RFC 6749 §5.2).
#[derive(serde::Deserialize)]
struct OAuthError {
    error: Option<String>,
    error_description: Option<String>,
}

/// The token endpoint's answer.
#[derive(serde::Deserialize)]
struct TokenResponse {
    access_token: String,
    /// Lifetime in seconds.
    expires_in: Option<u64>,
}

impl ClientCredentials {
    /// The grant against `login_base_url` (such as `https://login.mypurecloud.ie`).
    pub fn new(
        http: reqwest::Client,
        login_base_url: &str,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        Self {
            http,
            token_url: format!("{}/oauth/token", login_base_url.trim_end_matches('/')),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            refresh_margin: Duration::from_secs(300),
            cached: Mutex::new(None),
            in_flight: tokio::sync::Mutex::new(()),
        }
    }

    /// Renews tokens this long before they expire, at most (default 5 minutes; never more
    /// than a tenth of the token's lifetime).
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

    async fn fetch(&self) -> Result<AccessToken, AuthError> {
        let response = self
            .http
            .post(&self.token_url)
            .basic_auth(&self.client_id, Some(&self.client_secret))
            .header(reqwest::header::ACCEPT, "application/json")
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body("grant_type=client_credentials")
            .send()
            .await
            .map_err(|source| AuthError::new("token request failed").with_source(source))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|source| AuthError::new("token response unreadable").with_source(source))?;
        if !status.is_success() {
            // RFC 6749 §5.2: the error document names the problem in `error`.
            let refusal: Option<OAuthError> = serde_json::from_slice(&body).ok();
            let (error, description) = refusal
                .map(|refusal| (refusal.error, refusal.error_description))
                .unwrap_or_default();
            return Err(AuthError::new("token request refused").with_response(
                status,
                error,
                description,
            ));
        }
        let parsed: TokenResponse = serde_json::from_slice(&body)
            .map_err(|error| AuthError::new("token response does not decode").with_source(error))?;
        let lifetime = Duration::from_secs(parsed.expires_in.unwrap_or(3600));
        let margin = self.refresh_margin.min(lifetime / 10);
        let token = AccessToken::new(parsed.access_token);
        let cached = CachedToken {
            token: token.clone(),
            renew_at: Instant::now()
                .checked_add(lifetime - margin)
                .unwrap_or_else(|| Instant::now() + Duration::from_secs(365 * 24 * 3600)),
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
            let _flight = self.in_flight.lock().await;
            if let Some(token) = self.fresh_cached() {
                return Ok(token);
            }
            let span = tracing::debug_span!("purecloud.token", url = % self.token_url);
            self.fetch().instrument(span).await
        })
    }

    fn invalidate(&self, token: &AccessToken) {
        let mut cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        if cached.as_ref().is_some_and(|cached| &cached.token == token) {
            *cached = None;
        }
    }
}
