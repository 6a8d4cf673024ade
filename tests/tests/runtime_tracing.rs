//! Tracing: each call's `purecloud.request` span names the operation and path template, never ids or tokens.

mod runtime_common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use purecloud_platform_client::RetryPolicy;
use runtime_common::*;
use tracing_subscriber::fmt::format::FmtSpan;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "tok-tracing-secret";
const FILLED_ID: &str = "org-4f1d9c";
const CORRELATION_ID: &str = "corr-8a7b6c5d";

/// An in-memory log that the fmt layer writes to.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// Runs `calls` on a current-thread runtime with a subscriber that writes into a buffer, and
/// returns what it wrote.
fn capture<F: std::future::Future<Output = ()>>(calls: F) -> String {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .finish();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    tracing::subscriber::with_default(subscriber, || runtime.block_on(calls));
    captured.text()
}

/// The close event of the `purecloud.request` span, the one line with every field recorded.
fn request_close_line(text: &str) -> &str {
    text.lines()
        .find(|line| line.contains("purecloud.request{") && line.contains(": close "))
        .unwrap_or_else(|| panic!("no close event of the request span in:\n{text}"))
}

/// The value of the last `field=` in the span context of `line`: the fmt layer appends a field
/// recorded again rather than replacing it, so the last one is the field's final value.
fn last_value(line: &str, field: &str) -> String {
    let open = "purecloud.request{";
    let start = line.find(open).expect("a request span line") + open.len();
    let context = &line[start..start + line[start..].find("}: ").expect("end of the span")];
    let key = format!("{field}=");
    context
        .split(' ')
        .rev()
        .find_map(|pair| pair.strip_prefix(key.as_str()))
        .unwrap_or_else(|| panic!("no `{field}` in: {line}"))
        .to_owned()
}

#[test]
fn request_span_records_the_call_without_ids_or_tokens() {
    let text = capture(async {
        let api = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path(trustee_path(FILLED_ID)))
            .respond_with(trustee_ok("x").insert_header("ININ-Correlation-Id", CORRELATION_ID))
            .expect(1)
            .mount(&api)
            .await;
        let client = bearer_client(&api, TOKEN);
        client
            .organization_authorization()
            .get_orgauthorization_trustee(FILLED_ID)
            .await
            .expect("call succeeds");
    });

    let close = request_close_line(&text);
    assert_eq!(
        last_value(close, "operation"),
        "\"getOrgauthorizationTrustee\""
    );
    assert_eq!(last_value(close, "method"), "\"GET\"");
    assert_eq!(
        last_value(close, "path"),
        "\"/api/v2/orgauthorization/trustees/{trusteeOrgId}\""
    );
    assert_eq!(last_value(close, "status"), "200");
    assert_eq!(last_value(close, "attempts"), "1");
    assert!(!close.contains("attempts=2"), "{close}");
    assert_eq!(
        last_value(close, "correlation_id"),
        format!("\"{CORRELATION_ID}\"")
    );
    let duration: u64 = last_value(close, "duration_ms").parse().expect("a number");
    assert!(duration < 2_000, "{close}");
    assert!(!text.contains(TOKEN), "the token is in the log:\n{text}");
    assert!(
        !text.contains(FILLED_ID),
        "the filled id is in the log:\n{text}"
    );
}

