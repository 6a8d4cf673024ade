//! The HTTP layer over loopback: compressed responses, the operation timeout of a whole call,
//! and the hooks that see each attempt.

mod runtime_common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use purecloud_platform_client::hook::{Attempt, Exchange, Hook, Outcome};
use purecloud_platform_client::{Client, Error, RetryPolicy, reqwest};
use runtime_common::*;
use wiremock::matchers::{header, header_regex, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// A response whose body is `json`, gzipped, as a server that compresses sends it.
fn gzipped(status: u16, json: &serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("content-encoding", "gzip")
        .insert_header("content-type", "application/json")
        .set_body_bytes(gzip(json.to_string().as_bytes()))
}

async fn get_trustee(client: &Client) -> Result<String, Error> {
    client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .await
        .map(|trustee| trustee.id.unwrap_or_default())
}

// ---- compression ----

#[tokio::test]
async fn gzip_is_asked_for_and_decoded() {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(trustee_path("org-1")))
        .and(header_regex("accept-encoding", r"(^|[ ,])gzip($|[ ,;])"))
        .respond_with(gzipped(200, &trustee("org-1")))
        .expect(1)
        .mount(&api)
        .await;
    let client = bearer_client(&api, "t");

    let id = get_trustee(&client)
        .await
        .expect("the gzipped body decodes");

    assert_eq!(id, "org-1");
    api.verify().await;
}

#[tokio::test]
async fn a_gzipped_error_document_is_decoded_too() {
    let api = MockServer::start().await;
    let document = serde_json::json!({"message": "no such trust", "status": 404});
    Mock::given(method("GET"))
        .respond_with(gzipped(404, &document))
        .mount(&api)
        .await;
    let client = bearer_client(&api, "t");

    let error = get_trustee(&client).await.expect_err("a 404");

    let api_error = api_error(&error);
    assert_eq!(api_error.raw_body, document.to_string());
    assert_eq!(
        api_error
            .body
            .as_ref()
            .and_then(|body| body.message.as_deref()),
        Some("no such trust")
    );
}

#[tokio::test]
async fn max_response_bytes_counts_the_decoded_body() {
    let api = MockServer::start().await;
    // 100 kB of JSON that gzip makes a few hundred bytes: the limit is on what is decoded,
    // so a small compressed body cannot fill memory.
    let large = serde_json::json!({"id": "org-1", "name": "x".repeat(100_000)});
    let compressed = gzip(large.to_string().as_bytes()).len();
    assert!(compressed < 10_000, "{compressed} bytes compressed");
    Mock::given(method("GET"))
        .respond_with(gzipped(200, &large))
        .mount(&api)
        .await;
    let client = builder_for(&api)
        .bearer_token("t")
        .max_response_bytes(10_000)
        .build()
        .unwrap();

    let error = get_trustee(&client)
        .await
        .expect_err("too large once decoded");

    assert!(
        matches!(error, Error::ResponseTooLarge { limit: 10_000, .. }),
        "{error:?}"
    );
}

// ---- the operation timeout ----

/// A 503 that asks for a retry after `seconds`.
fn unavailable(seconds: u64) -> ResponseTemplate {
    ResponseTemplate::new(503).insert_header("Retry-After", seconds.to_string().as_str())
}

