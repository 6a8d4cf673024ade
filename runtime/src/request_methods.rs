//! The methods every operation's request type shares, written once here as a macro that the
//! generated client calls once per operation, so its files hold only what each operation says.
//!
//! The generated request types differ in their parameters and response; the per-call options,
//! sending and `.await` are the same for all of them. They are inherent methods (not a trait
//! a caller would have to import), hence a macro rather than a blanket impl.

/// Adds a request type's per-call options (`header`, `timeout`, `operation_timeout`,
/// `retry_policy`), `send`,
/// `send_with_response` and `IntoFuture`.
///
/// Called from the generated client crate as `request_methods!(Request, Response)`, where
/// `Request` has the fields `client` (`crate::client::Client`) and `options`
/// ([`RequestOptions`](crate::client::RequestOptions)) and a method `into_request`, and
/// `Response` says what a call returns: `Model(Name)` a model, `crate::models::Name`, decoded
/// from JSON; `Models(Name)` a list of them; `Json(Type)` any other type decoded from JSON;
/// `Text`, `Binary` or `Empty` a body read as a `String`, as bytes, or not at all; `Status(Enum)`
/// a status enum the request type itself decodes. Those words keep the call free of generic
/// types, which the formatter can only print spaced out inside a macro call.
///
/// Paths that start with `crate::` name the calling crate's items (its `client::Call` and
/// `error::Error`, which fix the API's error document, and its `models`), since a
/// `macro_rules!` macro resolves them where it is called.
#[doc(hidden)]
#[macro_export]
#[allow(
    clippy::crate_in_macro_def,
    reason = "`crate::` names the generated crate's items, where the macro is called"
)]
macro_rules! __request_methods {
    ($request:ident, Model($model:ident)) => {
        $crate::__request_methods!(
            @impl $request,
            $crate::client::Json<crate::models::$model>,
            crate::models::$model
        );
    };
    ($request:ident, Models($model:ident)) => {
        $crate::__request_methods!(
            @impl $request,
            $crate::client::Json<::std::vec::Vec<crate::models::$model>>,
            ::std::vec::Vec<crate::models::$model>
        );
    };
    ($request:ident, Json($output:ty)) => {
        $crate::__request_methods!(@impl $request, $crate::client::Json<$output>, $output);
    };
    ($request:ident, Text) => {
        $crate::__request_methods!(@impl $request, $crate::client::Text, ::std::string::String);
    };
    ($request:ident, Binary) => {
        $crate::__request_methods!(@impl $request, $crate::client::Binary, ::bytes::Bytes);
    };
    ($request:ident, Empty) => {
        $crate::__request_methods!(@impl $request, $crate::client::Empty, ());
    };
    ($request:ident, Status($status:ident)) => {
        $crate::__request_methods!(@impl $request, $request, $status);
    };
    (@impl $request:ident, $decoder:ty, $output:ty) => {
        impl $request {
            /// Sends this header with the request too. A value with CR or LF makes the call fail
            /// before anything is sent.
            #[inline]
            pub fn header(
                mut self,
                name: impl ::std::convert::Into<::std::string::String>,
                value: impl ::std::convert::Into<::std::string::String>,
            ) -> Self {
                self.options.headers.push((name.into(), value.into()));
                self
            }

            /// Gives up on each attempt after `timeout`, instead of the client's timeout.
            #[inline]
            pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.options.timeout = ::std::option::Option::Some(timeout);
                self
            }

            /// Gives up on the whole call, retries and their waits included, after `deadline`,
            /// instead of the client's operation timeout: the call then fails with
            /// `Error::Timeout`.
            #[inline]
            pub fn operation_timeout(mut self, deadline: ::std::time::Duration) -> Self {
                self.options.operation_timeout = ::std::option::Option::Some(deadline);
                self
            }

            /// Retries this call as `policy` says, instead of the client's policy.
            #[inline]
            pub fn retry_policy(mut self, policy: $crate::retry::RetryPolicy) -> Self {
                self.options.retry = ::std::option::Option::Some(policy);
                self
            }

            /// Sends the request and decodes the response.
            #[inline]
            pub fn send(self) -> crate::client::Call<$decoder> {
                self.client.clone().call(self.into_request())
            }

            /// Sends the request and decodes the response, keeping its status and headers (the
            /// `ININ-Correlation-Id` among them) beside what it decoded.
            #[inline]
            pub fn send_with_response(
                self,
            ) -> crate::client::Call<$crate::client::WithResponse<$decoder>> {
                self.client.clone().call(self.into_request())
            }
        }

        impl ::std::future::IntoFuture for $request {
            type Output = ::std::result::Result<$output, crate::error::Error>;
            type IntoFuture = crate::client::Call<$decoder>;

            #[inline]
            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }
    };
}
