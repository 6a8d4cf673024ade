//! Retries over HTTP: Retry-After, backoff on 5xx for idempotent calls only, budgets, per-request policy, timeouts.

mod runtime_common;

use std::time::{Duration, Instant, SystemTime};

use purecloud_platform_client::models::TrustRequestCreate;
use purecloud_platform_client::{Client, Error, RetryPolicy};
use runtime_common::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Mounts `responses`, in turn, as the answers to `GET /trustees/org-1`.
async fn trustee_answers(api: &MockServer, responses: Vec<ResponseTemplate>) {
    Mock::given(method("GET"))
        .and(path(trustee_path("org-1")))
        .respond_with(Sequence::new(responses))
        .mount(api)
        .await;
}

/// Mounts `responses`, in turn, as the answers to `POST /pairings`.
async fn pairing_answers(api: &MockServer, responses: Vec<ResponseTemplate>) {
    Mock::given(method("POST"))
        .and(path("/api/v2/orgauthorization/pairings"))
        .respond_with(Sequence::new(responses))
        .mount(api)
        .await;
}

fn status(code: u16) -> ResponseTemplate {
    ResponseTemplate::new(code)
}

fn too_many(retry_after: &str) -> ResponseTemplate {
    ResponseTemplate::new(429).insert_header("Retry-After", retry_after)
}

async fn get_trustee(client: &Client) -> Result<String, Error> {
    client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .await
        .map(|trustee| trustee.id.unwrap_or_default())
}

#[tokio::test]
async fn retry_after_in_seconds_is_waited_for() {
    let api = MockServer::start().await;
    trustee_answers(&api, vec![too_many("1"), trustee_ok("org-1")]).await;
    let client = bearer_client(&api, "t");

    let started = Instant::now();
    let id = get_trustee(&client).await.expect("succeeds after the wait");
    let elapsed = started.elapsed();

    assert_eq!(id, "org-1");
    assert_eq!(received(&api).await, 2);
    assert!(
        elapsed >= Duration::from_millis(900),
        "waited only {elapsed:?}"
    );
    assert!(elapsed < Duration::from_millis(1_800), "waited {elapsed:?}");
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_waited_for() {
    let api = MockServer::start().await;
    // HTTP dates have whole seconds: 2 s ahead is between 1 and 2 s away once truncated.
    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
    trustee_answers(&api, vec![too_many(&date), trustee_ok("org-1")]).await;
    let client = bearer_client(&api, "t");

    let started = Instant::now();
    let id = get_trustee(&client).await.expect("succeeds after the wait");
    let elapsed = started.elapsed();

    assert_eq!(id, "org-1");
    assert_eq!(received(&api).await, 2);
    assert!(
        elapsed >= Duration::from_millis(900),
        "waited only {elapsed:?}"
    );
    assert!(elapsed < Duration::from_millis(3_000), "waited {elapsed:?}");
}

#[tokio::test]
async fn too_many_requests_is_retried_for_post_too() {
    let api = MockServer::start().await;
    pairing_answers(
        &api,
        vec![
            too_many("0"),
            ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "id": "pairing-1",
                "trustee": {"id": "org-2", "version": 1}
            })),
        ],
    )
    .await;
    let client = bearer_client(&api, "t");

    let pairing = client
        .organization_authorization()
        .post_orgauthorization_pairings(TrustRequestCreate::default())
        .await
        .expect("a 429 was not processed, so it is safe to send again");

    assert_eq!(pairing.id.as_deref(), Some("pairing-1"));
    assert_eq!(received(&api).await, 2);
}

#[tokio::test]
async fn service_unavailable_is_retried_for_get() {
    let api = MockServer::start().await;
    trustee_answers(&api, vec![status(503), status(503), trustee_ok("org-1")]).await;
    let client = bearer_client(&api, "t");

    let id = get_trustee(&client).await.expect("third attempt succeeds");

    assert_eq!(id, "org-1");
    assert_eq!(received(&api).await, 3);
}

#[tokio::test]
async fn bad_gateway_and_gateway_timeout_are_retried_for_get() {
    let api = MockServer::start().await;
    trustee_answers(&api, vec![status(502), status(504), trustee_ok("org-1")]).await;
    let client = bearer_client(&api, "t");

    get_trustee(&client).await.expect("third attempt succeeds");

    assert_eq!(received(&api).await, 3);
}

#[tokio::test]
async fn service_unavailable_is_not_retried_for_post() {
    let api = MockServer::start().await;
    pairing_answers(&api, vec![status(503)]).await;
    let client = bearer_client(&api, "t");

    let error = client
        .organization_authorization()
        .post_orgauthorization_pairings(TrustRequestCreate::default())
        .await
        .expect_err("a POST may have been processed: no retry");

    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(error.attempts(), Some(1));
    assert_eq!(received(&api).await, 1);
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    let api = MockServer::start().await;
    trustee_answers(&api, vec![status(500)]).await;
    let client = bearer_client(&api, "t");

    let error = get_trustee(&client).await.expect_err("500 fails");

    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(received(&api).await, 1);
}

