//! How calls fail: error statuses with and without an error document, 2xx bodies that do not
//! fit the model, path ids refused before sending, bad configuration and unreachable servers.

mod common;

use common::*;
use purecloud_platform_client::models::LimitNamespace;
use purecloud_platform_client::{Client, Error};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn not_found_document() -> serde_json::Value {
    json!({
        "message": "Trustee organization missing-org was not found",
        "code": "not.found",
        "status": 404,
        "entityId": "missing-org",
        "messageWithParams": "Trustee organization {orgId} was not found",
        "messageParams": {"orgId": "missing-org"},
        "contextId": "ctx-42",
        "details": [{"errorCode": "TRUSTEE_NOT_FOUND", "fieldName": "trusteeOrgId"}],
        "errors": [{"message": "no such trust", "code": "trust.missing", "status": 404, "errors": []}],
        "limit": {"key": "requests.per.minute", "namespace": "authorization", "value": 300},
        "legacyRef": "ignored"
    })
}

#[tokio::test]
async fn status_404_carries_the_error_document_and_correlation_id() {
    let (server, client) = start().await;
    let document = not_found_document();
    let response = ResponseTemplate::new(404)
        .insert_header("ININ-Correlation-Id", "abc-123")
        .set_body_json(&document);
    let mock = bodiless("GET", "/api/v2/orgauthorization/trustees/missing-org");
    answer_once(&server, mock, response).await;

    let error = client
        .organization_authorization()
        .get_orgauthorization_trustee("missing-org")
        .await
        .unwrap_err();

    let shown = error.to_string();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(404));
    assert_eq!(error.operation(), Some("getOrgauthorizationTrustee"));
    assert_eq!(error.correlation_id(), Some("abc-123"));
    let Error::Api(api) = error else {
        panic!("expected Error::Api, got {error:?}")
    };
    assert_eq!(api.operation, "getOrgauthorizationTrustee");
    assert_eq!(api.status.as_u16(), 404);
    assert_eq!(api.correlation_id.as_deref(), Some("abc-123"));
    let raw: serde_json::Value = serde_json::from_str(&api.raw_body).unwrap();
    assert_eq!(raw, document);

    let body = api.body.as_ref().expect("the error document decodes");
    assert_eq!(
        body.message.as_deref(),
        Some("Trustee organization missing-org was not found")
    );
    assert_eq!(body.code.as_deref(), Some("not.found"));
    assert_eq!(body.status, Some(404));
    assert_eq!(body.context_id.as_deref(), Some("ctx-42"));
    assert_eq!(
        body.message_params.as_ref().unwrap()["orgId"],
        "missing-org"
    );
    assert_eq!(
        body.details.as_ref().unwrap()[0].field_name.as_deref(),
        Some("trusteeOrgId")
    );
    let inner = &body.errors.as_ref().unwrap()[0];
    assert_eq!(inner.code.as_deref(), Some("trust.missing"));
    assert_eq!(inner.errors, Some(vec![]));
    let limit = body.limit.as_ref().unwrap();
    assert_eq!(limit.namespace, Some(LimitNamespace::Authorization));
    assert_eq!(limit.value, Some(300));

    for part in [
        "getOrgauthorizationTrustee",
        "404",
        "was not found",
        "abc-123",
    ] {
        assert!(shown.contains(part), "`{shown}` lacks `{part}`");
    }
}

#[tokio::test]
async fn status_500_with_html_keeps_the_raw_body() {
    let (server, client) = start().await;
    let html = "<html><body><h1>502 Bad Gateway</h1>upstream unreachable</body></html>";
    let response = ResponseTemplate::new(500).set_body_raw(html, "text/html");
    let mock = bodiless("POST", "/api/v2/orgauthorization/trustees/default");
    answer_once(&server, mock, response).await;

    let error = client
        .organization_authorization()
        .post_orgauthorization_trustees_default()
        .await
        .unwrap_err();

    let shown = error.to_string();
    let Error::Api(api) = error else {
        panic!("expected Error::Api, got {error:?}")
    };
    assert_eq!(api.status.as_u16(), 500);
    assert_eq!(api.body, None, "HTML is no error document");
    assert_eq!(api.raw_body, html);
    assert_eq!(api.correlation_id, None);
    assert!(
        shown.contains("postOrgauthorizationTrusteesDefault"),
        "{shown}"
    );
    assert!(shown.contains("500"), "{shown}");
}

#[tokio::test]
async fn a_void_operation_reports_its_error_status() {
    let (server, client) = start().await;
    let document = json!({"message": "trust is in use", "code": "conflict", "status": 409});
    let response = ResponseTemplate::new(409)
        .insert_header("inin-correlation-id", "corr-409")
        .set_body_json(&document);
    let mock = bodiless("DELETE", "/api/v2/orgauthorization/trustors/org-1");
    answer_once(&server, mock, response).await;

    let error = client
        .organization_authorization()
        .delete_orgauthorization_trustor("org-1")
        .await
        .unwrap_err();

    assert_eq!(error.operation(), Some("deleteOrgauthorizationTrustor"));
    assert_eq!(error.status().map(|status| status.as_u16()), Some(409));
    assert_eq!(error.correlation_id(), Some("corr-409"));
    let body = error.error_body().expect("the error document decodes");
    assert_eq!(body.message.as_deref(), Some("trust is in use"));
}

