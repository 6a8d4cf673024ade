//! Client configuration: regions, base URLs, headers and their safety, and secrets kept out of output.

mod runtime_common;

use purecloud_platform_client::{
    AccessToken, Client, ClientCredentials, DEFAULT_BASE_URL, Error, Region, USER_AGENT,
};
use runtime_common::*;
use wiremock::matchers::{header, header_regex, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

// ---- regions ----

#[test]
fn every_region_name_parses_back_to_its_region() {
    assert_eq!(Region::ALL.len(), 18);
    for &region in Region::ALL {
        let parsed: Region = region.name().parse().expect("a listed name parses");
        assert_eq!(parsed, region);
        assert_eq!(region.to_string(), region.name());
        assert_eq!(
            region.api_base_url(),
            format!("https://api.{}", region.host())
        );
        assert_eq!(
            region.login_base_url(),
            format!("https://login.{}", region.host())
        );
    }
    let mut names: Vec<_> = Region::ALL.iter().map(|region| region.name()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), 18, "region names are distinct");
}

#[test]
fn known_regions_map_to_their_hosts() {
    let region = |name: &str| name.parse::<Region>().unwrap();
    assert_eq!(
        region("us-east-1").api_base_url(),
        "https://api.mypurecloud.com"
    );
    assert_eq!(
        region("eu-west-1").login_base_url(),
        "https://login.mypurecloud.ie"
    );
    assert_eq!(region("us-east-2").host(), "use2.us-gov-pure.cloud");
    assert_eq!(region("eusc-de-east-1").host(), "edee1.eusc-pure.cloud");
    assert_eq!(region("ap-southeast-2").host(), "mypurecloud.com.au");
    assert_eq!(region("mx-central-1").host(), "mxc1.pure.cloud");
    assert_eq!(region(" EU-Central-1 "), Region::EuCentral1);
}

#[test]
fn unknown_region_is_refused_by_name() {
    let error = "mars-1".parse::<Region>().expect_err("no such region");
    assert_eq!(error.0, "mars-1");
    let message = error.to_string();
    assert!(message.contains("mars-1"), "{message}");
    assert!(
        message.contains("us-east-1"),
        "lists the known ones: {message}"
    );
}

#[test]
fn region_and_base_urls_decide_where_the_client_calls() {
    let client = Client::builder().bearer_token("t").build().unwrap();
    assert_eq!(client.base_url(), DEFAULT_BASE_URL);
    let client = Client::builder()
        .region(Region::EuWest2)
        .bearer_token("t")
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "https://api.euw2.pure.cloud");
    let client = Client::builder()
        .region(Region::EuWest2)
        .base_url("http://127.0.0.1:9/")
        .build()
        .unwrap();
    assert_eq!(
        client.base_url(),
        "http://127.0.0.1:9",
        "base_url wins, trimmed"
    );
}

#[test]
fn unusable_base_urls_are_config_errors() {
    for url in ["not a url", "ftp://example.com", "https://example.com/?q=1"] {
        let error = Client::builder().base_url(url).build().unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{url}: {error:?}");
        let error = Client::builder().login_base_url(url).build().unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{url}: {error:?}");
    }
}

#[tokio::test]
async fn region_login_host_is_where_tokens_come_from() {
    // With a region and only the API redirected, the token request goes to the region's
    // login host: the client must be pointing there (it fails to connect, which is fine).
    let api = MockServer::start().await;
    let client = Client::builder()
        .region(Region::EuWest1)
        .base_url(api.uri())
        .client_credentials(CLIENT_ID, CLIENT_SECRET)
        .build()
        .unwrap();
    let debug = format!("{client:?}");
    assert!(
        debug.contains("https://login.mypurecloud.ie/oauth/token"),
        "{debug}"
    );
}

// ---- headers ----

#[tokio::test]
async fn header_with_a_line_break_is_refused_before_sending() {
    let api = MockServer::start().await;
    let client = bearer_client(&api, "t");

    let error = client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .header("X-Note", "ok\r\nX-Injected: yes")
        .await
        .expect_err("CR LF in a header value");

    let Error::InvalidRequest { operation, message } = &error else {
        panic!("expected Error::InvalidRequest, got {error:?}");
    };
    assert_eq!(*operation, "getOrgauthorizationTrustee");
    assert!(message.contains("X-Note"), "{message}");
    assert_eq!(received(&api).await, 0);
}

#[tokio::test]
async fn invalid_header_name_is_refused_before_sending() {
    let api = MockServer::start().await;
    let client = bearer_client(&api, "t");

    let error = client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .header("bad name", "v")
        .await
        .expect_err("a space in a header name");

    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert_eq!(received(&api).await, 0);
}

#[test]
fn default_header_with_a_line_break_fails_the_build() {
    for value in ["a\nb", "a\rb"] {
        let error = Client::builder()
            .default_header("X-Team", value)
            .build()
            .expect_err("LF or CR in a default header");
        assert!(matches!(error, Error::Config(_)), "{error:?}");
    }
}

