//! The intermediate representation: the spec lowered to what the client needs, with Rust names.
//!
//! Every named thing keeps both its name in the API (`api_name`, as on the wire or in the spec)
//! and its Rust name, so templates never convert case themselves.

/// Everything the client crate is rendered from.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// The spec's title.
    pub title: String,
    /// The spec's `info.version`.
    pub version: String,
    /// The base URL calls go to unless the caller picks another.
    pub default_base_url: String,
    /// The login (OAuth) base URL unless the caller picks another: the spec's token URL
    /// without its `/oauth/token` path.
    pub default_login_base_url: String,
    /// Model modules, sorted by module name.
    pub modules: Vec<ModelModule>,
    /// Operation groups, one per tag, sorted by Rust name.
    pub groups: Vec<Group>,
    /// The model that error responses carry, when every operation names the same one.
    pub error_model: Option<String>,
    /// The most types a crate of models holds, when the spec says (`x-rust-models-per-crate`).
    pub models_per_crate: Option<usize>,
}

/// A field of a page struct that the page walk reads.
#[derive(Debug, Clone, PartialEq)]
pub struct PageField {
    /// Rust field name; the field is an `Option`, as every model field is.
    pub rust_name: String,
    /// The field's type.
    pub ty: TypeRef,
}

/// One file under `models/`: a type and the types defined inline inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelModule {
    /// The component schema, or the `operationId`, the types come from.
    pub api_name: String,
    /// Module name, snake case.
    pub module: String,
    /// Structs, main one first, then inline ones in the order they were found.
    pub structs: Vec<Struct>,
    /// Enums found inline, in the order they were found.
    pub enums: Vec<Enum>,
    /// Unions (`oneOf`, `anyOf`), in the order they were found.
    pub unions: Vec<Union>,
    /// Type aliases: component schemas that are lists, maps or scalars.
    pub aliases: Vec<Alias>,
}

impl ModelModule {
    /// The number of types it defines.
    pub fn type_count(&self) -> usize {
        self.structs.len() + self.enums.len() + self.unions.len() + self.aliases.len()
    }
}

/// A component schema that names a list, a map or a scalar.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    /// Rust type name.
    pub rust_name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// The aliased type.
    pub ty: TypeRef,
}

/// A value that is one of several types (`oneOf`, `anyOf`).
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// Where the schema stands in the spec.
    pub api_name: String,
    /// Rust type name.
    pub rust_name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// The property whose value tells the member apart, when the spec names one.
    pub discriminator: Option<String>,
    /// Members in the spec's order.
    pub variants: Vec<UnionVariant>,
    /// With a discriminator: the variant that keeps a value with a tag the spec does not list.
    pub other_variant: String,
}

/// One member of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// Rust variant name.
    pub rust_name: String,
    /// The member's type.
    pub ty: TypeRef,
    /// Discriminator values that select this member.
    pub tags: Vec<String>,
    /// Whether the member is boxed because it closes a cycle of by-value containment; set by
    /// `analyze`, which sees every type.
    pub boxed: bool,
    /// When the member is a struct: the API names of the properties the spec requires of it.
    /// Without a discriminator, an object fits the member only when it has them all, since
    /// every struct decodes from any object now that all its fields are optional. Set by
    /// `analyze`.
    pub required: Vec<String>,
}

/// A JSON object with known properties.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// Where the schema stands in the spec (a component name, or a path to an inline schema).
    pub api_name: String,
    /// Rust type name.
    pub rust_name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Fields in the spec's order.
    pub fields: Vec<Field>,
    /// Whether the schema is deprecated.
    pub deprecated: bool,
    /// Rust name of the field that keeps the properties the spec does not list; it dodges the
    /// fields' names.
    pub unknown_fields: String,
    /// Rust name of its builder type, which dodges every type name of the crate.
    pub builder_name: String,
    /// Whether it is the document the API sends with errors, whose message `Display` shows.
    pub is_error_model: bool,
}

impl Struct {
    /// True when a request must hold a field, so the builder's `build` can fail.
    pub fn has_required(&self) -> bool {
        self.fields.iter().any(Field::required_in_requests)
    }

    /// The field an error document's `Display` shows: a non-nullable string `message`.
    pub fn message_field(&self) -> Option<&Field> {
        self.fields.iter().find(|field| {
            field.api_name == "message"
                && field.ty == TypeRef::String
                && !field.nullable
                && !field.boxed
        })
    }

    /// True when the struct or one of its fields is deprecated, so code that builds it must
    /// allow that.
    pub fn touches_deprecated(&self) -> bool {
        self.deprecated || self.fields.iter().any(|field| field.deprecated)
    }
}

