//! The error every call returns, with what went wrong and where.
//!
//! [`Error`] is generic over the API's error document `E`, which the client crate fixes to its
//! error model (`pub type Error = Error<models::ErrorBody>`). Sending a call is compiled once,
//! here, so the transport fails with an [`Error<Undecoded>`](Undecoded), whose error document
//! is still text; [`Error::decode_body`] reads it as `E` where the call is awaited.

use std::convert::Infallible;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;

use crate::metadata::OperationInfo;

/// What an error document says in one line, for [`ApiError`]'s `Display`.
pub trait ErrorMessage {
    /// The human-readable message, if the document has one.
    fn message(&self) -> Option<&str>;
}

/// A document of any shape: its top-level `message` string, if any.
impl ErrorMessage for serde_json::Value {
    fn message(&self) -> Option<&str> {
        self.get("message").and_then(serde_json::Value::as_str)
    }
}

/// The error document of a call whose error has not been read yet; it has no value.
pub type Undecoded = Infallible;

impl ErrorMessage for Infallible {
    fn message(&self) -> Option<&str> {
        match *self {}
    }
}

/// Why a call failed. `E` is the API's error document, decoded from the body of a status
/// outside 2xx.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = serde_json::Value> {
    /// The client configuration is unusable.
    Config(String),
    /// No token could be had: the token request failed or was refused.
    Auth(Box<AuthError>),
    /// The request could not be built from the arguments; nothing was sent.
    InvalidRequest {
        /// The `operationId`.
        operation: &'static str,
        /// What is wrong.
        message: String,
    },
    /// The request did not complete: connection, TLS, timeout or body transfer.
    Transport {
        /// The `operationId`.
        operation: &'static str,
        /// How many attempts were made.
        attempts: u32,
        /// The underlying error.
        source: reqwest::Error,
    },
    /// The server answered with a status outside 2xx.
    Api(Box<ApiError<E>>),
    /// The server answered 2xx with a body that does not fit the expected type.
    Decode(Box<DecodeError>),
    /// The call did not finish within its operation timeout
    /// (`ClientBuilder::operation_timeout`, or the request's own `.operation_timeout(..)`),
    /// retries, their waits and the token request included.
    Timeout(TimeoutError),
    /// The server answered 2xx with a body larger than the client accepts
    /// (`ClientBuilder::max_response_bytes`); the rest of it was not read.
    #[non_exhaustive]
    ResponseTooLarge {
        /// The `operationId`.
        operation: &'static str,
        /// The HTTP status.
        status: StatusCode,
        /// The most bytes the client reads of a successful body.
        limit: usize,
        /// The `ININ-Correlation-Id` response header.
        correlation_id: Option<String>,
    },
}

/// A status outside 2xx, with what the server said.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError<E = serde_json::Value> {
    /// The `operationId`.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// The body, when it is a JSON error document.
    pub body: Option<E>,
    /// The `ININ-Correlation-Id` response header, which Genesys support asks for.
    pub correlation_id: Option<String>,
    /// The body as text (lossy UTF-8), whatever it was: at most its first
    /// [`RAW_BODY_KEPT`] bytes, followed by `… and N more bytes` when it was longer (only the
    /// first 64 KiB of an error body are read, so a huge one costs neither time nor memory).
    pub raw_body: String,
    /// How many attempts were made (more than 1 when retries ran out).
    pub attempts: u32,
    /// The last `Retry-After` the server sent, if any.
    pub retry_after: Option<Duration>,
}

/// How many bytes of a body [`ApiError::raw_body`] and [`DecodeError::raw_body`] keep; the
/// rest is counted, not kept, so that an error stays small enough to log.
pub const RAW_BODY_KEPT: usize = 4 * 1024;

impl<E> ApiError<E> {
    /// An error of `operation` answered with `status`, no body, one attempt: for tests of
    /// code that handles errors. Set the other fields with the `with_` methods.
    ///
    /// ```
    /// use purecloud_platform_client_runtime::reqwest::StatusCode;
    /// use purecloud_platform_client_runtime::{ApiError, Error};
    ///
    /// // What code under test does with a 404 from the API.
    /// fn describe(error: &Error) -> String {
    ///     match error {
    ///         Error::Api(api) if api.status == StatusCode::NOT_FOUND => "gone".to_owned(),
    ///         other => other.to_string(),
    ///     }
    /// }
    ///
    /// let document = serde_json::json!({"message": "trustee not found", "status": 404});
    /// let faked: Error = Error::Api(Box::new(
    ///     ApiError::new("getOrgauthorizationTrustee", StatusCode::NOT_FOUND)
    ///         .with_raw_body(document.to_string())
    ///         .with_body(document)
    ///         .with_correlation_id("c0ffee"),
    /// ));
    /// assert_eq!(describe(&faked), "gone");
    /// assert_eq!(faked.correlation_id(), Some("c0ffee"));
    /// assert_eq!(
    ///     faked.to_string(),
    ///     "getOrgauthorizationTrustee: HTTP 404 Not Found: trustee not found (correlation id c0ffee)"
    /// );
    /// ```
    pub fn new(operation: &'static str, status: StatusCode) -> Self {
        Self {
            operation,
            status,
            body: None,
            correlation_id: None,
            raw_body: String::new(),
            attempts: 1,
            retry_after: None,
        }
    }

