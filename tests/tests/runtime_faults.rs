//! The client against servers that misbehave: token endpoints that hang, fail or say
//! `expires_in: 0`, 401s to a token that cannot be renewed, 429/503 storms under load, and
//! the error chains these print.

mod runtime_common;

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use purecloud_platform_client::{Client, Error, RetryPolicy};
use runtime_common::*;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Fails the test if `future` takes longer than a generous bound: no network wait is open-ended.
async fn within<T>(future: impl std::future::IntoFuture<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(30), future.into_future())
        .await
        .expect("the test waited too long")
}

/// The `Display` of `error` and of each cause under it, outermost first.
fn chain(error: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut texts = vec![error.to_string()];
    let mut cause = error.source();
    while let Some(error) = cause {
        texts.push(error.to_string());
        cause = error.source();
    }
    texts
}

/// No layer of a printed chain repeats the text of a layer under it.
fn assert_no_repeats(texts: &[String]) {
    for (index, outer) in texts.iter().enumerate() {
        for inner in &texts[index + 1..] {
            assert!(
                !outer.contains(inner.as_str()),
                "`{outer}` repeats its cause `{inner}`; chain: {texts:#?}"
            );
        }
    }
}

#[tokio::test]
async fn a_static_tokens_401_is_sent_once() {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&api)
        .await;
    let client = bearer_client(&api, "fixed-token");

    let error = within(
        client
            .organization_authorization()
            .get_orgauthorization_trustee("org-1"),
    )
    .await
    .expect_err("the API refuses the token");

    assert_eq!(error.status().map(|status| status.as_u16()), Some(401));
    assert_eq!(error.attempts(), Some(1));
    api.verify().await;
}

#[tokio::test]
async fn a_hanging_token_endpoint_fails_the_call_within_the_clients_timeout() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_mock()
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(token_body("tok-1", 3600))
                .set_delay(Duration::from_secs(600)),
        )
        .mount(&login)
        .await;
    let client = builder_for(&api)
        .login_base_url(login.uri())
        .client_credentials(CLIENT_ID, CLIENT_SECRET)
        .timeout(Duration::from_millis(300))
        .retry_policy(fast_retries().max_attempts(2))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = within(
        client
            .organization_authorization()
            .get_orgauthorization_trustee("org-1"),
    )
    .await
    .expect_err("no token");

    // Two attempts of 300 ms and a short backoff, not the 600 s the endpoint would take.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let Error::Auth(auth) = &error else {
        panic!("expected Error::Auth, got {error:?}");
    };
    assert_eq!(auth.message, "token request timed out after 2 attempts");
    let host = login.uri().trim_start_matches("http://").to_owned();
    assert_eq!(auth.host.as_deref(), Some(host.as_str()));
    let texts = chain(&error);
    assert_eq!(
        texts[0],
        format!("authentication: token request timed out after 2 attempts (token endpoint {host})")
    );
    assert_no_repeats(&texts);
    assert!(texts.last().unwrap().contains("timed out"), "{texts:#?}");
    assert!(!format!("{error:?}").contains(CLIENT_SECRET));
    assert_eq!(received(&login).await, 2);
    assert_eq!(received(&api).await, 0);
}

#[tokio::test]
async fn a_token_endpoint_that_fails_then_recovers_is_retried() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_mock()
        .respond_with(Sequence::new(vec![
            ResponseTemplate::new(503),
            ResponseTemplate::new(429).insert_header("Retry-After", "0"),
            ResponseTemplate::new(200).set_body_json(token_body("tok-3", 3600)),
        ]))
        .expect(3)
        .mount(&login)
        .await;
    Mock::given(method("GET"))
        .respond_with(trustee_ok("org-1"))
        .expect(1)
        .mount(&api)
        .await;
    let client = credentials_client(&api, &login);

    within(
        client
            .organization_authorization()
            .get_orgauthorization_trustee("org-1"),
    )
    .await
    .expect("the third token answer is a token");

    login.verify().await;
    api.verify().await;
}

