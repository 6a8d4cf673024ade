//! Configuration from the environment (`Client::from_env`, `ClientBuilder::from_vars`): each
//! variable missing and malformed, which one wins, secrets never shown; the default region and
//! the login host an authentication failure names; proxies from the environment.
//!
//! The process environment is shared by the tests of a binary, which run in parallel, so no
//! test here changes it: `from_vars` takes the variables as a function, and the two tests that
//! read the real environment run a copy of this binary with the environment they want.

mod runtime_common;

use std::collections::HashMap;
use std::process::Command;

use purecloud_platform_client::env::{
    GENESYSCLOUD_ACCESS_TOKEN, GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET,
    GENESYSCLOUD_REGION,
};
use purecloud_platform_client::{
    Client, ClientBuilder, DEFAULT_BASE_URL, DEFAULT_LOGIN_BASE_URL, Error,
};
use runtime_common::*;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A secret that must never show in an error.
const SECRET: &str = "Zx9-very-secret-value";

/// A builder from `vars`, as if they were the environment.
fn from_vars(vars: &[(&str, &str)]) -> Result<ClientBuilder, Error> {
    let vars: HashMap<&str, &str> = vars.iter().copied().collect();
    ClientBuilder::from_vars(|name| vars.get(name).map(|value| (*value).to_owned()))
}

/// The `Display` of the configuration error `vars` make.
fn config_error(vars: &[(&str, &str)]) -> String {
    match from_vars(vars) {
        Err(error @ Error::Config(_)) => {
            let shown = error.to_string();
            assert!(!shown.contains(SECRET), "{shown}");
            assert!(!format!("{error:?}").contains(SECRET), "{error:?}");
            shown
        }
        Err(other) => panic!("expected Error::Config, got {other:?}"),
        Ok(builder) => panic!("expected an error, got {builder:?}"),
    }
}

#[test]
fn each_missing_credential_is_named() {
    let nothing = config_error(&[(GENESYSCLOUD_REGION, "eu-west-1")]);
    assert_eq!(
        nothing,
        "client configuration: no credentials in the environment: set \
         GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET (the \
         client-credentials grant), or GENESYSCLOUD_ACCESS_TOKEN (a bearer token)"
    );
    let no_secret = config_error(&[(GENESYSCLOUD_OAUTHCLIENT_ID, "the-id")]);
    assert!(
        no_secret.starts_with("client configuration: GENESYSCLOUD_OAUTHCLIENT_SECRET is not set"),
        "{no_secret}"
    );
    let no_id = config_error(&[(GENESYSCLOUD_OAUTHCLIENT_SECRET, SECRET)]);
    assert!(
        no_id.starts_with("client configuration: GENESYSCLOUD_OAUTHCLIENT_ID is not set"),
        "{no_id}"
    );
    // Set but empty is not set.
    let empty_secret = config_error(&[
        (GENESYSCLOUD_OAUTHCLIENT_ID, "the-id"),
        (GENESYSCLOUD_OAUTHCLIENT_SECRET, " "),
    ]);
    assert!(
        empty_secret.contains("GENESYSCLOUD_OAUTHCLIENT_SECRET is not set"),
        "{empty_secret}"
    );
}

#[test]
fn each_malformed_variable_is_named() {
    let credentials = [
        (GENESYSCLOUD_OAUTHCLIENT_ID, "the-id"),
        (GENESYSCLOUD_OAUTHCLIENT_SECRET, SECRET),
    ];
    let with = |name: &'static str, value: &'static str| {
        let mut vars = credentials.to_vec();
        vars.retain(|(other, _)| *other != name);
        vars.push((name, value));
        vars
    };
    let region = config_error(&with(GENESYSCLOUD_REGION, "eu-west-9"));
    assert!(
        region.starts_with(
            "client configuration: GENESYSCLOUD_REGION is malformed: unknown region `eu-west-9`"
        ),
        "{region}"
    );
    assert!(region.contains("eu-west-1"), "lists the regions: {region}");
    for (name, value) in [
        (
            GENESYSCLOUD_OAUTHCLIENT_SECRET,
            "Zx9-very-secret-value with-a-space",
        ),
        (
            GENESYSCLOUD_OAUTHCLIENT_SECRET,
            "Zx9-very-secret-value\u{7}",
        ),
        (
            GENESYSCLOUD_OAUTHCLIENT_ID,
            "the-id\u{e9}Zx9-very-secret-value",
        ),
        (GENESYSCLOUD_ACCESS_TOKEN, "Bearer Zx9-very-secret-value"),
    ] {
        let shown = config_error(&with(name, value));
        assert!(
            shown.starts_with(&format!("client configuration: {name} is malformed")),
            "{shown}"
        );
    }
}

#[tokio::test]
async fn client_credentials_from_the_variables_log_in_at_the_regions_host() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    token_mock()
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("tok-env", 3600)))
        .expect(1)
        .mount(&login)
        .await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer tok-env"))
        .respond_with(trustee_ok("org-1"))
        .expect(1)
        .mount(&api)
        .await;
    let builder = from_vars(&[
        (GENESYSCLOUD_REGION, "mypurecloud.ie"),
        (GENESYSCLOUD_OAUTHCLIENT_ID, CLIENT_ID),
        (GENESYSCLOUD_OAUTHCLIENT_SECRET, CLIENT_SECRET),
    ])
    .expect("a complete environment");
    let shown = format!("{builder:?}");
    assert!(shown.contains("region: Some(EuWest1)"), "{shown}");
    assert!(!shown.contains(CLIENT_SECRET), "{shown}");

    // Pointed at the loopback servers, the grant and the call go through.
    let client = builder
        .base_url(api.uri())
        .login_base_url(login.uri())
        .build()
        .unwrap();
    client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .await
        .expect("the call succeeds");
    api.verify().await;
    login.verify().await;
}

