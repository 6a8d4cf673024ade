//! Runtime of `purecloud-platform-client`, the Rust client for the Genesys Cloud Platform API:
//! the HTTP transport, authentication, retries, paging, errors and the shared model codec.
//!
//! The client crate is generated from the API's OpenAPI description; this crate holds what
//! does not depend on it, written and tested by hand. Use it through the client crate, which
//! re-exports what callers need and fixes [`Error`]'s error document to the API's own.

pub mod auth;
mod body;
pub mod client;
#[doc(hidden)]
pub mod codec;
pub mod env;
pub mod error;
pub mod hook;
pub mod metadata;
#[doc(hidden)]
pub mod paging;
mod parameter;
pub mod region;
mod request_methods;
pub mod retry;
#[cfg(test)]
mod testing;

pub use auth::{
    AccessToken, AuthorizationCode, ClientCredentials, RefreshTokenGrant, Saml2Bearer, StaticToken,
    TokenProvider,
};
pub use client::{
    Call, ClientBuilder, DEFAULT_BASE_URL, DEFAULT_LOGIN_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT, Response, Transport, USER_AGENT,
};
pub use codec::BuildError;
pub use error::{ApiError, AuthError, DecodeError, Error, ErrorMessage, TimeoutError};
pub use hook::Hook;
pub use metadata::{HttpMethod, OperationInfo, PermissionKind, Permissions};
pub use region::{Region, UnknownRegion};
pub use retry::RetryPolicy;

/// The HTTP client crate this one is built on, for its `StatusCode` and `HeaderMap` (which
/// errors and responses carry) and to hand the client a `reqwest::Client` of your own.
pub use reqwest;