    /// With `body` as the decoded error document.
    pub fn with_body(mut self, body: E) -> Self {
        self.body = Some(body);
        self
    }

    /// With `raw_body` as the body's text.
    pub fn with_raw_body(mut self, raw_body: impl Into<String>) -> Self {
        self.raw_body = raw_body.into();
        self
    }

    /// With `correlation_id` as the `ININ-Correlation-Id` header.
    pub fn with_correlation_id(mut self, correlation_id: impl Into<String>) -> Self {
        self.correlation_id = Some(correlation_id.into());
        self
    }

    pub(crate) fn with_correlation(mut self, correlation_id: Option<&str>) -> Self {
        self.correlation_id = correlation_id.map(str::to_owned);
        self
    }

    /// With `attempts` attempts made and `retry_after` the last `Retry-After`.
    pub fn with_attempts(mut self, attempts: u32, retry_after: Option<Duration>) -> Self {
        self.attempts = attempts;
        self.retry_after = retry_after;
        self
    }
}

/// A 2xx body that does not decode.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DecodeError {
    /// The `operationId`.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// The `ININ-Correlation-Id` response header.
    pub correlation_id: Option<String>,
    /// Where in the JSON document decoding failed, such as `entities[0].dateCreated`.
    pub path: String,
    /// What serde said.
    pub message: String,
    /// The body as text (lossy UTF-8): at most its first [`RAW_BODY_KEPT`] bytes, followed by
    /// `… and N more bytes` when it was longer.
    pub raw_body: String,
}

impl DecodeError {
    /// A 2xx body of `operation` that did not decode at `path` (such as `entities[0].id`)
    /// because of `message`: for tests of code that handles errors. Set the other fields with
    /// the `with_` methods.
    pub fn new(
        operation: &'static str,
        status: StatusCode,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            operation,
            status,
            correlation_id: None,
            path: path.into(),
            message: message.into(),
            raw_body: String::new(),
        }
    }

    /// With `raw_body` as the body's text.
    pub fn with_raw_body(mut self, raw_body: impl Into<String>) -> Self {
        self.raw_body = raw_body.into();
        self
    }

    /// With `correlation_id` as the `ININ-Correlation-Id` header.
    pub fn with_correlation_id(mut self, correlation_id: impl Into<String>) -> Self {
        self.correlation_id = Some(correlation_id.into());
        self
    }
}

/// A call that did not finish within its operation timeout: the deadline of the whole call,
/// every attempt, every wait between them and the token request included, as opposed to the
/// per-attempt `timeout`, whose expiry is an [`Error::Transport`] that is retried.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TimeoutError {
    /// The `operationId`.
    pub operation: &'static str,
    /// The operation timeout that ran out.
    pub deadline: Duration,
    /// How many requests had been sent when it ran out: 0 when it ran out before the first
    /// was sent (waiting for a token, say).
    pub attempts: u32,
}

impl TimeoutError {
    /// `operation` stopped after its operation timeout `deadline`, one request sent: for tests
    /// of code that handles errors. [`with_attempts`](Self::with_attempts) sets the count.
    ///
    /// ```
    /// use std::time::Duration;
    /// use purecloud_platform_client_runtime::{Error, TimeoutError};
    ///
    /// let faked: Error = Error::Timeout(
    ///     TimeoutError::new("getOrgauthorizationTrustees", Duration::from_secs(5)).with_attempts(3),
    /// );
    /// assert!(faked.is_timeout());
    /// assert_eq!(
    ///     faked.to_string(),
    ///     "getOrgauthorizationTrustees: the operation timeout of 5s ran out after 3 attempts"
    /// );
    /// ```
    pub fn new(operation: &'static str, deadline: Duration) -> Self {
        Self {
            operation,
            deadline,
            attempts: 1,
        }
    }