#[tokio::test]
async fn attempts_run_out_at_max_attempts() {
    let api = MockServer::start().await;
    trustee_answers(&api, vec![status(503)]).await;
    let client = builder_for(&api)
        .bearer_token("t")
        .retry_policy(fast_retries().max_attempts(3))
        .build()
        .unwrap();

    let error = get_trustee(&client).await.expect_err("always 503");

    let api_error = api_error(&error);
    assert_eq!(api_error.status.as_u16(), 503);
    assert_eq!(api_error.attempts, 3);
    assert_eq!(error.attempts(), Some(3));
    assert_eq!(received(&api).await, 3);
}

#[tokio::test]
async fn retry_after_beyond_the_total_delay_gives_up_at_once() {
    let api = MockServer::start().await;
    trustee_answers(&api, vec![too_many("5")]).await;
    let client = builder_for(&api)
        .bearer_token("t")
        .retry_policy(fast_retries().max_total_delay(Duration::from_secs(2)))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = get_trustee(&client).await.expect_err("5 s is over budget");

    assert!(started.elapsed() < Duration::from_millis(500));
    let api_error = api_error(&error);
    assert_eq!(api_error.status.as_u16(), 429);
    assert_eq!(api_error.attempts, 1);
    assert_eq!(api_error.retry_after, Some(Duration::from_secs(5)));
    assert_eq!(received(&api).await, 1);
}

#[tokio::test]
async fn request_policy_overrides_the_clients() {
    let api = MockServer::start().await;
    trustee_answers(&api, vec![status(503)]).await;
    let client = bearer_client(&api, "t");

    let error = client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .retry_policy(RetryPolicy::disabled())
        .await
        .expect_err("no retry allowed");

    assert_eq!(error.attempts(), Some(1));
    assert_eq!(received(&api).await, 1);
}

#[tokio::test]
async fn request_policy_can_allow_what_the_client_forbids() {
    let api = MockServer::start().await;
    trustee_answers(&api, vec![status(503), trustee_ok("org-1")]).await;
    let client = builder_for(&api)
        .bearer_token("t")
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();

    client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .retry_policy(fast_retries())
        .await
        .expect("the request's own policy retries");

    assert_eq!(received(&api).await, 2);
}

#[tokio::test]
async fn request_timeout_fails_a_post_with_a_transport_error() {
    let api = MockServer::start().await;
    pairing_answers(&api, vec![status(200).set_delay(Duration::from_secs(1))]).await;
    let client = bearer_client(&api, "t");

    let started = Instant::now();
    let error = client
        .organization_authorization()
        .post_orgauthorization_pairings(TrustRequestCreate::default())
        .timeout(Duration::from_millis(100))
        .await
        .expect_err("the server is too slow");
    let elapsed = started.elapsed();

    let Error::Transport {
        operation,
        attempts,
        source,
    } = &error
    else {
        panic!("expected Error::Transport, got {error:?}");
    };
    assert_eq!(*operation, "postOrgauthorizationPairings");
    assert_eq!(*attempts, 1);
    assert!(source.is_timeout(), "{source:?}");
    assert!(elapsed < Duration::from_millis(800), "took {elapsed:?}");
}

#[tokio::test]
async fn client_timeout_applies_when_the_request_sets_none() {
    let api = MockServer::start().await;
    trustee_answers(
        &api,
        vec![trustee_ok("org-1").set_delay(Duration::from_secs(1))],
    )
    .await;
    let client = builder_for(&api)
        .bearer_token("t")
        .timeout(Duration::from_millis(100))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();

    let started = Instant::now();
    let error = get_trustee(&client)
        .await
        .expect_err("the server is too slow");

    assert!(
        matches!(error, Error::Transport { attempts: 1, .. }),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_millis(800));
}

#[tokio::test]
async fn request_timeout_overrides_a_short_client_timeout() {
    let api = MockServer::start().await;
    trustee_answers(
        &api,
        vec![trustee_ok("org-1").set_delay(Duration::from_millis(300))],
    )
    .await;
    let client = builder_for(&api)
        .bearer_token("t")
        .timeout(Duration::from_millis(50))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();

    client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .timeout(Duration::from_secs(2))
        .await
        .expect("the request allows more time than the client");
}

/// A loopback address where nothing listens.
fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{address}")
}

#[tokio::test]
async fn connection_failures_are_retried_for_get_only() {
    let client = Client::builder()
        .base_url(closed_port_url())
        .bearer_token("t")
        .retry_policy(fast_retries().max_attempts(3))
        .build()
        .unwrap();
    let group = client.organization_authorization();

    let get = group
        .get_orgauthorization_trustee("org-1")
        .await
        .expect_err("nothing listens");
    let post = group
        .post_orgauthorization_pairings(TrustRequestCreate::default())
        .await
        .expect_err("nothing listens");

    assert!(
        matches!(get, Error::Transport { attempts: 3, .. }),
        "{get:?}"
    );
    assert!(
        matches!(post, Error::Transport { attempts: 1, .. }),
        "{post:?}"
    );
}
