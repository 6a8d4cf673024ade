//! Authentication over HTTP: the client-credentials grant, its token cache, single flight and 401 renewal.

mod runtime_common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use purecloud_platform_client::auth::BoxFuture;
use purecloud_platform_client::{AccessToken, AuthError, Client, Error, TokenProvider};
use runtime_common::*;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn client_credentials_token_is_fetched_once_and_reused() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_mock()
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("tok-1", 86_400)))
        .expect(1)
        .mount(&login)
        .await;
    Mock::given(method("GET"))
        .and(path(trustee_path("org-1")))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(trustee_ok("org-1"))
        .expect(2)
        .mount(&api)
        .await;

    let client = credentials_client(&api, &login);
    for _ in 0..2 {
        let trustee = client
            .organization_authorization()
            .get_orgauthorization_trustee("org-1")
            .await
            .expect("the call succeeds with the fetched token");
        assert_eq!(trustee.id.as_deref(), Some("org-1"));
    }

    login.verify().await;
    api.verify().await;
    // The token request is exactly what the grant prescribes.
    let token_requests = login.received_requests().await.unwrap();
    assert_eq!(token_requests.len(), 1);
    let sent = &token_requests[0];
    assert_eq!(sent.headers["authorization"], BASIC_AUTH);
    assert_eq!(
        String::from_utf8_lossy(&sent.body),
        "grant_type=client_credentials"
    );
}

#[tokio::test]
async fn expired_token_is_renewed_before_the_next_call() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_mock()
        .respond_with(NumberedTokens::new(1))
        .expect(2)
        .mount(&login)
        .await;
    let (recorder, seen) = RecordAuthorization::new();
    Mock::given(method("GET"))
        .and(path(trustee_path("org-1")))
        .respond_with(recorder)
        .expect(2)
        .mount(&api)
        .await;

    let client = credentials_client(&api, &login);
    let trustees = client.organization_authorization();
    trustees
        .get_orgauthorization_trustee("org-1")
        .await
        .expect("first call");
    // The token lives 1 s; past that the cache must not hand it out again.
    tokio::time::sleep(Duration::from_millis(1_050)).await;
    trustees
        .get_orgauthorization_trustee("org-1")
        .await
        .expect("call after expiry");

    login.verify().await;
    assert_eq!(*seen.lock().unwrap(), ["Bearer tok-1", "Bearer tok-2"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_first_calls_share_one_token_request() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_mock()
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(token_body("tok-1", 86_400))
                .set_delay(Duration::from_millis(200)),
        )
        .expect(1)
        .mount(&login)
        .await;
    Mock::given(method("GET"))
        .and(path(trustee_path("org-1")))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(trustee_ok("org-1"))
        .expect(50)
        .mount(&api)
        .await;

    let client = credentials_client(&api, &login);
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
    let mut succeeded = 0;
    while let Some(joined) = calls.join_next().await {
        joined.expect("task ran").expect("call succeeds");
        succeeded += 1;
    }

    assert_eq!(succeeded, 50);
    login.verify().await;
    api.verify().await;
}

#[tokio::test]
async fn rejected_token_is_renewed_once_and_the_call_retried() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_mock()
        .respond_with(NumberedTokens::new(86_400))
        .expect(2)
        .mount(&login)
        .await;
    Mock::given(method("GET"))
        .and(path(trustee_path("org-1")))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&api)
        .await;
    Mock::given(method("GET"))
        .and(path(trustee_path("org-1")))
        .and(header("authorization", "Bearer tok-2"))
        .respond_with(trustee_ok("org-1"))
        .expect(1)
        .mount(&api)
        .await;

    let client = credentials_client(&api, &login);
    let trustee = client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .await
        .expect("succeeds with the renewed token");

    assert_eq!(trustee.id.as_deref(), Some("org-1"));
    login.verify().await;
    api.verify().await;
}

#[tokio::test]
async fn token_rejected_twice_fails_with_the_401() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_mock()
        .respond_with(NumberedTokens::new(86_400))
        .expect(2)
        .mount(&login)
        .await;
    Mock::given(method("GET"))
        .and(path(trustee_path("org-1")))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(serde_json::json!({"message": "token rejected", "status": 401})),
        )
        .expect(2)
        .mount(&api)
        .await;

    let client = credentials_client(&api, &login);
    let error = client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .await
        .expect_err("a token the API never accepts fails the call");

    assert_eq!(error.status().map(|status| status.as_u16()), Some(401));
    assert!(api_error(&error).raw_body.contains("token rejected"));
    login.verify().await;
    api.verify().await;
}

#[tokio::test]
async fn token_endpoint_refusal_is_an_auth_error_and_nothing_reaches_the_api() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "error": "invalid_client",
            "description": "client not found"
        })))
        .expect(1)
        .mount(&login)
        .await;

    let client = credentials_client(&api, &login);
    let error = client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .await
        .expect_err("no token, no call");

    let Error::Auth(auth) = &error else {
        panic!("expected Error::Auth, got {error:?}");
    };
    assert_eq!(
        auth.status.map(|status| status.as_u16()),
        Some(400),
        "{auth}"
    );
    assert_eq!(auth.error.as_deref(), Some("invalid_client"), "{auth}");
    let message = error.to_string();
    assert!(message.contains("400"), "{message}");
    assert!(message.contains("invalid_client"), "{message}");
    assert_eq!(received(&api).await, 0);
    login.verify().await;
}

/// A provider that hands out `first` until it is invalidated, then `second`; it counts both.
#[derive(Debug)]
struct TwoTokens {
    invalidated: Mutex<Vec<String>>,
    handed_out: AtomicUsize,
}

impl TokenProvider for TwoTokens {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, AuthError>> {
        self.handed_out.fetch_add(1, Ordering::SeqCst);
        let token = if self.invalidated.lock().unwrap().is_empty() {
            "first"
        } else {
            "second"
        };
        Box::pin(async move { Ok(AccessToken::new(token)) })
    }

    fn invalidate(&self, token: &AccessToken) {
        self.invalidated
            .lock()
            .unwrap()
            .push(token.secret().to_owned());
    }
}

#[tokio::test]
async fn custom_token_provider_is_told_which_token_was_rejected() {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer first"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&api)
        .await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer second"))
        .respond_with(trustee_ok("org-1"))
        .expect(1)
        .mount(&api)
        .await;
    let provider = Arc::new(TwoTokens {
        invalidated: Mutex::new(Vec::new()),
        handed_out: AtomicUsize::new(0),
    });

    let client = Client::builder()
        .base_url(api.uri())
        .token_provider(provider.clone())
        .build()
        .unwrap();
    client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .await
        .expect("succeeds with the provider's second token");

    assert_eq!(*provider.invalidated.lock().unwrap(), ["first"]);
    assert_eq!(provider.handed_out.load(Ordering::SeqCst), 2);
    api.verify().await;
}

#[tokio::test]
async fn huge_token_lifetime_does_not_panic() {
    // A token endpoint's `expires_in` is the server's to choose; an absurd one must not bring
    // the caller down (it is a lifetime, and a lifetime beyond any clock means "long").
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_mock()
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("tok-1", u64::MAX)))
        .mount(&login)
        .await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(trustee_ok("org-1"))
        .mount(&api)
        .await;

    let client = credentials_client(&api, &login);
    let call = tokio::spawn(async move {
        client
            .organization_authorization()
            .get_orgauthorization_trustee("org-1")
            .await
            .map(|trustee| trustee.id)
    })
    .await;

    let outcome = call.expect("the call must not panic on a huge expires_in");
    assert_eq!(outcome.expect("call succeeds").as_deref(), Some("org-1"));
}
