//! Authentication: where bearer tokens come from, cached and renewed, never shown.
//!
//! A client gets its tokens from a [`TokenProvider`]: a fixed token ([`StaticToken`]), or
//! the provider of one of the OAuth grants Genesys Cloud offers, each a type of this module.
//!
//! | grant | provider | for |
//! | --- | --- | --- |
//! | client credentials | [`ClientCredentials`] | a service acting as itself |
//! | authorization code | [`AuthorizationCode::new`] | a web app acting for a user, with a client secret |
//! | authorization code with PKCE | [`AuthorizationCode::pkce`] | a desktop, mobile or command-line app, which cannot keep a secret |
//! | SAML2 bearer | [`Saml2Bearer`] | an app whose users sign in to a SAML identity provider |
//! | refresh token | [`RefreshTokenGrant`] | a refresh token kept from an earlier sign-in |
//!
//! Every provider of a grant works alike. Tokens are cached: however many calls wait for
//! one, one token request is sent, and its outcome (its failure too) is theirs. A token is
//! renewed shortly before it expires ([`refresh_margin`](ClientCredentials::refresh_margin)),
//! and when the API answers 401 the call renews it and is sent once more. A grant that gets
//! a refresh token renews with it (RFC 6749 §6), and takes the new one when the endpoint
//! sends one. Each token request has a per-attempt timeout and is retried on connection
//! failures, timeouts, 429 and 5xx as an idempotent call is; handed to
//! [`ClientBuilder::token_provider`](crate::ClientBuilder::token_provider), a provider
//! takes the client's HTTP client, timeout and retry policy, unless it was given its own
//! ([`timeout`](ClientCredentials::timeout), [`retry_policy`](ClientCredentials::retry_policy),
//! [`http_client`](ClientCredentials::http_client)).
//!
//! Each provider is made for a [`Region`] (its login host,
//! `https://login.<region host>`) or for a login base URL such as a proxy's: both convert
//! into a [`LoginBaseUrl`]. Calling [`token`](TokenProvider::token) yourself asks for the
//! first token at once, which tells straight away whether a code or an assertion is good.
//!
//! # Client credentials
//!
//! The client builder has it built in: `.client_credentials(client_id, client_secret)`. On
//! its own:
//!
//! ```no_run
//! use purecloud_platform_client_runtime::{ClientCredentials, Region, TokenProvider};
//!
//! # async fn run() -> Result<(), purecloud_platform_client_runtime::AuthError> {
//! let provider = ClientCredentials::for_login(Region::EuWest1, "client-id", "client-secret");
//! let token = provider.token().await?;
//! # Ok(()) }
//! ```
//!
//! # Authorization code
//!
//! Send the user to the authorize URL; Genesys Cloud sends them back to your redirect URI
//! with a `code`, which the provider exchanges for a token and a refresh token
//! (RFC 6749 §4.1), with your client's id and secret in an HTTP Basic header:
//!
//! ```no_run
//! use purecloud_platform_client_runtime::auth::{AuthorizationCode, AuthorizeUrl};
//! use purecloud_platform_client_runtime::{Region, TokenProvider};
//!
//! # async fn run(code_from_the_redirect: String) -> Result<(), purecloud_platform_client_runtime::AuthError> {
//! let state = purecloud_platform_client_runtime::auth::random_state()?;
//! let sign_in = AuthorizeUrl::new(Region::EuWest1, "client-id", "https://app.example/callback")
//!     .state(&state)
//!     .to_string();
//! // ... redirect the browser to `sign_in`; the callback brings `code` (and `state`) back ...
//! let provider = AuthorizationCode::new(
//!     Region::EuWest1,
//!     "client-id",
//!     "client-secret",
//!     code_from_the_redirect,
//!     "https://app.example/callback",
//! );
//! provider.token().await?; // the exchange
//! let refresh_token = provider.refresh_token(); // to keep, for a RefreshTokenGrant later
//! # Ok(()) }
//! ```
//!
//! # PKCE
//!
//! An app that cannot keep a secret proves it started the sign-in instead (RFC 7636): it
//! makes a random verifier, puts its S256 challenge in the authorize URL, and sends the
//! verifier with the code. The client is named by its id in the form; no secret is sent.
//!
//! ```no_run
//! use purecloud_platform_client_runtime::auth::{AuthorizationCode, AuthorizeUrl, PkceVerifier};
//! use purecloud_platform_client_runtime::{Region, TokenProvider};
//!
//! # async fn run(code_from_the_redirect: String) -> Result<(), purecloud_platform_client_runtime::AuthError> {
//! let verifier = PkceVerifier::generate()?;
//! let sign_in = AuthorizeUrl::new(Region::EuWest1, "client-id", "http://localhost:8085/callback")
//!     .pkce(&verifier)
//!     .state(&purecloud_platform_client_runtime::auth::random_state()?)
//!     .to_string();
//! // ... open `sign_in` in the browser; the redirect brings the code back ...
//! let provider = AuthorizationCode::pkce(
//!     Region::EuWest1,
//!     "client-id",
//!     code_from_the_redirect,
//!     "http://localhost:8085/callback",
//!     verifier,
//! );
//! provider.token().await?;
//! # Ok(()) }
//! ```
//!
//! # SAML2 bearer
//!
//! A SAML assertion your identity provider issued is exchanged for a token (RFC 7522), with
//! the name of the Genesys Cloud organization the user belongs to. Without a refresh token,
//! a renewal sends the assertion again, which the endpoint refuses once it has expired.
//!
//! ```no_run
//! use purecloud_platform_client_runtime::auth::{Saml2Bearer, SamlAssertion};
//! use purecloud_platform_client_runtime::{Region, TokenProvider};
//!
//! # async fn run(assertion_xml: String) -> Result<(), purecloud_platform_client_runtime::AuthError> {
//! let provider = Saml2Bearer::new(
//!     Region::EuWest1,
//!     "client-id",
//!     "client-secret",
//!     "my-org",
//!     SamlAssertion::from_xml(assertion_xml),
//! );
//! provider.token().await?;
//! # Ok(()) }
//! ```
//!
//! # A refresh token from elsewhere
//!
//! ```no_run
//! use purecloud_platform_client_runtime::auth::RefreshTokenGrant;
//! use purecloud_platform_client_runtime::{Region, TokenProvider};
//!
//! # async fn run(stored: String) -> Result<(), purecloud_platform_client_runtime::AuthError> {
//! let provider = RefreshTokenGrant::new(Region::EuWest1, "client-id", "client-secret", stored);
//! provider.token().await?;
//! // The endpoint may have sent a new refresh token, which replaces the old one.
//! let to_store = provider.refresh_token();
//! # Ok(()) }
//! ```
//!
//! # Failures and secrets
//!
//! A token endpoint's refusal is an [`AuthError`] with its status and the
//! OAuth error code it sent ([`AuthError::oauth_error`]:
//! `invalid_grant` for a spent code or a revoked refresh token, `invalid_client` for a wrong
//! secret). Tokens, refresh tokens, codes, verifiers, assertions and secrets never show in
//! `Debug` output, logs or errors: the types that hold them print `<redacted>`, and an error
//! text the endpoint sends has any of them it quotes replaced.

