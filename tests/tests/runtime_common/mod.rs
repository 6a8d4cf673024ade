//! Helpers shared by the `runtime*.rs` tests: mock servers, clients pointed at them, canned bodies.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use purecloud_platform_client::auth::{
    AuthorizationCode, PkceVerifier, RefreshTokenGrant, Saml2Bearer, SamlAssertion,
};
use purecloud_platform_client::{Client, ClientBuilder, Error, RetryPolicy, TokenProvider};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// The client id the client-credentials tests use.
pub const CLIENT_ID: &str = "runtime-client";
/// The client secret the client-credentials tests use; it must never show anywhere.
pub const CLIENT_SECRET: &str = "s3cr3t-value";
/// `Basic base64("runtime-client:s3cr3t-value")`, worked out by hand.
pub const BASIC_AUTH: &str = "Basic cnVudGltZS1jbGllbnQ6czNjcjN0LXZhbHVl";

/// The path of the token endpoint on the login host.
pub const TOKEN_PATH: &str = "/oauth/token";
/// The listing of trustees.
pub const TRUSTEES_PATH: &str = "/api/v2/orgauthorization/trustees";

/// The path of one trustee.
pub fn trustee_path(id: &str) -> String {
    format!("{TRUSTEES_PATH}/{id}")
}

/// A retry policy that retries quickly, so tests of retries take milliseconds.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default().backoff(Duration::from_millis(10), Duration::from_millis(50))
}

/// A builder whose API calls go to `api`, with fast retries and no authentication yet.
pub fn builder_for(api: &MockServer) -> ClientBuilder {
    Client::builder()
        .base_url(api.uri())
        .retry_policy(fast_retries())
}

/// A client for `api` that sends the fixed bearer `token`.
pub fn bearer_client(api: &MockServer, token: &str) -> Client {
    builder_for(api)
        .bearer_token(token)
        .build()
        .expect("client builds")
}

/// A client for `api` that gets its tokens from `login` by the client-credentials grant.
pub fn credentials_client(api: &MockServer, login: &MockServer) -> Client {
    builder_for(api)
        .login_base_url(login.uri())
        .client_credentials(CLIENT_ID, CLIENT_SECRET)
        .build()
        .expect("client builds")
}

/// The token endpoint's answer for `token`, valid `expires_in` seconds.
pub fn token_body(token: &str, expires_in: u64) -> Value {
    json!({"access_token": token, "token_type": "bearer", "expires_in": expires_in})
}

/// A mock of the token endpoint, matching only a well-formed client-credentials request.
pub fn token_mock() -> wiremock::MockBuilder {
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .and(wiremock::matchers::header("authorization", BASIC_AUTH))
        .and(wiremock::matchers::header(
            "content-type",
            "application/x-www-form-urlencoded",
        ))
        .and(wiremock::matchers::body_string(
            "grant_type=client_credentials",
        ))
}

/// A trustee as the API sends it.
pub fn trustee(id: &str) -> Value {
    json!({"id": id, "enabled": true, "selfUri": trustee_path(id)})
}

/// A 200 answer with one trustee.
pub fn trustee_ok(id: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(trustee(id))
}

/// A page of the trustee listing.
pub fn trustee_page(number: i64, size: i64, count: Option<i64>, ids: &[&str]) -> Value {
    let mut page = json!({
        "entities": ids.iter().map(|id| trustee(id)).collect::<Vec<_>>(),
        "pageNumber": number,
        "pageSize": size,
    });
    if let Some(count) = count {
        page["pageCount"] = json!(count);
    }
    page
}

/// Answers with each template in turn, then repeats the last one; counts the calls.
pub struct Sequence {
    responses: Vec<ResponseTemplate>,
    calls: AtomicUsize,
}

impl Sequence {
    /// The responses, in the order they are given.
    pub fn new(responses: Vec<ResponseTemplate>) -> Self {
        assert!(!responses.is_empty(), "a sequence needs a response");
        Self {
            responses,
            calls: AtomicUsize::new(0),
        }
    }
}

impl Respond for Sequence {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let call = self.calls.fetch_add(1, Ordering::SeqCst);
        self.responses[call.min(self.responses.len() - 1)].clone()
    }
}

/// Answers the token endpoint with `tok-1`, `tok-2`, … in turn, each valid `expires_in` seconds.
pub struct NumberedTokens {
    expires_in: u64,
    issued: AtomicUsize,
}

impl NumberedTokens {
    /// Tokens valid for `expires_in` seconds.
    pub fn new(expires_in: u64) -> Self {
        Self {
            expires_in,
            issued: AtomicUsize::new(0),
        }
    }
}

impl Respond for NumberedTokens {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let number = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200)
            .set_body_json(token_body(&format!("tok-{number}"), self.expires_in))
    }
}

/// Records the `Authorization` header of each call, and answers 200 with a trustee.
#[derive(Default)]
pub struct RecordAuthorization {
    seen: std::sync::Arc<Mutex<Vec<String>>>,
}

impl RecordAuthorization {
    /// A recorder, and a handle to what it records.
    pub fn new() -> (Self, std::sync::Arc<Mutex<Vec<String>>>) {
        let recorder = Self::default();
        let seen = recorder.seen.clone();
        (recorder, seen)
    }
}

