//! The OAuth grants over HTTP: authorization code, PKCE, SAML2 bearer and refresh token, each against a loopback token endpoint, with its form on the wire, renewals, refusals, failures and secrets kept out of sight.

mod runtime_common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use purecloud_platform_client::auth::{
    AuthorizationCode, AuthorizeUrl, PkceVerifier, RefreshTokenGrant, Saml2Bearer, SamlAssertion,
};
use purecloud_platform_client::{AuthError, Client, Error, Region, TokenProvider};
use runtime_common::*;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Fails the test if `future` takes longer than a generous bound: no network wait is open-ended.
async fn within<T>(future: impl std::future::IntoFuture<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(30), future.into_future())
        .await
        .expect("the test waited too long")
}

/// Mounts `answer` on `login`'s token endpoint.
async fn token_endpoint(login: &MockServer, answer: impl Respond + 'static) {
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(answer)
        .mount(login)
        .await;
}

/// Each token request `login` received: its `Authorization` header, if any, and its form.
async fn token_requests(login: &MockServer) -> Vec<(Option<String>, String)> {
    let requests = login.received_requests().await.expect("recording is on");
    requests
        .iter()
        .map(|request| {
            assert_eq!(request.url.path(), TOKEN_PATH);
            assert_eq!(
                request.headers["content-type"],
                "application/x-www-form-urlencoded"
            );
            let authorization = request
                .headers
                .get("authorization")
                .map(|value| value.to_str().unwrap().to_owned());
            (
                authorization,
                String::from_utf8(request.body.clone()).unwrap(),
            )
        })
        .collect()
}

/// A 200 with a trustee for calls with `Bearer <token>`.
async fn api_accepts(api: &MockServer, token: &str) {
    Mock::given(method("GET"))
        .and(header("authorization", format!("Bearer {token}")))
        .respond_with(trustee_ok("org-1"))
        .mount(api)
        .await;
}

/// A 401 for calls with `Bearer <token>`.
async fn api_rejects(api: &MockServer, token: &str) {
    Mock::given(method("GET"))
        .and(header("authorization", format!("Bearer {token}")))
        .respond_with(ResponseTemplate::new(401))
        .mount(api)
        .await;
}

/// A client for `api` that gets its tokens from `provider`.
fn client_with(api: &MockServer, provider: Arc<dyn TokenProvider>) -> Client {
    builder_for(api)
        .token_provider(provider)
        .build()
        .expect("client builds")
}

/// One call, which must succeed.
async fn call_ok(client: &Client) {
    within(
        client
            .organization_authorization()
            .get_orgauthorization_trustee("org-1"),
    )
    .await
    .expect("the call succeeds");
}

/// One call, which must fail.
async fn call_err(client: &Client) -> Error {
    within(
        client
            .organization_authorization()
            .get_orgauthorization_trustee("org-1"),
    )
    .await
    .expect_err("the call fails")
}

/// The `AuthError` inside `error`.
fn auth_error(error: &Error) -> &AuthError {
    match error {
        Error::Auth(auth) => auth,
        other => panic!("expected Error::Auth, got {other:?}"),
    }
}

/// The form of a renewal with `refresh_token` by the confidential client.
fn refresh_form(refresh_token: &str) -> String {
    format!("grant_type=refresh_token&refresh_token={refresh_token}")
}

fn basic() -> Option<String> {
    Some(BASIC_AUTH.to_owned())
}

// ---- each grant's happy path, with its form on the wire ----

#[tokio::test]
async fn authorization_code_is_exchanged_with_basic_auth_and_its_refresh_token_kept() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_endpoint(&login, Issuing::new(3600, true)).await;
    api_accepts(&api, "tok-1").await;
    let provider = Arc::new(AuthorizationCode::new(
        login.uri(),
        CLIENT_ID,
        CLIENT_SECRET,
        CODE,
        REDIRECT_URI,
    ));
    let client = client_with(&api, provider.clone());

    call_ok(&client).await;
    call_ok(&client).await;

    assert_eq!(
        token_requests(&login).await,
        [(
            basic(),
            format!("grant_type=authorization_code&code={CODE}&redirect_uri={REDIRECT_URI_FORM}")
        )]
    );
    assert_eq!(provider.refresh_token().unwrap().secret(), "rt-1");
}

