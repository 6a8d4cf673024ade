//! Requests, calls and page streams own a clone of the client: they can be spawned on other
//! tasks and outlive the `Client` they came from. A call can also hand back the response's
//! status and headers beside what it decoded.

mod runtime_common;

use purecloud_platform_client::TryStreamExt;
use runtime_common::*;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A future that is `'static + Send`, as `tokio::spawn` asks.
fn assert_spawnable<F: std::future::Future + Send + 'static>(future: F) -> F {
    future
}

#[tokio::test]
async fn a_call_is_spawned_after_its_client_is_dropped() {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(trustee_path("org-1")))
        .respond_with(trustee_ok("org-1"))
        .expect(1)
        .mount(&api)
        .await;
    let client = bearer_client(&api, "token");
    let call = client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .send();
    // The call holds its own clone of the client.
    drop(client);
    let trustee = tokio::spawn(assert_spawnable(call))
        .await
        .expect("the task ran")
        .expect("the call succeeded");
    assert_eq!(trustee.id.as_deref(), Some("org-1"));
    api.verify().await;
}

#[tokio::test]
async fn a_request_and_a_page_stream_move_to_other_tasks() {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v2/orgauthorization/trustees"))
        .and(query_param("pageNumber", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(trustee_page(
            1,
            2,
            Some(1),
            &["a", "b"],
        )))
        .expect(1)
        .mount(&api)
        .await;
    Mock::given(method("GET"))
        .and(path(trustee_path("a")))
        .respond_with(trustee_ok("a"))
        .expect(1)
        .mount(&api)
        .await;
    let client = bearer_client(&api, "token");
    let request = client
        .organization_authorization()
        .get_orgauthorization_trustee("a");
    let items = client
        .organization_authorization()
        .get_orgauthorization_trustees()
        .items();
    drop(client);
    // The request builder itself is awaited on another task.
    let single = tokio::spawn(async move { request.await });
    let listed = tokio::spawn(assert_spawnable(items.try_collect::<Vec<_>>()));
    let single = single
        .await
        .expect("the task ran")
        .expect("the call succeeded");
    let listed = listed
        .await
        .expect("the task ran")
        .expect("the listing succeeded");
    assert_eq!(single.id.as_deref(), Some("a"));
    let ids: Vec<_> = listed.iter().map(|item| item.id.as_deref()).collect();
    assert_eq!(ids, [Some("a"), Some("b")]);
    api.verify().await;
}

#[tokio::test]
async fn send_with_response_keeps_the_status_headers_and_correlation_id() {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(trustee_path("org-1")))
        .respond_with(
            trustee_ok("org-1")
                .insert_header("inin-correlation-id", "corr-42")
                .insert_header("x-custom", "kept"),
        )
        .expect(1)
        .mount(&api)
        .await;
    let client = bearer_client(&api, "token");
    let response = client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .send_with_response()
        .await
        .expect("the call succeeded");
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(response.correlation_id(), Some("corr-42"));
    assert_eq!(
        response
            .headers
            .get("x-custom")
            .and_then(|value| value.to_str().ok()),
        Some("kept")
    );
    assert_eq!(response.into_body().id.as_deref(), Some("org-1"));
    api.verify().await;
}

#[tokio::test]
async fn send_with_response_of_a_bodiless_operation_has_the_status() {
    let api = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(trustee_path("org-1")))
        .respond_with(ResponseTemplate::new(204).insert_header("inin-correlation-id", "corr-7"))
        .expect(1)
        .mount(&api)
        .await;
    let client = bearer_client(&api, "token");
    let response = client
        .organization_authorization()
        .delete_orgauthorization_trustee("org-1")
        .send_with_response()
        .await
        .expect("the call succeeded");
    assert_eq!(response.status.as_u16(), 204);
    assert_eq!(response.correlation_id(), Some("corr-7"));
    assert_eq!(response.body, ());
}
