//! The examples of the generated crate, run against a local mock server.

// The example's `main`, which reads the environment, is not called here. The file is
// generated and formatted by the generator, so rustfmt leaves it alone.
#[allow(dead_code)]
#[rustfmt::skip]
#[path = "../../generated/examples/list_trustees.rs"]
mod list_trustees;

use purecloud_platform_client::Client;
use serde_json::json;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn trustee(id: &str, name: &str, enabled: bool) -> serde_json::Value {
    json!({"id": id, "enabled": enabled, "organization": {"id": id, "name": name, "version": 3}})
}

#[tokio::test]
async fn list_trustees_walks_every_page() {
    let server = MockServer::start().await;
    let pages = [
        (
            1,
            vec![
                trustee("o-1", "Acme", true),
                trustee("o-2", "Globex", false),
            ],
        ),
        (2, vec![trustee("o-3", "Initech", true)]),
    ];
    for (number, entities) in pages {
        Mock::given(method("GET"))
            .and(path("/api/v2/orgauthorization/trustees"))
            .and(query_param("pageSize", "100"))
            .and(query_param("pageNumber", number.to_string()))
            .and(header("authorization", "Bearer example-token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "entities": entities,
                "pageSize": 100,
                "pageNumber": number,
                "pageCount": 2,
                "total": 3,
            })))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("example-token")
        .build()
        .unwrap();

    let lines = list_trustees::trustee_lines(&client).await.unwrap();

    assert_eq!(
        lines,
        [
            "Acme (o-1) enabled=true",
            "Globex (o-2) enabled=false",
            "Initech (o-3) enabled=true",
        ]
    );
}