mod authorization_code;
mod client_credentials;
mod core;
mod pkce;
mod refresh_token;
mod saml2_bearer;

pub use authorization_code::AuthorizationCode;
pub use client_credentials::ClientCredentials;
pub use pkce::{AuthorizeUrl, PkceVerifier, random_state};
pub use refresh_token::RefreshTokenGrant;
pub use saml2_bearer::{Saml2Bearer, SamlAssertion};

use crate::error::AuthError;
use crate::region::Region;
use crate::retry::RetryPolicy;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

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

/// A refresh token (RFC 6749 §1.5): what renews an access token without the user. Its
/// `Debug` shows no part of it.
#[derive(Clone, PartialEq, Eq)]
pub struct RefreshToken(Arc<str>);

impl RefreshToken {
    /// Wraps a refresh token.
    pub fn new(token: impl Into<String>) -> Self {
        Self(Arc::from(token.into()))
    }

    /// The refresh token itself, to store where the next session finds it.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for RefreshToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RefreshToken(<redacted>)")
    }
}

/// The settings of a client that a [`TokenProvider`] may take for its own token requests
/// ([`TokenProvider::use_client_defaults`]).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ClientDefaults {
    /// The client's HTTP client: its connection pool, proxy and TLS settings.
    pub http: reqwest::Client,
    /// The client's per-attempt timeout.
    pub timeout: Duration,
    /// The client's retry policy.
    pub retry: RetryPolicy,
}

/// A source of bearer tokens: a fixed one, an OAuth grant, or the caller's own.
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

    /// Called by the client builder's `build` with the settings of the client this provider
    /// was handed to ([`ClientBuilder::token_provider`](crate::ClientBuilder::token_provider)).
    /// The providers of this module send their token requests with the client's HTTP client,
    /// timeout and retry policy, each unless they were given their own; a provider handed to
    /// several clients keeps the first one's. The default ignores them.
    fn use_client_defaults(&self, defaults: &ClientDefaults) {
        let _ = defaults;
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

/// Where a provider asks for tokens: a region's login host (`https://login.<region host>`),
/// or a login base URL of your own (a proxy, a test server). The token endpoint is
/// `<login base URL>/oauth/token`, the authorize endpoint `<login base URL>/oauth/authorize`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginBaseUrl(String);

impl LoginBaseUrl {
    /// The base URL, such as `https://login.mypurecloud.ie`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL of the endpoint at `path` (such as `/oauth/token`) under it.
    pub(crate) fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.0.trim_end_matches('/'))
    }
}

impl From<Region> for LoginBaseUrl {
    fn from(region: Region) -> Self {
        Self(region.login_base_url())
    }
}

impl From<&str> for LoginBaseUrl {
    fn from(url: &str) -> Self {
        Self(url.to_owned())
    }
}

impl From<String> for LoginBaseUrl {
    fn from(url: String) -> Self {
        Self(url)
    }
}

impl From<&String> for LoginBaseUrl {
    fn from(url: &String) -> Self {
        Self(url.clone())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_static_token_cannot_renew() {
        assert!(!StaticToken::new("t").can_renew());
    }

    #[test]
    fn login_base_urls_come_from_regions_and_urls() {
        assert_eq!(
            LoginBaseUrl::from(Region::EuWest1).as_str(),
            "https://login.mypurecloud.ie"
        );
        assert_eq!(
            LoginBaseUrl::from("http://127.0.0.1:8080/").endpoint("/oauth/token"),
            "http://127.0.0.1:8080/oauth/token"
        );
    }

    #[test]
    fn refresh_tokens_are_not_shown() {
        let shown = format!("{:?}", RefreshToken::new("rt-secret"));
        assert!(!shown.contains("rt-secret"), "{shown}");
    }
}
