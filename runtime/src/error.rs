//! The error every call returns, with what went wrong and where.
//!
//! [`Error`] is generic over the API's error document `E`, which the client crate fixes to its
//! error model (`pub type Error = Error<models::ErrorBody>`). Sending a call is compiled once,
//! here, so the transport fails with an [`Error<Undecoded>`](Undecoded), whose error document
//! is still text; [`Error::decode_body`] reads it as `E` where the call is awaited.

use std::convert::Infallible;
use std::fmt;
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
    /// The body as text (lossy UTF-8), whatever it was.
    pub raw_body: String,
    /// How many attempts were made (more than 1 when retries ran out).
    pub attempts: u32,
    /// The last `Retry-After` the server sent, if any.
    pub retry_after: Option<Duration>,
}

impl<E> ApiError<E> {
    /// An error of `operation` answered with `status`, no body, one attempt: for tests of
    /// code that handles errors. Set the other fields with the `with_` methods.
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
    /// The body as text (lossy UTF-8).
    pub raw_body: String,
}

/// Why no token could be had.
#[derive(Debug)]
#[non_exhaustive]
pub struct AuthError {
    /// What went wrong, such as "token request failed".
    pub message: String,
    /// The token endpoint's HTTP status, when it answered.
    pub status: Option<StatusCode>,
    /// The OAuth `error` code the token endpoint sent, such as `invalid_client`.
    pub error: Option<String>,
    /// The OAuth `error_description` the token endpoint sent.
    pub error_description: Option<String>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl AuthError {
    /// An error saying `message`, with no status, code or cause.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            status: None,
            error: None,
            error_description: None,
            source: None,
        }
    }

    /// With `source` as its cause, which [`source`](std::error::Error::source) returns.
    pub fn with_source(
        mut self,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        self.source = Some(source.into());
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
            _ => None,
        }
    }

    /// The `operationId` of the failed call, when the error belongs to one.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Self::Config(_) | Self::Auth(_) => None,
            Self::InvalidRequest { operation, .. } | Self::Transport { operation, .. } => {
                Some(operation)
            }
            Self::Api(error) => Some(error.operation),
            Self::Decode(error) => Some(error.operation),
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
            _ => None,
        }
    }

    /// The correlation id of the failed call, if the server sent one.
    pub fn correlation_id(&self) -> Option<&str> {
        match self {
            Self::Api(error) => error.correlation_id.as_deref(),
            Self::Decode(error) => error.correlation_id.as_deref(),
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
        }
    }
}

impl ApiError<Undecoded> {
    /// The same error with its body decoded as `E`, when it is such a JSON document.
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
            Self::Auth(error) => write!(f, "authentication: {error}"),
            Self::InvalidRequest { operation, message } => write!(f, "{operation}: {message}"),
            Self::Transport {
                operation,
                attempts,
                source,
            } => {
                write!(f, "{operation}: request failed: {source}")?;
                if source.is_timeout() {
                    write!(f, " (timed out)")?;
                }
                if *attempts > 1 {
                    write!(f, " (after {attempts} attempts)")?;
                }
                Ok(())
            }
            Self::Api(error) => error.fmt(f),
            Self::Decode(error) => error.fmt(f),
        }
    }
}

impl<E: ErrorMessage + fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport { source, .. } => Some(source),
            Self::Auth(error) => Some(error.as_ref()),
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