#[tokio::test]
async fn pkce_exchange_names_the_public_client_in_the_form_and_sends_no_secret() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_endpoint(&login, Issuing::new(3600, true)).await;
    api_rejects(&api, "tok-1").await;
    api_accepts(&api, "tok-2").await;
    let verifier = PkceVerifier::new(VERIFIER).unwrap();
    let provider = AuthorizationCode::pkce(login.uri(), CLIENT_ID, CODE, REDIRECT_URI, verifier);
    let client = client_with(&api, Arc::new(provider));

    // The 401 makes the second request a renewal, which a public client words alike.
    call_ok(&client).await;

    assert_eq!(
        token_requests(&login).await,
        [
            (
                None,
                format!(
                    "grant_type=authorization_code&client_id={CLIENT_ID}&code={CODE}\
                     &redirect_uri={REDIRECT_URI_FORM}&code_verifier={VERIFIER}"
                )
            ),
            (
                None,
                format!("grant_type=refresh_token&client_id={CLIENT_ID}&refresh_token=rt-1")
            ),
        ]
    );
}

#[test]
fn pkce_authorize_url_carries_the_rfc_7636_challenge_for_the_region() {
    let verifier = PkceVerifier::new(VERIFIER).unwrap();
    let url = AuthorizeUrl::new(Region::ApSoutheast2, CLIENT_ID, REDIRECT_URI)
        .pkce(&verifier)
        .state("st-1")
        .to_string();
    assert_eq!(
        url,
        format!(
            "https://login.mypurecloud.com.au/oauth/authorize?client_id={CLIENT_ID}\
             &response_type=code&redirect_uri={REDIRECT_URI_FORM}\
             &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM\
             &code_challenge_method=S256&state=st-1"
        )
    );
    assert!(
        !url.contains(VERIFIER),
        "the verifier itself never leaves the app"
    );
}

#[tokio::test]
async fn saml2_bearer_sends_the_assertion_and_org_name_with_basic_auth() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_endpoint(&login, Issuing::new(3600, false)).await;
    api_accepts(&api, "tok-1").await;
    let provider = Saml2Bearer::new(
        login.uri(),
        CLIENT_ID,
        CLIENT_SECRET,
        ORG_NAME,
        SamlAssertion::from_xml(ASSERTION_XML),
    );
    let client = client_with(&api, Arc::new(provider));

    call_ok(&client).await;

    assert_eq!(
        token_requests(&login).await,
        [(
            basic(),
            format!(
                "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer\
                 &orgName=acme+corp&assertion={ASSERTION}"
            )
        )]
    );
}

#[tokio::test]
async fn refresh_token_grant_renews_with_the_newest_refresh_token() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_endpoint(&login, Issuing::new(3600, true)).await;
    api_rejects(&api, "tok-1").await;
    api_accepts(&api, "tok-2").await;
    let provider = Arc::new(RefreshTokenGrant::new(
        login.uri(),
        CLIENT_ID,
        CLIENT_SECRET,
        STORED_REFRESH_TOKEN,
    ));
    let client = client_with(&api, provider.clone());

    call_ok(&client).await;

    // The endpoint rotated the refresh token: the renewal used the one it sent.
    assert_eq!(
        token_requests(&login).await,
        [
            (basic(), refresh_form(STORED_REFRESH_TOKEN)),
            (basic(), refresh_form("rt-1")),
        ]
    );
    assert_eq!(provider.refresh_token().secret(), "rt-2");
}

#[tokio::test]
async fn a_public_clients_stored_refresh_token_is_sent_without_a_secret() {
    let login = MockServer::start().await;
    token_endpoint(&login, Issuing::new(3600, false)).await;
    let provider = RefreshTokenGrant::public_client(login.uri(), CLIENT_ID, STORED_REFRESH_TOKEN);

    let token = within(provider.token()).await.expect("a token");

    assert_eq!(token.secret(), "tok-1");
    assert_eq!(
        token_requests(&login).await,
        [(
            None,
            format!(
                "grant_type=refresh_token&client_id={CLIENT_ID}&refresh_token={STORED_REFRESH_TOKEN}"
            )
        )]
    );
    // No new refresh token was sent: the stored one stays in use.
    assert_eq!(provider.refresh_token().secret(), STORED_REFRESH_TOKEN);
}

// ---- renewals ----