    /// With `attempts` requests sent before the deadline.
    pub fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: the operation timeout of {:?} ran out",
            self.operation, self.deadline
        )?;
        match self.attempts {
            0 => write!(f, " before a request was sent"),
            1 => Ok(()),
            attempts => write!(f, " after {attempts} attempts"),
        }
    }
}

impl std::error::Error for TimeoutError {}

/// Why no token could be had.
///
/// `Display` says what failed, with the token endpoint's host, status and OAuth error when
/// known; [`source`](std::error::Error::source) is the cause (the HTTP error of a request
/// that got no answer), whose own chain says the rest. Neither ever holds the client secret
/// or a token. Cloned when callers that waited for one token request share its failure.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct AuthError {
    /// What went wrong, such as "token request failed".
    pub message: String,
    /// The token endpoint's host (and port, when not the default), such as
    /// `login.mypurecloud.ie`: which host answered, or did not.
    pub host: Option<String>,
    /// The token endpoint's HTTP status, when it answered.
    pub status: Option<StatusCode>,
    /// The OAuth `error` code the token endpoint sent, such as `invalid_client`.
    pub error: Option<String>,
    /// The OAuth `error_description` the token endpoint sent.
    pub error_description: Option<String>,
    source: Option<Arc<dyn std::error::Error + Send + Sync>>,
}

impl AuthError {
    /// An error saying `message`, with no status, code or cause.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            host: None,
            status: None,
            error: None,
            error_description: None,
            source: None,
        }
    }

    /// The OAuth `error` code the token endpoint sent (RFC 6749 §5.2), such as
    /// `invalid_grant` (a spent or unknown code, an expired assertion, a revoked refresh
    /// token) or `invalid_client` (a wrong id or secret).
    pub fn oauth_error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The OAuth `error_description` the token endpoint sent, if any.
    pub fn oauth_error_description(&self) -> Option<&str> {
        self.error_description.as_deref()
    }

    /// With `source` as its cause, which [`source`](std::error::Error::source) returns.
    pub fn with_source(
        mut self,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        self.source = Some(Arc::from(source.into()));
        self
    }

    /// With `host` as the token endpoint's host.
    pub fn with_host(mut self, host: impl Into<String>) -> Self {
        self.host = Some(host.into());
        self
    }

    /// With the token endpoint's `status`, OAuth `error` and `error_description`.
    pub fn with_response(
        mut self,
        status: StatusCode,
        error: Option<String>,
        error_description: Option<String>,
    ) -> Self {
        self.status = Some(status);
        self.error = error;
        self.error_description = error_description;
        self
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(host) = &self.host {
            write!(f, " (token endpoint {host})")?;
        }
        if let Some(status) = self.status {
            write!(f, ": HTTP {status}")?;
        }
        if let Some(error) = &self.error {
            write!(f, ": {error}")?;
        }
        if let Some(description) = &self.error_description {
            write!(f, ": {description}")?;
        }
        Ok(())
    }
}

impl std::error::Error for AuthError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn std::error::Error + 'static))
    }
}

impl<E> From<AuthError> for Error<E> {
    fn from(error: AuthError) -> Self {
        Self::Auth(Box::new(error))
    }
}

impl<E> Error<E> {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(error) => Some(error.status),
            Self::Decode(error) => Some(error.status),
            Self::Auth(error) => error.status,
            Self::ResponseTooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The `operationId` of the failed call, when the error belongs to one.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Self::Config(_) | Self::Auth(_) => None,
            Self::InvalidRequest { operation, .. }
            | Self::Transport { operation, .. }
            | Self::ResponseTooLarge { operation, .. } => Some(operation),
            Self::Api(error) => Some(error.operation),
            Self::Decode(error) => Some(error.operation),
            Self::Timeout(error) => Some(error.operation),
        }
    }

    /// Whether time ran out: the operation timeout ([`Error::Timeout`]), or the per-attempt
    /// timeout of the last attempt ([`Error::Transport`] timed out).
    pub fn is_timeout(&self) -> bool {
        match self {
            Self::Timeout(_) => true,
            Self::Transport { source, .. } => source.is_timeout(),
            _ => false,
        }
    }

    /// The error document the server sent, if any.
    pub fn error_body(&self) -> Option<&E> {
        match self {
            Self::Api(error) => error.body.as_ref(),
            _ => None,
        }
    }

    /// How many attempts were made, when the call was sent.
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Self::Transport { attempts, .. } => Some(*attempts),
            Self::Api(error) => Some(error.attempts),
            Self::Timeout(error) => Some(error.attempts),
            _ => None,
        }
    }

    /// The correlation id of the failed call, if the server sent one.
    pub fn correlation_id(&self) -> Option<&str> {
        match self {
            Self::Api(error) => error.correlation_id.as_deref(),
            Self::Decode(error) => error.correlation_id.as_deref(),
            Self::ResponseTooLarge { correlation_id, .. } => correlation_id.as_deref(),
            _ => None,
        }
    }

    #[doc(hidden)]
    pub fn invalid_request(info: &OperationInfo, message: impl Into<String>) -> Self {
        Self::InvalidRequest {
            operation: info.id,
            message: message.into(),
        }
    }
}

