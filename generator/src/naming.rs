//! All naming: API names to Rust identifiers (case, keywords, leading digits) and collision handling.

use std::collections::BTreeSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be plain identifiers in Rust 2024, strict and reserved.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The API name with every character that cannot stand in an ASCII identifier turned into a
/// word break; a name left without letters or digits is spelled by its code points (`😀` →
/// `u1f600`), and the empty name is `empty`, so every name yields an identifier.
fn identifier_words(api_name: &str) -> String {
    if api_name.is_empty() {
        return "empty".to_owned();
    }
    let words: String = api_name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    if words.trim().is_empty() {
        api_name
            .chars()
            .map(|c| format!("u{:x}", u32::from(c)))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        words
    }
}

/// A Rust type or variant name (`UpperCamelCase`) for an API name.
pub fn type_name(api_name: &str) -> String {
    make_identifier(identifier_words(api_name).to_upper_camel_case(), "N")
}

/// A Rust field, method or module name (`snake_case`) for an API name.
pub fn value_name(api_name: &str) -> String {
    make_identifier(identifier_words(api_name).to_snake_case(), "n_")
}

/// The first of `{base}_2`, `{base}_3`, ... that is not taken: the name of a later one among
/// spec names that meet after case conversion.
pub fn numbered(base: &str, is_taken: impl Fn(&str) -> bool) -> String {
    (2..)
        .map(|number| format!("{base}_{number}"))
        .find(|name| !is_taken(name))
        .unwrap_or_else(|| format!("{base}_2"))
}

/// The Rust names of one operation: its method on each group, its request builder type and its
/// metadata constant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationNames {
    /// The method, `snake_case`.
    pub method: String,
    /// The request builder, `UpperCamelCase`.
    pub builder: String,
    /// The metadata constant, `SCREAMING_SNAKE_CASE`.
    pub constant: String,
}

/// The names an operation takes from `base` (its `operationId`, or [`unnamed_operation_base`]):
/// any character that cannot stand in an ASCII identifier (`/`, `-`, `.`, a space, a non-ASCII
/// letter) breaks words, then heck cases them; a leading digit and a keyword get the usual
/// prefix and suffix (`2fa` → `n_2fa`, `type` → `type_`).
pub fn operation_names(base: &str) -> OperationNames {
    OperationNames {
        method: value_name(base),
        builder: type_name(base),
        constant: const_name(base),
    }
}

/// What an operation without an `operationId` is named after: its method and path
/// (`GET /repos/{owner}/{repo}/issues` → `get_repos_owner_repo_issues`).
pub fn unnamed_operation_base(method: &str, path: &str) -> String {
    format!("{} {path}", method.to_lowercase())
}

/// Names of the metadata module that operation constants must not take.
const METADATA_ITEMS: &[&str] = &["OPERATIONS"];

/// Hands out operation names, so that no two operations share a method, builder or constant:
/// the first to claim a name keeps it, a later one gets the first free suffix `_2`, `_3`, ….
#[derive(Debug, Clone)]
pub struct OperationScope {
    methods: Scope,
    builders: Scope,
    constants: Scope,
}

impl OperationScope {
    /// A scope where builders also dodge `types`, the other types of the operation modules
    /// (the groups).
    pub fn new<'a>(types: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            methods: Scope::default(),
            builders: Scope::with_taken(types),
            constants: Scope::with_taken(METADATA_ITEMS.iter().copied()),
        }
    }

    /// The names of an operation named after `base`, and whether they needed a suffix.
    pub fn claim(&mut self, base: &str) -> (OperationNames, bool) {
        let free = |names: &OperationNames, scope: &Self| {
            !scope.methods.is_taken(&names.method)
                && !scope.builders.is_taken(&names.builder)
                && !scope.constants.is_taken(&names.constant)
        };
        let mut names = operation_names(base);
        let suffixed = !free(&names, self);
        if suffixed {
            names = (2..)
                .map(|n| operation_names(&format!("{base}_{n}")))
                .find(|names| free(names, self))
                .expect("an unbounded range always yields a free name");
        }
        self.methods.claim(&names.method);
        self.builders.claim(&names.builder);
        self.constants.claim(&names.constant);
        (names, suffixed)
    }
}

/// The `#[doc(alias = "...")]` of an operation's method: its `operationId` verbatim, so that
/// rustdoc's search finds the method by the id the spec and other SDKs use. `None` where
/// rustc would reject the alias: an empty one, one that starts or ends with a space, one
/// holding a quote or whitespace other than a space, or one equal to the method name itself
/// (the id still appears verbatim in the method's docs and in the metadata).
pub fn doc_alias<'a>(operation_id: &'a str, method_name: &str) -> Option<&'a str> {
    let rejected = operation_id.is_empty()
        || operation_id.starts_with(' ')
        || operation_id.ends_with(' ')
        || operation_id == method_name
        || operation_id
            .chars()
            .any(|c| c == '"' || c == '\'' || (c.is_whitespace() && c != ' '));
    (!rejected).then_some(operation_id)
}