#[tokio::test]
async fn the_deadline_stops_retries_of_a_slow_503() {
    let api = MockServer::start().await;
    // Each answer takes 300 ms and asks for a second's wait: the second attempt is still
    // waiting for its answer when the 1.5 s deadline comes.
    Mock::given(method("GET"))
        .respond_with(unavailable(1).set_delay(Duration::from_millis(300)))
        .mount(&api)
        .await;
    let client = builder_for(&api)
        .bearer_token("t")
        .retry_policy(RetryPolicy::default().max_attempts(10))
        .operation_timeout(Duration::from_millis(1500))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = get_trustee(&client)
        .await
        .expect_err("the deadline comes first");
    let elapsed = started.elapsed();

    let Error::Timeout(timeout) = &error else {
        panic!("expected Error::Timeout, got {error:?}");
    };
    assert_eq!(timeout.operation, "getOrgauthorizationTrustee");
    assert_eq!(timeout.deadline, Duration::from_millis(1500));
    assert_eq!(timeout.attempts, 2);
    assert!(error.is_timeout());
    assert_eq!(error.operation(), Some("getOrgauthorizationTrustee"));
    assert_eq!(
        error.to_string(),
        "getOrgauthorizationTrustee: the operation timeout of 1.5s ran out after 2 attempts"
    );
    assert!(
        elapsed >= Duration::from_millis(1400) && elapsed < Duration::from_millis(2500),
        "stopped after {elapsed:?}"
    );
}

#[tokio::test]
async fn a_wait_past_the_deadline_ends_the_call_with_the_failure_in_hand() {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(unavailable(30))
        .mount(&api)
        .await;
    let client = builder_for(&api)
        .bearer_token("t")
        .operation_timeout(Duration::from_secs(5))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = get_trustee(&client).await.expect_err("a 503");

    // Waiting 30 s could only end in the timeout: the 503 is the answer, at once.
    assert!(started.elapsed() < Duration::from_secs(2), "{error:?}");
    let api_error = api_error(&error);
    assert_eq!(api_error.status.as_u16(), 503);
    assert_eq!(api_error.attempts, 1);
    assert_eq!(api_error.retry_after, Some(Duration::from_secs(30)));
}

#[tokio::test]
async fn a_request_sets_its_own_deadline_over_the_clients() {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(trustee_ok("org-1").set_delay(Duration::from_millis(800)))
        .mount(&api)
        .await;
    let client = builder_for(&api)
        .bearer_token("t")
        .operation_timeout(Duration::from_secs(10))
        .build()
        .unwrap();

    let error = client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .operation_timeout(Duration::from_millis(200))
        .await
        .expect_err("the request's deadline is shorter than the answer");
    assert!(
        matches!(&error, Error::Timeout(timeout) if timeout.attempts == 1),
        "{error:?}"
    );

    // The client's own deadline leaves it time.
    let id = get_trustee(&client).await.expect("answered in time");
    assert_eq!(id, "org-1");
}

#[tokio::test]
async fn the_deadline_covers_the_token_request() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_mock()
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(token_body("tok", 3600))
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&login)
        .await;
    let client = builder_for(&api)
        .login_base_url(login.uri())
        .client_credentials(CLIENT_ID, CLIENT_SECRET)
        .operation_timeout(Duration::from_millis(300))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = get_trustee(&client).await.expect_err("no token in time");

    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(
        matches!(&error, Error::Timeout(timeout) if timeout.attempts == 0),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .ends_with("ran out before a request was sent"),
        "{error}"
    );
    assert_eq!(received(&api).await, 0);
}

// ---- hooks ----

/// What a hook saw of one attempt.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    operation: &'static str,
    number: u32,
    method: String,
    path: String,
    /// The status, or `failed`.
    outcome: String,
    elapsed: Duration,
}

/// Records each attempt and adds `x-attempt: <number>` to every request.
#[derive(Default)]
struct Recorder {
    seen: Mutex<Vec<Seen>>,
    before: Mutex<Vec<u32>>,
}

impl Hook for Recorder {
    fn before_send(&self, attempt: &Attempt, request: &mut reqwest::Request) {
        self.before.lock().unwrap().push(attempt.number);
        request.headers_mut().insert(
            "x-attempt",
            reqwest::header::HeaderValue::from(attempt.number),
        );
    }

