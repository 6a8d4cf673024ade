//! Page streams over HTTP: `pages()` and `items()` walk a listing with the caller's page size.

mod runtime_common;

use purecloud_platform_client::TryStreamExt;
use purecloud_platform_client::models::TrustEntityListing;
use runtime_common::*;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Mounts one page of `/trustees` for `pageNumber=number&pageSize=size`, expected `calls` times.
async fn mount_page(
    api: &MockServer,
    number: i64,
    size: i64,
    count: Option<i64>,
    ids: &[&str],
    calls: u64,
) {
    Mock::given(method("GET"))
        .and(path(TRUSTEES_PATH))
        .and(query_param("pageNumber", number.to_string()))
        .and(query_param("pageSize", size.to_string()))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(trustee_page(number, size, count, ids)),
        )
        .expect(calls)
        .named(format!("page {number}"))
        .mount(api)
        .await;
}

/// Three pages of two, two and one trustee, each expected `calls` times.
async fn mount_three_pages(api: &MockServer, calls: [u64; 3]) {
    mount_page(api, 1, 2, Some(3), &["t1", "t2"], calls[0]).await;
    mount_page(api, 2, 2, Some(3), &["t3", "t4"], calls[1]).await;
    mount_page(api, 3, 2, Some(3), &["t5"], calls[2]).await;
}

fn ids(trustees: &[purecloud_platform_client::models::Trustee]) -> Vec<&str> {
    trustees
        .iter()
        .map(|trustee| trustee.id.as_deref().unwrap_or("?"))
        .collect()
}

#[tokio::test]
async fn items_walk_every_page_with_the_callers_page_size() {
    let api = MockServer::start().await;
    mount_three_pages(&api, [1, 1, 1]).await;
    let client = bearer_client(&api, "t");

    let trustees: Vec<_> = client
        .organization_authorization()
        .get_orgauthorization_trustees()
        .page_size(2)
        .items()
        .try_collect()
        .await
        .expect("all pages load");

    assert_eq!(ids(&trustees), ["t1", "t2", "t3", "t4", "t5"]);
    api.verify().await;
    assert_eq!(received(&api).await, 3, "no request past the last page");
}

#[tokio::test]
async fn pages_yields_each_page_once() {
    let api = MockServer::start().await;
    mount_three_pages(&api, [1, 1, 1]).await;
    let client = bearer_client(&api, "t");

    let pages: Vec<TrustEntityListing> = client
        .organization_authorization()
        .get_orgauthorization_trustees()
        .page_size(2)
        .pages()
        .try_collect()
        .await
        .expect("all pages load");

    let numbers: Vec<_> = pages.iter().map(|page| page.page_number).collect();
    assert_eq!(numbers, [Some(1), Some(2), Some(3)]);
    api.verify().await;
}

#[tokio::test]
async fn pages_start_at_the_page_number_set() {
    let api = MockServer::start().await;
    mount_three_pages(&api, [0, 1, 1]).await;
    let client = bearer_client(&api, "t");

    let pages: Vec<TrustEntityListing> = client
        .organization_authorization()
        .get_orgauthorization_trustees()
        .page_size(2)
        .page_number(2)
        .pages()
        .try_collect()
        .await
        .expect("pages 2 and 3 load");

    let numbers: Vec<_> = pages.iter().map(|page| page.page_number).collect();
    assert_eq!(numbers, [Some(2), Some(3)]);
    api.verify().await;
}

#[tokio::test]
async fn listing_without_page_count_stops_at_the_first_empty_page() {
    let api = MockServer::start().await;
    mount_page(&api, 1, 2, None, &["t1", "t2"], 1).await;
    mount_page(&api, 2, 2, None, &["t3"], 1).await;
    mount_page(&api, 3, 2, None, &[], 1).await;
    mount_page(&api, 4, 2, None, &["never"], 0).await;
    let client = bearer_client(&api, "t");

    let trustees: Vec<_> = client
        .organization_authorization()
        .get_orgauthorization_trustees()
        .page_size(2)
        .items()
        .try_collect()
        .await
        .expect("pages load");

    assert_eq!(ids(&trustees), ["t1", "t2", "t3"]);
    api.verify().await;
}

#[tokio::test]
async fn a_failing_page_ends_the_stream_with_its_error() {
    let api = MockServer::start().await;
    mount_page(&api, 1, 2, Some(3), &["t1", "t2"], 1).await;
    Mock::given(method("GET"))
        .and(path(TRUSTEES_PATH))
        .and(query_param("pageNumber", "2"))
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&api)
        .await;
    let client = bearer_client(&api, "t");

    let mut items = std::pin::pin!(
        client
            .organization_authorization()
            .get_orgauthorization_trustees()
            .page_size(2)
            .items()
    );
    let mut seen = Vec::new();
    let error = loop {
        match items.try_next().await {
            Ok(Some(trustee)) => seen.push(trustee.id.unwrap_or_default()),
            Ok(None) => panic!("the stream ended without the error"),
            Err(error) => break error,
        }
    };

    assert_eq!(seen, ["t1", "t2"]);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    api.verify().await;
}

#[tokio::test]
async fn nested_listing_pages_carry_the_path_id() {
    let api = MockServer::start().await;
    for (number, users) in [(1, vec!["u1", "u2"]), (2, vec!["u3"])] {
        let entities: Vec<_> = users
            .iter()
            .map(|id| serde_json::json!({"id": id, "version": 1}))
            .collect();
        Mock::given(method("GET"))
            .and(path(format!("{TRUSTEES_PATH}/org-7/users")))
            .and(query_param("pageNumber", number.to_string()))
            .and(query_param("pageSize", "2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "entities": entities,
                "pageNumber": number,
                "pageSize": 2,
                "pageCount": 2
            })))
            .expect(1)
            .mount(&api)
            .await;
    }
    let client = bearer_client(&api, "t");

    let users: Vec<_> = client
        .organization_authorization()
        .get_orgauthorization_trustee_users("org-7")
        .page_size(2)
        .items()
        .try_collect()
        .await
        .expect("both pages load");

    let ids: Vec<_> = users.iter().map(|user| user.id.as_deref()).collect();
    assert_eq!(ids, [Some("u1"), Some("u2"), Some("u3")]);
    api.verify().await;
}