#[tokio::test]
async fn a_2xx_body_that_does_not_fit_names_the_json_path() {
    let (server, client) = start().await;
    let text = r#"{"entities":[{"id":"x","enabled":"yes"}]}"#;
    let response = ResponseTemplate::new(200).set_body_raw(text, "application/json");
    answer_once(
        &server,
        bodiless("GET", "/api/v2/orgauthorization/trustees"),
        response,
    )
    .await;

    let error = client
        .organization_authorization()
        .get_orgauthorization_trustees()
        .await
        .unwrap_err();

    let shown = error.to_string();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(200));
    let Error::Decode(decode) = error else {
        panic!("expected Error::Decode, got {error:?}")
    };
    assert_eq!(decode.path, "entities[0].enabled");
    assert_eq!(decode.operation, "getOrgauthorizationTrustees");
    assert_eq!(decode.raw_body, text);
    assert!(
        decode.message.contains("invalid type"),
        "{}",
        decode.message
    );
    assert!(shown.contains("getOrgauthorizationTrustees"), "{shown}");
    assert!(shown.contains("entities[0].enabled"), "{shown}");
}

/// A server that fails the test if anything reaches it.
async fn untouchable() -> (MockServer, Client) {
    let (server, client) = start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    (server, client)
}

fn assert_refused<T: std::fmt::Debug>(result: Result<T, Error>, operation: &str, parameter: &str) {
    match result {
        Err(Error::InvalidRequest {
            operation: op,
            message,
        }) => {
            assert_eq!(op, operation);
            assert!(
                message.contains(parameter),
                "`{message}` does not name `{parameter}`"
            );
        }
        other => panic!("expected Error::InvalidRequest, got {other:?}"),
    }
}

async fn assert_nothing_sent(server: &MockServer) {
    let received = server.received_requests().await.expect("recording is on");
    assert!(received.is_empty(), "requests were sent: {received:?}");
}

#[tokio::test]
async fn an_empty_path_id_is_refused_before_sending() {
    let (server, client) = untouchable().await;
    let api = client.organization_authorization();

    let result = api.get_orgauthorization_trustee("").await;
    assert_refused(result, "getOrgauthorizationTrustee", "trusteeOrgId");
    let result = api.delete_orgauthorization_trustor_user("org-1", "").await;
    assert_refused(result, "deleteOrgauthorizationTrustorUser", "trusteeUserId");

    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn an_empty_required_id_list_is_refused_before_sending() {
    let (server, client) = untouchable().await;
    let api = client.organization_authorization();

    let result = api
        .delete_orgauthorization_trustees(Vec::<String>::new())
        .await;
    assert_refused(result, "deleteOrgauthorizationTrustees", "id");
    let result = api
        .delete_orgauthorization_trustors(Vec::<String>::new())
        .await;
    assert_refused(result, "deleteOrgauthorizationTrustors", "id");

    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn a_dot_dot_path_id_is_refused_before_sending() {
    let (server, client) = untouchable().await;
    let api = client.organization_authorization();

    let result = api.get_orgauthorization_trustee("..").await;
    assert_refused(result, "getOrgauthorizationTrustee", "trusteeOrgId");
    let result = api
        .put_orgauthorization_trustee_group_roles("org-1", "..", vec!["role-1".into()])
        .await;
    assert_refused(
        result,
        "putOrgauthorizationTrusteeGroupRoles",
        "trusteeGroupId",
    );
    let result = api.get_orgauthorization_pairing(".").await;
    assert_refused(result, "getOrgauthorizationPairing", "pairingId");

    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn a_refusal_displays_the_operation() {
    let (server, client) = untouchable().await;
    let error = client
        .organization_authorization()
        .delete_orgauthorization_trustee("")
        .await
        .unwrap_err();

    assert_eq!(error.operation(), Some("deleteOrgauthorizationTrustee"));
    assert_eq!(error.status(), None);
    assert!(
        error
            .to_string()
            .starts_with("deleteOrgauthorizationTrustee: "),
        "{error}"
    );
    assert_nothing_sent(&server).await;
}

#[test]
fn a_base_url_that_is_not_http_is_a_config_error() {
    for base_url in [
        "ftp://example.test",
        "not a url",
        "http://example.test/?a=b",
    ] {
        let result = Client::builder().base_url(base_url).build();
        assert!(
            matches!(result, Err(Error::Config(ref message)) if message.contains(base_url)),
            "{base_url}: {result:?}"
        );
    }
}

#[tokio::test]
async fn an_unreachable_server_is_a_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .bearer_token(TOKEN)
        .build()
        .unwrap();

    let error = client
        .organization_authorization()
        .get_orgauthorization_trustors()
        .await
        .unwrap_err();

    assert!(
        matches!(
            error,
            Error::Transport {
                operation: "getOrgauthorizationTrustors",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(std::error::Error::source(&error).is_some());
}