#[test]
fn a_token_wins_over_a_client_and_no_region_is_us_east_1() {
    let client = from_vars(&[
        (GENESYSCLOUD_ACCESS_TOKEN, "tok"),
        (GENESYSCLOUD_OAUTHCLIENT_ID, "the-id"),
        (GENESYSCLOUD_OAUTHCLIENT_SECRET, SECRET),
    ])
    .unwrap()
    .build()
    .unwrap();
    let shown = format!("{client:?}");
    assert!(shown.contains("StaticToken"), "{shown}");
    assert!(!shown.contains("the-id"), "the client is not read: {shown}");
    assert_eq!(client.base_url(), DEFAULT_BASE_URL);
    assert_eq!(DEFAULT_BASE_URL, "https://api.mypurecloud.com");
}

// ---- the process environment, in a copy of this binary ----

/// Set in the copy of this binary that a test runs with the environment it wants.
const CHILD: &str = "PURECLOUD_TESTS_ENV_CHILD";

/// Whether this process is such a copy.
fn in_child() -> bool {
    std::env::var_os(CHILD).is_some()
}

/// Runs `test` of this binary alone in a new process, with `vars` as the only GENESYSCLOUD
/// and proxy variables, and fails unless it ran and passed.
fn run_in_child(test: &str, vars: &[(&str, String)]) {
    let mut command = Command::new(std::env::current_exe().expect("the test binary"));
    command
        .args(["--exact", test, "--test-threads=1"])
        .env(CHILD, "1");
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("GENESYSCLOUD_") || name.to_ascii_lowercase().ends_with("_proxy") {
            command.env_remove(name.as_ref());
        }
    }
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = command.output().expect("the test binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("1 passed"),
        "the test did not run: {stdout}"
    );
}

#[tokio::test]
async fn from_env_reads_the_process_environment() {
    if in_child() {
        let client = Client::from_env().expect("the parent set the variables");
        assert_eq!(client.base_url(), "https://api.mypurecloud.jp");
        let shown = format!("{client:?}");
        assert!(shown.contains("login.mypurecloud.jp"), "{shown}");
        assert!(!shown.contains(SECRET), "{shown}");
        let error = ClientBuilder::from_env()
            .unwrap()
            .default_header("bad name", "v")
            .build()
            .expect_err("the builder goes on like any other");
        assert!(matches!(error, Error::Config(_)));
        return;
    }
    run_in_child(
        "from_env_reads_the_process_environment",
        &[
            (GENESYSCLOUD_REGION, "ap-northeast-1".to_owned()),
            (GENESYSCLOUD_OAUTHCLIENT_ID, "the-id".to_owned()),
            (GENESYSCLOUD_OAUTHCLIENT_SECRET, SECRET.to_owned()),
        ],
    );
}

#[tokio::test]
async fn the_proxy_in_the_environment_is_used() {
    /// Where the parent's proxy listens.
    const PROXY_URL: &str = "PURECLOUD_TESTS_PROXY_URL";
    if in_child() {
        // A host that resolves nowhere: only a proxy can answer.
        let client = Client::builder()
            .base_url("http://api.example.invalid")
            .bearer_token("t")
            .build()
            .unwrap();
        let trustee = client
            .organization_authorization()
            .get_orgauthorization_trustee("org-1")
            .await
            .expect("answered through the proxy");
        assert_eq!(trustee.id.as_deref(), Some("org-1"));
        assert!(std::env::var(PROXY_URL).is_ok());
        return;
    }
    let proxy = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(trustee_path("org-1")))
        .and(header("host", "api.example.invalid"))
        .respond_with(trustee_ok("org-1"))
        .expect(1)
        .mount(&proxy)
        .await;
    let uri = proxy.uri();
    tokio::task::spawn_blocking(move || {
        run_in_child(
            "the_proxy_in_the_environment_is_used",
            &[("HTTP_PROXY", uri.clone()), (PROXY_URL, uri)],
        );
    })
    .await
    .unwrap();
    proxy.verify().await;
}

// ---- no region: the login host an authentication failure names ----

#[test]
fn without_a_region_the_client_logs_in_at_us_east_1() {
    let client = Client::builder()
        .client_credentials(CLIENT_ID, CLIENT_SECRET)
        .build()
        .unwrap();
    let shown = format!("{client:?}");
    assert!(
        shown.contains(&format!("{DEFAULT_LOGIN_BASE_URL}/oauth/token")),
        "{shown}"
    );
    assert_eq!(DEFAULT_LOGIN_BASE_URL, "https://login.mypurecloud.com");
}

#[tokio::test]
async fn a_refused_login_names_the_host_that_answered() {
    let (api, login) = (MockServer::start().await, MockServer::start().await);
    // What the login host of a region the client does not belong to answers.
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "error": "invalid_client",
            "description": "client not found"
        })))
        .mount(&login)
        .await;
    let client = credentials_client(&api, &login);

    let error = client
        .organization_authorization()
        .get_orgauthorization_trustee("org-1")
        .await
        .expect_err("refused");

    let Error::Auth(auth) = &error else {
        panic!("expected Error::Auth, got {error:?}");
    };
    let host = login.address().to_string();
    assert_eq!(auth.host.as_deref(), Some(host.as_str()));
    let shown = error.to_string();
    assert!(shown.contains(&format!("token endpoint {host}")), "{shown}");
    assert!(shown.contains("invalid_client"), "{shown}");
    assert_eq!(received(&api).await, 0);
}
