//! Errors built by hand, as a user's tests build them to check their own error handling
//! without a server: `ApiError`, `DecodeError`, `AuthError` and `TimeoutError` from their public
//! constructors, through the accessors and `Display` that handling code reads.

use std::error::Error as _;
use std::time::Duration;

use purecloud_platform_client::models::ErrorBody;
use purecloud_platform_client::reqwest::StatusCode;
use purecloud_platform_client::{ApiError, AuthError, DecodeError, Error, TimeoutError};

/// What a user's code might do with a failed call: retry later, fix the request, give up.
fn advice(error: &Error) -> String {
    if error.is_timeout() {
        return format!("retry {} later", error.operation().unwrap_or("the call"));
    }
    match error {
        Error::Api(api) if api.status == StatusCode::NOT_FOUND => {
            let code = api.body.as_ref().and_then(|body| body.code.as_deref());
            format!("missing ({})", code.unwrap_or("no code"))
        }
        Error::Api(api) => format!(
            "HTTP {} after {} attempts",
            api.status.as_u16(),
            api.attempts
        ),
        Error::Decode(decode) => format!("report `{}`", decode.path),
        Error::Auth(auth) if auth.error.as_deref() == Some("invalid_client") => {
            format!(
                "check the client at {}",
                auth.host.as_deref().unwrap_or("?")
            )
        }
        other => format!("give up: {other}"),
    }
}

#[test]
fn a_faked_api_error_carries_its_document() {
    let document = ErrorBody::builder()
        .message("Trustee org-1 was not found")
        .code("not.found")
        .status(404)
        .build();
    let error = Error::Api(Box::new(
        ApiError::new("getOrgauthorizationTrustee", StatusCode::NOT_FOUND)
            .with_body(document)
            .with_raw_body(r#"{"message":"Trustee org-1 was not found"}"#)
            .with_correlation_id("c-1"),
    ));

    assert_eq!(advice(&error), "missing (not.found)");
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(error.correlation_id(), Some("c-1"));
    assert_eq!(error.attempts(), Some(1));
    assert_eq!(error.error_body().and_then(|body| body.status), Some(404));
    assert_eq!(
        error.to_string(),
        "getOrgauthorizationTrustee: HTTP 404 Not Found: Trustee org-1 was not found \
         (correlation id c-1)"
    );

    let retried = Error::Api(Box::new(
        ApiError::new("getOrgauthorizationTrustees", StatusCode::TOO_MANY_REQUESTS)
            .with_attempts(4, Some(Duration::from_secs(3))),
    ));
    assert_eq!(advice(&retried), "HTTP 429 after 4 attempts");
    assert!(
        retried
            .to_string()
            .ends_with("after 4 attempts, last Retry-After 3s")
    );
}

#[test]
fn a_faked_decode_error_names_the_path() {
    let error = Error::Decode(Box::new(
        DecodeError::new(
            "getOrgauthorizationTrustees",
            StatusCode::OK,
            "entities[0].dateCreated",
            "premature end of input",
        )
        .with_raw_body("{\"entities\":[{\"dateCreated\":\"20")
        .with_correlation_id("c-2"),
    ));

    assert_eq!(advice(&error), "report `entities[0].dateCreated`");
    assert_eq!(error.status(), Some(StatusCode::OK));
    assert_eq!(error.correlation_id(), Some("c-2"));
    assert_eq!(
        error.to_string(),
        "getOrgauthorizationTrustees: HTTP 200 OK: the response body does not fit at \
         `entities[0].dateCreated`: premature end of input"
    );
}

#[test]
fn a_faked_auth_error_names_the_host_and_keeps_its_cause() {
    let refused = Error::from(
        AuthError::new("token request refused")
            .with_host("login.mypurecloud.com")
            .with_response(
                StatusCode::BAD_REQUEST,
                Some("invalid_client".to_owned()),
                Some("client not found".to_owned()),
            ),
    );
    assert_eq!(
        advice(&refused),
        "check the client at login.mypurecloud.com"
    );
    assert_eq!(refused.status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(refused.operation(), None);
    assert_eq!(
        refused.to_string(),
        "authentication: token request refused (token endpoint login.mypurecloud.com): \
         HTTP 400 Bad Request: invalid_client: client not found"
    );

    let unreachable = Error::from(
        AuthError::new("token request could not connect")
            .with_source(std::io::Error::other("connection refused")),
    );
    assert!(advice(&unreachable).starts_with("give up: authentication:"));
    let cause = unreachable.source().expect("the cause is kept");
    assert_eq!(cause.to_string(), "connection refused");
}

#[test]
fn a_faked_timeout_says_what_ran_out() {
    let error = Error::Timeout(
        TimeoutError::new("postOrgauthorizationTrustees", Duration::from_millis(2500))
            .with_attempts(2),
    );

    assert_eq!(advice(&error), "retry postOrgauthorizationTrustees later");
    assert_eq!(error.attempts(), Some(2));
    assert_eq!(error.status(), None);
    assert_eq!(
        error.to_string(),
        "postOrgauthorizationTrustees: the operation timeout of 2.5s ran out after 2 attempts"
    );
    let before_sending =
        TimeoutError::new("getOrgauthorizationTrustees", Duration::from_secs(1)).with_attempts(0);
    assert_eq!(
        before_sending.to_string(),
        "getOrgauthorizationTrustees: the operation timeout of 1s ran out before a request was \
         sent"
    );
}