#[tokio::test]
async fn authorization_code_refreshes_before_expiry_with_each_new_refresh_token() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    // Tokens of one second: each call after a pause needs a renewal.
    token_endpoint(&login, Issuing::new(1, true)).await;
    let (recorder, seen) = RecordAuthorization::new();
    Mock::given(method("GET"))
        .respond_with(recorder)
        .mount(&api)
        .await;
    let provider =
        AuthorizationCode::new(login.uri(), CLIENT_ID, CLIENT_SECRET, CODE, REDIRECT_URI);
    let client = client_with(&api, Arc::new(provider));

    for _ in 0..3 {
        call_ok(&client).await;
        tokio::time::sleep(Duration::from_millis(1_050)).await;
    }

    assert_eq!(
        *seen.lock().unwrap(),
        ["Bearer tok-1", "Bearer tok-2", "Bearer tok-3"]
    );
    let forms: Vec<String> = token_requests(&login)
        .await
        .into_iter()
        .map(|(authorization, form)| {
            assert_eq!(authorization, basic());
            form
        })
        .collect();
    assert_eq!(
        forms,
        [
            format!("grant_type=authorization_code&code={CODE}&redirect_uri={REDIRECT_URI_FORM}"),
            refresh_form("rt-1"),
            refresh_form("rt-2"),
        ]
    );
}

#[tokio::test]
async fn authorization_code_refreshes_once_on_a_401() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_endpoint(&login, Issuing::new(3600, true)).await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&api)
        .await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer tok-2"))
        .respond_with(trustee_ok("org-1"))
        .expect(1)
        .mount(&api)
        .await;
    let provider =
        AuthorizationCode::new(login.uri(), CLIENT_ID, CLIENT_SECRET, CODE, REDIRECT_URI);
    let client = client_with(&api, Arc::new(provider));

    call_ok(&client).await;

    let forms: Vec<String> = token_requests(&login)
        .await
        .into_iter()
        .map(|(_, form)| form)
        .collect();
    assert_eq!(forms.len(), 2);
    assert_eq!(forms[1], refresh_form("rt-1"));
    api.verify().await;
}

#[tokio::test]
async fn saml2_bearer_renews_with_the_assertion_or_with_a_refresh_token_once_issued() {
    // Without a refresh token, renewal before expiry sends the assertion again.
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_endpoint(&login, Issuing::new(1, false)).await;
    Mock::given(method("GET"))
        .respond_with(trustee_ok("org-1"))
        .mount(&api)
        .await;
    let assertion = SamlAssertion::from_base64url(ASSERTION);
    let provider = Saml2Bearer::new(login.uri(), CLIENT_ID, CLIENT_SECRET, ORG_NAME, assertion);
    let client = client_with(&api, Arc::new(provider));
    call_ok(&client).await;
    tokio::time::sleep(Duration::from_millis(1_050)).await;
    call_ok(&client).await;
    let requests = token_requests(&login).await;
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0], requests[1]);
    assert!(requests[1].1.contains(ASSERTION), "{requests:?}");

    // With one, a 401 renews with it.
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_endpoint(&login, Issuing::new(3600, true)).await;
    api_rejects(&api, "tok-1").await;
    api_accepts(&api, "tok-2").await;
    let assertion = SamlAssertion::from_base64url(ASSERTION);
    let provider = Saml2Bearer::new(login.uri(), CLIENT_ID, CLIENT_SECRET, ORG_NAME, assertion);
    let client = client_with(&api, Arc::new(provider));
    call_ok(&client).await;
    let requests = token_requests(&login).await;
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1], (basic(), refresh_form("rt-1")));
}

#[tokio::test]
async fn refresh_token_grant_renews_before_expiry() {
    let login = MockServer::start().await;
    token_endpoint(&login, Issuing::new(1, false)).await;
    let provider =
        RefreshTokenGrant::new(login.uri(), CLIENT_ID, CLIENT_SECRET, STORED_REFRESH_TOKEN);

    let first = within(provider.token()).await.expect("a token");
    let again = within(provider.token()).await.expect("the cached token");
    tokio::time::sleep(Duration::from_millis(1_050)).await;
    let renewed = within(provider.token()).await.expect("a renewed token");

    assert_eq!(
        [first.secret(), again.secret(), renewed.secret()],
        ["tok-1", "tok-1", "tok-2"]
    );
    assert_eq!(token_requests(&login).await.len(), 2);
}

// ---- failures, for every grant ----