/// One property of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// JSON property name.
    pub api_name: String,
    /// Rust field name.
    pub rust_name: String,
    /// Name of its setter on the struct's builder, which dodges the builder's `build`.
    pub setter: String,
    /// Documentation.
    pub doc: Option<String>,
    /// The value's type, without the `Option`s every field has.
    pub ty: TypeRef,
    /// Whether the spec requires the property. Decoding does not insist on it (responses
    /// often leave required properties out); the builder does.
    pub required: bool,
    /// Whether the value is boxed because the field closes a cycle of by-value containment;
    /// set by `analyze`, which sees every type.
    pub boxed: bool,
    /// Whether the value may be `null` (`nullable: true`).
    pub nullable: bool,
    /// Whether the server sets it and requests leave it out (`readOnly: true`).
    pub read_only: bool,
    /// Whether the property is deprecated.
    pub deprecated: bool,
}

impl Field {
    /// True when the builder insists on the field: the spec requires it and it is not
    /// read-only (a read-only property the spec requires is one every response holds; a
    /// request leaves it to the server).
    pub fn required_in_requests(&self) -> bool {
        self.required && !self.read_only
    }
}

/// An open string enum: known values get variants, any other value is kept as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// Where the enum stands in the spec.
    pub api_name: String,
    /// Rust type name.
    pub rust_name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Known values in the spec's order.
    pub variants: Vec<Variant>,
    /// Name of the variant that holds values the spec does not list.
    pub other_variant: String,
    /// Whether the values are integers rather than strings.
    pub integer: bool,
}

/// One known enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The value on the wire (an integer enum's value in decimal).
    pub api_name: String,
    /// Rust variant name.
    pub rust_name: String,
}

/// A type as fields, parameters, bodies and responses use it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeRef {
    /// Text.
    String,
    /// `true` or `false`.
    Bool,
    /// 8-bit integer (`format: int8`).
    I8,
    /// 16-bit integer (`format: int16`).
    I16,
    /// 32-bit integer.
    I32,
    /// 64-bit integer.
    I64,
    /// Unsigned 8-bit integer (`format: uint8`).
    U8,
    /// Unsigned 16-bit integer (`format: uint16`).
    U16,
    /// Unsigned 32-bit integer (`format: uint32`).
    U32,
    /// Unsigned 64-bit integer (`format: uint64`).
    U64,
    /// 32-bit float.
    F32,
    /// 64-bit float.
    F64,
    /// RFC 3339 date-time.
    DateTime,
    /// RFC 3339 full-date.
    Date,
    /// Any JSON value.
    Json,
    /// A generated struct or enum, by Rust name.
    Named(String),
    /// A JSON array.
    List(Box<TypeRef>),
    /// A JSON object used as a map with string keys.
    Map(Box<TypeRef>),
    /// A list item or map value that may be `null` (its schema says `nullable: true`):
    /// `Option<T>`, `None` for `null`. Fields need none: every field is an `Option` already.
    Nullable(Box<TypeRef>),
}

/// The operations of one tag.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The tag.
    pub api_name: String,
    /// Rust type name of the group handle.
    pub rust_name: String,
    /// Module and `Client` accessor name, snake case.
    pub module: String,
    /// Documentation (the tag's description).
    pub doc: Option<String>,
    /// Operations in the spec's order.
    pub operations: Vec<Operation>,
}

impl Group {
    /// True when every operation of the group is a preview, so the group needs the feature.
    pub fn all_preview(&self) -> bool {
        self.operations.iter().all(|operation| operation.preview)
    }
}

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The `operationId`; for an operation without one, its method name.
    pub api_name: String,
    /// The `operationId` as a `#[doc(alias)]`, unless rustc would reject it
    /// (`naming::doc_alias`).
    pub doc_alias: Option<String>,
    /// Method name on the group, snake case.
    pub method_name: String,
    /// Request builder type name.
    pub builder_name: String,
    /// Metadata constant name, screaming snake case.
    pub const_name: String,
    /// HTTP method, upper case.
    pub http_method: String,
    /// Path template, as in the spec.
    pub path: String,
    /// One-line summary.
    pub summary: Option<String>,
    /// Longer description.
    pub description: Option<String>,
    /// The module of the group whose file defines the request builder: the first tag's.
    pub home_module: String,
    /// Whether the operation is deprecated.
    pub deprecated: bool,
    /// Permissions a caller needs (`x-inin-requires-permissions`).
    pub permissions: Option<Permissions>,
    /// Whether the operation is a preview (`x-genesys-preview`).
    pub preview: bool,
    /// Parameters in the spec's order.
    pub parameters: Vec<Parameter>,
    /// The request body.
    pub body: Option<Body>,
    /// The success response.
    pub response: Response,
    /// The `Accept` header a call sends: the media types the success responses are read as.
    pub accept: String,
    /// How to walk the pages, when the response is one page of a listing; found by `analyze`,
    /// which sees the page struct.
    pub pagination: Option<Pagination>,
    /// The URL of the server the operation's own `servers` (else its path item's) name
    /// first, variables filled in, without a trailing `/`: absolute
    /// (`https://upload.example.com/v1`) or relative to the client's base URL (`/v2`).
    /// `None` sends it to the client's base URL.
    pub server: Option<String>,
}