/// The methods `Client` has besides its group accessors: its own, and those of the traits it
/// implements that its callers (and the generated code) call by method syntax. A tag that would
/// be one of them is numbered, as `client.clone()` must still clone the client.
pub const CLIENT_METHODS: &[&str] = &["base_url", "builder", "clone", "fmt", "from", "into", "new"];

/// The client crate's package name; crates split off it are named after it.
pub const CLIENT_PACKAGE: &str = "purecloud-platform-client";

/// The hand-written runtime crate every generated crate depends on: its package and library.
pub const RUNTIME_PACKAGE: &str = "purecloud-platform-client-runtime";
/// The runtime crate's library, as Rust code names it.
pub const RUNTIME_LIBRARY: &str = "purecloud_platform_client_runtime";
/// The runtime crate's folder relative to the client crate's: `runtime/` beside `generated/`
/// at the project root.
pub const RUNTIME_DIR: &str = "../runtime";

/// Names of the `position`th crate of models (counted from 1) split off the client crate:
/// package, library and folder.
pub fn model_crate_names(position: usize) -> (String, String, String) {
    let package = format!("{CLIENT_PACKAGE}-models-{position}");
    let library = package.replace('-', "_");
    (package, library, format!("models-{position}"))
}

/// Features of the client crate that are not operation groups: its own, and the HTTP ones
/// it forwards to the runtime crate (`templates/Cargo.toml.askama`).
const OTHER_FEATURES: &[&str] = &[
    "default",
    "preview",
    "all-groups",
    "default-http",
    "rustls",
    "native-tls",
    "gzip",
    "brotli",
    "zstd",
    "deflate",
    "http2",
    "system-proxy",
];

/// The cargo feature that compiles an operation group: its module name in kebab case, with
/// `-group` after a name the crate's other features take.
pub fn group_feature(module: &str) -> String {
    let name = module.trim_end_matches('_').replace('_', "-");
    if OTHER_FEATURES.contains(&name.as_str()) {
        format!("{name}-group")
    } else {
        name
    }
}

/// Makes a cased name an identifier: `digit_prefix` before a leading digit, `_` after a keyword.
fn make_identifier(name: String, digit_prefix: &str) -> String {
    let name = if starts_with_digit(&name) {
        format!("{digit_prefix}{name}")
    } else {
        name
    };
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// Names a request builder has itself: its fields and methods.
const BUILDER_MEMBERS: &[&str] = &[
    "body",
    "client",
    "decode",
    "header",
    "info",
    "into_future",
    "into_request",
    "items",
    "options",
    "pages",
    "retry_policy",
    "send",
    "timeout",
];

/// A parameter's argument and setter name: a value name that dodges the builder's own members.
pub fn parameter_name(api_name: &str) -> String {
    let name = value_name(api_name);
    if BUILDER_MEMBERS.contains(&name.as_str()) {
        format!("{name}_parameter")
    } else {
        name
    }
}

/// The name of the field every struct has for the properties the spec does not list: it is
/// `unknown_fields` unless a property of the struct takes that name, then the first free one of
/// `unknown_fields_`, `unknown_fields_2`, ….
pub fn unknown_fields_name<'a>(field_names: impl IntoIterator<Item = &'a str>) -> String {
    Scope::with_taken(field_names).claim_free("unknown_fields", "_")
}

/// A scope for the setters of a model's builder: `build` is the builder's own method, so a
/// field named `build` gets the setter `build_`.
pub fn builder_scope() -> Scope {
    Scope::with_taken(["build"])
}

/// A constant name (`SCREAMING_SNAKE_CASE`) for an API name.
pub fn const_name(api_name: &str) -> String {
    let name = identifier_words(api_name).to_shouty_snake_case();
    if starts_with_digit(&name) {
        format!("N_{name}")
    } else {
        name
    }
}

/// A variant name for an enum value; values without letters or digits get a positional name.
///
/// A negative integer is `Minus` and its digits (`-1` → `Minus1`), so it never dodges a
/// collision with its positive twin (`1` → `N1`).
pub fn variant_name(value: &str, position: usize) -> String {
    if let Some(digits) = negative_integer_digits(value) {
        format!("Minus{digits}")
    } else if value.chars().any(|c| c.is_ascii_alphanumeric()) {
        type_name(value)
    } else {
        format!("Value{position}")
    }
}

/// The digits of `-` followed by ASCII digits only, such as an integer enum's `-1`.
fn negative_integer_digits(value: &str) -> Option<&str> {
    value
        .strip_prefix('-')
        .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

fn starts_with_digit(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_digit())
}