#[tokio::test]
async fn invalid_grant_is_surfaced_with_its_code_and_not_retried() {
    for grant in USER_GRANTS {
        let (api, login) = (MockServer::start().await, MockServer::start().await);
        Mock::given(method("POST"))
            .and(path(TOKEN_PATH))
            .respond_with(ResponseTemplate::new(400).set_body_json(json!({
                "error": "invalid_grant",
                "error_description": "the grant has expired"
            })))
            .expect(1)
            .mount(&login)
            .await;
        let client = client_with(&api, grant.provider(&login.uri()));

        let error = call_err(&client).await;

        let auth = auth_error(&error);
        assert_eq!(auth.oauth_error(), Some("invalid_grant"), "{grant:?}");
        assert_eq!(
            auth.oauth_error_description(),
            Some("the grant has expired")
        );
        assert_eq!(error.status().map(|status| status.as_u16()), Some(400));
        assert!(error.to_string().contains("invalid_grant"), "{error}");
        assert_no_secret(&format!("{error} {error:?}"));
        assert_eq!(received(&api).await, 0, "{grant:?}: a call went out");
        login.verify().await;
    }
}

#[tokio::test]
async fn a_refusal_that_quotes_a_secret_is_shown_with_it_redacted() {
    for grant in USER_GRANTS {
        let login = MockServer::start().await;
        // An endpoint that echoes the whole form back in its description.
        struct Echo;
        impl Respond for Echo {
            fn respond(&self, request: &Request) -> ResponseTemplate {
                let form = String::from_utf8_lossy(&request.body).into_owned();
                let echoed = form
                    .split('&')
                    .filter_map(|pair| pair.split_once('='))
                    .map(|(name, value)| format!("{name} {value}"))
                    .collect::<Vec<_>>()
                    .join("; ");
                ResponseTemplate::new(400).set_body_json(json!({
                    "error": "invalid_grant",
                    "error_description": format!("refused {echoed}"),
                }))
            }
        }
        token_endpoint(&login, Echo).await;
        let provider = grant.provider(&login.uri());

        let error = within(provider.token()).await.expect_err("refused");

        let description = error.oauth_error_description().unwrap().to_owned();
        assert!(
            description.contains("<redacted>"),
            "{grant:?}: {description}"
        );
        assert_no_secret(&format!("{error} {error:?}"));
    }
}

#[tokio::test]
async fn a_token_endpoint_that_is_down_fails_the_call_quickly() {
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    for grant in USER_GRANTS {
        let api = MockServer::start().await;
        let client = client_with(&api, grant.provider(&closed));

        let started = Instant::now();
        let error = call_err(&client).await;

        let auth = auth_error(&error);
        assert_eq!(
            auth.message, "token request could not connect after 4 attempts",
            "{grant:?}"
        );
        assert_eq!(
            auth.host.as_deref(),
            Some(closed.trim_start_matches("http://"))
        );
        assert!(started.elapsed() < Duration::from_secs(5), "{grant:?}");
        assert_no_secret(&format!("{error} {error:?}"));
        assert_eq!(received(&api).await, 0);
    }
}

#[tokio::test]
async fn a_hanging_token_endpoint_is_bounded_by_the_clients_timeout() {
    for grant in USER_GRANTS {
        let (api, login) = (MockServer::start().await, MockServer::start().await);
        token_endpoint(
            &login,
            ResponseTemplate::new(200)
                .set_body_json(token_answer(1, 3600, true))
                .set_delay(Duration::from_secs(600)),
        )
        .await;
        // The provider has no timeout of its own: it takes the client's, and its retries.
        let client = builder_for(&api)
            .token_provider(grant.provider(&login.uri()))
            .timeout(Duration::from_millis(300))
            .retry_policy(fast_retries().max_attempts(2))
            .build()
            .unwrap();

        let started = Instant::now();
        let error = call_err(&client).await;

        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{grant:?}: {:?}",
            started.elapsed()
        );
        assert_eq!(
            auth_error(&error).message,
            "token request timed out after 2 attempts",
            "{grant:?}"
        );
        assert_eq!(received(&login).await, 2, "{grant:?}");
    }
}

#[tokio::test]
async fn a_providers_own_timeout_wins_over_the_clients() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_endpoint(
        &login,
        ResponseTemplate::new(200)
            .set_body_json(token_answer(1, 3600, true))
            .set_delay(Duration::from_secs(600)),
    )
    .await;
    let provider =
        RefreshTokenGrant::new(login.uri(), CLIENT_ID, CLIENT_SECRET, STORED_REFRESH_TOKEN)
            .timeout(Duration::from_millis(200))
            .retry_policy(purecloud_platform_client::RetryPolicy::disabled());
    let client = builder_for(&api)
        .token_provider(Arc::new(provider))
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = call_err(&client).await;

    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(auth_error(&error).message, "token request timed out");
    assert_eq!(received(&login).await, 1);
}