impl Error<Undecoded> {
    /// The same error with its error document, if any, decoded as `E`. Generic, so compiled
    /// where a call is awaited; everything before it is compiled once, in this crate.
    pub fn decode_body<E: serde::de::DeserializeOwned>(self) -> Error<E> {
        match self {
            Self::Config(message) => Error::Config(message),
            Self::Auth(error) => Error::Auth(error),
            Self::InvalidRequest { operation, message } => {
                Error::InvalidRequest { operation, message }
            }
            Self::Transport {
                operation,
                attempts,
                source,
            } => Error::Transport {
                operation,
                attempts,
                source,
            },
            Self::Api(error) => Error::Api(Box::new(error.decode_body())),
            Self::Decode(error) => Error::Decode(error),
            Self::Timeout(error) => Error::Timeout(error),
            Self::ResponseTooLarge {
                operation,
                status,
                limit,
                correlation_id,
            } => Error::ResponseTooLarge {
                operation,
                status,
                limit,
                correlation_id,
            },
        }
    }
}

impl ApiError<Undecoded> {
    /// The same error with its body decoded as `E`, when it is such a JSON document. A body
    /// cut to [`RAW_BODY_KEPT`] bytes ends in the `… and N more bytes` note and so decodes to
    /// `None`, as a document cut short should.
    fn decode_body<E: serde::de::DeserializeOwned>(self) -> ApiError<E> {
        ApiError {
            body: serde_json::from_str(&self.raw_body).ok(),
            operation: self.operation,
            status: self.status,
            correlation_id: self.correlation_id,
            raw_body: self.raw_body,
            attempts: self.attempts,
            retry_after: self.retry_after,
        }
    }
}

impl<E: ErrorMessage> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Config(message) => write!(f, "client configuration: {message}"),
            // The `AuthError` is shown here, so `source()` goes on from its cause.
            Self::Auth(error) => write!(f, "authentication: {error}"),
            Self::InvalidRequest { operation, message } => write!(f, "{operation}: {message}"),
            // Only this layer's part: the reqwest error is `source()`, and its chain holds
            // the cause ("operation timed out", "end of file before message length
            // reached"); printing it here too would repeat it in every printed chain.
            Self::Transport {
                operation,
                attempts,
                source,
            } => {
                write!(f, "{operation}: request failed")?;
                if source.is_timeout() {
                    write!(f, " (timed out)")?;
                } else if source.is_connect() {
                    write!(f, " (could not connect)")?;
                }
                if *attempts > 1 {
                    write!(f, " after {attempts} attempts")?;
                }
                Ok(())
            }
            Self::Api(error) => error.fmt(f),
            Self::Decode(error) => error.fmt(f),
            Self::Timeout(error) => error.fmt(f),
            Self::ResponseTooLarge {
                operation,
                status,
                limit,
                correlation_id,
            } => {
                write!(
                    f,
                    "{operation}: HTTP {status}: the response body is larger than the \
                     {limit} bytes the client accepts (max_response_bytes)"
                )?;
                if let Some(correlation_id) = correlation_id {
                    write!(f, " (correlation id {correlation_id})")?;
                }
                Ok(())
            }
        }
    }
}

impl<E: ErrorMessage + fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport { source, .. } => Some(source),
            Self::Auth(error) => std::error::Error::source(error.as_ref()),
            _ => None,
        }
    }
}

impl<E: ErrorMessage> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: HTTP {}", self.operation, self.status)?;
        if let Some(message) = self.body.as_ref().and_then(ErrorMessage::message) {
            write!(f, ": {message}")?;
        }
        if let Some(correlation_id) = &self.correlation_id {
            write!(f, " (correlation id {correlation_id})")?;
        }
        if self.attempts > 1 {
            write!(f, " after {} attempts", self.attempts)?;
            if let Some(retry_after) = self.retry_after {
                write!(f, ", last Retry-After {}s", retry_after.as_secs())?;
            }
        }
        Ok(())
    }
}

impl<E: ErrorMessage + fmt::Debug> std::error::Error for ApiError<E> {}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: HTTP {}: the response body does not fit at `{}`: {}",
            self.operation, self.status, self.path, self.message
        )
    }
}

impl std::error::Error for DecodeError {}