#[tokio::test]
async fn a_token_refusal_names_the_host_status_and_oauth_error() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "error": "invalid_client",
            "error_description": "client not found in this region"
        })))
        .expect(1)
        .mount(&login)
        .await;
    let client = credentials_client(&api, &login);

    let error = within(
        client
            .organization_authorization()
            .get_orgauthorization_trustee("org-1"),
    )
    .await
    .expect_err("refused");

    let host = login.uri().trim_start_matches("http://").to_owned();
    assert_eq!(
        error.to_string(),
        format!(
            "authentication: token request refused (token endpoint {host}): HTTP 400 Bad \
             Request: invalid_client: client not found in this region"
        )
    );
    let Error::Auth(auth) = &error else {
        panic!("expected Error::Auth, got {error:?}");
    };
    assert_eq!(
        auth.error_description.as_deref(),
        Some("client not found in this region")
    );
    login.verify().await;
}

#[tokio::test]
async fn expires_in_zero_does_not_make_a_token_request_per_call() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_mock()
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("tok-0", 0)))
        .expect(1)
        .mount(&login)
        .await;
    Mock::given(method("GET"))
        .respond_with(trustee_ok("org-1"))
        .expect(3)
        .mount(&api)
        .await;
    let client = credentials_client(&api, &login);

    for _ in 0..3 {
        within(
            client
                .organization_authorization()
                .get_orgauthorization_trustee("org-1"),
        )
        .await
        .expect("call succeeds");
    }

    login.verify().await;
    api.verify().await;
}

#[tokio::test]
async fn a_printed_connection_failure_says_each_thing_once() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .bearer_token("t")
        .retry_policy(fast_retries().max_attempts(2))
        .build()
        .unwrap();

    let error = within(
        client
            .organization_authorization()
            .get_orgauthorization_trustors(),
    )
    .await
    .expect_err("nothing listens");

    let texts = chain(&error);
    assert_eq!(
        texts[0],
        "getOrgauthorizationTrustors: request failed (could not connect) after 2 attempts"
    );
    assert_no_repeats(&texts);
    assert!(texts.len() > 2, "the causes are missing: {texts:#?}");
}

/// Answers each trustee path with 429 (`Retry-After: 0`), then 503, then the trustee: a
/// storm that every call goes through, whatever order the calls come in.
#[derive(Default)]
struct Storm {
    seen: Mutex<HashMap<String, usize>>,
}

impl Respond for Storm {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let path = request.url.path().to_owned();
        let mut seen = self.seen.lock().unwrap();
        let count = seen.entry(path.clone()).or_default();
        *count += 1;
        match *count {
            1 => ResponseTemplate::new(429).insert_header("Retry-After", "0"),
            2 => ResponseTemplate::new(503),
            _ => {
                let id = path.rsplit('/').next().unwrap_or_default();
                trustee_ok(id)
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_calls_in_a_429_and_503_storm_make_one_token_request() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_mock()
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("tok-1", 3600)))
        .expect(1)
        .mount(&login)
        .await;
    Mock::given(method("GET"))
        .and(path_regex(r"^/api/v2/orgauthorization/trustees/org-\d+$"))
        .respond_with(Storm::default())
        .mount(&api)
        .await;
    let client = builder_for(&api)
        .login_base_url(login.uri())
        .client_credentials(CLIENT_ID, CLIENT_SECRET)
        .retry_policy(fast_retries().max_attempts(4))
        .build()
        .unwrap();

    let mut calls = tokio::task::JoinSet::new();
    for number in 0..1_000 {
        let client = client.clone();
        calls.spawn(async move {
            client
                .organization_authorization()
                .get_orgauthorization_trustee(format!("org-{number}"))
                .await
        });
    }
    let mut succeeded = 0;
    while let Some(joined) = within(calls.join_next()).await {
        joined
            .expect("task ran")
            .expect("each call gets through the storm");
        succeeded += 1;
    }

    assert_eq!(succeeded, 1_000);
    assert_eq!(received(&api).await, 3_000);
    login.verify().await;
}

#[tokio::test]
async fn no_post_is_retried_after_a_503_even_with_retries_allowed() {
    let api = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&api)
        .await;
    let client = builder_for(&api)
        .bearer_token("t")
        .retry_policy(RetryPolicy::default().max_attempts(5))
        .build()
        .unwrap();

    let error = within(
        client
            .organization_authorization()
            .post_orgauthorization_pairings(Default::default()),
    )
    .await
    .expect_err("a 503");

    assert_eq!(error.attempts(), Some(1));
    api.verify().await;
}