#[test]
fn retries_are_logged_with_their_delay_and_counted_on_the_span() {
    let text = capture(async {
        let api = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path(trustee_path(FILLED_ID)))
            .respond_with(Sequence::new(vec![
                ResponseTemplate::new(503),
                trustee_ok("x"),
            ]))
            .expect(2)
            .mount(&api)
            .await;
        let client = bearer_client(&api, TOKEN);
        client
            .organization_authorization()
            .get_orgauthorization_trustee(FILLED_ID)
            .retry_policy(
                RetryPolicy::default().backoff(Duration::from_millis(5), Duration::from_millis(5)),
            )
            .await
            .expect("second attempt succeeds");
    });

    assert!(text.contains("retrying"), "no retry event in:\n{text}");
    assert!(text.contains("delay_ms="), "no delay in:\n{text}");
    assert!(
        text.contains("status=503"),
        "no 503 response event in:\n{text}"
    );
    let close = request_close_line(&text);
    assert_eq!(last_value(close, "attempts"), "2");
    assert_eq!(last_value(close, "status"), "200");
    assert!(!text.contains(TOKEN), "the token is in the log:\n{text}");
    assert!(
        !text.contains(FILLED_ID),
        "the filled id is in the log:\n{text}"
    );
}

#[test]
fn transport_failures_keep_the_filled_id_out_of_the_log() {
    // The span names the path template so that ids stay out of logs; a failed attempt's
    // event must not bring the filled URL back in through the transport error's text.
    let text = capture(async {
        let api = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(trustee_ok("x").set_delay(Duration::from_millis(500)))
            .mount(&api)
            .await;
        let client = bearer_client(&api, TOKEN);
        let error = client
            .organization_authorization()
            .get_orgauthorization_trustee(FILLED_ID)
            .timeout(Duration::from_millis(50))
            .retry_policy(RetryPolicy::disabled())
            .await
            .expect_err("the server is too slow");
        assert!(
            matches!(error, purecloud_platform_client::Error::Transport { .. }),
            "{error:?}"
        );
    });

    let close = request_close_line(&text);
    assert_eq!(last_value(close, "attempts"), "1");
    let leaks: Vec<_> = text
        .lines()
        .filter(|line| line.contains("purecloud_platform_client") && line.contains(FILLED_ID))
        .collect();
    assert!(
        leaks.is_empty(),
        "the filled id is in the log:\n{}",
        leaks.join("\n")
    );
}

#[test]
fn the_grants_token_requests_log_no_secret() {
    let text = capture(async {
        for grant in USER_GRANTS {
            // An exchange, a 401 and its renewal with the refresh token.
            let (api, login) = (MockServer::start().await, MockServer::start().await);
            Mock::given(method("POST"))
                .and(path(TOKEN_PATH))
                .respond_with(Issuing::new(3600, true))
                .mount(&login)
                .await;
            for (token, status) in [("tok-1", 401), ("tok-2", 200)] {
                Mock::given(method("GET"))
                    .and(header("authorization", format!("Bearer {token}")))
                    .respond_with(ResponseTemplate::new(status).set_body_json(trustee("x")))
                    .mount(&api)
                    .await;
            }
            let client = builder_for(&api)
                .token_provider(grant.provider(&login.uri()))
                .build()
                .unwrap();
            client
                .organization_authorization()
                .get_orgauthorization_trustee("org-1")
                .await
                .expect("the renewed token is accepted");

            // A 503, retried, then a refusal.
            let login = MockServer::start().await;
            Mock::given(method("POST"))
                .and(path(TOKEN_PATH))
                .respond_with(Sequence::new(vec![
                    ResponseTemplate::new(503),
                    ResponseTemplate::new(400)
                        .set_body_json(serde_json::json!({"error": "invalid_grant"})),
                ]))
                .mount(&login)
                .await;
            let client = builder_for(&api)
                .token_provider(grant.provider(&login.uri()))
                .build()
                .unwrap();
            client
                .organization_authorization()
                .get_orgauthorization_trustee("org-1")
                .await
                .expect_err("refused");
        }
    });

    assert!(
        text.contains("purecloud.token"),
        "no token span in:\n{text}"
    );
    assert!(
        text.contains("grant_type=\"refresh_token\""),
        "no renewal in:\n{text}"
    );
    assert!(text.contains("retrying"), "no retry logged in:\n{text}");
    assert_no_secret(&text);
    for issued in ["rt-1", "tok-2"] {
        assert!(!text.contains(issued), "`{issued}` shows in:\n{text}");
    }
}