impl Respond for RecordAuthorization {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let value = request
            .headers
            .get("authorization")
            .and_then(|value| value.to_str().ok())
            .unwrap_or("<none>")
            .to_owned();
        self.seen.lock().unwrap().push(value);
        trustee_ok("org-1")
    }
}

/// How many requests `server` has received.
pub async fn received(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .expect("request recording is on")
        .len()
}

/// The `ApiError` inside `error`, or a panic naming what the error was instead.
pub fn api_error(error: &Error) -> &purecloud_platform_client::ApiError {
    match error {
        Error::Api(api) => api,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

// ---- the OAuth grants that act for a user ----

/// The authorization code the grant tests exchange.
pub const CODE: &str = "code-4f8e1d0b";
/// The redirect URI the authorization-code tests name.
pub const REDIRECT_URI: &str = "https://app.example/callback";
/// `REDIRECT_URI` as the form carries it.
pub const REDIRECT_URI_FORM: &str = "https%3A%2F%2Fapp.example%2Fcallback";
/// RFC 7636 Appendix B's verifier.
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/// The organization the SAML2 bearer tests sign in to.
pub const ORG_NAME: &str = "acme corp";
/// The SAML assertion the SAML2 bearer tests exchange.
pub const ASSERTION_XML: &str = "<saml:Assertion ID=\"a-9c1e\">…</saml:Assertion>";
/// `ASSERTION_XML` base64url-encoded without padding, computed with another tool.
pub const ASSERTION: &str = "PHNhbWw6QXNzZXJ0aW9uIElEPSJhLTljMWUiPuKApjwvc2FtbDpBc3NlcnRpb24-";
/// The refresh token the refresh-token tests start from.
pub const STORED_REFRESH_TOKEN: &str = "rt-stored-7d2c";

/// The token endpoint's answer: `tok-<n>`, living `expires_in` seconds, and `rt-<n>` when
/// refresh tokens are issued.
pub fn token_answer(number: usize, expires_in: u64, refresh: bool) -> serde_json::Value {
    let mut answer = json!({
        "access_token": format!("tok-{number}"),
        "token_type": "bearer",
        "expires_in": expires_in,
    });
    if refresh {
        answer["refresh_token"] = json!(format!("rt-{number}"));
    }
    answer
}

/// Answers each token request with the next numbered token (and refresh token).
pub struct Issuing {
    expires_in: u64,
    refresh: bool,
    issued: AtomicUsize,
}

impl Issuing {
    /// Tokens living `expires_in` seconds, with refresh tokens when `refresh`.
    pub fn new(expires_in: u64, refresh: bool) -> Self {
        Self {
            expires_in,
            refresh,
            issued: AtomicUsize::new(0),
        }
    }
}

impl Respond for Issuing {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let number = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200).set_body_json(token_answer(
            number,
            self.expires_in,
            self.refresh,
        ))
    }
}

/// The grants that act for a user, each made for one login base URL.
#[derive(Debug, Clone, Copy)]
pub enum UserGrant {
    /// [`AuthorizationCode::new`]: a confidential client's code.
    Code,
    /// [`AuthorizationCode::pkce`]: a public client's code and verifier.
    Pkce,
    /// [`Saml2Bearer`].
    Saml,
    /// [`RefreshTokenGrant`], from [`STORED_REFRESH_TOKEN`].
    Refresh,
}

/// Every [`UserGrant`].
pub const USER_GRANTS: [UserGrant; 4] = [
    UserGrant::Code,
    UserGrant::Pkce,
    UserGrant::Saml,
    UserGrant::Refresh,
];

impl UserGrant {
    /// A provider of the grant whose token endpoint is under `login`.
    pub fn provider(self, login: &str) -> Arc<dyn TokenProvider> {
        match self {
            Self::Code => Arc::new(AuthorizationCode::new(
                login,
                CLIENT_ID,
                CLIENT_SECRET,
                CODE,
                REDIRECT_URI,
            )),
            Self::Pkce => Arc::new(AuthorizationCode::pkce(
                login,
                CLIENT_ID,
                CODE,
                REDIRECT_URI,
                PkceVerifier::new(VERIFIER).unwrap(),
            )),
            Self::Saml => Arc::new(Saml2Bearer::new(
                login,
                CLIENT_ID,
                CLIENT_SECRET,
                ORG_NAME,
                SamlAssertion::from_xml(ASSERTION_XML),
            )),
            Self::Refresh => Arc::new(RefreshTokenGrant::new(
                login,
                CLIENT_ID,
                CLIENT_SECRET,
                STORED_REFRESH_TOKEN,
            )),
        }
    }
}

/// The secrets any grant of these tests holds; none may show anywhere.
pub const SECRETS: [&str; 6] = [
    CLIENT_SECRET,
    CODE,
    VERIFIER,
    ASSERTION,
    STORED_REFRESH_TOKEN,
    "tok-1",
];

/// Fails naming the secret if `text` holds one of [`SECRETS`].
pub fn assert_no_secret(text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "`{secret}` shows in: {text}");
    }
}