/// A token endpoint written by hand, which answers every request 503 after `hold` and
/// counts how many requests it holds at once.
struct Unavailable {
    url: String,
    requests: Arc<AtomicUsize>,
    most_at_once: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Unavailable {
    async fn start(hold: Duration) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(AtomicUsize::new(0));
        let most_at_once = Arc::new(AtomicUsize::new(0));
        let at_once = Arc::new(AtomicUsize::new(0));
        let (counted, most) = (requests.clone(), most_at_once.clone());
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let (counted, most, at_once) = (counted.clone(), most.clone(), at_once.clone());
                tokio::spawn(async move {
                    if !read_request(&mut stream).await {
                        return;
                    }
                    counted.fetch_add(1, Ordering::SeqCst);
                    let now = at_once.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    tokio::time::sleep(hold).await;
                    at_once.fetch_sub(1, Ordering::SeqCst);
                    let _ = stream
                        .write_all(
                            b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\
                              connection: close\r\n\r\n",
                        )
                        .await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        Self {
            url,
            requests,
            most_at_once,
            task,
        }
    }
}

impl Drop for Unavailable {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads one request's head and its `Content-Length` body; false if the connection closed first.
async fn read_request(stream: &mut tokio::net::TcpStream) -> bool {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        if let Some(end) = bytes.windows(4).position(|window| window == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&bytes[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .and_then(|value| value.trim().parse().ok())
                .unwrap_or(0);
            while bytes.len() < end + 4 + length {
                match stream.read(&mut buffer).await {
                    Ok(0) | Err(_) => return false,
                    Ok(read) => bytes.extend_from_slice(&buffer[..read]),
                }
            }
            return true;
        }
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return false,
            Ok(read) => bytes.extend_from_slice(&buffer[..read]),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_calls_against_a_503_make_one_token_request_at_a_time() {
    for grant in USER_GRANTS {
        let login = Unavailable::start(Duration::from_millis(100)).await;
        let api = MockServer::start().await;
        let client = builder_for(&api)
            .token_provider(grant.provider(&login.url))
            .retry_policy(fast_retries().max_attempts(3))
            .build()
            .unwrap();

        let started = Instant::now();
        let mut calls = tokio::task::JoinSet::new();
        for _ in 0..50 {
            let client = client.clone();
            calls.spawn(async move {
                client
                    .organization_authorization()
                    .get_orgauthorization_trustee("org-1")
                    .await
            });
        }
        let mut failed = 0;
        while let Some(joined) = within(calls.join_next()).await {
            let error = joined.expect("the call ran").expect_err("no token");
            assert_eq!(auth_error(&error).status.map(|s| s.as_u16()), Some(503));
            failed += 1;
        }

        assert_eq!(failed, 50);
        // One caller's request and its retries; the 49 others shared its failure.
        assert_eq!(login.requests.load(Ordering::SeqCst), 3, "{grant:?}");
        assert_eq!(login.most_at_once.load(Ordering::SeqCst), 1, "{grant:?}");
        // Three holds of 100 ms and two short backoffs.
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{grant:?}: {:?}",
            started.elapsed()
        );
        assert_eq!(received(&api).await, 0);
    }
}

// ---- secrets never shown ----

#[tokio::test]
async fn debug_of_providers_and_clients_hides_every_secret() {
    for grant in USER_GRANTS {
        let (api, login) = (MockServer::start().await, MockServer::start().await);
        token_endpoint(&login, Issuing::new(3600, true)).await;
        api_accepts(&api, "tok-1").await;
        let provider = grant.provider(&login.uri());
        assert_no_secret(&format!("{provider:?}"));
        let client = client_with(&api, provider.clone());
        call_ok(&client).await;
        // Now holding an access token and a refresh token (`rt-<n>`) too.
        let shown = format!("{provider:?} {client:?} {provider:#?}");
        assert_no_secret(&shown);
        assert!(!shown.contains("rt-"), "{grant:?}: {shown}");
        assert!(shown.contains(CLIENT_ID), "the id is not a secret: {shown}");
    }
    assert_no_secret(&format!("{:?}", PkceVerifier::new(VERIFIER).unwrap()));
    assert_no_secret(&format!("{:?}", SamlAssertion::from_xml(ASSERTION_XML)));
}