/// An operation whose response is one page of a listing: a `pageNumber` query parameter and a
/// response with `entities`, `pageNumber` and `pageCount`.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// Rust name of the page type.
    pub page_type: String,
    /// Type of one item.
    pub item: TypeRef,
    /// The builder setter of the page number parameter.
    pub page_number_setter: String,
    /// Type of the page number parameter.
    pub page_number_type: TypeRef,
    /// The page's items field.
    pub entities: PageField,
    /// The page's page-number field.
    pub page_number: PageField,
    /// The page's page-count field.
    pub page_count: PageField,
}

impl Operation {
    /// Path parameters, in the spec's order.
    pub fn path_parameters(&self) -> impl Iterator<Item = &Parameter> {
        self.parameters
            .iter()
            .filter(|parameter| parameter.location == Location::Path)
    }

    /// Required parameters, which are arguments of the method.
    pub fn required_parameters(&self) -> impl Iterator<Item = &Parameter> {
        self.parameters
            .iter()
            .filter(|parameter| parameter.required)
    }

    /// How many arguments the group's method takes, `&self` included: each required
    /// parameter, and the body.
    pub fn argument_count(&self) -> usize {
        1 + self.required_parameters().count() + usize::from(self.body.is_some())
    }

    /// Optional parameters, which are setters on the builder.
    pub fn optional_parameters(&self) -> impl Iterator<Item = &Parameter> {
        self.parameters
            .iter()
            .filter(|parameter| !parameter.required)
    }

    /// Query, header and cookie parameters, in the spec's order.
    pub fn query_parameters(&self) -> impl Iterator<Item = &Parameter> {
        self.parameters
            .iter()
            .filter(|parameter| parameter.location != Location::Path)
    }

    /// Path parameters the generated code writes itself, as one segment each.
    pub fn direct_path_parameters(&self) -> impl Iterator<Item = &Parameter> {
        self.path_parameters().filter(|parameter| parameter.direct)
    }

    /// Path parameters the runtime expands by style.
    pub fn styled_path_parameters(&self) -> impl Iterator<Item = &Parameter> {
        self.path_parameters().filter(|parameter| !parameter.direct)
    }
}

/// Required permissions of an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permissions {
    /// Whether all permissions are needed (`ALL`) or one suffices (`ANY`).
    pub all: bool,
    /// Permission names.
    pub names: Vec<String>,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A segment of the path.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie, in the request's one `Cookie` header.
    Cookie,
}

impl Location {
    /// Where the parameter goes, as docs say it.
    pub fn place(self) -> &'static str {
        match self {
            Self::Path => "path",
            Self::Query => "query",
            Self::Header => "headers",
            Self::Cookie => "cookies",
        }
    }

    /// The style a parameter here has when the spec names none.
    pub fn default_style(self) -> Style {
        match self {
            Self::Path | Self::Header => Style::Simple,
            Self::Query | Self::Cookie => Style::Form,
        }
    }
}

/// How a parameter value is written: OpenAPI's `style`, or JSON text for a parameter
/// described by `content: application/json`. The runtime's `Style` has the same variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `form` (query, cookie).
    Form,
    /// `spaceDelimited` (query).
    SpaceDelimited,
    /// `pipeDelimited` (query).
    PipeDelimited,
    /// `deepObject` (query).
    DeepObject,
    /// `simple` (path, header).
    Simple,
    /// `label` (path).
    Label,
    /// `matrix` (path).
    Matrix,
    /// `content: application/json`: the value's JSON text.
    Json,
}

