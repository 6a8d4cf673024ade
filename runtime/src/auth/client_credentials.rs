//! The OAuth client-credentials grant (RFC 6749 §4.4): a service that acts as itself.

use super::core::{ClientAuth, Grant, GrantCore, TokenRequest, token_request_settings};
use super::{AccessToken, BoxFuture, ClientDefaults, LoginBaseUrl, RefreshToken, TokenProvider};
use crate::error::AuthError;
use std::fmt;

/// The OAuth client-credentials grant: `POST <login>/oauth/token` with
/// `grant_type=client_credentials` and the client's id and secret in an HTTP Basic header.
/// The token is cached and renewed shortly before it expires.
///
/// Concurrent callers on a cold or expired cache share one token request, and its outcome:
/// callers that waited for a request that failed get its error, without asking again (a
/// call made after the failure does ask again). The token request has a per-attempt timeout
/// and is retried on connection failures, timeouts, 429 and 5xx as an idempotent call is;
/// [`ClientBuilder`](crate::ClientBuilder) gives it the client's timeout and retry policy.
pub struct ClientCredentials {
    core: GrantCore,
    client: ClientAuth,
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("ClientCredentials");
        self.core.debug_fields(&mut debug);
        debug.field("client", &self.client).finish_non_exhaustive()
    }
}

impl ClientCredentials {
    /// The grant against `login_base_url` (such as `https://login.mypurecloud.ie`), sending
    /// its token requests with `http`.
    pub fn new(
        http: reqwest::Client,
        login_base_url: &str,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        Self::for_login(login_base_url, client_id, client_secret).http_client(http)
    }

    /// The grant against `login`: a [`Region`](crate::Region) or a login base URL.
    pub fn for_login(
        login: impl Into<LoginBaseUrl>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        Self {
            core: GrantCore::new(login.into(), None),
            client: ClientAuth::Basic {
                id: client_id.into(),
                secret: client_secret.into(),
            },
        }
    }
}

token_request_settings!(ClientCredentials);

impl Grant for ClientCredentials {
    fn request(&self, _refresh_token: Option<&RefreshToken>) -> Result<TokenRequest, AuthError> {
        // The grant issues no refresh token (§4.4.3): each renewal asks afresh.
        Ok(TokenRequest::new("client_credentials", &self.client))
    }
}

impl TokenProvider for ClientCredentials {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, AuthError>> {
        Box::pin(self.core.token(self))
    }

    fn invalidate(&self, token: &AccessToken) {
        self.core.invalidate(token);
    }

    fn use_client_defaults(&self, defaults: &ClientDefaults) {
        self.core.endpoint.use_client_defaults(defaults);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::core::reuse_for;
    use crate::auth::{DEFAULT_TOKEN_LIFETIME, StaticToken};
    use crate::testing::{Server, assert_no_repeats, chain, fast_retries, respond, within};
    use reqwest::StatusCode;
    use std::sync::Arc;
    use std::sync::atomic::Ordering;
    use std::time::{Duration, Instant};
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
            while credentials.core.waiting.load(Ordering::SeqCst) < callers - 1 {
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
        assert_eq!(credentials.core.endpoint.host, "login.example:8443");
    }
}