    fn after_send(&self, attempt: &Attempt, exchange: &Exchange<'_>) {
        let outcome = match &exchange.outcome {
            Outcome::Response { status, .. } => status.as_u16().to_string(),
            Outcome::Failed(_) => "failed".to_owned(),
            _ => "other".to_owned(),
        };
        self.seen.lock().unwrap().push(Seen {
            operation: attempt.operation.id,
            number: attempt.number,
            method: exchange.method.to_string(),
            path: exchange.url.path().to_owned(),
            outcome,
            elapsed: exchange.elapsed,
        });
    }
}

#[tokio::test]
async fn a_hook_sees_each_retry_as_an_attempt_and_its_header_goes_out() {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(trustee_path("org-1")))
        .respond_with(Sequence::new(vec![
            ResponseTemplate::new(503).set_delay(Duration::from_millis(50)),
            ResponseTemplate::new(502).set_delay(Duration::from_millis(50)),
            trustee_ok("org-1").set_delay(Duration::from_millis(50)),
        ]))
        .mount(&api)
        .await;
    let recorder = Arc::new(Recorder::default());
    let client = builder_for(&api)
        .bearer_token("t")
        .hook(recorder.clone())
        .build()
        .unwrap();

    let id = get_trustee(&client)
        .await
        .expect("the third attempt succeeds");

    assert_eq!(id, "org-1");
    let seen = recorder.seen.lock().unwrap().clone();
    let outcomes: Vec<(u32, &str)> = seen
        .iter()
        .map(|seen| (seen.number, seen.outcome.as_str()))
        .collect();
    assert_eq!(outcomes, [(1, "503"), (2, "502"), (3, "200")]);
    for attempt in &seen {
        assert_eq!(attempt.operation, "getOrgauthorizationTrustee");
        assert_eq!(attempt.method, "GET");
        assert_eq!(attempt.path, trustee_path("org-1"));
        assert!(attempt.elapsed >= Duration::from_millis(50), "{attempt:?}");
    }
    assert_eq!(*recorder.before.lock().unwrap(), [1, 2, 3]);
    // The header the hook set reached the server on each attempt.
    let on_the_wire: Vec<String> = api
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.headers["x-attempt"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(on_the_wire, ["1", "2", "3"]);
}

/// Replaces the bearer token with a header of its own, as a gateway in front of the API may
/// want.
struct GatewayKey;

impl Hook for GatewayKey {
    fn before_send(&self, _attempt: &Attempt, request: &mut reqwest::Request) {
        let headers = request.headers_mut();
        headers.remove(reqwest::header::AUTHORIZATION);
        headers.insert(
            "x-gateway-key",
            reqwest::header::HeaderValue::from_static("k-1"),
        );
    }
}

#[tokio::test]
async fn hooks_run_in_order_and_may_change_any_header() {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("x-gateway-key", "k-1"))
        .and(header("x-attempt", "1"))
        .respond_with(trustee_ok("org-1"))
        .expect(1)
        .mount(&api)
        .await;
    let client = builder_for(&api)
        .bearer_token("t")
        .hook(GatewayKey)
        .hook(Recorder::default())
        .build()
        .unwrap();

    get_trustee(&client).await.expect("the gateway key matches");

    api.verify().await;
    let requests = api.received_requests().await.unwrap();
    assert!(!requests[0].headers.contains_key("authorization"));
}

#[tokio::test]
async fn a_hook_sees_attempts_that_get_no_response() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let recorder = Arc::new(Recorder::default());
    let client = Client::builder()
        .base_url(closed)
        .bearer_token("t")
        .retry_policy(fast_retries().max_attempts(2))
        .hook(recorder.clone())
        .build()
        .unwrap();

    let error = get_trustee(&client).await.expect_err("nothing listens");

    assert!(
        matches!(error, Error::Transport { attempts: 2, .. }),
        "{error:?}"
    );
    let outcomes: Vec<(u32, String)> = recorder
        .seen
        .lock()
        .unwrap()
        .iter()
        .map(|seen| (seen.number, seen.outcome.clone()))
        .collect();
    assert_eq!(
        outcomes,
        [(1, "failed".to_owned()), (2, "failed".to_owned())]
    );
}