/// Hands out names within one scope, never the same one twice.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where `names` are already taken.
    pub fn with_taken<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            taken: names.into_iter().map(str::to_owned).collect(),
        }
    }

    /// Whether `name` is taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Takes `name` if free; `false` when it was already taken.
    pub fn claim(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_owned())
    }

    /// Takes `name`, or the first free one of `name` + `suffix`, `name` + `suffix` + 2, ….
    ///
    /// Names the generator makes up (inline types, enum variants) use this: they must not fail
    /// on a collision, and the order of claims keeps the result the same on every run.
    pub fn claim_free(&mut self, name: &str, suffix: &str) -> String {
        if self.claim(name) {
            return name.to_owned();
        }
        let with_suffix = format!("{name}{suffix}");
        if self.claim(&with_suffix) {
            return with_suffix;
        }
        (2..)
            .map(|n| format!("{with_suffix}{n}"))
            .find(|candidate| self.claim(candidate))
            .expect("an unbounded range always yields a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_upper_camel_case() {
        assert_eq!(type_name("TrustEntityListing"), "TrustEntityListing");
        assert_eq!(type_name("OAuthLastTokenIssued"), "OAuthLastTokenIssued");
        assert_eq!(
            type_name("Organization Authorization"),
            "OrganizationAuthorization"
        );
        assert_eq!(type_name("OFF_QUEUE"), "OffQueue");
        assert_eq!(type_name("users.rules"), "UsersRules");
    }

    #[test]
    fn values_are_snake_case() {
        assert_eq!(value_name("thirdPartyURI"), "third_party_uri");
        assert_eq!(value_name("selfUri"), "self_uri");
        assert_eq!(
            value_name("getOrgauthorizationTrustees"),
            "get_orgauthorization_trustees"
        );
    }

    #[test]
    fn keywords_get_a_trailing_underscore() {
        assert_eq!(value_name("type"), "type_");
        assert_eq!(value_name("self"), "self_");
        assert_eq!(value_name("ref"), "ref_");
        assert_eq!(value_name("async"), "async_");
        assert_eq!(type_name("Self"), "Self_");
    }

    #[test]
    fn parameters_dodge_builder_members() {
        assert_eq!(parameter_name("timeout"), "timeout_parameter");
        assert_eq!(parameter_name("pageSize"), "page_size");
    }

    #[test]
    fn the_unknown_fields_field_and_setters_dodge_the_spec_names() {
        assert_eq!(unknown_fields_name(["id", "name"]), "unknown_fields");
        assert_eq!(unknown_fields_name(["unknown_fields"]), "unknown_fields_");
        assert_eq!(
            unknown_fields_name(["unknown_fields", "unknown_fields_"]),
            "unknown_fields_2"
        );
        let mut setters = builder_scope();
        assert_eq!(setters.claim_free("enabled", "_"), "enabled");
        assert_eq!(setters.claim_free("build", "_"), "build_");
    }

    #[test]
    fn leading_digits_get_a_prefix() {
        assert_eq!(type_name("3dModel"), "N3dModel");
        assert_eq!(value_name("2fa"), "n_2fa");
        assert_eq!(const_name("1st"), "N_1ST");
    }

    #[test]
    fn names_without_ascii_letters_or_digits_still_make_identifiers() {
        assert_eq!(value_name("😀"), "u1f600");
        assert_eq!(value_name(""), "empty");
        assert_eq!(type_name(""), "Empty");
        assert_eq!(value_name("/"), "u2f");
        assert_eq!(type_name("٣"), "U663");
        assert_eq!(value_name("naïve-name"), "na_ve_name");
        assert_eq!(type_name("x-trace"), "XTrace");
    }

    #[test]
    fn values_without_letters_get_positional_variants() {
        assert_eq!(variant_name("+", 3), "Value3");
        assert_eq!(variant_name("", 0), "Value0");
        assert_eq!(variant_name("WORK2", 4), "Work2");
    }

    #[test]
    fn negative_integers_are_minus_and_positive_ones_keep_the_digit_prefix() {
        assert_eq!(variant_name("-1", 0), "Minus1");
        assert_eq!(variant_name("1", 2), "N1");
        assert_eq!(variant_name("-100", 1), "Minus100");
        assert_eq!(variant_name("0", 1), "N0");
        // Only a minus sign before digits alone reads as a negative number.
        assert_eq!(variant_name("-", 5), "Value5");
        assert_eq!(variant_name("-x1", 0), "X1");
        assert_eq!(variant_name("-1.5", 0), type_name("1.5"));
        // -1 and 1 in one enum: two names, neither dodging the other.
        let mut scope = Scope::default();
        let names: Vec<String> = ["-1", "0", "1", "100"]
            .iter()
            .enumerate()
            .map(|(position, value)| scope.claim_free(&variant_name(value, position), "Value"))
            .collect();
        assert_eq!(names, ["Minus1", "N0", "N1", "N100"]);
    }

    #[test]
    fn scope_resolves_collisions_in_claim_order() {
        let mut scope = Scope::with_taken(["Unknown"]);
        assert_eq!(scope.claim_free("Unknown", "Value"), "UnknownValue");
        assert_eq!(scope.claim_free("Unknown", "Value"), "UnknownValue2");
        assert_eq!(scope.claim_free("Active", "Value"), "Active");
        assert!(!scope.claim("Active"));
    }

    #[test]
    fn operation_ids_of_any_text_make_names() {
        let names = |id: &str| {
            let names = operation_names(id);
            (names.method, names.builder, names.constant)
        };
        let owned = |(a, b, c): (&str, &str, &str)| (a.to_owned(), b.to_owned(), c.to_owned());
        assert_eq!(
            names("meta/root"),
            owned(("meta_root", "MetaRoot", "META_ROOT"))
        );
        assert_eq!(
            names("apps/get-authenticated"),
            owned((
                "apps_get_authenticated",
                "AppsGetAuthenticated",
                "APPS_GET_AUTHENTICATED"
            ))
        );
        assert_eq!(names("key.get"), owned(("key_get", "KeyGet", "KEY_GET")));
        assert_eq!(
            names("list all things"),
            owned(("list_all_things", "ListAllThings", "LIST_ALL_THINGS"))
        );
        assert_eq!(
            names("2fa/enable"),
            owned(("n_2fa_enable", "N2faEnable", "N_2FA_ENABLE"))
        );
        assert_eq!(
            names("créerUtilisateur"),
            owned(("cr_er_utilisateur", "CrErUtilisateur", "CR_ER_UTILISATEUR"))
        );
        assert_eq!(names("type"), owned(("type_", "Type", "TYPE")));
        assert_eq!(names("Self"), owned(("self_", "Self_", "SELF")));
    }

    #[test]
    fn operations_without_an_id_are_named_after_method_and_path() {
        let base = unnamed_operation_base("get", "/repos/{owner}/{repo}/issues");
        assert_eq!(operation_names(&base).method, "get_repos_owner_repo_issues");
        assert_eq!(operation_names(&base).builder, "GetReposOwnerRepoIssues");
        assert_eq!(
            operation_names(&unnamed_operation_base("DELETE", "/")).method,
            "delete"
        );
    }

    #[test]
    fn colliding_operations_are_numbered_in_claim_order() {
        let mut scope = OperationScope::new(["Users"]);
        let (first, suffixed) = scope.claim("getUser");
        assert_eq!((first.method.as_str(), suffixed), ("get_user", false));
        let (second, suffixed) = scope.claim("get_user");
        assert_eq!(
            (
                second.method.as_str(),
                second.builder.as_str(),
                second.constant.as_str()
            ),
            ("get_user_2", "GetUser2", "GET_USER_2")
        );
        assert!(suffixed);
        assert_eq!(scope.claim("get-user").0.method, "get_user_3");
        // The same id again is numbered too.
        assert_eq!(scope.claim("getUser").0.method, "get_user_4");
        // A builder never takes a group's type name, a constant never `OPERATIONS`.
        assert_eq!(scope.claim("users").0.builder, "Users2");
        assert_eq!(scope.claim("operations").0.constant, "OPERATIONS_2");
        // Names that differ in snake case but not in camel case collide too.
        assert_eq!(scope.claim("a1b").0.builder, "A1b");
        assert_eq!(scope.claim("a_1b").0.method, "a_1b_2");
    }

    #[test]
    fn doc_aliases_are_skipped_where_rustc_rejects_them() {
        assert_eq!(doc_alias("meta/root", "meta_root"), Some("meta/root"));
        assert_eq!(
            doc_alias("list all things", "list_all_things"),
            Some("list all things")
        );
        assert_eq!(doc_alias("get_user", "get_user"), None);
        assert_eq!(doc_alias(" padded", "padded"), None);
        assert_eq!(doc_alias("tab\there", "tab_there"), None);
        assert_eq!(doc_alias("it's", "it_s"), None);
        assert_eq!(doc_alias("say \"hi\"", "say_hi"), None);
        assert_eq!(doc_alias("", "empty"), None);
    }

    #[test]
    fn group_features_are_kebab_case_and_dodge_the_crate_features() {
        assert_eq!(
            group_feature("organization_authorization"),
            "organization-authorization"
        );
        assert_eq!(group_feature("type_"), "type");
        assert_eq!(group_feature("preview"), "preview-group");
        assert_eq!(group_feature("gzip"), "gzip-group");
        assert_eq!(group_feature("system_proxy"), "system-proxy-group");
        assert_eq!(group_feature("all_groups"), "all-groups-group");
        assert_eq!(model_crate_names(2).2, "models-2");
    }
}