#[tokio::test]
async fn request_and_default_headers_reach_the_server() {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(trustee_path("org-1")))
        .and(header("x-request-tag", "per-call"))
        .and(header("x-team", "runtime"))
        .and(header("authorization", "Bearer t"))
        .and(header("accept", "application/json"))
        .respond_with(trustee_ok("org-1"))
        .expect(1)
        .mount(&api)
        .await;
    let client = builder_for(&api)
        .bearer_token("t")
        .default_header("X-Team", "runtime")
        .build()
        .unwrap();

    client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .header("X-Request-Tag", "per-call")
        .await
        .expect("headers match");

    api.verify().await;
    let requests = api.received_requests().await.unwrap();
    let agent = requests[0].headers["user-agent"].to_str().unwrap();
    assert!(
        agent.starts_with("purecloud-platform-client/"),
        "User-Agent {agent}"
    );
    assert_eq!(agent, USER_AGENT);
}

#[tokio::test]
async fn user_agent_product_is_appended() {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(trustee_ok("org-1"))
        .mount(&api)
        .await;
    let client = builder_for(&api)
        .bearer_token("t")
        .user_agent("my-app/2.1")
        .build()
        .unwrap();

    client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .await
        .unwrap();

    let requests = api.received_requests().await.unwrap();
    let agent = requests[0].headers["user-agent"].to_str().unwrap();
    assert_eq!(agent, format!("{USER_AGENT} my-app/2.1"));
}

#[tokio::test]
async fn callers_http_client_is_used() {
    let api = MockServer::start().await;
    // The caller's client brings its own default headers; the User-Agent stays this crate's.
    Mock::given(method("GET"))
        .and(header("x-caller-client", "yes"))
        .and(header_regex("user-agent", "^purecloud-platform-client/"))
        .respond_with(trustee_ok("org-1"))
        .expect(1)
        .mount(&api)
        .await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "x-caller-client",
        reqwest::header::HeaderValue::from_static("yes"),
    );
    let http = reqwest::Client::builder()
        .user_agent("caller-agent")
        .default_headers(headers)
        .build()
        .unwrap();
    let client = builder_for(&api)
        .bearer_token("t")
        .http_client(http)
        .build()
        .unwrap();

    client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .await
        .expect("sent through the caller's client");
    api.verify().await;
}

#[tokio::test]
async fn path_ids_are_sent_as_one_encoded_segment() {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{TRUSTEES_PATH}/a%2Fb%20c")))
        .respond_with(trustee_ok("a/b c"))
        .expect(1)
        .mount(&api)
        .await;
    let client = bearer_client(&api, "t");

    client
        .organization_authorization()
        .get_orgauthorization_trustee("a/b c")
        .await
        .expect("the id stays in its segment");
    api.verify().await;
}

// ---- secrets never shown ----

const TOKEN: &str = "tok-very-secret-123";

fn assert_hidden(text: &str) {
    assert!(!text.contains(TOKEN), "token shown in: {text}");
    assert!(!text.contains(CLIENT_SECRET), "secret shown in: {text}");
}

#[test]
fn debug_output_hides_tokens_and_secrets() {
    let builder = Client::builder().bearer_token(TOKEN);
    assert_hidden(&format!("{builder:?}"));
    assert_hidden(&format!("{:?}", builder.build().unwrap()));

    let builder = Client::builder().client_credentials(CLIENT_ID, CLIENT_SECRET);
    let shown = format!("{builder:?}");
    assert_hidden(&shown);
    assert!(shown.contains(CLIENT_ID), "the id is not a secret: {shown}");
    assert_hidden(&format!("{:?}", builder.build().unwrap()));

    let credentials = ClientCredentials::new(
        reqwest::Client::new(),
        "https://login.mypurecloud.com",
        CLIENT_ID,
        CLIENT_SECRET,
    );
    assert_hidden(&format!("{credentials:?}"));
    assert_hidden(&format!("{:#?}", AccessToken::new(TOKEN)));
}

#[tokio::test]
async fn debug_of_a_client_with_a_cached_token_hides_it() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_mock()
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(TOKEN, 3_600)))
        .mount(&login)
        .await;
    Mock::given(method("GET"))
        .respond_with(trustee_ok("org-1"))
        .mount(&api)
        .await;
    let client = credentials_client(&api, &login);
    let request = client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1");
    assert_hidden(&format!("{request:?}"));

    request.await.expect("call succeeds");

    assert_hidden(&format!("{client:#?}"));
}

#[tokio::test]
async fn errors_do_not_show_the_token() {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(serde_json::json!({"message": "bad credentials", "status": 401})),
        )
        .mount(&api)
        .await;
    let client = bearer_client(&api, TOKEN);

    let error = client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .await
        .expect_err("401");

    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert_hidden(&error.to_string());
    assert_hidden(&format!("{error:?}"));
}

#[tokio::test]
async fn token_endpoint_errors_do_not_show_the_secret() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(serde_json::json!({"error": "invalid_client"})),
        )
        .mount(&login)
        .await;
    let client = credentials_client(&api, &login);

    let error = client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .await
        .expect_err("no token");

    assert!(matches!(error, Error::Auth(_)), "{error:?}");
    assert_hidden(&error.to_string());
    assert_hidden(&format!("{error:?}"));
}

#[tokio::test]
async fn unreachable_token_endpoint_errors_do_not_show_the_secret() {
    let api = MockServer::start().await;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = builder_for(&api)
        .login_base_url(closed)
        .client_credentials(CLIENT_ID, CLIENT_SECRET)
        .build()
        .unwrap();

    let error = client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .await
        .expect_err("no token");

    assert!(matches!(error, Error::Auth(_)), "{error:?}");
    assert_hidden(&error.to_string());
    assert_eq!(received(&api).await, 0);
}