impl Style {
    /// The variant's name, as the runtime's `Style` spells it.
    pub fn variant(self) -> &'static str {
        match self {
            Self::Form => "Form",
            Self::SpaceDelimited => "SpaceDelimited",
            Self::PipeDelimited => "PipeDelimited",
            Self::DeepObject => "DeepObject",
            Self::Simple => "Simple",
            Self::Label => "Label",
            Self::Matrix => "Matrix",
            Self::Json => "Json",
        }
    }

    /// The style as the spec writes it (`content` for JSON text).
    pub fn api_name(self) -> &'static str {
        match self {
            Self::Form => "form",
            Self::SpaceDelimited => "spaceDelimited",
            Self::PipeDelimited => "pipeDelimited",
            Self::DeepObject => "deepObject",
            Self::Simple => "simple",
            Self::Label => "label",
            Self::Matrix => "matrix",
            Self::Json => "JSON",
        }
    }
}

/// One path, query, header or cookie parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// Name on the wire.
    pub api_name: String,
    /// Rust argument and setter name.
    pub rust_name: String,
    /// Where it goes.
    pub location: Location,
    /// Documentation.
    pub doc: Option<String>,
    /// Value type.
    pub ty: TypeRef,
    /// Whether the caller must give it.
    pub required: bool,
    /// The server's default, as the spec states it.
    pub default: Option<serde_json::Value>,
    /// How the value is written.
    pub style: Style,
    /// For lists and objects: a pair per item or property (`true`), or the items joined
    /// (`false`), as the style says.
    pub explode: bool,
    /// Whether the generated code writes the value itself: a scalar, or a list of scalars in
    /// the query, in the location's default style. Any other value goes through the runtime,
    /// which encodes it with serde and expands it by style; keeping the common case out of
    /// it keeps the generated code small. Set by `analyze`, which sees what a named type is.
    pub direct: bool,
    /// `allowReserved: true` (query parameters only): RFC 3986's reserved characters in the
    /// value are sent as they are, not percent-encoded.
    pub allow_reserved: bool,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// Documentation.
    pub doc: Option<String>,
    /// Type of a JSON or form body; `String` for text and binary ones, whose Rust type
    /// [`BodyKind`] says.
    pub ty: TypeRef,
    /// How it is encoded.
    pub kind: BodyKind,
    /// The media type it is sent with, as the spec writes it: its `Content-Type`.
    pub media_type: String,
    /// A form's fields that the spec's Encoding Object writes other than in `form` style with
    /// `explode` (the default, which the fields not listed take), in the spec's order.
    pub form_fields: Vec<FormField>,
}

/// How one field of a form body is written, from the spec's Encoding Object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    /// The field's name in the form.
    pub api_name: String,
    /// Its style; [`Style::Json`] for a `contentType` of JSON.
    pub style: Style,
    /// For lists and objects: a pair per item or property, or the items joined.
    pub explode: bool,
}

/// How a request body is encoded (see `media.rs` for which media type gives which).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// JSON, from [`Body::ty`].
    Json,
    /// `application/x-www-form-urlencoded`, from [`Body::ty`].
    Form,
    /// Text: the caller gives a `String`.
    Text,
    /// Anything else: the caller gives the bytes (`bytes::Bytes`).
    Binary,
}

/// What a successful call returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// No body (204, or a success response without content).
    Empty,
    /// A JSON body of this type.
    Json(TypeRef),
    /// A text body, of this media type.
    Text(String),
    /// A binary body, of this media type.
    Binary(String),
    /// Several success statuses with different bodies: an enum with a variant per status.
    ByStatus(StatusResponse),
}

/// A response enum with one variant per success status.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusResponse {
    /// Rust type name of the enum.
    pub rust_name: String,
    /// One case per status, in the spec's order.
    pub cases: Vec<StatusCase>,
}

/// One success status of a [`StatusResponse`].
#[derive(Debug, Clone, PartialEq)]
pub struct StatusCase {
    /// The HTTP status, or `2XX`.
    pub status: SuccessStatus,
    /// Rust variant name.
    pub rust_name: String,
    /// The body of that status; never [`Response::ByStatus`].
    pub body: Response,
}

/// The status of a [`StatusCase`]: an exact code, or the `2XX` range, which takes the success
/// statuses no exact code names (its case comes after the exact ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuccessStatus {
    /// One status.
    Code(u16),
    /// `2XX`: every success status not listed on its own.
    Range,
}

impl SuccessStatus {
    /// The match arm pattern that takes the status: the code, or a guard for the range, which
    /// comes after the exact codes.
    pub fn pattern(&self) -> String {
        match self {
            Self::Code(code) => code.to_string(),
            Self::Range => "status if (200..=299).contains(&status)".to_owned(),
        }
    }
}

impl std::fmt::Display for SuccessStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Code(code) => write!(f, "{code}"),
            Self::Range => f.write_str("2XX"),
        }
    }
}
